import { invalidBodyError } from './errors.ts';
import type { RpcQuery } from './query-params.ts';

/** The arguments of an RPC call, as they arrived. */
export type Payload =
	/** POST application/json: the body stays text (PostgreSQL decodes it, keeping numbers exact) */
	| { kind: 'json'; body: string; keys: string[]; isArray: boolean }
	/** GET/HEAD query parameters or a POST form: text values typed by the parameter's input function */
	| { kind: 'text'; args: Map<string, string[]> }
	/** POST text/plain: the whole body for a function with a single unnamed text parameter */
	| { kind: 'plain'; body: string };

function jsonPayload(body: string, columns: string[] | undefined): Payload {
	// PostgREST v14 treats an empty body as `{}` (supabase-js sends `{}` for a call without arguments)
	const text = body.trim() === '' ? '{}' : body;
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		throw invalidBodyError('Empty or invalid json');
	}
	const isArray = Array.isArray(value);
	// An array body calls the function with its first object (PostgREST `json_to_recordset`, first row only);
	// any other JSON value names no argument and can only reach a single unnamed json/jsonb parameter.
	const first: unknown = isArray ? (value as unknown[])[0] : value;
	const keys = first !== null && typeof first === 'object' && !Array.isArray(first) ? Object.keys(first) : [];
	return { kind: 'json', body: text, keys: columns ?? keys, isArray };
}

/**
 * Reads the arguments of a call: the query string for GET/HEAD, else the body by its Content-Type.
 * @throws RestError PGRST102 for an unreadable body or an unsupported Content-Type
 */
export async function readPayload(request: Request, query: RpcQuery): Promise<Payload> {
	if (request.method !== 'POST') return { kind: 'text', args: query.args };
	const mediaType = (request.headers.get('content-type') ?? 'application/json').split(';')[0]!.trim().toLowerCase();
	const body = await request.text();
	switch (mediaType) {
		case 'application/json':
			return jsonPayload(body, query.columns);
		case 'application/x-www-form-urlencoded': {
			const args = new Map<string, string[]>();
			for (const [key, value] of new URLSearchParams(body)) args.set(key, [...(args.get(key) ?? []), value]);
			return { kind: 'text', args };
		}
		case 'text/plain':
			return { kind: 'plain', body };
		default:
			throw invalidBodyError(`Content-Type not acceptable: ${mediaType}`);
	}
}
