import { isValidHeader, RestError } from './errors.ts';

/** The single row the main statement returns. */
export interface CallRow {
	total: string | null;
	page_total: number;
	body: string | null;
	response_headers: string | null;
	response_status: string | null;
}

/** What shapes a successful RPC response besides the row. */
export interface CallResponseOptions {
	/** row index of the first returned row */
	offset: number;
	/** rows in the body; 1 for single-value functions whatever the row says */
	pageTotal: number;
	isVoid: boolean;
	singleObject: boolean;
	/** the `count=` preference that was applied, if any */
	count?: string;
	/** the schema to echo in `Content-Profile` */
	profile?: string;
	head: boolean;
}

/**
 * `Content-Range: first-last/total`, `*` for an empty page, `*` total when not counted (PostgREST v14
 * `contentRangeH`).
 */
export function contentRange(offset: number, pageTotal: number, total: number | undefined): string {
	const last = offset + pageTotal - 1;
	const range = total !== 0 && offset <= last ? `${offset}-${last}` : '*';
	return `${range}/${total ?? '*'}`;
}

/** `response.status` set by the function overrides the status (PostgREST v14 `overrideStatusHeaders`). */
function statusOverride(value: string | null): number | undefined {
	if (value === null) return undefined;
	const status = Number(value);
	if (!/^\d+$/.test(value) || status < 200 || status > 599) {
		throw new RestError(500, 'PGRST112', 'response.status guc must be a valid status code');
	}
	return status;
}

/** `response.headers` set by the function: a JSON array of single-key objects with string values. */
function extraHeaders(value: string | null): [string, string][] {
	if (value === null) return [];
	const invalid = new RestError(500, 'PGRST111',
		'response.headers guc must be a JSON array composed of objects with a single key and a string value');
	let parsed: unknown;
	try {
		parsed = JSON.parse(value);
	} catch {
		throw invalid;
	}
	if (!Array.isArray(parsed)) throw invalid;
	return parsed.map((item: unknown) => {
		const entries = item !== null && typeof item === 'object' ? Object.entries(item) : [];
		const [entry] = entries;
		if (entries.length !== 1 || typeof entry![1] !== 'string' || !isValidHeader(entry![0], entry![1])) throw invalid;
		return entry as [string, string];
	});
}

/**
 * The response to a successful call (supabase-contract §2.6): 200, 206 when counted and partial, 204 for void;
 * Content-Range always; Content-Type and Content-Length only with a body.
 * @throws RestError 416 PGRST103 for an offset past the counted total, 500 PGRST111/112 for bad response GUCs
 */
export function callResponse(row: CallRow, options: CallResponseOptions): Response {
	const total = row.total === null ? undefined : Number(row.total);
	if (total !== undefined && options.offset > total) {
		throw new RestError(416, 'PGRST103', 'Requested range not satisfiable',
			`An offset of ${options.offset} was requested, but there are only ${total} rows.`);
	}
	const headers = new Headers({ 'Content-Range': contentRange(options.offset, options.pageTotal, total) });
	if (options.count) headers.set('Preference-Applied', `count=${options.count}`);
	if (options.profile) headers.set('Content-Profile', options.profile);
	let status = options.isVoid ? 204 : total !== undefined && options.pageTotal < total ? 206 : 200;
	status = statusOverride(row.response_status) ?? status;
	for (const [name, value] of extraHeaders(row.response_headers)) headers.append(name, value);
	if (options.isVoid || [204, 205, 304].includes(status)) return new Response(null, { status, headers });
	const mediaType = options.singleObject ? 'application/vnd.pgrst.object+json' : 'application/json';
	headers.set('Content-Type', `${mediaType}; charset=utf-8`);
	const body = row.body ?? 'null';
	if (options.head) return new Response(null, { status, headers });
	headers.set('Content-Length', String(Buffer.byteLength(body))); // no 40 MB copy just to count bytes
	return new Response(body, { status, headers });
}
