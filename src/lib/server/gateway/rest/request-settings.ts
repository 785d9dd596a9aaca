import type { RequestIdentity } from '../roles.ts';
import { quoteIdent, type Statement } from './sql.ts';

function cookiesOf(header: string | null): Record<string, string> {
	const cookies: Record<string, string> = {};
	for (const pair of (header ?? '').split(';')) {
		const at = pair.indexOf('=');
		if (at > 0) cookies[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
	}
	return cookies;
}

/**
 * The transaction-local settings PostgREST v14 makes before the call (`txVarQuery`): search path, role, JWT
 * claims and the request's method, path, headers (lower-cased, without Cookie) and cookies. `auth.uid()` and
 * RLS policies read `request.jwt.claims`; the legacy per-claim settings are not set since v12.
 * @param path the path after /rest/v1, as PostgREST sees it behind Supabase's gateway (e.g. `/rpc/fn`)
 */
export function requestSettings(request: Request, identity: RequestIdentity, schema: string, path: string): Statement {
	const headers: Record<string, string> = {};
	request.headers.forEach((value, name) => {
		if (name !== 'cookie') headers[name] = value;
	});
	return {
		text: `select set_config('search_path', $1, true), set_config('role', $2, true),
  set_config('request.jwt.claims', $3, true), set_config('request.method', $4, true),
  set_config('request.path', $5, true), set_config('request.headers', $6, true), set_config('request.cookies', $7, true)`,
		params: [
			`${quoteIdent(schema)}, "public", "extensions"`,
			identity.role,
			JSON.stringify(identity.claims),
			request.method,
			path,
			JSON.stringify(headers),
			JSON.stringify(cookiesOf(request.headers.get('cookie')))
		]
	};
}
