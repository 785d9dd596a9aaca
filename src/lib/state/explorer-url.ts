// The explorer's shareable state lives in the URL (style.md §5.6): filters, search, selection and language in the
// query string, the camera in the hash. These pure functions are the only place that knows the format.
import type { Lang } from '$lib/i18n';
import { LISTING_KINDS, SECTOR_CODES, SECTOR_FILTERS, type ListingKind, type SectorCode, type SectorFilter } from '$lib/data/types';
import { isIsoDate } from '$lib/validation/iso-date';
import { isPointInBbox } from '$lib/geo/is-point-in-bbox';
import { MAP_REGION } from '$lib/geo/shenzhen-bbox';

export { LISTING_KINDS, SECTOR_CODES, type ListingKind, type SectorCode, type SectorFilter };
export type DatePreset = 'week' | 'month';

export interface Selection {
	type: 'place' | 'listing';
	id: string;
}

/** A selection as the `sel` parameter writes it, and as one selection is told from another: `listing:ttf`. */
export const selectionRef = (selection: Selection) => `${selection.type}:${selection.id}`;

export interface ExplorerState {
	lang: Lang;
	/** Empty = every sector; `multi` = the listings of several sectors. */
	sectors: SectorFilter[];
	/** Empty = every kind. */
	kinds: ListingKind[];
	/** Event date window: a preset relative to today, or explicit bounds (either may be open). */
	datePreset: DatePreset | null;
	from: string | null;
	to: string | null;
	q: string;
	selection: Selection | null;
	// Investors (issue #6). Optional, and left undefined when absent, so a plain explorer URL parses as before.
	/** `view=clusters`: the cluster view (areas with their counts and figures) instead of the listing list. */
	view?: 'clusters';
	/** `sort=<measure>` ascending or `sort=-<measure>` descending, in the cluster view. */
	sort?: string;
	/** `measure=<measure>`: what the map's choropleth shows in the cluster view. */
	measure?: string;
	/** `adistrict=<code>`: the cluster view lists only areas in this district. */
	areaDistrict?: string;
	/** `amin=<n>`: the cluster view lists only areas with at least n listings (their size). */
	areaMin?: number;
	/** `compare=a,b,…`: 2–4 areas side by side (place slugs or district codes). */
	compare?: string[];
	/** `area=<key>`: the area whose statistics are shown (a place, a district, or a drawn circle or polygon). */
	area?: string;
}

export interface Camera {
	zoom: number;
	lat: number;
	lng: number;
}

const isDate = (value: string | null): value is string => !!value && isIsoDate(value);

function listParam<T extends string>(params: URLSearchParams, name: string, allowed: readonly T[]): T[] {
	const values = (params.get(name) ?? '').split(',').filter((v): v is T => (allowed as readonly string[]).includes(v));
	return [...new Set(values)].sort((a, b) => allowed.indexOf(a) - allowed.indexOf(b));
}

/** Reads the explorer state from a URL; anything malformed is ignored rather than failing the page. */
export function parseExplorerState(url: URL): ExplorerState {
	const params = url.searchParams;
	const preset = params.get('dates');
	const sel = /^(place|listing):(.{1,200})$/.exec(params.get('sel') ?? '');
	let from = isDate(params.get('from')) ? params.get('from') : null;
	let to = isDate(params.get('to')) ? params.get('to') : null;
	if (from && to && from > to) [from, to] = [to, from]; // a window given backwards (a hand-edited link) is still that window
	return {
		lang: params.get('lang') === 'en' ? 'en' : 'zh',
		sectors: listParam(params, 'sectors', SECTOR_FILTERS),
		kinds: listParam(params, 'kinds', LISTING_KINDS),
		datePreset: preset === 'week' || preset === 'month' ? preset : null,
		from,
		to,
		q: (params.get('q') ?? '').slice(0, 100),
		selection: sel ? { type: sel[1] as Selection['type'], id: sel[2]! } : null,
		...investorState(params)
	};
}

const MEASURE_NAME = /^[a-z_]{1,40}$/;
const AREA_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** At most this many areas side by side. */
export const MAX_COMPARE = 4;

/** The list's page: rows come 50 at a time. */
export const LIST_PAGE = 50;
/** The most rows the list loads in one request (map_summary's largest page). */
export const MAX_LIST_ROWS = 500;

/**
 * How many of the list's first rows the page shows: `rows` (whole pages, at most MAX_LIST_ROWS), which the list's
 * "Show more" asks for without JavaScript. Not part of the explorer's state: the next filter starts at one page.
 */
