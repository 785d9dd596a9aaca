import { gunzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { GZIP_FROM_BYTES, gzipLargeResponse } from './compression.ts';

const json = (bytes: number) => `[${'"深圳时尚 fashion",'.repeat(Math.ceil(bytes / 22))}"end"]`;
const response = (body: string, headers: Record<string, string> = {}) =>
	new Response(body, {
		status: 200,
		headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers }
	});
const request = (acceptEncoding?: string) =>
	new Request('http://localhost/rest/v1/rpc/map_features', { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });

describe('gzipLargeResponse', () => {
	test('a large response to a request that accepts gzip is compressed, and decompresses to the same bytes', async () => {
		const body = json(GZIP_FROM_BYTES * 4);
		const out = gzipLargeResponse(request('gzip, deflate, br'), response(body, { 'cache-control': 'public, max-age=60' }));
		expect(out.headers.get('content-encoding')).toBe('gzip');
		expect(out.headers.get('content-length')).toBeNull();
		expect(out.headers.get('vary')).toContain('Accept-Encoding');
		expect(out.headers.get('cache-control')).toBe('public, max-age=60'); // other headers kept
		const compressed = Buffer.from(await out.arrayBuffer());
		expect(compressed.byteLength).toBeLessThan(Buffer.byteLength(body) / 5);
		expect(gunzipSync(compressed).toString('utf8')).toBe(body);
	});

	test('small responses, requests without gzip and responses already encoded are left alone', async () => {
		const small = json(1000);
		expect(gzipLargeResponse(request('gzip'), response(small)).headers.get('content-encoding')).toBeNull();
		const large = json(GZIP_FROM_BYTES * 2);
		const plain = gzipLargeResponse(request(), response(large));
		expect(plain.headers.get('content-encoding')).toBeNull();
		expect(await plain.text()).toBe(large);
		expect(gzipLargeResponse(request('identity'), response(large)).headers.get('content-encoding')).toBeNull();
		const encoded = response(large, { 'content-encoding': 'br' });
		expect(gzipLargeResponse(request('gzip'), encoded)).toBe(encoded);
	});
});
