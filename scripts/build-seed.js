/**
 * Writes supabase/seed.sql from the files in data/ (sectors.json, districts.json, places.geojson, listings.json,
 * policy-measures.json).
 * Deterministic: the same data gives a byte-identical file (rows sorted by key, no timestamps).
 * The seed runs as the table owner after the migrations (supabase db reset, or the embedded server's first
 * start), so it inserts straight into the atlas tables; triggers derive bbox, centroid and search keys.
 * Synthetic listings (`npm run data:synth`, benchmarks) are refused: the seed is real, sourced data only.
 * Run: npm run data:build
 */
import { readFile, writeFile } from 'node:fs/promises';

const dataDir = new URL('../data/', import.meta.url);
const seedFile = new URL('../supabase/seed.sql', import.meta.url);

/** A SQL literal for a string (standard_conforming_strings: only quotes need doubling), or null. */
function text(value) {
	return value === null || value === undefined ? 'null' : `'${String(value).replaceAll("'", "''")}'`;
}

/** A SQL literal for a finite number, or null. */
function num(value) {
	if (value === null || value === undefined) return 'null';
	if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
	return String(value);
}

/** A SQL text[] literal. */
function textArray(values) {
	return values?.length ? `array[${values.map(text).join(', ')}]::text[]` : `'{}'::text[]`;
}

/** A SQL jsonb literal, or null. */
function json(value) {
	return value === null || value === undefined ? 'null' : `${text(JSON.stringify(value))}::jsonb`;
}

/** A SQL date literal (YYYY-MM-DD), or null. */
function date(value) {
	return value ? `${text(value)}::date` : 'null';
}

/** `insert into <table> (<columns>) values (…), (…);` with one row per line. */
function insert(table, columns, rows) {
	if (!rows.length) return `-- no rows for ${table}\n`;
	const values = rows.map((row) => `  (${row.join(', ')})`).join(',\n');
	return `insert into ${table} (${columns.join(', ')}) values\n${values};\n`;
}

const byKey = (key) => (a, b) => (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0);
const readJson = async (name) => JSON.parse(await readFile(new URL(name, dataDir), 'utf8'));

/** Sector rows with their city-wide figures. */
function sectorRows(sectors) {
	return [...sectors]
		.sort(byKey('code'))
		.map((s) => [
			text(s.code), text(s.name_zh), text(s.name_en), text(s.colour), num(s.sort_order), json(s.figures ?? []),
			textArray(s.sources), textArray(s.source_notes), date(s.verified_at), text(s.notes)
		]);
}

/** District rows; entries without a GB/T 2260 code (Dapeng New District) cannot be keyed and are left out. */
function districtRows(districts) {
	return districts
		.filter((d) => d.code)
		.sort(byKey('code'))
		.map((d) => [
			text(d.code), text(d.slug), text(d.name_zh), text(d.name_en), json(d.outline), num(d.lon), num(d.lat),
			text(d.precision), textArray(d.sources), text(d.notes)
		]);
}

/** Place rows from GeoJSON features: a Polygon geometry is the outline, the point comes from lon/lat. */
function placeRows(collection) {
	return collection.features
		.map((f) => f.properties)
		.sort(byKey('id'))
		.map((p) => {
			const geometry = collection.features.find((f) => f.properties.id === p.id).geometry;
			return [
				text(p.id), text(p.kind), text(p.name_zh), text(p.name_en), text(p.description_zh), text(p.description_en),
				textArray(p.district_codes), textArray(p.sectors), json(geometry.type === 'Polygon' ? geometry : null),
				num(p.lon), num(p.lat), text(p.precision), num(p.radius_m), text(p.location_method), text(p.outline_method),
				text(p.confidence), json(p.figures), textArray(p.key_places), textArray(p.subdistricts), text(p.plan_clause),
				textArray(p.sources), date(p.verified_at), text(p.notes), textArray(p.source_notes)
			];
		});
}

/**
 * True for a listing made by the synthetic generator (scripts/lib/synthetic-listings.ts): it says so itself, or
 * carries the generator's slug prefix or its reserved (.invalid) source URL.
 */
function isSynthetic(listing) {
	return (
		listing.synthetic === true ||
		String(listing.slug).startsWith('synthetic-') ||
		(listing.source_urls ?? []).some((url) => /^https?:\/\/[^/]*\.invalid(\/|$)/.test(url))
	);
}

