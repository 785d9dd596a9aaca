import type { Claims } from '../jwt.ts';
import { JwtError } from '../jwt.ts';
import { resolveIdentity } from '../roles.ts';
import { verifyAccessToken } from './access-tokens.ts';
import type { AuthContext } from './context.ts';
import { AuthError } from './errors.ts';
import { findUserById, isBanned, isUuid, NIL_UUID, type User } from './users.ts';

/** The signed-in caller of `/user` and `/logout`. */
export interface Caller {
	user: User;
	claims: Claims;
	/** The JWT's session, or null for a token without one (then treated as global on logout). */
	sessionId: string | null;
}

// GoTrue's bearerRegexp: exactly one non-space token after "Bearer " or "bearer ".
const BEARER = /^[Bb]earer (\S+)$/;

/**
 * GoTrue's `requireAuthentication` (supabase-contract §4.5): a valid access token whose user and session still
 * exist. Checking the session is what makes a signed-out token useless here even before it expires.
 */
export async function requireUser(ctx: AuthContext, request: Request): Promise<Caller> {
	const match = BEARER.exec(request.headers.get('authorization') ?? '');
	if (!match) throw new AuthError(401, 'no_authorization', 'This endpoint requires a valid Bearer token');
	const claims = await verifyAccessToken(ctx, match[1]!);
	if (typeof claims.sub !== 'string' || claims.sub === '')
		throw new AuthError(403, 'bad_jwt', 'invalid claim: missing sub claim');
	if (!isUuid(claims.sub))
		throw new AuthError(400, 'bad_jwt', 'invalid claim: sub claim must be a UUID');
	const user = await findUserById(ctx.db, claims.sub);
	if (!user) throw new AuthError(403, 'user_not_found', 'User from sub claim in JWT does not exist');
	const sessionId = typeof claims.session_id === 'string' && claims.session_id !== NIL_UUID ? claims.session_id : null;
	if (sessionId !== null) {
		const exists =
			isUuid(sessionId) &&
			(await ctx.db.query('select 1 from auth.sessions where id = $1::uuid', [sessionId])).rows.length > 0;
		if (!exists)
			throw new AuthError(403, 'session_not_found', 'Session from session_id claim in JWT does not exist');
	}
	if (isBanned(user, ctx.now())) throw new AuthError(403, 'user_banned', 'User is banned');
	return { user, claims, sessionId };
}

// GoTrue's default GOTRUE_JWT_ADMIN_ROLES.
const ADMIN_ROLES = new Set(['service_role', 'supabase_admin']);

/**
 * Admits only the service-role key (or another JWT with an admin role) to `/admin/*`, read from `Authorization`
 * or, without it, from `apikey` — the anon key and user tokens, which browsers hold, get 403 `not_admin`.
 */
export async function requireAdmin(ctx: AuthContext, request: Request): Promise<void> {
	if (!request.headers.get('authorization') && !request.headers.get('apikey'))
		throw new AuthError(401, 'no_authorization', 'This endpoint requires a valid Bearer token');
	let role: string;
	try {
		({ role } = await resolveIdentity(request, ctx.secrets));
	} catch (error) {
		if (error instanceof JwtError)
			throw new AuthError(403, 'bad_jwt', `invalid JWT: unable to parse or verify signature, ${error.message}`);
		throw error;
	}
	if (!ADMIN_ROLES.has(role)) throw new AuthError(403, 'not_admin', 'User not allowed');
}
