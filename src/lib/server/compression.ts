// Large API responses (the map layer: ~40 MB of GeoJSON for 100k listings) go out gzip-compressed when the browser
// accepts it: about a tenth of the bytes on the wire, and small enough for the browser's HTTP cache, which keeps no
// single entry above a fraction of its size — so the map layer the page prefetches is really there when MapLibre's
// worker asks for it. Level 1: compressing must not take longer than sending the bytes would.
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { constants, createGzip } from 'node:zlib';

/** Below this a response goes out as it is: compressing would save little. */
export const GZIP_FROM_BYTES = 256 * 1024;

/** The response, gzip-compressed if it is large, not yet encoded and the request accepts gzip. */
export function gzipLargeResponse(request: Request, response: Response): Response {
	const length = Number(response.headers.get('content-length') ?? Number.NaN);
	const accepts = /(^|[\s,])gzip\b/i.test(request.headers.get('accept-encoding') ?? '');
	if (!response.body || !accepts || !(length >= GZIP_FROM_BYTES) || response.headers.has('content-encoding')) return response;
	const headers = new Headers(response.headers);
	headers.delete('content-length');
	headers.set('content-encoding', 'gzip');
	headers.append('vary', 'Accept-Encoding');
	const gzip = Readable.fromWeb(response.body as NodeReadableStream).pipe(createGzip({ level: constants.Z_BEST_SPEED }));
	return new Response(Readable.toWeb(gzip) as ReadableStream, { status: response.status, headers });
}
