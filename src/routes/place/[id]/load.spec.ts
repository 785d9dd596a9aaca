import { isHttpError } from '@sveltejs/kit';
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { load } from './+page.server';

/** A client whose every RPC answers the same way. */
const fakeClient = (answer: { data: unknown; error: { code: string; message: string } | null }) =>
	({ rpc: async () => answer }) as unknown as SupabaseClient;

async function loadPlace(client: SupabaseClient, url = 'http://site.test/place/x') {
	const event = { locals: { supabase: client }, params: { id: 'x' }, url: new URL(url), depends: () => {} };
	return (load as (e: unknown) => Promise<unknown>)(event);
}

async function httpErrorOf(promise: Promise<unknown>) {
	try {
		await promise;
	} catch (thrown) {
		if (isHttpError(thrown)) return thrown;
		throw thrown;
	}
	throw new Error('expected an HTTP error');
}

describe('place page load', () => {
	afterEach(() => vi.restoreAllMocks());

	test('an unknown place is a 404 with a message in the page language', async () => {
		const zh = await httpErrorOf(loadPlace(fakeClient({ data: null, error: null })));
		expect(zh.status).toBe(404);
		expect(zh.body.message).toBe('找不到此区域');
		const en = await httpErrorOf(loadPlace(fakeClient({ data: null, error: null }), 'http://site.test/place/x?lang=en'));
		expect(en.body.message).toBe('No such area');
	});

	test('a backend failure is a 503 with a plain sentence; the real error is only logged', async () => {
		const log = vi.spyOn(console, 'error').mockImplementation(() => {});
		const failing = fakeClient({ data: null, error: { code: '42P01', message: 'relation "atlas.secret" does not exist' } });
		const failure = await httpErrorOf(loadPlace(failing, 'http://site.test/place/x?lang=en'));
		expect(failure.status).toBe(503);
		expect(failure.body.message).toBe('The data service cannot be reached right now; please try again shortly.');
		expect(JSON.stringify(failure.body)).not.toContain('atlas.secret');
		expect(String(log.mock.calls[0])).toContain('atlas.secret');
	});
});
