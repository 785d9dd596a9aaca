import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authHarness } from './spec-helpers.ts';
import { createUser } from './index.ts';

type Harness = Awaited<ReturnType<typeof authHarness>>;
let h: Harness;
let userId: string;

beforeAll(async () => {
	h = await authHarness({ issuer: 'http://localhost:5173/auth/v1' });
	({ id: userId } = await createUser(h.db, {
		email: 'Ada@Example.com',
		password: 'correct horse',
		userMetadata: { name: 'Ada' },
		appMetadata: { city_role: 'admin' }
	}));
});
afterAll(() => h.db.close());

const signIn = (email = 'ada@example.com', password = 'correct horse', ip?: string) =>
	h.call('POST', '/token?grant_type=password', { body: { email, password, gotrue_meta_security: {} }, ip });
const refresh = (refreshToken: string) =>
	h.call('POST', '/token?grant_type=refresh_token', { body: { refresh_token: refreshToken } });

describe('POST /token?grant_type=password', () => {
	it('returns a session whose access token carries the GoTrue claims', async () => {
		const { status, headers, body } = await signIn('ADA@example.com');
		expect(status).toBe(200);
		expect(headers.get('content-type')).toBe('application/json');
		expect(body).toMatchObject({ token_type: 'bearer', expires_in: 3600 });
		expect(body!.refresh_token).toMatch(/^[a-z0-9]{12}$/);
		const claims = decodeJwt(body!.access_token);
		const iat = Math.floor(h.clock.ms / 1000);
		expect(claims).toEqual({
			iss: 'http://localhost:5173/auth/v1',
			sub: userId,
			aud: 'authenticated',
			exp: iat + 3600,
			iat,
			email: 'ada@example.com',
			phone: '',
			app_metadata: { provider: 'email', providers: ['email'], city_role: 'admin' },
			user_metadata: { name: 'Ada', email_verified: true },
			role: 'authenticated',
			aal: 'aal1',
			amr: [{ method: 'password', timestamp: iat }],
			session_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
			is_anonymous: false
		});
		expect(body!.expires_at).toBe(claims.exp);
		expect(body!.user).toMatchObject({
			id: userId,
			aud: 'authenticated',
			role: 'authenticated',
			email: 'ada@example.com',
			phone: '',
			app_metadata: { provider: 'email' },
			identities: [
				{
					id: userId,
					user_id: userId,
					provider: 'email',
					email: 'ada@example.com',
					identity_data: { sub: userId, email: 'ada@example.com', email_verified: true, phone_verified: false }
				}
			],
			is_anonymous: false
		});
		expect(body!.user.last_sign_in_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
		expect(body!.user.banned_until).toBeUndefined();

		const stored = await h.db.query<{ sessions: number; tokens: number; claims: number }>(
			`select (select count(*)::int from auth.sessions where id = $1::uuid) as sessions,
				(select count(*)::int from auth.refresh_tokens where token = $2 and session_id = $1::uuid and not revoked) as tokens,
				(select count(*)::int from auth.mfa_amr_claims where session_id = $1::uuid) as claims`,
			[claims.session_id, body!.refresh_token]
		);
		expect(stored.rows[0]).toEqual({ sessions: 1, tokens: 1, claims: 1 });
	});

	it('answers a wrong password and an unknown email alike: 400 invalid_credentials', async () => {
		for (const attempt of [signIn('ada@example.com', 'wrong horse'), signIn('nobody@example.com')]) {
			const { status, headers, body } = await attempt;
			expect(status).toBe(400);
			expect(body).toEqual({ code: 'invalid_credentials', message: 'Invalid login credentials' });
			expect(headers.get('x-supabase-api-version')).toBe('2024-01-01');
		}
	});

	it('requires an email', async () => {
		const { status, body } = await h.call('POST', '/token?grant_type=password', { body: { password: 'x' } });
		expect(status).toBe(400);
		expect(body).toEqual({ code: 'validation_failed', message: 'missing email or phone' });
	});

	it('refuses banned and unconfirmed accounts', async () => {
		await createUser(h.db, { email: 'banned@example.com', password: 'correct horse' });
		await h.db.query(`update auth.users set banned_until = now() + interval '1 day' where email = 'banned@example.com'`);
		expect((await signIn('banned@example.com')).body).toEqual({ code: 'user_banned', message: 'User is banned' });

		await createUser(h.db, { email: 'new@example.com', password: 'correct horse' });
		await h.db.query(`update auth.users set email_confirmed_at = null where email = 'new@example.com'`);
		const unconfirmed = await signIn('new@example.com');
		expect(unconfirmed.status).toBe(400);
		expect(unconfirmed.body).toEqual({ code: 'email_not_confirmed', message: 'Email not confirmed' });
	});

	it('rejects other grant types', async () => {
		const { status, body } = await h.call('POST', '/token?grant_type=pkce', { body: {} });
		expect(status).toBe(400);
		expect(body).toEqual({ code: 'invalid_credentials', message: 'unsupported_grant_type' });
	});
});

describe('POST /token?grant_type=refresh_token', () => {
	it('rotates: a new refresh token and a new access token for the same session', async () => {
		const first = (await signIn()).body!;
		h.clock.ms += 5000;
		const { status, body } = await refresh(first.refresh_token);
		expect(status).toBe(200);
		expect(body!.refresh_token).toMatch(/^[a-z0-9]{12}$/);
		expect(body!.refresh_token).not.toBe(first.refresh_token);
		expect(body!.access_token).not.toBe(first.access_token);
		expect(decodeJwt(body!.access_token).session_id).toBe(decodeJwt(first.access_token).session_id);
		expect(decodeJwt(body!.access_token).amr).toEqual(decodeJwt(first.access_token).amr);
	});

	it('returns the active token again when the client replays its parent (lost response)', async () => {
		const first = (await signIn()).body!;
		const second = (await refresh(first.refresh_token)).body!;
		h.clock.ms += 60_000; // long after the reuse interval: the parent rule does not depend on time
		const replay = await refresh(first.refresh_token);
		expect(replay.status).toBe(200);
		expect(replay.body!.refresh_token).toBe(second.refresh_token);
	});

	it('allows reuse within the reuse interval (a new child of the reused token)', async () => {
		const first = (await signIn()).body!;
		const second = (await refresh(first.refresh_token)).body!;
		await refresh(second.refresh_token); // first is no longer the parent of the active token
		h.clock.ms += 9000;
		const reuse = await refresh(first.refresh_token);
		expect(reuse.status).toBe(200);
		expect([first.refresh_token, second.refresh_token]).not.toContain(reuse.body!.refresh_token);
	});

	it('revokes the whole session when a revoked token is reused after the interval', async () => {
		const first = (await signIn()).body!;
		const second = (await refresh(first.refresh_token)).body!;
		const third = (await refresh(second.refresh_token)).body!;
		h.clock.ms += 11_000;
		const reuse = await refresh(first.refresh_token);
		expect(reuse.status).toBe(400);
		expect(reuse.body).toEqual({ code: 'refresh_token_already_used', message: 'Invalid Refresh Token: Already Used' });
		// The revocation was committed: even the newest token of the family is dead now.
		const { rows } = await h.db.query<{ live: number }>(
			'select count(*)::int as live from auth.refresh_tokens where session_id = $1::uuid and not revoked',
			[decodeJwt(first.access_token).session_id]
		);
		expect(rows[0]!.live).toBe(0);
		expect((await refresh(third.refresh_token)).body!.code).toBe('refresh_token_already_used');
	});

	it('answers unknown tokens, tokens without a session, and malformed input', async () => {
		expect(await refresh('abcdefghijkl')).toMatchObject({
			status: 400,
			body: { code: 'refresh_token_not_found', message: 'Invalid Refresh Token: Refresh Token Not Found' }
		});
		const session = (await signIn()).body!;
		await h.db.query('update auth.refresh_tokens set session_id = null where token = $1', [session.refresh_token]);
		expect(await refresh(session.refresh_token)).toMatchObject({
			status: 400,
			body: { code: 'session_not_found', message: 'Invalid Refresh Token: No Valid Session Found' }
		});
		expect((await refresh('')).body).toEqual({ code: 'validation_failed', message: 'refresh_token required' });
		expect((await refresh('short')).body).toEqual({ code: 'validation_failed', message: 'Refresh token is not valid' });
	});
});

describe('rate limit on /token', () => {
	it('answers 429 once the per-IP burst is spent, shared by both grants, and refills over time', async () => {
		const limited = await authHarness({ tokenRateLimit: { perFiveMinutes: 150, burst: 3 } });
		const attempt = (ip: string, grant = 'password') =>
			limited.call('POST', `/token?grant_type=${grant}`, { body: { email: 'x@example.com', password: 'y' }, ip });
		expect((await attempt('198.51.100.1')).status).toBe(400);
		expect((await attempt('198.51.100.1', 'refresh_token')).status).toBe(400);
		expect((await attempt('198.51.100.1')).status).toBe(400);
		const refused = await attempt('198.51.100.1');
		expect(refused.status).toBe(429);
		expect(refused.body).toEqual({ code: 'over_request_rate_limit', message: 'Request rate limit reached' });
		expect((await attempt('198.51.100.2')).status).toBe(400); // another address has its own bucket
		limited.clock.ms += 2000; // 150 per 5 minutes = one every 2 s
		expect((await attempt('198.51.100.1')).status).toBe(400);
		expect((await attempt('198.51.100.1')).status).toBe(429);
		await limited.db.close();
	});
});
