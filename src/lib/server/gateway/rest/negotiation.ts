import { RestError } from './errors.ts';

/** The schema a request addresses and whether the response must name it in `Content-Profile`. */
export interface SchemaChoice {
	schema: string;
	negotiated: boolean;
}

const READ_METHODS = ['GET', 'HEAD', 'OPTIONS'];

/**
 * PostgREST v14 `getSchema`: `Accept-Profile` for reads, `Content-Profile` for writes, else the first exposed
 * schema; the choice is echoed when a profile header was sent or several schemas are exposed.
 * @throws RestError 406 PGRST106 for a schema that is not exposed
 */
export function negotiateSchema(request: Request, schemas: string[]): SchemaChoice {
	const header = READ_METHODS.includes(request.method) ? 'accept-profile' : 'content-profile';
	const requested = request.headers.get(header);
	if (requested === null) return { schema: schemas[0]!, negotiated: schemas.length > 1 };
	if (!schemas.includes(requested)) {
		throw new RestError(406, 'PGRST106', `Invalid schema: ${requested}`, null,
			`Only the following schemas are exposed: ${schemas.join(', ')}`);
	}
	return { schema: requested, negotiated: true };
}

const OBJECT_TYPES = ['application/vnd.pgrst.object+json', 'application/vnd.pgrst.object'];
const JSON_TYPES = ['application/json', 'application/*', '*/*'];

/**
 * Whether the client asked for one object (`.single()` sends `Accept: application/vnd.pgrst.object+json`)
 * rather than JSON; the first acceptable media type listed wins.
 * @throws RestError 406 PGRST107 when no listed media type can be produced (csv, GeoJSON, plans…)
 */
export function wantsSingleObject(request: Request): boolean {
	const accept = request.headers.get('accept')?.trim();
	if (!accept) return false;
	const types = accept.split(',').map((range) => range.split(';')[0]!.trim().toLowerCase());
	for (const type of types) {
		if (OBJECT_TYPES.includes(type)) return true;
		if (JSON_TYPES.includes(type)) return false;
	}
	throw new RestError(406, 'PGRST107', `None of these media types are available: ${types.join(', ')}`);
}
