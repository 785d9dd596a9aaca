import { describe, expect, it } from 'vitest';
import { callResponse, contentRange, type CallRow } from './responses.ts';

const row = (overrides: Partial<CallRow> = {}): CallRow => ({
	total: null,
	page_total: 1,
	body: '[1]',
	response_headers: null,
	response_status: null,
	...overrides
});
const options = { offset: 0, pageTotal: 1, isVoid: false, singleObject: false, head: false };

describe('contentRange', () => {
	it('follows PostgREST v14 contentRangeH', () => {
		expect(contentRange(0, 3, undefined)).toBe('0-2/*');
		expect(contentRange(10, 5, 100)).toBe('10-14/100');
		expect(contentRange(0, 0, undefined)).toBe('*/*');
		expect(contentRange(0, 0, 0)).toBe('*/0');
	});
});

describe('callResponse', () => {
	it('refuses malformed response GUCs with PGRST111/PGRST112', () => {
		expect(() => callResponse(row({ response_status: 'teapot' }), options)).toThrow(
			expect.objectContaining({ status: 500, code: 'PGRST112' })
		);
		expect(() => callResponse(row({ response_headers: '{"a":"b"}' }), options)).toThrow(
			expect.objectContaining({ status: 500, code: 'PGRST111' })
		);
	});

	it('omits the body but keeps Content-Type for HEAD', async () => {
		const res = callResponse(row(), { ...options, head: true });
		expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
		expect(await res.text()).toBe('');
	});
});
