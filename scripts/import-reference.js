/**
 * One-off conversion of the reference facts (places.json, see /work/shared/reference/README.md) into the
 * project's editable data files:
 *   data/sectors.json     the nine sectors (names are plain translations; colours from Paul Tol's "muted" scheme)
 *   data/districts.json   districts_admin → GB/T 2260 code, slug, names, centroid, precision, sources
 *   data/places.geojson   the five consumption districts + the industry areas that have a location
 *   data/listings.json    enterprises, platforms, events (status published; null coordinates stay null)
 * Nothing is invented: values the reference lacks stay null, every record keeps all its sources.
 * Run: node_modules/.bin/node scripts/import-reference.js [path/to/places.json]
 */
import { readFile, writeFile } from 'node:fs/promises';

const referencePath = process.argv[2] ?? '/work/shared/reference/places.json';
const dataDir = new URL('../data/', import.meta.url);

// Paul Tol's "muted" qualitative scheme: nine colours distinguishable with the common colour-vision deficiencies
// (https://personal.sron.nl/~pault/#sec:qualitative).
const SECTORS = [
	{ code: 'apparel', name_zh: '服装', name_en: 'Apparel', colour: '#cc6677' },
	{ code: 'furniture', name_zh: '家具', name_en: 'Furniture', colour: '#999933' },
	{ code: 'watches', name_zh: '钟表', name_en: 'Watches & Clocks', colour: '#332288' },
	{ code: 'jewellery', name_zh: '黄金珠宝', name_en: 'Gold & Jewellery', colour: '#ddcc77' },
	{ code: 'lingerie', name_zh: '内衣', name_en: 'Lingerie', colour: '#aa4499' },
	{ code: 'leather', name_zh: '皮革', name_en: 'Leather', colour: '#882255' },
	{ code: 'eyewear', name_zh: '眼镜', name_en: 'Eyewear', colour: '#88ccee' },
	{ code: 'cosmetics', name_zh: '化妆品', name_en: 'Cosmetics', colour: '#44aa99' },
	{ code: 'arts_crafts', name_zh: '工艺美术', name_en: 'Arts & Crafts', colour: '#117733' }
];

const PLACE_KINDS = { fashion_consumption_district: 'consumption_district', industry_area: 'industry_town' };

/** The reference's `sector` as a list of sector codes: `multi` (several) becomes an empty list. */
function sectorsOf(entry) {
	return entry.sector && entry.sector !== 'multi' ? [entry.sector] : [];
}

/** The district code named first in a free-text `admin_district` ("光明区 (formerly 宝安区公明镇)" → 光明区), or null. */
function districtCodeOf(adminDistrict, districts) {
	let best = null;
	for (const d of districts) {
		const at = (adminDistrict ?? '').indexOf(d.name_zh);
		if (d.code && at >= 0 && (best === null || at < best.at)) best = { at, code: d.code };
	}
	return best?.code ?? null;
}

/** The unit implied by a fact's name (`area_km2` → km2, `output_value_cny` → CNY); null when it implies none. */
function unitOf(metric) {
	const units = { km2: 'km2', m2: 'm2', ha: 'ha', cny: 'CNY', usd: 'USD', pairs: 'pairs' };
	const token = metric.split('_').find((part) => units[part.toLowerCase()]);
	return token ? units[token.toLowerCase()] : null;
}

/** The reference's `facts` object as a list of figures, in the reference's order. */
function figuresOf(entry) {
	return Object.entries(entry.facts ?? {}).map(([metric, fact]) => ({
		metric,
		value: fact.value ?? null,
		unit: unitOf(metric),
		year: fact.year ?? null,
		source: fact.source ?? null,
		...(fact.note ? { note: fact.note } : {})
	}));
}

/** Twice the signed area of a ring (positive when counter-clockwise in lon/lat). */
function signedArea(ring) {
	let sum = 0;
	for (let i = 0; i < ring.length - 1; i++) sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
	return sum;
}

/** A Polygon with closed rings, exterior counter-clockwise and holes clockwise (RFC 7946 §3.1.6). */
function normalisePolygon(polygon) {
	const coordinates = polygon.coordinates.map((ring, index) => {
		const closed = ring.length && String(ring[0]) === String(ring.at(-1)) ? [...ring] : [...ring, ring[0]];
		const ccw = signedArea(closed) > 0;
		return (index === 0) === ccw ? closed : closed.reverse();
	});
	return { type: 'Polygon', coordinates };
}

/** How a point was placed: the reference's estimate_method or location_method. */
function locationMethodOf(entry) {
	return entry.location_method ?? entry.estimate_method ?? null;
}

