import type { Database } from '../../db/database.ts';
import type { GatewaySecrets } from '../secrets.ts';
import { errorResponse, RestError } from './errors.ts';
import { toRestError } from './db-errors.ts';
import { negotiateSchema } from './negotiation.ts';
import { handleRpc } from './rpc.ts';
import { loadSchemaCache, type SchemaCache } from './schema-cache.ts';

export interface RestApiOptions {
	db: Database;
	secrets: GatewaySecrets;
	/** exposed schemas, PostgREST's db-schemas; the first is the default (default `['public']`) */
	schemas?: string[];
	/** PostgREST's db-max-rows, caps SETOF results (default 1000, as on Supabase) */
	maxRows?: number;
}

export interface RestApi {
	/** path = the part after /rest/v1, e.g. '/rpc/list_sectors', '/', '/sectors'. Never throws: always a Response. */
	handle(request: Request, path: string): Promise<Response>;
	/** re-read pg_proc (call after migrations) */
	reloadSchemaCache(): Promise<void>;
}

const invalidPath = () => new RestError(404, 'PGRST125', 'Invalid path specified in request URL');

/**
 * Answers a path that is not `/rpc/<fn>` as PostgREST v14 `getResource` would: one segment names a table, and
 * tables are not exposed by this API (PGRST205); the root (OpenAPI) and deeper paths are invalid (PGRST125).
 */
function nonRpcPathError(request: Request, segments: string[], schemas: string[]): RestError {
	if (segments.length !== 1 || segments[0] === '') return invalidPath();
	const { schema } = negotiateSchema(request, schemas);
	return new RestError(404, 'PGRST205', `Could not find the table '${schema}.${segments[0]}' in the schema cache`);
}

/** Creates the embedded PostgREST: RPC over `db`, authenticated with the installation's JWT secret. */
export function createRestApi(options: RestApiOptions): RestApi {
	const schemas = options.schemas ?? ['public'];
	const maxRows = options.maxRows ?? 1000;
	let cache: Promise<SchemaCache> | undefined;

	const load = () => {
		const loading = loadSchemaCache(options.db, schemas);
		cache = loading;
		// a failed load is retried by the next request instead of being remembered
		loading.catch(() => {
			if (cache === loading) cache = undefined;
		});
		return loading;
	};
	const schemaCache = async () => {
		try {
			return await (cache ?? load());
		} catch (error) {
			throw new RestError(503, 'PGRST002', 'Could not query the database for the schema cache. Retrying.',
				error instanceof Error ? error.message : String(error));
		}
	};
	const context = { db: options.db, secrets: options.secrets, schemas, maxRows, schemaCache };

	return {
		async handle(request, path) {
			try {
				const segments = path.replace(/^\//, '').split('/').map(decodeURIComponent);
				if (segments.length === 2 && segments[0] === 'rpc') return await handleRpc(context, request, segments[1]!, path);
				throw nonRpcPathError(request, segments, schemas);
			} catch (error) {
				return errorResponse(error instanceof URIError ? invalidPath() : toRestError(error, false));
			}
		},
		async reloadSchemaCache() {
			await load();
		}
	};
}
