// The rules of `npm run data:check`: pure functions from the text of the data files to a list of problems, each
// naming the file, the record id and the rule it breaks. scripts/data/check-cli.ts reads data/ and prints them.
import type { MultiPolygon, Polygon } from 'geojson';
import { isPointInArea } from '../../src/lib/geo/is-point-in-area.ts';
import { isPointInBbox } from '../../src/lib/geo/is-point-in-bbox.ts';
import { polygonProblems } from '../../src/lib/geo/polygon-problems.ts';
import { SHENZHEN_BBOX } from '../../src/lib/geo/shenzhen-bbox.ts';
import {
	DATA_FILES,
	LISTING_KINDS,
	LISTING_STATUSES,
	PLACE_KINDS,
	PRECISIONS,
	SECTOR_CODES,
	VERIFIED_AT_NULL_MEANING
} from './vocabulary.ts';

export interface Problem {
	/** Path of the file, relative to the repository (data/…). */
	file: string;
	/** The record's id (slug, code), or '-' for the file as a whole. */
	id: string;
	/** Short name of the rule broken, e.g. `source-url`, `in-shenzhen`, `polygon`. */
	rule: string;
	message: string;
}

/** The text of each data file by its name relative to data/ (see DATA_FILES); a missing file is undefined. */
export type DataFiles = Partial<Record<string, string>>;

/** `data/listings.json › aikaer-libo › source-url: …`: file, record and rule first, so a failure is easy to find. */
export function formatProblem(problem: Problem): string {
	return `${problem.file} › ${problem.id} › ${problem.rule}: ${problem.message}`;
}

