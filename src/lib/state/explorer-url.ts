// The explorer's shareable state lives in the URL (style.md §5.6): filters, search, selection and language in the
// query string, the camera in the hash. These pure functions are the only place that knows the format.
import type { Lang } from '$lib/i18n';

export const SECTOR_CODES = ['apparel', 'furniture', 'watches', 'jewellery', 'lingerie', 'leather', 'eyewear', 'cosmetics', 'arts_crafts'] as const;
export const LISTING_KINDS = ['enterprise', 'platform', 'event'] as const;
export type SectorCode = (typeof SECTOR_CODES)[number];
export type ListingKind = (typeof LISTING_KINDS)[number];
export type DatePreset = 'week' | 'month';

export interface Selection {
	type: 'place' | 'listing';
	id: string;
}

export interface ExplorerState {
	lang: Lang;
	/** Empty = every sector. */
	sectors: SectorCode[];
	/** Empty = every kind. */
	kinds: ListingKind[];
	/** Event date window: a preset relative to today, or explicit bounds (either may be open). */
	datePreset: DatePreset | null;
	from: string | null;
	to: string | null;
	q: string;
	selection: Selection | null;
}

export interface Camera {
	zoom: number;
	lat: number;
	lng: number;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (value: string | null): value is string => !!value && ISO_DATE.test(value) && !Number.isNaN(Date.parse(value));

function listParam<T extends string>(params: URLSearchParams, name: string, allowed: readonly T[]): T[] {
	const values = (params.get(name) ?? '').split(',').filter((v): v is T => (allowed as readonly string[]).includes(v));
	return [...new Set(values)].sort((a, b) => allowed.indexOf(a) - allowed.indexOf(b));
}

/** Reads the explorer state from a URL; anything malformed is ignored rather than failing the page. */
export function parseExplorerState(url: URL): ExplorerState {
	const params = url.searchParams;
	const preset = params.get('dates');
	const sel = /^(place|listing):(.{1,200})$/.exec(params.get('sel') ?? '');
	const from = params.get('from');
	const to = params.get('to');
	return {
		lang: params.get('lang') === 'en' ? 'en' : 'zh',
		sectors: listParam(params, 'sectors', SECTOR_CODES),
		kinds: listParam(params, 'kinds', LISTING_KINDS),
		datePreset: preset === 'week' || preset === 'month' ? preset : null,
		from: isDate(from) ? from : null,
		to: isDate(to) ? to : null,
		q: (params.get('q') ?? '').slice(0, 100),
		selection: sel ? { type: sel[1] as Selection['type'], id: sel[2]! } : null
	};
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
	if (state.selection) params.set('sel', `${state.selection.type}:${state.selection.id}`);
	const search = params.toString();
	return search ? `?${search}` : '';
}

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
