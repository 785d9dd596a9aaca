/**
 * One-off conversion of the reference facts (data/raw/places.json, a copy of the team's reference v2; see
 * data/raw/README.md) into the project's editable data files:
 *   data/sectors.json     the nine sectors (names are plain translations; colours from Paul Tol's "muted" scheme)
 *                         + each sector's city-wide published figures (the reference's citywide_sector_profile)
 *   data/districts.json   districts_admin → GB/T 2260 code, slug, names, centroid, precision, sources
 *   data/places.geojson   the five consumption districts + the industry areas that have a location
 *   data/listings.json    enterprises, platforms, events (status published; null coordinates stay null)
 *   data/EXCLUDED.md      every reference entry that could not be used, with the reason
 * Nothing is invented: values the reference lacks stay null. A source that is a link goes to the record's source
 * URLs; a source that is only a description ("GitHub file, index id …", "http://site.com (article of …)") goes to
 * its source notes, because a link to a site's home page is not a link to the source.
 * Re-running it overwrites data/: once the files are edited by hand, edit them, not this script.
 * Run: node_modules/.bin/node scripts/import-reference.js [path/to/places.json]
 */
import { readFile, writeFile } from 'node:fs/promises';

const referencePath = process.argv[2] ?? new URL('../data/raw/places.json', import.meta.url);
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

/** True for a source that is a whole http(s) link (no description around it, a dotted host). */
function isLink(source) {
	if (!/^https?:\/\/[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?$/.test(source)) return false;
	try {
		return Boolean(new URL(source));
	} catch {
		return false;
	}
}

/** A record's sources split into links and descriptions of sources that are not links. */
function splitSources(sources) {
	return { urls: sources.filter(isLink), notes: sources.filter((s) => !isLink(s)) };
}

/**
 * Listings the reference itself ties to one of the plan's areas. A tie is made only when the reference's own words
 * put the listing there: its location is said to be that area's point ("placed at the Dalang Fashion Town
 * estimate", "Shuibei cluster centroid"), or its address, venue or name names the area or one of the area's
 * key places (水贝, 大浪时尚小镇, SZCEC, 横岗眼镜时尚e城 …). First match wins (most specific first). A point that
 * merely coincides with an area's point (e.g. the same metro station) is not a tie, and neither is a placement the
 * reference flags as an unsourced ASSUMPTION. The rule is documented in data/README.md.
 */
const PLACE_TIES = [
	['dalang-fashion-town', /Dalang Fashion Town|Dalang Fashion Creative City|大浪时尚小镇|大浪时尚创意城|大浪服装产业基地/],
	['shuibei-buxin-jewellery-cluster', /Shuibei cluster|Shuibei IBC|水贝/],
	['nanyou-garment-cluster', /Nanyou cluster|Nanyou garment district/],
	['guangming-time-valley', /in "Time Valley"|Guangming watch base|钟表基地/],
	['dafen-oil-painting-village', /Dafen village/],
	['sanlian-crystal-jade-village', /Sanlian Crystal & Jade Culture Village|三联水晶玉石文化村/],
	['guanlan-printmaking-base', /Guanlan printmaking base|Guanlan Print Village/],
	['huaqiangbei-cosmetics-markets', /明通/],
	['henggang-glasses-city', /横岗眼镜时尚e城/],
	['china-south-city-leather-materials', /China South City|华南城/],
	['futian-central-business-area', /SZCEC|MOCAPE/]
];

/** The id of the area the reference ties a listing to (see PLACE_TIES), or null. */
function placeIdOf(entry, placeIds) {
	const method = locationMethodOf(entry) ?? '';
	if (/ASSUMPTION/.test(method)) return null;
	// Not the notes: they also mention where a listing once was or what it is related to ("previously at SZCEC").
	const words = [method, entry.address_or_area, entry.venue?.name_en, entry.venue?.name_zh, entry.name_zh, entry.name_en]
		.filter(Boolean)
		.join(' | ');
	const tie = PLACE_TIES.find(([id, pattern]) => placeIds.has(id) && pattern.test(words));
	return tie?.[0] ?? null;
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
			sources: splitSources(entry.sources).urls,
			source_notes: splitSources(entry.sources).notes,
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
function listing(entry, districts, placeIds) {
	const isEvent = entry.kind === 'event';
	const dates = isEvent ? eventDatesOf(entry.latest_dates) : { event_start: null, event_end: null };
	const venueSource = entry.venue?.source && !entry.sources.includes(entry.venue.source) ? [entry.venue.source] : [];
	const sources = splitSources([...entry.sources, ...venueSource]);
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
		place_id: placeIdOf(entry, placeIds),
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
		source_urls: sources.urls,
		source_notes: sources.notes,
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
		sources: splitSources(d.sources).urls,
		source_notes: splitSources(d.sources).notes,
		notes: d.notes ?? null
	}))
	.sort(byKey('slug'));

