// Turns an uploaded CSV or GeoJSON file into listing rows for import_listings: one object per row with the API's
// field names. Values stay as the file gave them until validateListing converts them, so the preview can show what
// the file said next to what is wrong with it.
import { LISTING_FIELDS, validateListing, valuesFromFields, type FieldError, type ListingFormValues } from '$lib/validation/listing';
import type { ListingFields } from '$lib/data/manage';
import { CsvError, parseCsv } from './csv';

export interface ImportRow {
	/** 0-based position in the file (the API's `index`). */
	index: number;
	/** Where it is in the file, for people: the CSV line or the GeoJSON feature number (1-based). */
	source: string;
	values: ListingFormValues;
	/** Converted fields when the row passed the form rules. */
	fields: ListingFields | null;
	errors: FieldError[];
}

export type ParseProblem = { reason: 'unterminated_quote' | 'stray_quote' | 'empty' | 'duplicate_header' | 'not_geojson' | 'not_points' | 'no_known_columns' | 'too_many_rows'; line?: number };

/** At most this many rows per upload: a dry run validates each in the database within one request. */
export const MAX_IMPORT_ROWS = 1000;

/** Lists in a cell: `a;b` or one per line (URLs never contain spaces, sectors are codes). */
const splitList = (text: string) => text.split(/[;\n\r|]+|\s+/).map((s) => s.trim()).filter(Boolean);

function rowFrom(index: number, source: string, raw: Record<string, unknown>): ImportRow {
	const normalized: Record<string, unknown> = { ...raw };
	for (const field of ['sectors', 'source_urls'] as const) {
		const value = normalized[field];
		if (typeof value === 'string') normalized[field] = splitList(value);
	}
	const values = valuesFromFields(normalized);
	const result = validateListing(values);
	return { index, source, values, fields: result.ok ? result.fields : null, errors: result.ok ? [] : result.errors };
}

/**
 * Reads an import file.
 * @param name the file name (`.geojson`/`.json` → GeoJSON, anything else CSV)
 * @param text the file's text (UTF-8)
 */
export function parseImportFile(name: string, text: string): { rows: ImportRow[] } | { problem: ParseProblem } {
	if (/\.(geo)?json$/i.test(name) || text.trimStart().startsWith('{')) return parseGeoJson(text);
	try {
		const table = parseCsv(text);
		if (!table.header.some((column) => (LISTING_FIELDS as readonly string[]).includes(column))) return { problem: { reason: 'no_known_columns' } };
		if (table.rows.length > MAX_IMPORT_ROWS) return { problem: { reason: 'too_many_rows' } };
		return { rows: table.rows.map((row, index) => rowFrom(index, `${table.lines[index]}`, row)) };
	} catch (error) {
		if (error instanceof CsvError) return { problem: { reason: error.reason, line: error.line } };
		throw error;
	}
}

function parseGeoJson(text: string): { rows: ImportRow[] } | { problem: ParseProblem } {
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch {
		return { problem: { reason: 'not_geojson' } };
	}
	const collection = data as { type?: string; features?: unknown[] };
	if (collection?.type !== 'FeatureCollection' || !Array.isArray(collection.features)) return { problem: { reason: 'not_geojson' } };
	if (collection.features.length > MAX_IMPORT_ROWS) return { problem: { reason: 'too_many_rows' } };
	const rows: ImportRow[] = [];
	for (const [index, item] of collection.features.entries()) {
		const feature = item as { type?: string; geometry?: { type?: string; coordinates?: unknown } | null; properties?: Record<string, unknown> | null };
		if (feature?.type !== 'Feature') return { problem: { reason: 'not_geojson', line: index + 1 } };
		const geometry = feature.geometry;
		// a feature without geometry is a listing without a known location; any other shape is refused
		if (geometry && geometry.type !== 'Point') return { problem: { reason: 'not_points', line: index + 1 } };
		const properties: Record<string, unknown> = { ...(feature.properties ?? {}) };
		if (geometry && Array.isArray(geometry.coordinates)) {
			properties.lon = geometry.coordinates[0];
			properties.lat = geometry.coordinates[1];
		}
		rows.push(rowFrom(index, `#${index + 1}`, properties));
	}
	return { rows };
}