export function listRows(url: URL): number {
	const rows = Math.ceil(Number(url.searchParams.get('rows')) / LIST_PAGE) * LIST_PAGE;
	return Number.isFinite(rows) ? Math.min(Math.max(rows, LIST_PAGE), MAX_LIST_ROWS) : LIST_PAGE;
}

/** The investor fields present in the query string (absent ones stay undefined). */
function investorState(params: URLSearchParams): Partial<ExplorerState> {
	const out: Partial<ExplorerState> = {};
	if (params.get('view') === 'clusters') out.view = 'clusters';
	const sort = params.get('sort');
	if (sort && MEASURE_NAME.test(sort.replace(/^-/, ''))) out.sort = sort;
	const measure = params.get('measure');
	if (measure && MEASURE_NAME.test(measure)) out.measure = measure;
	const district = params.get('adistrict');
	if (district && /^\d{6}$/.test(district)) out.areaDistrict = district;
	const min = Number(params.get('amin'));
	if (Number.isInteger(min) && min > 0 && min <= 1_000_000) out.areaMin = min;
	const compare = [...new Set((params.get('compare') ?? '').split(',').filter((id) => AREA_ID.test(id) && id.length <= 100))];
	if (compare.length) out.compare = compare.slice(0, MAX_COMPARE);
	const area = params.get('area');
	if (area && parseAreaKey(area)) out.area = area;
	return out;
}

/** The query string for a state; defaults are left out so links stay short. */
export function explorerSearch(state: ExplorerState): string {
	const params = new URLSearchParams();
	if (state.lang !== 'zh') params.set('lang', state.lang);
	if (state.sectors.length) params.set('sectors', state.sectors.join(','));
	if (state.kinds.length) params.set('kinds', state.kinds.join(','));
	if (state.datePreset) params.set('dates', state.datePreset);
	else {
		if (state.from) params.set('from', state.from);
		if (state.to) params.set('to', state.to);
	}
	if (state.q.trim()) params.set('q', state.q.trim());
	if (state.selection) params.set('sel', selectionRef(state.selection));
	if (state.view) params.set('view', state.view);
	if (state.sort) params.set('sort', state.sort);
	if (state.measure) params.set('measure', state.measure);
	if (state.areaDistrict) params.set('adistrict', state.areaDistrict);
	if (state.areaMin) params.set('amin', String(state.areaMin));
	if (state.compare?.length) params.set('compare', state.compare.join(','));
	if (state.area) params.set('area', state.area);
	const search = params.toString();
	return search ? `?${search}` : '';
}

/**
 * The way back from a detail page to the explorer the visitor opened it from: the explorer as they left it (`left`:
 * its filters, search, investor view and camera), with the record of the detail page selected, in the page's language.
 * @example explorerReturn(new URL('https://x/?sectors=jewellery#map=12.00/22.55/114.1'), { type: 'place', id: 'shuibei' }, 'en')
 * // '/?lang=en&sectors=jewellery&sel=place%3Ashuibei#map=12.00/22.55/114.1'
 */
export function explorerReturn(left: URL, selection: Selection, lang: Lang): string {
	return `/${explorerSearch({ ...parseExplorerState(left), lang, selection })}${left.hash}`;
}

/** A state's query string as name–value pairs, for a form's hidden fields (what it sends without JavaScript). */
export const queryEntries = (state: ExplorerState): [string, string][] => [...new URLSearchParams(explorerSearch(state))];

/** True when any filter or search narrows the listings. */
export const isFiltered = (s: ExplorerState) =>
	s.sectors.length > 0 || s.kinds.length > 0 || s.datePreset !== null || s.from !== null || s.to !== null || s.q.trim() !== '';

/** The same state with every filter and the search cleared (language and selection kept). */
export const clearFilters = (s: ExplorerState): ExplorerState => ({ ...s, sectors: [], kinds: [], datePreset: null, from: null, to: null, q: '' });

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/**
 * The concrete event window of a state: a preset resolved against `today` (ISO weeks start on Monday; months are
 * calendar months), else the explicit bounds.
 * @example eventWindow({ datePreset: 'month', … }, new Date('2026-11-26')) // { from: '2026-11-01', to: '2026-11-30' }
 */
