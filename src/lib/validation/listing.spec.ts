import { describe, expect, test } from 'vitest';
import { emptyListingValues, fieldErrorFromDatabase, validateListing, valuesFromFields, type ListingFormValues } from './listing';

/** A valid enterprise with a location: each test breaks one thing. */
const valid = (patch: Partial<ListingFormValues> = {}): ListingFormValues => ({
	...emptyListingValues(),
	kind: 'enterprise',
	name_zh: '水贝珠宝',
	name_en: 'Shuibei Jewellery',
	sectors: ['jewellery'],
	district_code: '440303',
	lon: '114.1234',
	lat: '22.5678',
	precision: 'street',
	source_urls: 'https://example.org/a\n\nhttps://example.org/b  ',
	...patch
});

const errorsOf = (values: ListingFormValues) => {
	const result = validateListing(values);
	return result.ok ? [] : result.errors;
};

describe('validateListing', () => {
	test('accepts a valid listing and converts it to API fields', () => {
		const result = validateListing(valid({ website: ' https://example.org ' }));
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.fields).toMatchObject({
			kind: 'enterprise',
			lon: 114.1234,
			lat: 22.5678,
			website: 'https://example.org',
			summary_zh: null,
			source_urls: ['https://example.org/a', 'https://example.org/b']
		});
	});

	test('needs at least one name', () => {
		expect(errorsOf(valid({ name_zh: ' ', name_en: '' }))).toEqual([{ field: 'name_zh', rule: 'required' }]);
	});

	test('refuses names over 200 characters (counted as characters, not UTF-16 units)', () => {
		expect(errorsOf(valid({ name_zh: '珠'.repeat(200) }))).toEqual([]);
		expect(errorsOf(valid({ name_en: 'x'.repeat(201) }))).toEqual([{ field: 'name_en', rule: 'too_long' }]);
		expect(errorsOf(valid({ name_zh: '𠀀'.repeat(200) }))).toEqual([]);
	});

	test('applies the summary, address, venue and platform-type limits', () => {
		expect(errorsOf(valid({ summary_en: 'x'.repeat(2001) }))).toEqual([{ field: 'summary_en', rule: 'too_long' }]);
		expect(errorsOf(valid({ address_zh: 'x'.repeat(501) }))).toEqual([{ field: 'address_zh', rule: 'too_long' }]);
		expect(errorsOf(valid({ kind: 'event', venue_zh: 'x'.repeat(201) }))).toEqual([{ field: 'venue_zh', rule: 'too_long' }]);
		expect(errorsOf(valid({ kind: 'platform', platform_type: 'x'.repeat(101) }))).toEqual([{ field: 'platform_type', rule: 'too_long' }]);
	});

	test('refuses control characters, but lets summaries keep line breaks', () => {
		expect(errorsOf(valid({ name_en: 'a\u0007b' }))).toEqual([{ field: 'name_en', rule: 'control_chars' }]);
		expect(errorsOf(valid({ address_zh: 'a\nb' }))).toEqual([{ field: 'address_zh', rule: 'control_chars' }]);
		expect(errorsOf(valid({ summary_zh: '第一行\n第二行\r\n' }))).toEqual([]);
		expect(errorsOf(valid({ summary_zh: 'a\u0000' }))).toEqual([{ field: 'summary_zh', rule: 'control_chars' }]);
	});

	test('websites must be http(s) and at most 500 characters', () => {
		expect(errorsOf(valid({ website: 'ftp://example.org' }))).toEqual([{ field: 'website', rule: 'not_http_url' }]);
		expect(errorsOf(valid({ website: 'javascript:alert(1)' }))).toEqual([{ field: 'website', rule: 'not_http_url' }]);
		expect(errorsOf(valid({ website: `https://example.org/${'x'.repeat(500)}` }))).toEqual([{ field: 'website', rule: 'too_long' }]);
	});

	test('needs at least one source URL, all http(s)', () => {
		expect(errorsOf(valid({ source_urls: ' \n ' }))).toEqual([{ field: 'source_urls', rule: 'required' }]);
		expect(errorsOf(valid({ source_urls: 'https://ok.example\nnot a url' }))).toEqual([{ field: 'source_urls', rule: 'not_http_url' }]);
	});

	test('sectors must be among the nine', () => {
		expect(errorsOf(valid({ sectors: ['jewellery', 'shoes'] }))).toEqual([{ field: 'sectors', rule: 'unknown_sector' }]);
	});

	test('event end may not precede its start', () => {
		expect(errorsOf(valid({ kind: 'event', event_start: '2024-05-02', event_end: '2024-05-01' }))).toEqual([{ field: 'event_end', rule: 'date_order' }]);
		expect(errorsOf(valid({ kind: 'event', event_start: '2024-05-01', event_end: '2024-05-01' }))).toEqual([]);
		expect(errorsOf(valid({ kind: 'event', event_start: '2024-02-30' }))).toEqual([{ field: 'event_start', rule: 'wrong_type' }]);
	});

	test('lon/lat come in pairs, as numbers, inside Shenzhen', () => {
		expect(errorsOf(valid({ lat: '' }))).toEqual([{ field: 'lat', rule: 'required' }]);
		expect(errorsOf(valid({ lon: 'abc' }))).toEqual([{ field: 'lon', rule: 'wrong_type' }]);
		expect(errorsOf(valid({ lon: '113.70' }))).toEqual([{ field: 'lon', rule: 'outside_shenzhen' }]);
		expect(errorsOf(valid({ lat: '22.88' }))).toEqual([{ field: 'lon', rule: 'outside_shenzhen' }]);
		// swapped lon/lat land far outside
		expect(errorsOf(valid({ lon: '22.5', lat: '114.1' }))).toEqual([{ field: 'lon', rule: 'outside_shenzhen' }]);
		expect(errorsOf(valid({ lon: '', lat: '', precision: '' }))).toEqual([]);
	});

	test('a location needs its precision', () => {
		expect(errorsOf(valid({ precision: '' }))).toEqual([{ field: 'precision', rule: 'required' }]);
	});

	test('fields that do not apply to the kind are cleared, not refused', () => {
		const result = validateListing(valid({ kind: 'enterprise', platform_type: 'x', event_start: '2024-01-01', venue_en: 'Hall' }));
		expect(result.ok && [result.fields.platform_type, result.fields.event_start, result.fields.venue_en]).toEqual([null, null, null]);
	});

	test('an unknown kind is unknown_value, a missing one required', () => {
		expect(errorsOf(valid({ kind: 'shop' }))).toEqual([{ field: 'kind', rule: 'unknown_value' }]);
		expect(errorsOf(valid({ kind: '' }))).toEqual([{ field: 'kind', rule: 'required' }]);
	});

	test('reports every broken field, one rule each', () => {
		const errors = errorsOf({ ...emptyListingValues(), kind: 'nope', lon: '114.1' });
		// in form order
		expect(errors.map((e) => e.field)).toEqual(['kind', 'name_zh', 'lat', 'source_urls']);
	});
});

describe('valuesFromFields / fieldErrorFromDatabase', () => {
	test('stored fields become form text, source URLs one per line', () => {
		const values = valuesFromFields({ kind: 'event', lon: 114.1, lat: 22.5, source_urls: ['https://a', 'https://b'], sectors: ['apparel'], name_en: null });
		expect(values).toMatchObject({ kind: 'event', lon: '114.1', lat: '22.5', source_urls: 'https://a\nhttps://b', sectors: ['apparel'], name_en: '' });
	});

	test("the database's {field, rule} maps to the same form error; unknown rules become 'invalid'", () => {
		expect(fieldErrorFromDatabase({ field: 'website', rule: 'not_http_url' })).toEqual({ field: 'website', rule: 'not_http_url' });
		expect(fieldErrorFromDatabase({ field: 'website', rule: 'brand_new_rule' })).toEqual({ field: 'website', rule: 'invalid' });
		expect(fieldErrorFromDatabase({ field: 'slug', rule: 'too_long' })).toEqual({ field: 'form', rule: 'too_long' });
	});
});