const locatedAreas = reference.industry_areas.filter((a) => a.kind === 'industry_area' && (a.lon !== null || a.geometry));
const places = [...reference.consumption_districts, ...locatedAreas].map((entry) => placeFeature(entry, districts));
places.sort(byKey('id'));
const placeIds = new Set(places.map((p) => p.id));

/** Each sector with the figures of the reference's city-wide profile of that sector (not a place: no location). */
const sectors = SECTORS.map((sector, i) => {
	const profile = reference.industry_areas.find((a) => a.kind === 'citywide_sector_profile' && a.sector === sector.code);
	const sources = splitSources(profile?.sources ?? []);
	return {
		...sector,
		sort_order: i + 1,
		profile_id: profile?.id ?? null,
		figures: profile ? figuresOf(profile) : [],
		sources: sources.urls,
		source_notes: sources.notes,
		verified_at: null,
		notes: profile?.notes ?? null
	};
});

const listingEntries = [
	...reference.enterprises.map((entry) => ({ section: 'enterprises', entry })),
	...reference.platforms.map((entry) => ({ section: 'platforms', entry })),
	...reference.events.map((entry) => ({ section: 'events', entry }))
];
const hasSourceLink = ({ entry }) => entry.sources.some(isLink) || (entry.venue?.source && isLink(entry.venue.source));
const listings = listingEntries
	.filter(hasSourceLink)
	.map(({ entry }) => listing(entry, districts, placeIds))
	.sort(byKey('slug'));

/** The reference entries that are not records in data/, each with why (data/EXCLUDED.md). */
const excluded = [
	...listingEntries
		.filter((e) => !hasSourceLink(e))
		.map(({ section, entry }) => ({
			section,
			entry,
			reason:
				'no source link: every source it cites is a description, not a URL ("' +
				entry.sources.map((s) => (s.length > 90 ? `${s.slice(0, 90)}…` : s)).join('"; "') +
				'"). Add it back when a linkable source is found.'
		})),
	...reference.industry_areas
		.filter((a) => a.kind === 'industry_area' && !locatedAreas.includes(a))
		.map((entry) => ({
			section: 'industry_areas',
			entry,
			reason:
				`no location: the reference found none ("${locationMethodOf(entry)}"), and a place needs a point or an ` +
				'outline (the map never draws one at a made-up point). Its figures and sources stay in data/raw/places.json; ' +
				'add it to places.geojson when a location is published.'
		}))
].sort((a, b) => (a.entry.id < b.entry.id ? -1 : 1));

const excludedMd = [
	'# Reference records not in `data/`',
	'',
	'Every entry of the reference (`data/raw/places.json`) is either a record in `data/` or listed here with the',
	'reason. `npm run data:check` fails when a reference id is in neither place, so nothing is dropped silently.',
	'First written by `scripts/import-reference.js`; when you exclude a record by hand, add a row.',
	'',
	'| id | reference section | name | reason |',
	'|---|---|---|---|',
	...excluded.map(
		({ section, entry, reason }) =>
			`| \`${entry.id}\` | ${section} | ${entry.name_zh} / ${entry.name_en} | ${reason.replaceAll('|', '\\|')} |`
	),
	'',
	'## In `data/` but not in the database',
	'',
	'- `dapeng` (districts.json, 大鹏新区 / Dapeng New District): a functional area without a GB/T 2260 code, so it',
	'  cannot key `atlas.districts`; `scripts/build-seed.js` leaves it out. Records there name Longgang (龙岗区).',
	'- The nine `sector-profile-*` entries (city-wide, no location) are not places: their figures and sources are',
	'  carried by the sectors (`data/sectors.json` → `atlas.sectors.figures`, API `get_sector`).',
	''
].join('\n');

await writeFile(new URL('sectors.json', dataDir), pretty(sectors));
await writeFile(new URL('districts.json', dataDir), pretty(districts));
await writeFile(new URL('places.geojson', dataDir), pretty({ type: 'FeatureCollection', features: places }));
await writeFile(new URL('listings.json', dataDir), pretty(listings));
await writeFile(new URL('EXCLUDED.md', dataDir), excludedMd);
console.log(
	`sectors ${sectors.length}, districts ${districts.length}, places ${places.length}, listings ${listings.length}, ` +
		`excluded ${excluded.length}`
);
