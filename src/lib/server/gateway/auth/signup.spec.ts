import { afterAll, describe, expect, it } from 'vitest';
import { authHarness } from './spec-helpers.ts';

const harnesses: Array<Awaited<ReturnType<typeof authHarness>>> = [];
afterAll(() => Promise.all(harnesses.map((h) => h.db.close())));
const harness = async (signupEnabled: boolean) => {
	const h = await authHarness({ signupEnabled });
	harnesses.push(h);
	return h;
};
const body = (email: string, password: string) => ({
	email,
	password,
	data: { name: 'New' },
	gotrue_meta_security: {},
	code_challenge: null,
	code_challenge_method: null
});

describe('POST /signup', () => {
	it('is disabled by default: 422 signup_disabled', async () => {
		const h = await harness(false);
		const { status, body: error } = await h.call('POST', '/signup', { body: body('a@example.com', 'password1') });
		expect(status).toBe(422);
		expect(error).toEqual({ code: 'signup_disabled', message: 'Signups not allowed for this instance' });
	});

	it('when enabled, creates a confirmed user and returns a session; duplicates and weak passwords are 422', async () => {
		const h = await harness(true);
		const { status, body: session } = await h.call('POST', '/signup', { body: body('New@Example.com', 'password1') });
		expect(status).toBe(200);
		expect(session!.refresh_token).toMatch(/^[a-z0-9]{12}$/);
		expect(session!.user).toMatchObject({
			email: 'new@example.com',
			user_metadata: { name: 'New', email_verified: true }
		});
		expect((await h.call('GET', '/user', { token: session!.access_token })).status).toBe(200);

		const duplicate = await h.call('POST', '/signup', { body: body('new@example.com', 'password2') });
		expect(duplicate).toMatchObject({ status: 422, body: { code: 'user_already_exists', message: 'User already registered' } });
		const weak = await h.call('POST', '/signup', { body: body('weak@example.com', 'pw') });
		expect(weak).toMatchObject({ status: 422, body: { code: 'weak_password', weak_password: { reasons: ['length'] } } });
		const invalid = await h.call('POST', '/signup', { body: body('not an email', 'password1') });
		expect(invalid).toMatchObject({
			status: 400,
			body: { code: 'validation_failed', message: 'Unable to validate email address: invalid format' }
		});
	});
});
