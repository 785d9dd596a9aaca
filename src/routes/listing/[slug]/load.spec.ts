import { isHttpError, isRedirect } from '@sveltejs/kit';
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { load } from './+page.server';

/** A client answering get_listing with `listing` and list_sectors with [] (or failing every call). */
const fakeClient = (listing: unknown, error: { code: string; message: string } | null = null) =>
	({ rpc: async (fn: string) => (error ? { data: null, error } : { data: fn === 'get_listing' ? listing : [], error: null }) }) as unknown as SupabaseClient;

async function loadListing(client: SupabaseClient, slug: string, url = `http://site.test/listing/${slug}`) {
	const event = { locals: { supabase: client }, params: { slug }, url: new URL(url), depends: () => {} };
	return (load as (e: unknown) => Promise<unknown>)(event);
}

async function thrownBy(promise: Promise<unknown>): Promise<unknown> {
	try {
		await promise;
	} catch (thrown) {
		return thrown;
	}
	throw new Error('expected the load to throw');
}

describe('listing page load', () => {
	afterEach(() => vi.restoreAllMocks());

	test('an unknown or hidden listing is a 404 with a message in the page language', async () => {
		const thrown = await thrownBy(loadListing(fakeClient(null), 'nope', 'http://site.test/listing/nope?lang=en'));
		expect(isHttpError(thrown, 404) && thrown.body.message).toBe('No such listing');
	});

	test('a backend failure is a 503 that does not show the database message', async () => {
		vi.spyOn(console, 'error').mockImplementation(() => {});
		const thrown = await thrownBy(loadListing(fakeClient(null, { code: 'XX000', message: 'internal detail' }), 'fiyta'));
		expect(isHttpError(thrown, 503) && thrown.body.message).toBe('数据服务暂时无法访问，请稍后再试。');
	});

	test('a listing asked for by uuid redirects to its slug, keeping the query', async () => {
		const id = '142faa43-5e64-4100-b600-550dad62124f';
		const thrown = await thrownBy(loadListing(fakeClient({ id, slug: 'fiyta' }), id, `http://site.test/listing/${id}?lang=en`));
		expect(isRedirect(thrown) && [thrown.status, thrown.location]).toEqual([308, '/listing/fiyta?lang=en']);
	});
});
