import { jwtVerify, errors as joseErrors } from 'jose';
import type { Sql } from '../../db/database.ts';
import { signJwt, type Claims } from '../jwt.ts';
import type { AuthContext } from './context.ts';
import { AuthError } from './errors.ts';
import type { PasswordWeakness } from './passwords.ts';
import type { JsonObject } from './request-body.ts';
import type { User } from './users.ts';

const encoder = new TextEncoder();

/** JWT `iss`: the configured issuer, else this server's own `/auth/v1` URL (hosted Supabase uses the project URL). */
const issuerOf = (ctx: AuthContext, request: Request) => ctx.issuer ?? `${new URL(request.url).origin}/auth/v1`;

/**
 * GoTrue's `AccessTokenResponse` for a session: a fresh access token (claims of supabase-contract §4.3, HS256 with
 * the installation secret) next to the session's current refresh token.
 */
export async function sessionResponse(
	ctx: AuthContext,
	request: Request,
	sql: Sql,
	session: { user: User; sessionId: string; refreshToken: string; weakPassword?: PasswordWeakness | null }
): Promise<JsonObject> {
	const { rows } = await sql.query<{ aal: string | null; amr: string }>(
		`select s.aal, coalesce((
			select json_agg(json_build_object('method', c.authentication_method,
				'timestamp', floor(extract(epoch from c.updated_at))::bigint) order by c.updated_at desc)
			from auth.mfa_amr_claims c where c.session_id = s.id), '[]')::text as amr
		from auth.sessions s where s.id = $1::uuid`,
		[session.sessionId]
	);
	const { user } = session;
	const iat = Math.floor(ctx.now() / 1000);
	const exp = iat + ctx.jwtExpirySeconds;
	const claims: Claims = {
		iss: issuerOf(ctx, request),
		sub: user.id,
		aud: user.aud,
		exp,
		iat,
		email: user.email,
		phone: user.phone,
		app_metadata: user.appMetadata,
		user_metadata: user.userMetadata,
		role: user.role,
		aal: rows[0]?.aal ?? 'aal1',
		amr: JSON.parse(rows[0]?.amr ?? '[]') as unknown[],
		session_id: session.sessionId,
		is_anonymous: user.isAnonymous
	};
	return {
		access_token: await signJwt(claims, ctx.secrets.jwtSecret),
		token_type: 'bearer',
		expires_in: ctx.jwtExpirySeconds,
		expires_at: exp,
		refresh_token: session.refreshToken,
		user: user.json,
		...(session.weakPassword ? { weak_password: session.weakPassword } : {})
	};
}

/**
 * Verifies an access token as GoTrue's `parseJWTClaims` does: HS256 with the installation secret and `exp`
 * enforced without clock skew, against the injectable clock (unlike PostgREST's verifier in `../jwt.ts`, which
 * allows 30 s of skew and reads the system clock).
 * @throws AuthError 403 `bad_jwt` with GoTrue's message
 */
export async function verifyAccessToken(ctx: AuthContext, token: string): Promise<Claims> {
	try {
		const { payload } = await jwtVerify(token, encoder.encode(ctx.secrets.jwtSecret), {
			algorithms: ['HS256'],
			currentDate: new Date(ctx.now())
		});
		return payload as Claims;
	} catch (error) {
		throw new AuthError(403, 'bad_jwt', `invalid JWT: unable to parse or verify signature, ${reasonOf(error)}`);
	}
}

// The wording of golang-jwt v5, which GoTrue's messages carry.
function reasonOf(error: unknown): string {
	if (error instanceof joseErrors.JWTExpired) return 'token has invalid claims: token is expired';
	if (error instanceof joseErrors.JWTClaimValidationFailed) return `token has invalid claims: ${error.message}`;
	if (error instanceof joseErrors.JWSSignatureVerificationFailed)
		return 'token signature is invalid: signature is invalid';
	if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'token is unverifiable: signing method is invalid';
	return 'token is malformed: could not parse the token';
}