type Json = Record<string, unknown>;
type Report = (id: string, rule: string, message: string) => void;

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a whole http(s) link with a dotted host and no spaces (a description of a source is not a link). */
export function isSourceUrl(value: unknown): boolean {
	if (typeof value !== 'string' || !/^https?:\/\/[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?$/.test(value)) return false;
	try {
		return Boolean(new URL(value));
	} catch {
		return false;
	}
}

/** True for a YYYY-MM-DD string naming a real calendar day. */
function isIsoDate(value: unknown): value is string {
	const match = typeof value === 'string' ? DATE.exec(value) : null;
	if (!match) return false;
	const date = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const isNonEmptyText = (value: unknown) => typeof value === 'string' && value.trim() !== '';
const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const asRecord = (value: unknown): Json => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {});

/** Parses one JSON file, reporting a `parse` problem (and returning undefined) when it is missing or malformed. */
function parseJson(files: DataFiles, name: string, report: Report): unknown {
	const text = files[name];
	if (text === undefined) {
		report('-', 'parse', 'file is missing');
		return undefined;
	}
	try {
		return JSON.parse(text);
	} catch (error) {
		report('-', 'parse', `not valid JSON: ${(error as Error).message}`);
		return undefined;
	}
}

/** Reports ids that are not slugs or occur twice. */
function checkIds(ids: unknown[], report: Report, pattern: RegExp = SLUG) {
	const seen = new Set<unknown>();
	ids.forEach((id, index) => {
		if (typeof id !== 'string' || !pattern.test(id))
			report(String(id ?? `#${index}`), 'id-format', `id ${JSON.stringify(id)} is not a kebab-case slug`);
		if (seen.has(id)) report(String(id), 'id-unique', 'id is used by more than one record');
		seen.add(id);
	});
}

function checkNames(id: string, record: Json, report: Report) {
	for (const key of ['name_zh', 'name_en'])
		if (!isNonEmptyText(record[key])) report(id, 'names', `${key} is missing (both zh and en names are required)`);
}

function checkSectors(id: string, sectors: unknown, report: Report) {
	if (!Array.isArray(sectors)) return report(id, 'sector', 'sectors must be a list (empty = several sectors)');
	for (const code of sectors)
		if (!(SECTOR_CODES as readonly unknown[]).includes(code))
			report(id, 'sector', `unknown sector ${JSON.stringify(code)}; use one of ${SECTOR_CODES.join(', ')}`);
}

function checkOneOf(id: string, rule: string, key: string, value: unknown, allowed: readonly string[], report: Report) {
	if (!allowed.includes(value as string))
		report(id, rule, `${key} ${JSON.stringify(value)} is not one of ${allowed.join(', ')}`);
}

/** At least one source, and every source a link (descriptions of sources belong in source_notes). */
function checkSourceUrls(id: string, key: string, sources: unknown, report: Report) {
	const list = listOf(sources);
	if (list.length === 0) return report(id, 'source-url', `${key} is empty: every record needs at least one source URL`);
	for (const source of list)
		if (!isSourceUrl(source))
			report(id, 'source-url', `${key} holds ${JSON.stringify(source)}, not an http(s) URL (descriptions go in source_notes)`);
}

/** Published figures keep value, unit, year and source. */
function checkFigures(id: string, figures: unknown, report: Report) {
	if (!Array.isArray(figures)) return report(id, 'figure', 'figures must be a list');
	const thisYear = new Date().getUTCFullYear();
	figures.forEach((raw, index) => {
		const figure = asRecord(raw);
		const name = isNonEmptyText(figure.metric) ? String(figure.metric) : `#${index}`;
		if (!isNonEmptyText(figure.metric)) report(id, 'figure', `figure ${name} has no metric name`);
		if (figure.value === undefined || figure.value === null || figure.value === '')
			report(id, 'figure', `figure ${name} has no value`);
		if (!('unit' in figure) || (figure.unit !== null && !isNonEmptyText(figure.unit)))
			report(id, 'figure', `figure ${name} needs a unit (a string, or null when the value carries its own)`);
		// null = the source gives no year (data/README.md); never a guessed one
		if (!('year' in figure) || (figure.year !== null && !(Number.isInteger(figure.year) && (figure.year as number) >= 1949 && (figure.year as number) <= thisYear)))
			report(id, 'figure', `figure ${name} has year ${JSON.stringify(figure.year)}; use a year 1949–${thisYear}, or null when none is published`);
		if (!isNonEmptyText(figure.source)) report(id, 'figure', `figure ${name} has no source`);
	});
}

/** A date not in the future, or null with its documented meaning. */
function checkVerifiedAt(id: string, value: unknown, nullIsDocumented: boolean, report: Report) {
	if (value === null || value === undefined) {
		if (!nullIsDocumented)
			report(id, 'verified-at', `verified_at is null but data/README.md does not define null ("${VERIFIED_AT_NULL_MEANING}")`);
		return;
	}
	if (!isIsoDate(value)) return report(id, 'verified-at', `verified_at ${JSON.stringify(value)} is not a YYYY-MM-DD date`);
	if (value > new Date().toISOString().slice(0, 10)) report(id, 'verified-at', `verified_at ${value} is in the future`);
}

interface DistrictIndex {
	/** GB/T 2260 code → outline (null when none is shipped). */
	outlines: Map<string, Polygon | MultiPolygon | null>;
}

/**
 * A point: both or neither of lon/lat, inside Shenzhen, with a precision, and inside the outline of each named
 * district that has one.
 */
function checkPoint(id: string, record: Json, districtCodes: unknown[], districts: DistrictIndex, report: Report) {
	const { lon, lat } = record;
	if ((lon === null || lon === undefined) && (lat === null || lat === undefined)) return;
	if (typeof lon !== 'number' || typeof lat !== 'number')
		return report(id, 'coordinates', `lon ${JSON.stringify(lon)} / lat ${JSON.stringify(lat)}: give both numbers or neither`);
	if (!isPointInBbox([lon, lat], SHENZHEN_BBOX))
		return report(id, 'in-shenzhen', `[${lon}, ${lat}] is outside Shenzhen's bounding box ${JSON.stringify(SHENZHEN_BBOX)} (lon/lat swapped? not WGS84?)`);
	checkOneOf(id, 'precision', 'precision', record.precision, PRECISIONS, report);
	for (const code of districtCodes) {
		const outline = districts.outlines.get(code as string);
		if (outline && !isPointInArea([lon, lat], outline))
			report(id, 'in-district', `[${lon}, ${lat}] is outside the outline of district ${code}`);
	}
}

function checkDistrictCodes(id: string, codes: unknown[], districts: DistrictIndex, report: Report) {
	for (const code of codes)
		if (!districts.outlines.has(code as string))
			report(id, 'district', `district ${JSON.stringify(code)} is not a GB/T 2260 code in data/districts.json`);
}

function checkPolygon(id: string, polygon: Polygon, report: Report) {
	for (const problem of polygonProblems(polygon)) report(id, 'polygon', problem.message);
	for (const ring of listOf(polygon.coordinates))
		for (const position of listOf(ring))
			if (!isPointInBbox(position as [number, number], SHENZHEN_BBOX))
				return report(id, 'in-shenzhen', `outline vertex ${JSON.stringify(position)} is outside Shenzhen's bounding box`);
}

function checkSectorsFile(files: DataFiles, nullIsDocumented: boolean, problems: Problem[]) {
	const file = `data/${DATA_FILES.sectors}`;
	const report: Report = (id, rule, message) => problems.push({ file, id, rule, message });
	const sectors = parseJson(files, DATA_FILES.sectors, report);
	if (sectors === undefined) return;
	if (!Array.isArray(sectors)) return report('-', 'shape', 'expected a list of sectors');
	const codes = sectors.map((s) => asRecord(s).code);
	checkIds(codes, report, /^[a-z_]+$/);
	for (const code of SECTOR_CODES) if (!codes.includes(code)) report(code, 'sector', 'sector is missing from the file');
	for (const raw of sectors) {
		const sector = asRecord(raw);
		const id = String(sector.code);
		checkOneOf(id, 'sector', 'code', sector.code, SECTOR_CODES, report);
		checkNames(id, sector, report);
		checkFigures(id, sector.figures ?? [], report);
		// a sector's name and colour are the project's own; its published figures need their sources
		if (listOf(sector.figures).length > 0) checkSourceUrls(id, 'sources', sector.sources, report);
		checkVerifiedAt(id, sector.verified_at, nullIsDocumented, report);
	}
}

function checkDistrictsFile(files: DataFiles, problems: Problem[]): DistrictIndex {
	const file = `data/${DATA_FILES.districts}`;
	const report: Report = (id, rule, message) => problems.push({ file, id, rule, message });
	const index: DistrictIndex = { outlines: new Map() };
	const districts = parseJson(files, DATA_FILES.districts, report);
	if (districts === undefined) return index;
	if (!Array.isArray(districts)) {
		report('-', 'shape', 'expected a list of districts');
		return index;
	}
	checkIds(districts.map((d) => asRecord(d).slug), report);
	checkIds(districts.map((d) => asRecord(d).code).filter((c) => c !== null), report, /^[0-9]{6}$/);
	for (const raw of districts) {
		const district = asRecord(raw);
		const id = String(district.slug);
		checkNames(id, district, report);
		checkSourceUrls(id, 'sources', district.sources, report);
		checkPoint(id, district, [], index, report);
		const outline = district.outline as Polygon | MultiPolygon | null | undefined;
		if (outline) {
			const polygons = outline.type === 'MultiPolygon' ? outline.coordinates : outline.type === 'Polygon' ? [outline.coordinates] : null;
			if (!polygons) report(id, 'polygon', `outline must be a Polygon or MultiPolygon, not ${JSON.stringify(outline.type)}`);
			for (const coordinates of polygons ?? []) checkPolygon(id, { type: 'Polygon', coordinates }, report);
		}
		if (typeof district.code === 'string') index.outlines.set(district.code, outline ?? null);
	}
	return index;
}

function checkPlacesFile(files: DataFiles, districts: DistrictIndex, nullIsDocumented: boolean, problems: Problem[]): Set<string> {
	const file = `data/${DATA_FILES.places}`;
	const report: Report = (id, rule, message) => problems.push({ file, id, rule, message });
	const collection = asRecord(parseJson(files, DATA_FILES.places, report));
	if (files[DATA_FILES.places] === undefined || Object.keys(collection).length === 0) return new Set();
	if (collection.type !== 'FeatureCollection' || !Array.isArray(collection.features)) {
		report('-', 'shape', 'expected a GeoJSON FeatureCollection');
		return new Set();
	}
	const features = collection.features.map(asRecord);
	const ids = features.map((f) => asRecord(f.properties).id);
	checkIds(ids, report);
	for (const feature of features) {
		const place = asRecord(feature.properties);
		const id = String(place.id);
		if (feature.type !== 'Feature' || feature.id !== place.id)
			report(id, 'shape', 'each feature is a GeoJSON Feature whose id equals properties.id');
		checkNames(id, place, report);
		checkOneOf(id, 'kind', 'kind', place.kind, PLACE_KINDS, report);
		checkSectors(id, place.sectors, report);
		checkDistrictCodes(id, listOf(place.district_codes), districts, report);
		checkSourceUrls(id, 'sources', place.sources, report);
		checkFigures(id, place.figures, report);
		checkVerifiedAt(id, place.verified_at, nullIsDocumented, report);
		checkPoint(id, place, listOf(place.district_codes), districts, report);
		const geometry = asRecord(feature.geometry);
		if (geometry.type === 'Polygon') checkPolygon(id, geometry as unknown as Polygon, report);
		else if (geometry.type === 'Point') {
			const [lon, lat] = listOf(geometry.coordinates);
			if (lon !== place.lon || lat !== place.lat)
				report(id, 'coordinates', 'a Point geometry must equal the properties lon/lat');
		} else report(id, 'shape', `geometry must be a Polygon or a Point, not ${JSON.stringify(geometry.type)}`);
		if (place.lon === null && geometry.type !== 'Polygon') report(id, 'coordinates', 'a place needs a point or an outline');
	}
	return new Set(ids.filter((id): id is string => typeof id === 'string'));
}

function checkEventDates(id: string, listing: Json, report: Report) {
	const { event_start: start, event_end: end } = listing;
	if (listing.kind !== 'event') {
		if (start != null || end != null) report(id, 'event-dates', 'only events have event_start/event_end');
		return;
	}
	for (const [key, value] of [['event_start', start], ['event_end', end]] as const)
		if (value != null && !isIsoDate(value)) report(id, 'event-dates', `${key} ${JSON.stringify(value)} is not a valid YYYY-MM-DD date`);
	if (end != null && start == null) report(id, 'event-dates', 'event_end without event_start');
	if (isIsoDate(start) && isIsoDate(end) && end < start) report(id, 'event-dates', `event_end ${end} is before event_start ${start}`);
}

function checkListingsFile(files: DataFiles, districts: DistrictIndex, placeIds: Set<string>, nullIsDocumented: boolean, problems: Problem[]): string[] {
	const file = `data/${DATA_FILES.listings}`;
	const report: Report = (id, rule, message) => problems.push({ file, id, rule, message });
	const listings = parseJson(files, DATA_FILES.listings, report);
	if (listings === undefined) return [];
	if (!Array.isArray(listings)) {
		report('-', 'shape', 'expected a list of listings');
		return [];
	}
	const slugs = listings.map((l) => asRecord(l).slug);
	checkIds(slugs, report);
	for (const raw of listings) {
		const listing = asRecord(raw);
		const id = String(listing.slug);
		if (listing.synthetic === true || id.startsWith('synthetic-'))
			report(id, 'not-synthetic', 'synthetic listings are for benchmarks only (.synthetic/), never in data/');
		checkNames(id, listing, report);
		checkOneOf(id, 'kind', 'kind', listing.kind, LISTING_KINDS, report);
		checkOneOf(id, 'kind', 'status', listing.status, LISTING_STATUSES, report);
		checkSectors(id, listing.sectors, report);
		const districtCodes = listing.district_code == null ? [] : [listing.district_code];
		checkDistrictCodes(id, districtCodes, districts, report);
		if (listing.place_id != null && !placeIds.has(listing.place_id as string))
			report(id, 'place', `place_id ${JSON.stringify(listing.place_id)} is not a place in data/places.geojson`);
		checkSourceUrls(id, 'source_urls', listing.source_urls, report);
		checkFigures(id, listing.figures ?? [], report);
		checkVerifiedAt(id, listing.verified_at, nullIsDocumented, report);
		checkPoint(id, listing, districtCodes, districts, report);
		checkEventDates(id, listing, report);
	}
	return slugs.filter((slug): slug is string => typeof slug === 'string');
}

/** The ids listed in data/EXCLUDED.md (rows starting `| \`id\` |`), each with its reason (the last cell). */
export function excludedIds(markdown: string): Map<string, string> {
	const rows = new Map<string, string>();
	for (const line of markdown.split('\n')) {
		const match = /^\|\s*`([^`]+)`\s*\|(.*)\|\s*$/.exec(line);
		if (match) rows.set(match[1]!, match[2]!.split(/(?<!\\)\|/).at(-1)!.trim());
	}
	return rows;
}

/**
 * Nothing from the reference is dropped silently, and reference ids are kept verbatim (stable): each entry of
 * data/raw/places.json is a record in data/ under its id, or has a row with a reason in data/EXCLUDED.md.
 */
function checkReferenceKept(files: DataFiles, kept: Set<string>, problems: Problem[]) {
	const file = `data/${DATA_FILES.excluded}`;
	const report: Report = (id, rule, message) => problems.push({ file, id, rule, message });
	const reference = asRecord(parseJson(files, DATA_FILES.reference, (id, rule, message) =>
		problems.push({ file: `data/${DATA_FILES.reference}`, id, rule, message })));
	if (files[DATA_FILES.excluded] === undefined) report('-', 'parse', 'file is missing');
	const excluded = excludedIds(files[DATA_FILES.excluded] ?? '');
	for (const [id, reason] of excluded) if (!reason) report(id, 'excluded-reason', 'an excluded record needs its reason');
	for (const [section, entries] of Object.entries(reference)) {
		for (const entry of listOf(entries).map(asRecord)) {
			const id = String(entry.id);
			// districts are keyed by slug: the reference id without "-district" (luohu-district → luohu)
			const dataId = section === 'districts_admin' ? id.replace(/-district$/, '') : id;
			if (kept.has(dataId) && excluded.has(id)) report(id, 'id-kept', 'record is both in data/ and in EXCLUDED.md');
			if (!kept.has(dataId) && !excluded.has(id))
				report(id, 'id-kept', `reference ${section} entry is neither in data/ (under id ${dataId}) nor in EXCLUDED.md`);
		}
	}
}

/**
 * The plan's support measures (data/policy-measures.json, issue #6): the clause quoted in Chinese with an English
 * rendering, the figures that the clause itself states (a rate must appear as "N%" and a cap or amount as "N万元"
 * in the quoted text, so a figure can never be entered that the quote does not show), what it applies to, and a
 * source link — a re-post needs a note naming the original publisher.
 */
function checkPolicyFile(files: DataFiles, problems: Problem[]) {
	const file = `data/${DATA_FILES.policy}`;
	const report: Report = (id, rule, message) => problems.push({ file, id, rule, message });
	const data = asRecord(parseJson(files, DATA_FILES.policy, report));
	if (Object.keys(data).length === 0) return;
	const plan = asRecord(data.plan);
	for (const key of ['title_zh', 'title_en', 'document_no'])
		if (!isNonEmptyText(plan[key])) report('plan', 'plan', `plan.${key} is missing`);
	if (!isIsoDate(plan.published)) report('plan', 'plan', 'plan.published must be a date (YYYY-MM-DD)');
	const measures = listOf(data.measures).map(asRecord);
	checkIds(measures.map((m) => m.id), report);
	const orders = new Set<unknown>();
	for (const measure of measures) {
		const id = String(measure.id);
		if (!Number.isInteger(measure.sort_order) || orders.has(measure.sort_order)) report(id, 'sort-order', 'sort_order must be a unique integer');
		orders.add(measure.sort_order);
		for (const key of ['clause_zh', 'clause_en', 'summary_zh', 'summary_en'])
			if (!isNonEmptyText(measure[key])) report(id, 'clause', `${key} is missing (the clause is quoted in Chinese, with an English rendering)`);
		const clause = String(measure.clause_zh ?? '');
		const rate = measure.rate_pct;
		if (rate !== null && !(typeof rate === 'number' && rate > 0 && rate <= 100)) report(id, 'figure', 'rate_pct must be a percentage (0–100] or null');
		else if (typeof rate === 'number' && !clause.includes(`${rate}%`)) report(id, 'quoted-figure', `rate_pct ${rate} does not appear as "${rate}%" in clause_zh`);
		for (const key of ['cap_cny', 'amount_cny']) {
			const value = measure[key];
			if (value === null) continue;
			if (!(Number.isInteger(value) && (value as number) > 0)) report(id, 'figure', `${key} must be a whole number of yuan or null`);
			else if (!clause.includes(`${(value as number) / 10_000}万元`)) report(id, 'quoted-figure', `${key} ${value} does not appear as "${(value as number) / 10_000}万元" in clause_zh`);
		}
		if (rate === null && measure.cap_cny === null && measure.amount_cny === null) report(id, 'figure', 'a measure needs a rate, a cap or an amount');
		const applies = asRecord(measure.applies_to);
		for (const kind of listOf(applies.listing_kinds)) checkOneOf(id, 'applies-to', 'listing kind', kind, LISTING_KINDS, report);
		for (const kind of listOf(applies.area_kinds)) checkOneOf(id, 'applies-to', 'area kind', kind, PLACE_KINDS, report);
		checkSectors(id, applies.sectors, report);
		const sources = listOf(measure.sources).map(asRecord);
		if (sources.length === 0) report(id, 'source-url', 'sources is empty: every measure needs at least one source URL');
		for (const source of sources) {
			if (!isSourceUrl(source.url)) report(id, 'source-url', `source ${JSON.stringify(source.url)} is not an http(s) URL`);
			checkOneOf(id, 'source-kind', 'source kind', source.kind, ['official', 're-post'], report);
			if (source.kind === 're-post' && !isNonEmptyText(source.note)) report(id, 'source-kind', 'a re-post needs a note naming the original publisher');
		}
		if (measure.verified_at !== null && !isIsoDate(measure.verified_at)) report(id, 'verified-at', 'verified_at must be a date (YYYY-MM-DD) or null');
	}
}

/** Every rule over every file; an empty list means the data is fit to seed. */
export function checkData(files: DataFiles): Problem[] {
	const problems: Problem[] = [];
	const nullIsDocumented = (files[DATA_FILES.readme] ?? '').includes(VERIFIED_AT_NULL_MEANING);
	checkSectorsFile(files, nullIsDocumented, problems);
	const districts = checkDistrictsFile(files, problems);
	const placeIds = checkPlacesFile(files, districts, nullIsDocumented, problems);
	const slugs = checkListingsFile(files, districts, placeIds, nullIsDocumented, problems);
	const sectors = listOf(safeParse(files[DATA_FILES.sectors])).map((s) => asRecord(s).profile_id);
	const districtSlugs = listOf(safeParse(files[DATA_FILES.districts])).map((d) => asRecord(d).slug);
	const kept = new Set([...placeIds, ...slugs, ...sectors, ...districtSlugs].filter((id): id is string => typeof id === 'string'));
	checkReferenceKept(files, kept, problems);
	checkPolicyFile(files, problems);
	return problems;
}

function safeParse(text: string | undefined): unknown {
	try {
		return text === undefined ? undefined : JSON.parse(text);
	} catch {
		return undefined;
	}
}
