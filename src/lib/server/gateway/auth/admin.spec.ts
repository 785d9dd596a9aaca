import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authHarness } from './spec-helpers.ts';

type Harness = Awaited<ReturnType<typeof authHarness>>;
let h: Harness;
let service: string;

beforeAll(async () => {
	h = await authHarness();
	service = h.secrets.serviceRoleKey;
});
afterAll(() => h.db.close());

const create = (body: Record<string, unknown>, token = service) => h.call('POST', '/admin/users', { token, body });
const signIn = (email: string, password: string) =>
	h.call('POST', '/token?grant_type=password', { body: { email, password } });

describe('admin API', () => {
	it('only admits the service-role key', async () => {
		const anon = await create({ email: 'x@example.com', password: 'password1' }, h.secrets.anonKey);
		expect(anon.status).toBe(403);
		expect(anon.body).toEqual({ code: 'not_admin', message: 'User not allowed' });
		expect((await h.call('GET', '/admin/users')).status).toBe(403);
		// A user's own access token is no better than the anon key.
		await create({ email: 'plain@example.com', password: 'password1', email_confirm: true });
		const session = (await signIn('plain@example.com', 'password1')).body!;
		expect((await h.call('GET', '/admin/users', { token: session.access_token })).body!.code).toBe('not_admin');
		// The service key is accepted from apikey when there is no Authorization header.
		const viaApikey = await h.call('GET', '/admin/users', { token: null, headers: { apikey: service } });
		expect(viaApikey.status).toBe(200);
		expect((await h.call('GET', '/admin/users', { token: null, headers: { apikey: '' } })).status).toBe(401);
	});

	it('creates a user who can sign in; a duplicate email is 422 email_exists', async () => {
		const { status, body } = await create({
			email: 'Curator@Example.com',
			password: 'password1',
			email_confirm: true,
			user_metadata: { name: 'Curator' },
			app_metadata: { city_role: 'editor' }
		});
		expect(status).toBe(200);
		expect(body).toMatchObject({
			email: 'curator@example.com',
			app_metadata: { provider: 'email', providers: ['email'], city_role: 'editor' },
			user_metadata: { name: 'Curator', email_verified: true }
		});
		expect(body!.email_confirmed_at).toBeTypeOf('string');
		expect((await signIn('curator@example.com', 'password1')).status).toBe(200);

		const duplicate = await create({ email: 'curator@example.com', password: 'password2' });
		expect(duplicate.status).toBe(422);
		expect(duplicate.body!.code).toBe('email_exists');
	});

	it('creates unconfirmed users without email_confirm, and refuses weak passwords', async () => {
		await create({ email: 'pending@example.com', password: 'password1' });
		expect((await signIn('pending@example.com', 'password1')).body!.code).toBe('email_not_confirmed');
		expect((await create({ email: 'weak@example.com', password: 'pw' })).body!.code).toBe('weak_password');
	});

	it('lists users with pagination headers, and gets one', async () => {
		for (const n of [1, 2, 3]) await create({ email: `list${n}@example.com`, password: 'password1' });
		const { status, headers, body } = await h.call('GET', '/admin/users?page=1&per_page=2', { token: service });
		expect(status).toBe(200);
		expect(body!.aud).toBe('authenticated');
		expect(body!.users).toHaveLength(2);
		const total = Number(headers.get('x-total-count'));
		expect(total).toBeGreaterThanOrEqual(3);
		expect(headers.get('link')).toContain('page=2&per_page=2>; rel="next"');

		const one = body!.users[0];
		const got = await h.call('GET', `/admin/users/${one.id}`, { token: service });
		expect(got.body).toEqual(one);
		const missing = await h.call('GET', '/admin/users/00000000-0000-0000-0000-000000000001', { token: service });
		expect(missing).toMatchObject({ status: 404, body: { code: 'user_not_found' } });
	});

	it('bans and unbans with ban_duration, updates password and metadata', async () => {
		const { body: user } = await create({ email: 'ban@example.com', password: 'password1', email_confirm: true });
		const session = (await signIn('ban@example.com', 'password1')).body!;

		const banned = await h.call('PUT', `/admin/users/${user!.id}`, { token: service, body: { ban_duration: '876000h' } });
		expect(banned.status).toBe(200);
		expect(banned.body!.banned_until).toMatch(/^2\d{3}-/);
		expect((await signIn('ban@example.com', 'password1')).body!.code).toBe('user_banned');
		const refresh = await h.call('POST', '/token?grant_type=refresh_token', {
			body: { refresh_token: session.refresh_token }
		});
		expect(refresh.body).toEqual({ code: 'user_banned', message: 'Invalid Refresh Token: User Banned' });

		const updated = await h.call('PUT', `/admin/users/${user!.id}`, {
			token: service,
			body: { ban_duration: 'none', password: 'password2', user_metadata: { name: 'B' }, app_metadata: { city_role: 'admin' } }
		});
		expect(updated.body!.banned_until).toBeUndefined();
		expect(updated.body!.user_metadata).toEqual({ email_verified: true, name: 'B' });
		expect(updated.body!.app_metadata).toMatchObject({ provider: 'email', city_role: 'admin' });
		expect((await signIn('ban@example.com', 'password2')).status).toBe(200);

		const badDuration = await h.call('PUT', `/admin/users/${user!.id}`, { token: service, body: { ban_duration: 'forever' } });
		expect(badDuration).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
	});

	it('deletes a user', async () => {
		const { body: user } = await create({ email: 'gone@example.com', password: 'password1', email_confirm: true });
		const session = (await signIn('gone@example.com', 'password1')).body!;
		const deleted = await h.call('DELETE', `/admin/users/${user!.id}`, { token: service, body: { should_soft_delete: false } });
		expect(deleted).toMatchObject({ status: 200, body: {} });
		expect((await h.call('GET', '/user', { token: session.access_token })).body!.code).toBe('user_not_found');
		expect((await h.call('DELETE', `/admin/users/${user!.id}`, { token: service })).status).toBe(404);
	});
});
