import type { Database } from '../../db/database.ts';
import { ANON_ROLE, resolveIdentity } from '../roles.ts';
import type { GatewaySecrets } from '../secrets.ts';
import { buildCallStatement, type Page } from './call-statement.ts';
import { toRestError } from './db-errors.ts';
import { errorResponse, RestError } from './errors.ts';
import { negotiateSchema, wantsSingleObject } from './negotiation.ts';
import { readPayload } from './payload.ts';
import { preferredCount } from './prefer.ts';
import { parseRpcQuery, type RpcQuery } from './query-params.ts';
import { requestSettings } from './request-settings.ts';
import { callResponse, type CallRow } from './responses.ts';
import { findRoutine, routineNotFound } from './routine-match.ts';
import type { SchemaCache } from './schema-cache.ts';

/** What an RPC call needs from the API it belongs to. */
export interface RpcContext {
	db: Database;
	secrets: GatewaySecrets;
	schemas: string[];
	maxRows: number;
	schemaCache(): Promise<SchemaCache>;
}

const CALL_METHODS = ['GET', 'HEAD', 'POST'];

/**
 * The rows a SETOF call returns: `offset`/`limit`, intersected with a `Range: first-last` header on reads
 * (PostgREST v14 reads Range only on GET), capped at db-max-rows.
 * @throws RestError 416 PGRST103 for a Range whose first row is after its last
 */
function requestedPage(request: Request, query: RpcQuery, maxRows: number): Page {
	let first = query.offset ?? 0;
	let last = query.limit === undefined ? Infinity : first + query.limit - 1;
	const range = /^(?:items=)?(\d+)-(\d*)$/.exec(request.headers.get('range')?.trim() ?? '');
	if (range && request.method !== 'POST') {
		const [rangeFirst, rangeLast] = [Number(range[1]), range[2] === '' ? Infinity : Number(range[2])];
		if (rangeFirst > rangeLast) {
			throw new RestError(416, 'PGRST103', 'Requested range not satisfiable',
				'The lower boundary must be lower than or equal to the upper boundary in the Range header.');
		}
		[first, last] = [Math.max(first, rangeFirst), Math.min(last, rangeLast)];
	}
	last = Math.min(last, first + maxRows - 1);
	return { offset: first, limit: Math.max(0, last - first + 1) };
}

/** OPTIONS on a function: which methods may call it (PostgREST v14 RoutineInfoPlan). */
async function routineOptions(context: RpcContext, request: Request, name: string): Promise<Response> {
	const { schema } = negotiateSchema(request, context.schemas);
	const overloads = (await context.schemaCache()).get(schema)?.get(name) ?? [];
	if (overloads.length === 0) throw routineNotFound(await context.schemaCache(), schema, name);
	const volatile = overloads.some((r) => r.volatility === 'volatile');
	return new Response(null, { status: 200, headers: { Allow: volatile ? 'OPTIONS,POST' : 'OPTIONS,GET,HEAD,POST' } });
}

/**
 * Calls `<schema>.<name>` the way PostgREST v14 serves `/rpc/<name>`, in one transaction with the request's
 * role and settings. Never throws: every failure becomes PostgREST's error response.
 * @param path the path after /rest/v1 (e.g. `/rpc/list_sectors`), exposed to SQL as `request.path`
 */
export async function handleRpc(context: RpcContext, request: Request, name: string, path: string): Promise<Response> {
	let authed = false;
	try {
		if (request.method === 'OPTIONS') return await routineOptions(context, request, name);
		if (!CALL_METHODS.includes(request.method)) {
			throw new RestError(405, 'PGRST101', `Cannot use the ${request.method} method on RPC`);
		}
		// PostgREST authenticates before it looks at the request, so a bad token wins over every other error
		const identity = await resolveIdentity(request, context.secrets);
		authed = identity.role !== ANON_ROLE;
		const { schema, negotiated } = negotiateSchema(request, context.schemas);
		const singleObject = wantsSingleObject(request);
		const query = parseRpcQuery(new URL(request.url).searchParams, request.method !== 'POST');
		const payload = await readPayload(request, query);
		const routine = findRoutine(await context.schemaCache(), schema, name, payload);
		const count = preferredCount(request);
		const page = routine.returnsSet ? requestedPage(request, query, context.maxRows) : { offset: 0 };
		const statement = buildCallStatement(routine, payload, query, {
			page,
			asObject: singleObject || !routine.returnsSet,
			// for RPC PostgREST counts only on exact/estimated; planned leaves the total unknown
			count: count === 'exact' || count === 'estimated'
		});
		// PostgREST v14: GET/HEAD, and POST to STABLE/IMMUTABLE functions, run READ ONLY
		const readOnly = request.method !== 'POST' || routine.volatility !== 'volatile';
		const settings = requestSettings(request, identity, schema, path);
		const row = await context.db.transaction(async (tx) => {
			await tx.query(readOnly ? 'set transaction read only' : 'set transaction read write');
			await tx.query(settings.text, settings.params);
			const [result] = (await tx.query<CallRow>(statement.text, statement.params)).rows;
			// `.single()` on a set that is not exactly one row fails, and rolls back what the call did
			if (singleObject && routine.returnsSet && result!.page_total !== 1) {
				throw new RestError(406, 'PGRST116', 'Cannot coerce the result to a single JSON object',
					`The result contains ${result!.page_total} rows`);
			}
			return result!;
		});
		return callResponse(row, {
			offset: page.offset,
			pageTotal: routine.returnsSet ? row.page_total : 1,
			isVoid: routine.returns === 'void',
			singleObject,
			count,
			profile: negotiated ? schema : undefined,
			head: request.method === 'HEAD'
		});
	} catch (error) {
		return errorResponse(toRestError(error, authed));
	}
}