export function eventWindow(state: Pick<ExplorerState, 'datePreset' | 'from' | 'to'>, today: Date): { from: string | null; to: string | null } {
	const day = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
	if (state.datePreset === 'week') {
		const monday = new Date(day);
		monday.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
		const sunday = new Date(monday);
		sunday.setUTCDate(monday.getUTCDate() + 6);
		return { from: isoDay(monday), to: isoDay(sunday) };
	}
	if (state.datePreset === 'month') {
		return {
			from: isoDay(new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), 1))),
			to: isoDay(new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + 1, 0)))
		};
	}
	return { from: state.from, to: state.to };
}

/** Reads `#map=<zoom>/<lat>/<lng>`; null when absent or out of range. */
export function parseCameraHash(hash: string): Camera | null {
	const match = /(?:^#|&)map=(\d+(?:\.\d+)?)\/(-?\d+(?:\.\d+)?)\/(-?\d+(?:\.\d+)?)/.exec(hash);
	if (!match) return null;
	const [zoom, lat, lng] = match.slice(1).map(Number) as [number, number, number];
	if (zoom < 0 || zoom > 22 || Math.abs(lat) > 85 || Math.abs(lng) > 180) return null;
	return { zoom, lat, lng };
}

/** `#map=<zoom>/<lat>/<lng>` rounded to what the zoom can show (as MapLibre's own hash does). */
export function cameraHash(camera: Camera): string {
	const digits = Math.max(0, Math.ceil(Math.log(2 ** camera.zoom) / Math.LN10));
	return `#map=${camera.zoom.toFixed(2)}/${camera.lat.toFixed(digits)}/${camera.lng.toFixed(digits)}`;
}

// ---- areas (issue #6) -----------------------------------------------------------------------------------------

/** An area as the API takes it (public.area_stats p_area). */
export type AreaSpec =
	| { type: 'place'; id: string }
	| { type: 'district'; code: string }
	| { type: 'circle'; center: [number, number]; radius_m: number }
	| { type: 'Polygon'; coordinates: [number, number][][] };

const round = (value: number, digits: number) => Number(value.toFixed(digits));
// an area is drawn on the map, so it lies in the region the map shows (a link's too: else it is junk)
const inMapRegion = (lon: number, lat: number) => isPointInBbox([lon, lat], MAP_REGION);

/**
 * Reads an area key of the URL: a place slug, a six-digit district code, `c:<lon>,<lat>,<radius m>` (a circle) or
 * `p:<lon>,<lat>,<lon>,<lat>,…` (a polygon's corners, at least three, not repeated at the end), inside the map's
 * region. Null when malformed.
 * @example parseAreaKey('c:114.13,22.58,2000') // { type: 'circle', center: [114.13, 22.58], radius_m: 2000 }
 */
export function parseAreaKey(key: string): AreaSpec | null {
	if (key.length > 4000) return null;
	if (/^\d{6}$/.test(key)) return { type: 'district', code: key };
	if (AREA_ID.test(key) && key.length <= 100) return { type: 'place', id: key };
	const numbers = key.slice(2).split(',').map(Number);
	if (key.startsWith('c:') && numbers.length === 3) {
		const [lon, lat, radius] = numbers as [number, number, number];
		return inMapRegion(lon, lat) && radius > 0 && radius <= 50_000 ? { type: 'circle', center: [lon, lat], radius_m: radius } : null;
	}
	if (key.startsWith('p:') && numbers.length >= 6 && numbers.length % 2 === 0 && numbers.length <= 998) {
		const ring: [number, number][] = [];
		for (let i = 0; i < numbers.length; i += 2) {
			if (!inMapRegion(numbers[i]!, numbers[i + 1]!)) return null;
			ring.push([numbers[i]!, numbers[i + 1]!]);
		}
		if (new Set(ring.map(String)).size < 3) return null; // no inside to count
		return { type: 'Polygon', coordinates: [[...ring, ring[0]!]] };
	}
	return null;
}

/** The URL key of an area (coordinates rounded to ~1 m; the polygon's closing position left out). */
export function areaKey(area: AreaSpec): string {
	switch (area.type) {
		case 'place':
			return area.id;
		case 'district':
			return area.code;
		case 'circle':
			return `c:${round(area.center[0], 5)},${round(area.center[1], 5)},${Math.round(area.radius_m)}`;
		case 'Polygon':
			return `p:${area.coordinates[0]!.slice(0, -1).flatMap(([lon, lat]) => [round(lon, 5), round(lat, 5)]).join(',')}`;
	}
}
