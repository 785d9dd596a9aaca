import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SignJWT } from 'jose';
import { startTestBackend, TARGETS, type TestBackend } from '../support/test-backend.ts';

const PASSWORD = 'correct horse battery staple';

describe.each(TARGETS)('Auth through supabase-js over HTTP (%s)', (target) => {
	let api: TestBackend;
	let email: string;
	let userId: string;

	beforeAll(async () => {
		// no reuse interval, so a replayed refresh token is refused at once instead of after Supabase's 10 s
		api = await startTestBackend(target, { auth: { refreshReuseIntervalSeconds: 0 } });
		email = `editor-${target}@example.org`;
		const { data, error } = await api
			.client(api.backend.secrets.serviceRoleKey)
			.auth.admin.createUser({ email, password: PASSWORD, email_confirm: true });
		expect(error).toBeNull();
		userId = data.user!.id;
	});
	afterAll(() => api?.stop());

	test('a wrong password gives invalid_credentials / 400 and no session', async () => {
		const { data, error } = await api.client().auth.signInWithPassword({ email, password: 'not the password' });
		expect(error?.status).toBe(400);
		expect(error?.code).toBe('invalid_credentials');
		expect(data.session).toBeNull();
	});

	test('an unknown e-mail gives the same answer as a wrong password (no account enumeration)', async () => {
		const { error } = await api.client().auth.signInWithPassword({ email: 'nobody@example.org', password: PASSWORD });
		expect(error?.code).toBe('invalid_credentials');
	});

	test('sign-in returns a session whose access token carries the user to the database (auth.uid())', async () => {
		const client = api.client();
		const { data, error } = await client.auth.signInWithPassword({ email, password: PASSWORD });
		expect(error).toBeNull();
		expect(data.session?.user.id).toBe(userId);
		expect(data.session?.refresh_token).toMatch(/^[a-z0-9]{12}$/);
		const { data: user } = await client.auth.getUser();
		expect(user.user?.email).toBe(email);
	});

	test('refresh rotates the token; replaying an old one is refused and revokes the family', async () => {
		const client = api.client();
		const { data: signIn } = await client.auth.signInWithPassword({ email, password: PASSWORD });
		const first = signIn.session!.refresh_token;
		const { data: r1, error: e1 } = await client.auth.refreshSession({ refresh_token: first });
		expect(e1).toBeNull();
		const second = r1.session!.refresh_token;
		expect(second).not.toBe(first);
		const { data: r2 } = await client.auth.refreshSession({ refresh_token: second });
		const third = r2.session!.refresh_token;

		// `first` is neither the parent of the active token nor within the reuse interval: a stolen token replayed
		const { error: replay } = await api.client().auth.refreshSession({ refresh_token: first });
		expect(replay?.code).toBe('refresh_token_already_used');
		// ... and the whole session's family is now revoked, so the legitimate holder must sign in again
		const { error: afterRevoke } = await api.client().auth.refreshSession({ refresh_token: third });
		expect(afterRevoke?.code).toBe('refresh_token_already_used');
	});

	test('after signOut, getUser with the old access token fails', async () => {
		const client = api.client();
		const { data } = await client.auth.signInWithPassword({ email, password: PASSWORD });
		const accessToken = data.session!.access_token;
		const { error: signOutError } = await client.auth.signOut();
		expect(signOutError).toBeNull();
		const { data: user, error } = await api.client().auth.getUser(accessToken);
		expect(user.user).toBeNull();
		expect(error).not.toBeNull();
	});

	test('a forged access token (wrong secret) is refused by Auth', async () => {
		const forged = await new SignJWT({ sub: userId, role: 'authenticated', aud: 'authenticated' })
			.setProtectedHeader({ alg: 'HS256' })
			.setExpirationTime('1h')
			.sign(new TextEncoder().encode('not-the-installation-secret-but-long-enough'));
		const { data, error } = await api.client().auth.getUser(forged);
		expect(data.user).toBeNull();
		expect(error?.status).toBe(403);
	});
});

describe('Auth rate limit on /token (pglite)', () => {
	let api: TestBackend;
	beforeAll(async () => {
		api = await startTestBackend('pglite', { auth: { tokenRateLimit: { perFiveMinutes: 3, burst: 3 } } });
	});
	afterAll(() => api?.stop());

	test('the same IP is told to slow down after its burst of sign-in attempts', async () => {
		const attempt = () => api.client().auth.signInWithPassword({ email: 'x@example.org', password: 'whatever-it-is' });
		for (let i = 0; i < 3; i++) expect((await attempt()).error?.code).toBe('invalid_credentials');
		const { error } = await attempt();
		expect(error?.status).toBe(429);
		expect(error?.code).toBe('over_request_rate_limit');
	});
});
