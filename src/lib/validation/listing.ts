// The listing rules of the database (atlas.listings checks + save_listing's validation), in zod, so the form can
// answer before a round trip and the server action refuses the same inputs before calling the API. Errors are
// `{field, rule}` pairs — the same shape the database returns (errcode 22023, detail `{"field","rule"}`) — and the
// UI localizes them by rule, so a refusal reads the same wherever it was caught.
import { z } from 'zod';
import { SHENZHEN_BBOX } from '$lib/geo/shenzhen-bbox';
import type { ListingFields } from '$lib/data/manage';
import { LISTING_KINDS, SECTOR_CODES, type ListingKind, type Precision, type SectorCode } from '$lib/data/types';
import { isIsoDate } from './iso-date';

export const PRECISIONS: readonly Precision[] = ['address', 'street', 'subdistrict', 'estimate'];

/** Maximum lengths (characters) as in the table's checks. */
export const MAX_LENGTH = {
	name_zh: 200,
	name_en: 200,
	summary_zh: 2000,
	summary_en: 2000,
	address_zh: 500,
	address_en: 500,
	venue_zh: 200,
	venue_en: 200,
	platform_type: 100,
	website: 500,
	source_urls: 2000
} as const;

/** The form's fields in display order (also the accepted CSV/GeoJSON property names). */
export const LISTING_FIELDS = [
	'kind',
	'name_zh',
	'name_en',
	'summary_zh',
	'summary_en',
	'address_zh',
	'address_en',
	'sectors',
	'district_code',
	'place_id',
	'lon',
	'lat',
	'precision',
	'website',
	'platform_type',
	'event_start',
	'event_end',
	'venue_zh',
	'venue_en',
	'source_urls',
	'verified_at'
] as const satisfies readonly (keyof ListingFields)[];
export type ListingField = (typeof LISTING_FIELDS)[number];

/**
 * What a form holds: text as typed (numbers and dates too), sectors as checked codes, source URLs one per line.
 * Kept as strings so a failed validation can hand back exactly what was typed.
 */
export type ListingFormValues = { [K in Exclude<ListingField, 'sectors'>]: string } & { sectors: string[] };

/** A refused value: which field and which rule (the keys of the localized messages). */
export interface FieldError {
	field: ListingField | 'form';
	rule: ListingRule;
}

/**
 * Rule names, as the database names them (atlas.listing_errors): a refusal reads the same whether the form, the
 * server action or the database caught it. `invalid` is the UI's fallback for rules it does not know.
 */
export type ListingRule =
	| 'required'
	| 'too_long'
	| 'control_chars'
	| 'wrong_type'
	| 'unknown_value'
	| 'unknown_sector'
	| 'unknown_district'
	| 'unknown_place'
	| 'not_http_url'
	| 'outside_shenzhen'
	| 'outside_district'
	| 'date_order'
	| 'not_for_kind'
	| 'read_only'
	| 'wrong_status'
	| 'unknown_field'
	| 'not_allowed'
	| 'invalid';

export const emptyListingValues = (): ListingFormValues => ({
	kind: 'enterprise',
	name_zh: '',
	name_en: '',
	summary_zh: '',
	summary_en: '',
	address_zh: '',
	address_en: '',
	sectors: [],
	district_code: '',
	place_id: '',
	lon: '',
	lat: '',
	precision: '',
	website: '',
	platform_type: '',
	event_start: '',
	event_end: '',
	venue_zh: '',
	venue_en: '',
	source_urls: '',
	verified_at: ''
});

/** Form values from stored fields (e.g. get_listing_for_edit, a conflict's current values, an imported row). */
export function valuesFromFields(stored: object): ListingFormValues {
	const fields = stored as Partial<Record<string, unknown>>;
	const values = emptyListingValues();
	for (const field of LISTING_FIELDS) {
		const value = fields[field];
		if (value === undefined || value === null) continue;
		if (field === 'sectors') values.sectors = Array.isArray(value) ? value.map(String) : String(value).split(/[;,\s]+/).filter(Boolean);
		else if (field === 'source_urls') values.source_urls = Array.isArray(value) ? value.map(String).join('\n') : String(value);
		else values[field] = String(value);
	}
	return values;
}

/** Form values from a submitted form (names as the fields; sectors as repeated checkboxes). */
export function valuesFromFormData(form: FormData): ListingFormValues {
	const values = emptyListingValues();
	for (const field of LISTING_FIELDS) {
		if (field === 'sectors') values.sectors = form.getAll('sectors').map(String);
		else values[field] = String(form.get(field) ?? '');
	}
	return values;
}