/** Listing rows; ids are derived in the database, slugs are the stable keys. */
function listingRows(listings) {
	const synthetic = listings.filter(isSynthetic);
	if (synthetic.length > 0) {
		throw new Error(
			`data/listings.json holds ${synthetic.length} synthetic listing(s) (e.g. ${synthetic[0].slug}): synthetic ` +
				'data is for benchmarks only and never enters the seed. Remove them (they belong in .synthetic/).'
		);
	}
	return [...listings]
		.sort(byKey('slug'))
		.map((l) => [
			text(l.slug), text(l.kind), text(l.status), text(l.name_zh), text(l.name_en), text(l.summary_zh),
			text(l.summary_en), text(l.address_zh), text(l.address_en), textArray(l.sectors), text(l.place_id),
			text(l.district_code), num(l.lon), num(l.lat), text(l.precision), num(l.radius_m), text(l.location_method),
			text(l.website), text(l.platform_type), date(l.event_start), date(l.event_end), text(l.dates_note),
			text(l.venue_zh), text(l.venue_en), textArray(l.source_urls), date(l.verified_at), text(l.notes),
			json(l.figures ?? []), textArray(l.source_notes), text(l.organiser), text(l.usual_month), text(l.confidence)
		]);
}

/** The plan's support measures (data/policy-measures.json): one row each, the plan's title and number on every row. */
function policyMeasureRows(file) {
	const plan = file.plan;
	return [...file.measures]
		.sort(byKey('id'))
		.map((m) => [
			text(m.id), num(m.sort_order), text(plan.title_zh), text(plan.title_en), text(plan.document_no), date(plan.published),
			text(m.clause_ref), text(m.clause_heading_zh), text(m.clause_zh), text(m.clause_en), text(m.summary_zh),
			text(m.summary_en), num(m.rate_pct), num(m.cap_cny), num(m.amount_cny), textArray(m.applies_to.listing_kinds),
			textArray(m.applies_to.sectors), textArray(m.applies_to.area_kinds), json(m.sources), text(m.notes),
			date(m.verified_at)
		]);
}

const sql = [
	'-- GENERATED by scripts/build-seed.js from data/ — do not edit by hand',
	'-- Edit the files in data/ and run `npm run data:build`.',
	'',
	insert(
		'atlas.sectors',
		['code', 'name_zh', 'name_en', 'colour', 'sort_order', 'figures', 'sources', 'source_notes', 'verified_at', 'notes'],
		sectorRows(await readJson('sectors.json'))
	),
	insert(
		'atlas.districts',
		['code', 'slug', 'name_zh', 'name_en', 'outline', 'lon', 'lat', 'precision', 'sources', 'notes'],
		districtRows(await readJson('districts.json'))
	),
	insert(
		'atlas.places',
		[
			'id', 'kind', 'name_zh', 'name_en', 'description_zh', 'description_en', 'district_codes', 'sectors', 'outline',
			'lon', 'lat', 'precision', 'radius_m', 'location_method', 'outline_method', 'confidence', 'figures',
			'key_places', 'subdistricts', 'plan_clause', 'sources', 'verified_at', 'notes', 'source_notes'
		],
		placeRows(await readJson('places.geojson'))
	),
	insert(
		'atlas.listings',
		[
			'slug', 'kind', 'status', 'name_zh', 'name_en', 'summary_zh', 'summary_en', 'address_zh', 'address_en',
			'sectors', 'place_id', 'district_code', 'lon', 'lat', 'precision', 'radius_m', 'location_method', 'website',
			'platform_type', 'event_start', 'event_end', 'dates_note', 'venue_zh', 'venue_en', 'source_urls',
			'verified_at', 'notes', 'figures', 'source_notes', 'organiser', 'usual_month', 'confidence'
		],
		listingRows(await readJson('listings.json'))
	),
	insert(
		'atlas.policy_measures',
		[
			'id', 'sort_order', 'plan_title_zh', 'plan_title_en', 'plan_document_no', 'plan_published', 'clause_ref',
			'clause_heading_zh', 'clause_zh', 'clause_en', 'summary_zh', 'summary_en', 'rate_pct', 'cap_cny', 'amount_cny',
			'applies_kinds', 'applies_sectors', 'applies_area_kinds', 'sources', 'notes', 'verified_at'
		],
		policyMeasureRows(await readJson('policy-measures.json'))
	)
].join('\n');

await writeFile(seedFile, sql);
console.log(`wrote ${seedFile.pathname}`);
