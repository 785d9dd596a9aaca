import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { authHarness } from './spec-helpers.ts';

type Harness = Awaited<ReturnType<typeof authHarness>>;
let h: Harness;
beforeAll(async () => {
	h = await authHarness();
});
afterAll(() => h.db.close());

describe('error format', () => {
	it('uses {code, message} and echoes X-Supabase-Api-Version for 2024-01-01 clients', async () => {
		const { status, headers, body } = await h.call('POST', '/token?grant_type=password', {
			body: { email: 'x@example.com', password: 'y' }
		});
		expect(status).toBe(400);
		expect(headers.get('content-type')).toBe('application/json');
		expect(headers.get('x-supabase-api-version')).toBe('2024-01-01');
		expect(headers.get('x-sb-error-code')).toBe('invalid_credentials');
		expect(body).toEqual({ code: 'invalid_credentials', message: 'Invalid login credentials' });
	});

	it('uses the legacy {code: status, error_code, msg} shape without the header', async () => {
		const { headers, body } = await h.call('POST', '/token?grant_type=password', {
			body: { email: 'x@example.com', password: 'y' },
			headers: { 'x-supabase-api-version': '' }
		});
		expect(headers.get('x-supabase-api-version')).toBeNull();
		expect(headers.get('x-sb-error-code')).toBe('invalid_credentials');
		expect(body).toEqual({ code: 400, error_code: 'invalid_credentials', msg: 'Invalid login credentials' });
	});

	it('answers unknown routes with 404, wrong methods with 405 and bad JSON with bad_json', async () => {
		expect(await h.call('GET', '/nope')).toMatchObject({ status: 404, body: { code: 'not_found' } });
		expect(await h.call('GET', '/token')).toMatchObject({ status: 405, body: { code: 'method_not_allowed' } });
		const response = await h.api.handle(
			new Request('http://localhost/auth/v1/token?grant_type=password', { method: 'POST', body: '{oops' }),
			'/token',
			'127.0.0.1'
		);
		expect(response.status).toBe(400);
		expect(((await response.json()) as { error_code: string }).error_code).toBe('bad_json');
	});

	it('turns unexpected exceptions into 500 unexpected_failure and logs them', async () => {
		const broken = await authHarness();
		await broken.db.close();
		const log = vi.spyOn(console, 'error').mockImplementation(() => {});
		const { status, body } = await broken.call('POST', '/token?grant_type=password', {
			body: { email: 'x@example.com', password: 'y' }
		});
		expect(status).toBe(500);
		expect(body).toEqual({
			code: 'unexpected_failure',
			message: 'Unexpected failure, please check server logs for more information'
		});
		expect(log).toHaveBeenCalled();
		log.mockRestore();
	});
});

describe('public endpoints', () => {
	it('serves /health, /settings and an empty JWKS', async () => {
		expect((await h.call('GET', '/health')).body).toMatchObject({ name: 'GoTrue' });
		expect((await h.call('GET', '/settings')).body).toMatchObject({
			external: { email: true, phone: false },
			disable_signup: true,
			mailer_autoconfirm: true
		});
		const jwks = await h.call('GET', '/.well-known/jwks.json');
		expect(jwks.body).toEqual({ keys: [] });
		expect(jwks.headers.get('cache-control')).toBe('public, max-age=600');
	});
});