/** One GeoJSON Feature for a consumption district or an industry area. */
function placeFeature(entry, districts) {
	const code = districtCodeOf(entry.admin_district, districts);
	return {
		type: 'Feature',
		id: entry.id,
		geometry: entry.geometry
			? normalisePolygon(entry.geometry)
			: { type: 'Point', coordinates: [entry.lon, entry.lat] },
		properties: {
			id: entry.id,
			kind: PLACE_KINDS[entry.kind],
			name_zh: entry.name_zh,
			name_en: entry.name_en,
			description_zh: null,
			description_en: null,
			sectors: sectorsOf(entry),
			district_codes: code ? [code] : [],
			admin_district: entry.admin_district,
			lon: entry.lon,
			lat: entry.lat,
			precision: entry.precision,
			radius_m: entry.radius_m ?? null,
			location_method: locationMethodOf(entry),
			outline_method: entry.outline_method ?? null,
			outline_vertices: entry.outline_vertices ?? null,
			confidence: entry.confidence ?? null,
			figures: figuresOf(entry),
			key_places: entry.key_places ?? [],
			subdistricts: entry.subdistricts ?? [],
			plan_clause: null,
			sources: entry.sources,
			// The reference carries no per-entry check date and no dated release, so none is claimed here.
			verified_at: null,
			notes: entry.notes ?? null
		}
	};
}

/** The last explicit date range in an event's `latest_dates` text ("2024-10-18 to 2024-10-26", "2022-05-15/18"). */
function eventDatesOf(text) {
	const ranges = [
		...(text ?? '').matchAll(
			/(\d{4})-(\d{2})-(\d{2})(?:\s*(?:to|\/)\s*(?:(\d{4})-)?(?:(\d{2})-)?(\d{2}))(?![\d-])/g
		)
	];
	const last = ranges.at(-1);
	if (!last) return { event_start: null, event_end: null };
	const [, y, m, d, y2, m2, d2] = last;
	return { event_start: `${y}-${m}-${d}`, event_end: `${y2 ?? y}-${m2 ?? m}-${d2}` };
}

/** One listing from an enterprise, platform or event entry. */
function listing(entry, districts) {
	const isEvent = entry.kind === 'event';
	const dates = isEvent ? eventDatesOf(entry.latest_dates) : { event_start: null, event_end: null };
	return {
		slug: entry.id,
		kind: entry.kind,
		status: 'published',
		name_zh: entry.name_zh,
		name_en: entry.name_en,
		summary_zh: null,
		summary_en: null,
		address_zh: entry.address_or_area ?? null,
		address_en: null,
		sectors: sectorsOf(entry),
		place_id: null,
		district_code: districtCodeOf(isEvent && entry.venue?.district ? entry.venue.district : entry.admin_district, districts),
		admin_district: entry.admin_district,
		lon: entry.lon,
		lat: entry.lat,
		precision: entry.lon === null ? null : entry.precision,
		radius_m: entry.radius_m ?? null,
		location_method: locationMethodOf(entry),
		website: entry.website ?? null,
		platform_type: entry.kind === 'platform' ? (entry.type ?? null) : null,
		...dates,
		dates_note: isEvent ? (entry.latest_dates ?? null) : null,
		usual_month: isEvent ? (entry.usual_month ?? null) : null,
		organiser: isEvent ? (entry.organiser ?? null) : null,
		venue_zh: isEvent ? (entry.venue?.name_zh ?? null) : null,
		venue_en: isEvent ? (entry.venue?.name_en ?? null) : null,
		figures: figuresOf(entry),
		confidence: entry.confidence ?? null,
		source_urls: [...entry.sources, ...(entry.venue?.source && !entry.sources.includes(entry.venue.source) ? [entry.venue.source] : [])],
		verified_at: null,
		notes: entry.notes ?? null
	};
}

/** JSON as the data files keep it: two-space indent, trailing newline (stable diffs). */
const pretty = (value) => JSON.stringify(value, null, 2) + '\n';
const byKey = (key) => (a, b) => (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0);

const reference = JSON.parse(await readFile(referencePath, 'utf8'));

const districts = reference.districts_admin
	.map((d) => ({
		code: d.gb2260 ?? null,
		slug: d.id.replace(/-district$/, ''),
		name_zh: d.name_zh,
		name_en: d.name_en,
		kind: d.kind,
		outline: null,
		lon: d.lon,
		lat: d.lat,
		precision: d.precision,
		location_method: locationMethodOf(d),
		seat_lon: d.seat_lon ?? null,
		seat_lat: d.seat_lat ?? null,
		sources: d.sources,
		notes: d.notes ?? null
	}))
	.sort(byKey('slug'));

const places = [
	...reference.consumption_districts,
	...reference.industry_areas.filter((a) => a.kind === 'industry_area' && (a.lon !== null || a.geometry))
].map((entry) => placeFeature(entry, districts));
places.sort(byKey('id'));

const listings = [...reference.enterprises, ...reference.platforms, ...reference.events]
	.map((entry) => listing(entry, districts))
	.sort(byKey('slug'));

await writeFile(new URL('sectors.json', dataDir), pretty(SECTORS.map((s, i) => ({ ...s, sort_order: i + 1 }))));
await writeFile(new URL('districts.json', dataDir), pretty(districts));
await writeFile(new URL('places.geojson', dataDir), pretty({ type: 'FeatureCollection', features: places }));
await writeFile(new URL('listings.json', dataDir), pretty(listings));
console.log(`sectors ${SECTORS.length}, districts ${districts.length}, places ${places.length}, listings ${listings.length}`);