// C0 controls and DEL; multi-line fields may keep tab and line breaks. Same class as the database's check.
const CONTROL_SINGLE_LINE = /[\u0000-\u001f\u007f]/;
const CONTROL_MULTI_LINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

const isHttpUrl = (text: string) => {
	if (!/^https?:\/\//i.test(text)) return false;
	try {
		new URL(text);
		return true;
	} catch {
		return false;
	}
};


/** A text field: trimmed, empty → null, length and control characters checked. */
const text = (max: number, multiLine = false) =>
	z
		.string()
		.transform((value) => value.trim())
		.check((ctx) => {
			if ([...ctx.value].length > max) ctx.issues.push({ code: 'custom', message: 'too_long', input: ctx.value });
			if ((multiLine ? CONTROL_MULTI_LINE : CONTROL_SINGLE_LINE).test(ctx.value))
				ctx.issues.push({ code: 'custom', message: 'control_chars', input: ctx.value });
		})
		.transform((value) => (value === '' ? null : value));

const optionalDate = z
	.string()
	.transform((value) => value.trim())
	.refine((value) => value === '' || isIsoDate(value), { message: 'wrong_type' })
	.transform((value) => (value === '' ? null : value));

const listingSchema = z
	.object({
		kind: z
			.string()
			.check((ctx) => {
				if (!(LISTING_KINDS as readonly string[]).includes(ctx.value)) ctx.issues.push({ code: 'custom', message: ctx.value.trim() ? 'unknown_value' : 'required', input: ctx.value });
			})
			.transform((value) => value as ListingKind),
		name_zh: text(MAX_LENGTH.name_zh),
		name_en: text(MAX_LENGTH.name_en),
		summary_zh: text(MAX_LENGTH.summary_zh, true),
		summary_en: text(MAX_LENGTH.summary_en, true),
		address_zh: text(MAX_LENGTH.address_zh),
		address_en: text(MAX_LENGTH.address_en),
		sectors: z.array(z.string()).refine((codes) => codes.every((code) => (SECTOR_CODES as readonly string[]).includes(code)), { message: 'unknown_sector' }),
		district_code: z
			.string()
			.transform((value) => value.trim())
			.refine((value) => value === '' || /^\d{6}$/.test(value), { message: 'unknown_district' })
			.transform((value) => (value === '' ? null : value)),
		place_id: z
			.string()
			.transform((value) => value.trim())
			.refine((value) => value === '' || /^[a-z0-9]+(-[a-z0-9]+)*$/.test(value), { message: 'unknown_place' })
			.transform((value) => (value === '' ? null : value)),
		lon: z.string().transform((value) => value.trim()),
		lat: z.string().transform((value) => value.trim()),
		precision: z
			.string()
			.refine((value) => value === '' || (PRECISIONS as readonly string[]).includes(value), { message: 'unknown_value' })
			.transform((value) => (value === '' ? null : (value as Precision))),
		website: text(MAX_LENGTH.website).refine((value) => value === null || isHttpUrl(value), { message: 'not_http_url' }),
		platform_type: text(MAX_LENGTH.platform_type),
		event_start: optionalDate,
		event_end: optionalDate,
		venue_zh: text(MAX_LENGTH.venue_zh),
		venue_en: text(MAX_LENGTH.venue_en),
		source_urls: z
			.string()
			.transform((value) =>
				value
					.split(/\r?\n/)
					.map((line) => line.trim())
					.filter(Boolean)
			)
			.check((ctx) => {
				if (ctx.value.length === 0) ctx.issues.push({ code: 'custom', message: 'required', input: ctx.value });
				else if (!ctx.value.every(isHttpUrl)) ctx.issues.push({ code: 'custom', message: 'not_http_url', input: ctx.value });
				else if (CONTROL_SINGLE_LINE.test(ctx.value.join(''))) ctx.issues.push({ code: 'custom', message: 'control_chars', input: ctx.value });
				else if (ctx.value.some((url) => url.length > MAX_LENGTH.source_urls)) ctx.issues.push({ code: 'custom', message: 'too_long', input: ctx.value });
			}),
		verified_at: optionalDate
	});

/**
 * Rules across fields. Run on the raw values, separately from the schema: zod skips object-level checks once a
 * field fails, and the editor should see every problem at once, not one round at a time.
 */
function crossFieldErrors(raw: ListingFormValues): FieldError[] {
	const errors: FieldError[] = [];
	const issue = (field: ListingField, rule: ListingRule) => errors.push({ field, rule });
	const v = { name_zh: raw.name_zh.trim(), name_en: raw.name_en.trim(), lon: raw.lon.trim(), lat: raw.lat.trim(), precision: raw.precision.trim() };
	if (v.name_zh === '' && v.name_en === '') issue('name_zh', 'required');
	// lon/lat: both or neither, numbers, inside Shenzhen (the database's atlas.in_shenzhen box)
	const hasLon = v.lon !== '';
	const hasLat = v.lat !== '';
	if (hasLon !== hasLat) issue(hasLon ? 'lat' : 'lon', 'required');
	for (const field of ['lon', 'lat'] as const) {
		if (v[field] !== '' && !DECIMAL.test(v[field])) issue(field, 'wrong_type');
	}
	if (hasLon && hasLat && DECIMAL.test(v.lon) && DECIMAL.test(v.lat)) {
		const [west, south, east, north] = SHENZHEN_BBOX;
		const lon = Number(v.lon);
		const lat = Number(v.lat);
		// the database reports the point on `lon`, whichever coordinate is off
		if (lon < west || lon > east || lat < south || lat > north) issue('lon', 'outside_shenzhen');
	}
	if (hasLon && hasLat && v.precision === '') issue('precision', 'required');
	const start = raw.event_start.trim();
	const end = raw.event_end.trim();
	if (raw.kind === 'event' && isIsoDate(start) && isIsoDate(end) && end < start) issue('event_end', 'date_order');
	return errors;
}

export type ValidationResult = { ok: true; fields: ListingFields } | { ok: false; errors: FieldError[] };

/**
 * Checks form values against the listing rules and, when they pass, turns them into the API's fields.
 * Fields that do not apply to the kind (platform type for non-platforms, dates and venue for non-events) are sent
 * as null rather than refused: switching the kind must not trap the editor behind hidden fields.
 * @param values the form's values, as typed
 * @returns the fields for save_listing, or every refused `{field, rule}` (at most one per field)
 */
export function validateListing(values: ListingFormValues): ValidationResult {
	const result = listingSchema.safeParse(values);
	const errors: FieldError[] = [];
	const add = (error: FieldError) => {
		if (!errors.some((known) => known.field === error.field)) errors.push(error);
	};
	if (!result.success) {
		for (const issue of result.error.issues) {
			add({ field: (issue.path[0] as ListingField | undefined) ?? 'form', rule: isRule(issue.message) ? issue.message : 'invalid' });
		}
	}
	crossFieldErrors(values).forEach(add);
	// form order, as the database reports them: the summary then reads top to bottom like the form
	const order = (field: string) => (LISTING_FIELDS as readonly string[]).indexOf(field);
	errors.sort((a, b) => order(a.field) - order(b.field));
	if (!result.success || errors.length > 0) return { ok: false, errors };
	const v = result.data;
	const isEvent = v.kind === 'event';
	const located = v.lon !== '' && v.lat !== '';
	return {
		ok: true,
		fields: {
			kind: v.kind,
			name_zh: v.name_zh,
			name_en: v.name_en,
			summary_zh: v.summary_zh,
			summary_en: v.summary_en,
			address_zh: v.address_zh,
			address_en: v.address_en,
			sectors: [...new Set(v.sectors)] as SectorCode[],
			place_id: v.place_id,
			district_code: v.district_code,
			lon: located ? Number(v.lon) : null,
			lat: located ? Number(v.lat) : null,
			precision: v.precision,
			website: v.website,
			platform_type: v.kind === 'platform' ? v.platform_type : null,
			event_start: isEvent ? v.event_start : null,
			event_end: isEvent ? v.event_end : null,
			venue_zh: isEvent ? v.venue_zh : null,
			venue_en: isEvent ? v.venue_en : null,
			source_urls: v.source_urls,
			verified_at: v.verified_at
		}
	};
}

const RULES: readonly string[] = [
	'required',
	'too_long',
	'control_chars',
	'wrong_type',
	'unknown_value',
	'unknown_sector',
	'unknown_district',
	'unknown_place',
	'not_http_url',
	'outside_shenzhen',
	'outside_district',
	'date_order',
	'not_for_kind',
	'read_only',
	'wrong_status',
	'unknown_field',
	'not_allowed',
	'invalid'
];
const isRule = (rule: string): rule is ListingRule => RULES.includes(rule);

/**
 * A database refusal (`{field, rule}` from errcode 22023 or validate_listing) as a form error. Rule names the UI
 * does not know become `invalid` on the same field, so a newer database rule still points at the right input.
 */
export function fieldErrorFromDatabase(error: { field: string; rule: string }): FieldError {
	const field = (LISTING_FIELDS as readonly string[]).includes(error.field) ? (error.field as ListingField) : 'form';
	return { field, rule: isRule(error.rule) ? error.rule : 'invalid' };
}
