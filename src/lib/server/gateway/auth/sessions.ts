import { randomBytes, randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import type { Sql } from '../../db/database.ts';
import { sessionResponse } from './access-tokens.ts';
import { nowIso, type AuthContext } from './context.ts';
import { AuthError } from './errors.ts';
import type { PasswordWeakness } from './passwords.ts';
import type { JsonObject } from './request-body.ts';
import { findUserById, isBanned, type User } from './users.ts';

const TOKEN_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A refresh token in GoTrue's legacy format: 12 random lowercase alphanumerics (~62 bits). Bytes ≥ 252 are
 * discarded so that every character is equally likely (no modulo bias).
 */
export function newRefreshToken(): string {
	let token = '';
	while (token.length < 12) {
		for (const byte of randomBytes(16)) {
			if (byte < 252 && token.length < 12) token += TOKEN_ALPHABET[byte % 36];
		}
	}
	return token;
}

/** Where a session comes from, stored like GoTrue does on `auth.sessions`. */
export interface Client {
	userAgent: string | null;
	ip: string;
}

/** The caller's user agent and address. */
export const clientOf = (request: Request, clientAddress: string): Client => ({
	userAgent: request.headers.get('user-agent'),
	ip: clientAddress
});

// auth.sessions.ip is inet: anything that is not an address (a unix socket, a test stub) is stored as NULL.
const inetOrNull = (ip: string) => (isIP(ip) ? ip : null);

/**
 * Signs the user in (GoTrue `issueRefreshToken`): records `last_sign_in_at`, creates the session with its
 * authentication method (`auth.mfa_amr_claims`) and first refresh token, and returns the session JSON.
 */
export async function startSession(
	ctx: AuthContext,
	request: Request,
	tx: Sql,
	userId: string,
	client: Client,
	weakPassword: PasswordWeakness | null = null
): Promise<JsonObject> {
	const now = nowIso(ctx);
	const sessionId = randomUUID();
	const refreshToken = newRefreshToken();
	await tx.query('update auth.users set last_sign_in_at = $2::timestamptz where id = $1::uuid', [userId, now]);
	await tx.query(
		`insert into auth.sessions (id, user_id, created_at, updated_at, aal, user_agent, ip)
		values ($1::uuid, $2::uuid, $3::timestamptz, $3::timestamptz, 'aal1', $4, $5::inet)`,
		[sessionId, userId, now, client.userAgent, inetOrNull(client.ip)]
	);
	await tx.query(
		`insert into auth.mfa_amr_claims (session_id, created_at, updated_at, authentication_method)
		values ($1::uuid, $2::timestamptz, $2::timestamptz, 'password')`,
		[sessionId, now]
	);
	await insertRefreshToken(tx, { token: refreshToken, userId, sessionId, parent: null }, now);
	const user = (await findUserById(tx, userId)) as User;
	return sessionResponse(ctx, request, tx, { user, sessionId, refreshToken, weakPassword });
}

async function insertRefreshToken(
	sql: Sql,
	token: { token: string; userId: string; sessionId: string; parent: string | null },
	now: string
): Promise<void> {
	await sql.query(
		`insert into auth.refresh_tokens (instance_id, token, user_id, revoked, created_at, updated_at, parent, session_id)
		values ('00000000-0000-0000-0000-000000000000', $1, $2, false, $3::timestamptz, $3::timestamptz, $4, $5::uuid)`,
		[token.token, token.userId, now, token.parent, token.sessionId]
	);
}

interface TokenRow {
	revoked: boolean;
	user_id: string;
	session_id: string | null;
	session_exists: boolean;
	updated_ms: number;
}

/**
 * The refresh-token grant with GoTrue's legacy rotation (supabase-contract §4.4; GoTrue `RefreshTokenGrant`):
 * the token is swapped for a child; a revoked token is accepted again only when it is the parent of the
 * session's active token (the client lost the previous answer: the active one is returned) or within the reuse
 * interval (concurrent tabs). Any other reuse means the token leaked: the whole session is revoked — and that
 * revocation is committed — before answering 400 `refresh_token_already_used`.
 */
export async function refreshSession(
	ctx: AuthContext,
	request: Request,
	refreshToken: string,
	client: Client
): Promise<JsonObject> {
	const outcome = await ctx.db.transaction(async (tx): Promise<JsonObject | 'reused'> => {
		const now = nowIso(ctx);
		// FOR UPDATE serialises concurrent refreshes of the same token on PostgreSQL (PGlite is serial anyway).
		const { rows } = await tx.query<TokenRow>(
			`select t.revoked, t.user_id, t.session_id::text as session_id, s.id is not null as session_exists,
				(extract(epoch from t.updated_at) * 1000)::float8 as updated_ms
			from auth.refresh_tokens t left join auth.sessions s on s.id = t.session_id
			where t.token = $1 for update of t`,
			[refreshToken]
		);
		const token = rows[0];
		const user = token ? await findUserById(tx, token.user_id) : null;
		if (!token || !user)
			throw new AuthError(400, 'refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
		if (isBanned(user, ctx.now())) throw new AuthError(400, 'user_banned', 'Invalid Refresh Token: User Banned');
		if (!token.session_id || !token.session_exists)
			throw new AuthError(400, 'session_not_found', 'Invalid Refresh Token: No Valid Session Found');
		const sessionId = token.session_id;
		await tx.query('select 1 from auth.sessions where id = $1::uuid for update', [sessionId]);

		let issued: string | null = null;
		if (token.revoked) {
			const active = await tx.query<{ token: string; parent: string | null }>(
				`select token, parent from auth.refresh_tokens where session_id = $1::uuid and revoked = false
				order by id desc limit 1`,
				[sessionId]
			);
			const withinReuseInterval = ctx.now() <= token.updated_ms + ctx.refreshReuseIntervalSeconds * 1000;
			if (active.rows[0]?.parent === refreshToken) {
				issued = active.rows[0].token;
			} else if (!withinReuseInterval || !active.rows[0]) {
				// No active token left means the family was already revoked: every token of it stays dead, even
				// one revoked seconds ago.
				await tx.query('update auth.refresh_tokens set revoked = true where session_id = $1::uuid and revoked = false', [
					sessionId
				]);
				return 'reused';
			}
		}
		if (issued === null) {
			// Only a live token is stamped as revoked now; re-stamping a reused one would stretch its reuse window.
			await tx.query(
				'update auth.refresh_tokens set revoked = true, updated_at = $2::timestamptz where token = $1 and revoked = false',
				[refreshToken, now]
			);
			issued = newRefreshToken();
			await insertRefreshToken(tx, { token: issued, userId: user.id, sessionId, parent: refreshToken }, now);
		}
		await tx.query(
			`update auth.sessions set refreshed_at = $2::timestamptz at time zone 'UTC', updated_at = $2::timestamptz,
				user_agent = $3, ip = $4::inet where id = $1::uuid`,
			[sessionId, now, client.userAgent, inetOrNull(client.ip)]
		);
		return sessionResponse(ctx, request, tx, { user, sessionId, refreshToken: issued });
	});
	if (outcome === 'reused')
		throw new AuthError(400, 'refresh_token_already_used', 'Invalid Refresh Token: Already Used');
	return outcome;
}

/** Which sessions `/logout` ends (auth-js `signOut({scope})`). */
export type LogoutScope = 'global' | 'local' | 'others';

/**
 * Ends sessions of a user (GoTrue `Logout`, `LogoutSession`, `LogoutAllExceptMe`); their refresh tokens go with
 * them (ON DELETE CASCADE). `sessionId` null (a token without `session_id`) is treated as global.
 */
export async function endSessions(sql: Sql, userId: string, sessionId: string | null, scope: LogoutScope) {
	if (scope === 'global' || sessionId === null) {
		await sql.query('delete from auth.sessions where user_id = $1::uuid', [userId]);
		// Tokens from before sessions existed carry no session_id; GoTrue deletes them too.
		await sql.query('delete from auth.refresh_tokens where user_id = $1', [userId]);
	} else if (scope === 'local') {
		await sql.query('delete from auth.sessions where id = $1::uuid', [sessionId]);
	} else {
		await sql.query('delete from auth.sessions where user_id = $1::uuid and id <> $2::uuid', [userId, sessionId]);
	}
}
