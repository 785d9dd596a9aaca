import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiClient } from './api';
import type { ListingDetail, MapSummary, PlaceDetail } from './types';
import { getListing, getPlace, loadMapSummary, startMapSummary, startSelection } from './explorer';

/** A client that answers any call with the arguments it was called with, and records each call (with its name). */
function recordingClient() {
	const calls: Record<string, unknown>[] = [];
	const client = {
		rpc: async (name: string, args: Record<string, unknown>) => {
			calls.push({ ...args, fn: name });
			return { data: { args }, error: null };
		}
	} as unknown as ApiClient;
	return { client, calls };
}

describe('the list’s first page asked for ahead of the navigation', () => {
	afterEach(() => vi.useRealTimers());

	it('is taken by the load with the same client and filters, once', async () => {
		const { client, calls } = recordingClient();
		startMapSummary(client, { p_q: 'shuibei', p_lang: 'zh' });
		const first = await loadMapSummary(client, { p_q: 'shuibei', p_lang: 'zh' });
		expect(calls).toHaveLength(1);
		expect(first).toEqual({ args: { p_q: 'shuibei', p_lang: 'zh', p_limit: 50, p_offset: 0 } });
		await loadMapSummary(client, { p_q: 'shuibei', p_lang: 'zh' }); // taken already: asked for again
		expect(calls).toHaveLength(2);
	});

	it('is not used for other filters, another page or another client, nor once it is old', async () => {
		const { client, calls } = recordingClient();
		startMapSummary(client, { p_q: 'shui', p_lang: 'zh' });
		await loadMapSummary(client, { p_q: 'shuibei', p_lang: 'zh' });
		expect(calls.map((c) => c.p_q)).toEqual(['shui', 'shuibei']);

		startMapSummary(client, { p_q: 'sb', p_lang: 'zh' });
		await loadMapSummary(client, { p_q: 'sb', p_lang: 'zh' }, 50);
		expect(calls.at(-1)).toMatchObject({ p_q: 'sb', p_offset: 50 });

		const other = recordingClient();
		startMapSummary(client, { p_q: 'sb', p_lang: 'zh' });
		await loadMapSummary(other.client, { p_q: 'sb', p_lang: 'zh' });
		expect(other.calls).toHaveLength(1);

		vi.useFakeTimers();
		startMapSummary(client, { p_q: 'sb', p_lang: 'zh' });
		vi.advanceTimersByTime(60_000);
		const before = calls.length;
		await loadMapSummary(client, { p_q: 'sb', p_lang: 'zh' });
		expect(calls.length).toBe(before + 1);
	});

	it('is the list on screen when the filters stay (an item selected): the same object, with no request', async () => {
		const { client, calls } = recordingClient();
		const onScreen = { total: 1, located: 1, version: 7, rows: [] } as unknown as MapSummary;
		startMapSummary(client, { p_kinds: ['event'], p_lang: 'zh' }, { args: { p_kinds: ['event'], p_lang: 'zh' }, summary: onScreen });
		expect(await loadMapSummary(client, { p_kinds: ['event'], p_lang: 'zh' })).toBe(onScreen);
		expect(calls).toEqual([]);

		startMapSummary(client, { p_kinds: ['platform'], p_lang: 'zh' }, { args: { p_kinds: ['event'], p_lang: 'zh' }, summary: onScreen });
		expect(await loadMapSummary(client, { p_kinds: ['platform'], p_lang: 'zh' })).not.toBe(onScreen);
		expect(calls.map((c) => c.p_kinds)).toEqual([['platform']]);

		// the same filters in the other language: the list is ordered by other names, so it is asked for
		startMapSummary(client, { p_kinds: ['event'], p_lang: 'en' }, { args: { p_kinds: ['event'], p_lang: 'zh' }, summary: onScreen });
		expect(await loadMapSummary(client, { p_kinds: ['event'], p_lang: 'en' })).not.toBe(onScreen);
		expect(calls.at(-1)).toMatchObject({ p_kinds: ['event'], p_lang: 'en' });

		// no list on screen (it failed to load): asked for
		startMapSummary(client, { p_kinds: ['event'], p_lang: 'zh' }, { args: { p_kinds: ['event'], p_lang: 'zh' }, summary: null });
		await loadMapSummary(client, { p_kinds: ['event'], p_lang: 'zh' });
		expect(calls).toHaveLength(3);
	});
});

describe('the selected item’s details asked for ahead of the navigation', () => {
	it('are taken by the load that selects that item, once; another item is asked for', async () => {
		const { client, calls } = recordingClient();
		startSelection(client, { type: 'listing', id: 'chic-shenzhen' });
		expect(calls).toEqual([{ p_id: 'chic-shenzhen', fn: 'get_listing' }]); // sent at once, before any load
		expect(await getListing(client, 'chic-shenzhen')).toEqual({ args: { p_id: 'chic-shenzhen' } });
		expect(calls).toHaveLength(1);
		await getListing(client, 'chic-shenzhen'); // taken already: asked for again
		expect(calls).toHaveLength(2);

		startSelection(client, { type: 'place', id: 'shuibei-buxin-jewellery-cluster' });
		await getPlace(client, 'dalang-fashion-town');
		expect(calls.slice(2).map((c) => [c.fn, c.p_slug])).toEqual([
			['get_place', 'shuibei-buxin-jewellery-cluster'],
			['get_place', 'dalang-fashion-town']
		]);
	});

	it('are the details on screen when the item stays selected (the filters change under its panel), with no request', async () => {
		const { client, calls } = recordingClient();
		const onScreen = { id: 'p1', slug: 'chic-shenzhen' } as unknown as ListingDetail;
		const ref = { type: 'listing' as const, id: 'chic-shenzhen' };
		startSelection(client, ref, { ref, detail: { type: 'listing', listing: onScreen } });
		expect(await getListing(client, 'chic-shenzhen')).toBe(onScreen);
		const place = { id: 'dalang-fashion-town' } as unknown as PlaceDetail;
		startSelection(client, { type: 'place', id: 'dalang-fashion-town' }, { ref: { type: 'place', id: 'dalang-fashion-town' }, detail: { type: 'place', place } });
		expect(await getPlace(client, 'dalang-fashion-town')).toBe(place);
		expect(calls).toEqual([]);

		// no selection next: nothing is sent; a selection whose details failed to load is asked for
		startSelection(client, null, { ref, detail: { type: 'listing', listing: onScreen } });
		startSelection(client, ref, { ref, detail: null });
		expect(calls).toEqual([{ p_id: 'chic-shenzhen', fn: 'get_listing' }]);
	});
});
