import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signJwt } from '../jwt.ts';
import { createUser } from './index.ts';
import { authHarness } from './spec-helpers.ts';

type Harness = Awaited<ReturnType<typeof authHarness>>;
let h: Harness;
let emails = 0;

beforeAll(async () => {
	h = await authHarness();
});
afterAll(() => h.db.close());

/** A fresh confirmed user and one signed-in session of it. */
async function signedInUser(password = 'first password') {
	const email = `user${++emails}@example.com`;
	const { id } = await createUser(h.db, { email, password });
	const session = await signIn(email, password);
	return { id, email, password, session };
}
const signIn = async (email: string, password: string) =>
	(await h.call('POST', '/token?grant_type=password', { body: { email, password } })).body!;

describe('GET /user', () => {
	it('returns the user JSON for a valid access token', async () => {
		const { id, email, session } = await signedInUser();
		const { status, body } = await h.call('GET', '/user', { token: session.access_token });
		expect(status).toBe(200);
		expect(body).toEqual(session.user);
		expect(body).toMatchObject({ id, email, aud: 'authenticated', user_metadata: { email_verified: true } });
		expect(Object.keys(body!)).toEqual([
			'id',
			'aud',
			'role',
			'email',
			'email_confirmed_at',
			'phone',
			'confirmed_at',
			'last_sign_in_at',
			'app_metadata',
			'user_metadata',
			'identities',
			'created_at',
			'updated_at',
			'is_anonymous'
		]);
	});

	it('needs a bearer token: 401 no_authorization', async () => {
		const { status, body } = await h.call('GET', '/user', { headers: { authorization: 'Basic abc' } });
		expect(status).toBe(401);
		expect(body).toEqual({ code: 'no_authorization', message: 'This endpoint requires a valid Bearer token' });
	});

	it('refuses the anon key, an expired token and a forged one with 403 bad_jwt', async () => {
		const anon = await h.call('GET', '/user');
		expect(anon).toMatchObject({ status: 403, body: { code: 'bad_jwt', message: 'invalid claim: missing sub claim' } });

		const { session } = await signedInUser();
		h.clock.ms += 3601 * 1000;
		const expired = await h.call('GET', '/user', { token: session.access_token });
		expect(expired.status).toBe(403);
		expect(expired.body).toEqual({
			code: 'bad_jwt',
			message: 'invalid JWT: unable to parse or verify signature, token has invalid claims: token is expired'
		});

		const forged = await signJwt({ sub: session.user.id, role: 'authenticated' }, 'not-the-secret');
		expect((await h.call('GET', '/user', { token: forged })).body!.code).toBe('bad_jwt');
	});

	it('rejects a token whose user was deleted: 403 user_not_found', async () => {
		const { id, session } = await signedInUser();
		await h.db.query('delete from auth.users where id = $1::uuid', [id]);
		const { status, body } = await h.call('GET', '/user', { token: session.access_token });
		expect(status).toBe(403);
		expect(body).toEqual({ code: 'user_not_found', message: 'User from sub claim in JWT does not exist' });
	});
});

describe('POST /logout', () => {
	it('ends the session: the old access token then gets 403 session_not_found', async () => {
		const { session } = await signedInUser();
		const logout = await h.call('POST', '/logout?scope=global', { token: session.access_token });
		expect(logout.status).toBe(204);
		expect(logout.body).toBeNull();
		const { status, body } = await h.call('GET', '/user', { token: session.access_token });
		expect(status).toBe(403);
		expect(body).toEqual({ code: 'session_not_found', message: 'Session from session_id claim in JWT does not exist' });
		const refresh = await h.call('POST', '/token?grant_type=refresh_token', {
			body: { refresh_token: session.refresh_token }
		});
		expect(refresh.body!.code).toBe('refresh_token_not_found');
	});

	it('honours local and others scopes and refuses unknown ones', async () => {
		const { email, password, session: a } = await signedInUser();
		const b = await signIn(email, password);
		const c = await signIn(email, password);
		expect((await h.call('POST', '/logout?scope=others', { token: a.access_token })).status).toBe(204);
		expect((await h.call('GET', '/user', { token: a.access_token })).status).toBe(200);
		for (const other of [b, c]) expect((await h.call('GET', '/user', { token: other.access_token })).status).toBe(403);
		expect((await h.call('POST', '/logout?scope=local', { token: a.access_token })).status).toBe(204);
		expect((await h.call('GET', '/user', { token: a.access_token })).status).toBe(403);

		const { session } = await signedInUser();
		const bad = await h.call('POST', '/logout?scope=everyone', { token: session.access_token });
		expect(bad.status).toBe(400);
		expect(bad.body).toEqual({ code: 'validation_failed', message: 'Unsupported logout scope "everyone"' });
	});
});

describe('PUT /user', () => {
	it('refuses a weak password with 422 weak_password and its reasons', async () => {
		const { session } = await signedInUser();
		const { status, body } = await h.call('PUT', '/user', { token: session.access_token, body: { password: 'short' } });
		expect(status).toBe(422);
		expect(body).toEqual({
			code: 'weak_password',
			message: 'Password should be at least 8 characters.',
			weak_password: { reasons: ['length'] }
		});
	});

	it('refuses passwords over 72 bytes and the current password', async () => {
		const { session, password } = await signedInUser();
		const long = await h.call('PUT', '/user', { token: session.access_token, body: { password: 'x'.repeat(73) } });
		expect(long).toMatchObject({
			status: 400,
			body: { code: 'validation_failed', message: 'Password cannot be longer than 72 characters' }
		});
		const same = await h.call('PUT', '/user', { token: session.access_token, body: { password } });
		expect(same).toMatchObject({
			status: 422,
			body: { code: 'same_password', message: 'New password should be different from the old password.' }
		});
	});

	it('changes the password, ends the other sessions and keeps this one', async () => {
		const { email, password, session } = await signedInUser();
		const other = await signIn(email, password);
		const { status, body } = await h.call('PUT', '/user', {
			token: session.access_token,
			body: { password: 'second password', code_challenge: null, code_challenge_method: null }
		});
		expect(status).toBe(200);
		expect(body!.email).toBe(email);
		expect((await h.call('GET', '/user', { token: session.access_token })).status).toBe(200);
		expect((await h.call('GET', '/user', { token: other.access_token })).body!.code).toBe('session_not_found');
		expect((await h.call('POST', '/token?grant_type=password', { body: { email, password } })).status).toBe(400);
		expect((await signIn(email, 'second password')).access_token).toBeTypeOf('string');
	});

	it('merges data into user_metadata (null removes a key) and refuses email changes and app_metadata', async () => {
		const { session } = await signedInUser();
		const token = session.access_token;
		await h.call('PUT', '/user', { token, body: { data: { name: 'Ada', city: 'Shenzhen' } } });
		const { body } = await h.call('PUT', '/user', { token, body: { data: { city: null, lang: 'zh' } } });
		expect(body!.user_metadata).toEqual({ email_verified: true, name: 'Ada', lang: 'zh' });

		const email = await h.call('PUT', '/user', { token, body: { email: 'other@example.com' } });
		expect(email).toMatchObject({ status: 422, body: { code: 'email_address_not_authorized' } });
		const app = await h.call('PUT', '/user', { token, body: { app_metadata: { role: 'admin' } } });
		expect(app).toMatchObject({ status: 403, body: { code: 'not_admin' } });
	});
});
