import type { GatewaySecrets } from './secrets.ts';
import { verifyJwt, JwtError, type Claims } from './jwt.ts';

/** Who a request acts as: the database role PostgREST would `SET LOCAL ROLE` to, and the claims it exposes. */
export interface RequestIdentity {
	role: string;
	/** Full claims with `role` set to the resolved role (what `request.jwt.claims` holds). */
	claims: Claims;
	/** The verified bearer token, when the request carried one that is not an API key. */
	token: string | null;
}

export const ANON_ROLE = 'anon';

/**
 * Resolves the role of a REST request as Supabase's API gateway + PostgREST do (supabase-contract §1.3, §5):
 * a JWT in `Authorization` wins; otherwise the `apikey` (our keys are JWTs too); otherwise anon.
 * @throws JwtError (PGRST301/PGRST303) for a token that is present but invalid or expired
 */
export async function resolveIdentity(request: Request, secrets: GatewaySecrets): Promise<RequestIdentity> {
	const authorization = request.headers.get('authorization');
	const apikey = request.headers.get('apikey');
	let token: string | null = null;
	if (authorization !== null) {
		const match = /^bearer(?:\s+(.*))?$/i.exec(authorization.trim());
		if (!match) throw new JwtError('PGRST301', 'Expected 3 parts in JWT; got 1');
		token = (match[1] ?? '').trim();
	} else if (apikey) {
		token = apikey;
	}
	if (token === null) return { role: ANON_ROLE, claims: { role: ANON_ROLE }, token: null };
	const claims = await verifyJwt(token, secrets.jwtSecret);
	const role = typeof claims.role === 'string' && claims.role !== '' ? claims.role : ANON_ROLE;
	const isApiKey = token === secrets.anonKey || token === secrets.serviceRoleKey;
	return { role, claims: { ...claims, role }, token: isApiKey ? null : token };
}
