import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiClient } from './api';
import type { MapSummary } from './types';
import { loadMapSummary, startMapSummary } from './explorer';

/** A client that answers map_summary with the arguments it was called with, and records each call. */
function recordingClient() {
	const calls: Record<string, unknown>[] = [];
	const client = {
		rpc: async (_name: string, args: Record<string, unknown>) => {
			calls.push(args);
			return { data: { args }, error: null };
		}
	} as unknown as ApiClient;
	return { client, calls };
}

describe('the list’s first page asked for ahead of the navigation', () => {
	afterEach(() => vi.useRealTimers());

	it('is taken by the load with the same client and filters, once', async () => {
		const { client, calls } = recordingClient();
		startMapSummary(client, { p_q: 'shuibei' });
		const first = await loadMapSummary(client, { p_q: 'shuibei' });
		expect(calls).toHaveLength(1);
		expect(first).toEqual({ args: { p_q: 'shuibei', p_limit: 50, p_offset: 0 } });
		await loadMapSummary(client, { p_q: 'shuibei' }); // taken already: asked for again
		expect(calls).toHaveLength(2);
	});

	it('is not used for other filters, another page or another client, nor once it is old', async () => {
		const { client, calls } = recordingClient();
		startMapSummary(client, { p_q: 'shui' });
		await loadMapSummary(client, { p_q: 'shuibei' });
		expect(calls.map((c) => c.p_q)).toEqual(['shui', 'shuibei']);

		startMapSummary(client, { p_q: 'sb' });
		await loadMapSummary(client, { p_q: 'sb' }, 50);
		expect(calls.at(-1)).toMatchObject({ p_q: 'sb', p_offset: 50 });

		const other = recordingClient();
		startMapSummary(client, { p_q: 'sb' });
		await loadMapSummary(other.client, { p_q: 'sb' });
		expect(other.calls).toHaveLength(1);

		vi.useFakeTimers();
		startMapSummary(client, { p_q: 'sb' });
		vi.advanceTimersByTime(60_000);
		const before = calls.length;
		await loadMapSummary(client, { p_q: 'sb' });
		expect(calls.length).toBe(before + 1);
	});

	it('is the list on screen when the filters stay (an item selected): the same object, with no request', async () => {
		const { client, calls } = recordingClient();
		const onScreen = { total: 1, located: 1, version: 7, rows: [] } as unknown as MapSummary;
		startMapSummary(client, { p_kinds: ['event'] }, { args: { p_kinds: ['event'] }, summary: onScreen });
		expect(await loadMapSummary(client, { p_kinds: ['event'] })).toBe(onScreen);
		expect(calls).toEqual([]);

		startMapSummary(client, { p_kinds: ['platform'] }, { args: { p_kinds: ['event'] }, summary: onScreen });
		expect(await loadMapSummary(client, { p_kinds: ['platform'] })).not.toBe(onScreen);
		expect(calls.map((c) => c.p_kinds)).toEqual([['platform']]);

		// no list on screen (it failed to load): asked for
		startMapSummary(client, { p_kinds: ['event'] }, { args: { p_kinds: ['event'] }, summary: null });
		await loadMapSummary(client, { p_kinds: ['event'] });
		expect(calls).toHaveLength(2);
	});
});
