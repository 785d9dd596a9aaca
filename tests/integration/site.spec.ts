import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSite, type SiteServer } from '../support/site-server.ts';

describe('the built site on its embedded backend', () => {
	let site: SiteServer;
	beforeAll(async () => {
		site = await startSite();
	});
	afterAll(() => site?.stop());

	test('/health reports that the data backend answers', async () => {
		const response = await fetch(`${site.url}/health`);
		expect(response.status).toBe(200);
		expect(await response.json()).toMatchObject({ status: 'ok', backend: 'embedded-pglite', database: 'ok' });
	});

	test('the home page lists the five consumption districts from the API, server-rendered', async () => {
		const html = await (await fetch(`${site.url}/`)).text();
		const list = /<ul[^>]*data-testid="consumption-districts"[^>]*>([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
		for (const name of ['大浪', '罗湖', '福田', '后海', '横岗']) expect(list).toContain(name);
		expect(list.match(/<li/g)).toHaveLength(5);
		// the list of listings is server-rendered too (readable before and without JavaScript)
		expect(html).toMatch(/data-testid="listing-list"/);
	});

	test('the list says how many of its listings have no known location: some of them, not more besides', async () => {
		const count = (html: string, pattern: RegExp) => Number(pattern.exec(html)?.[1]);
		const zh = await (await fetch(`${site.url}/`)).text();
		const [total, unlocated] = [count(zh, /data-testid="listing-count"[^>]*>[^<\d]*(\d+)/), count(zh, /其中 (\d+) 个没有已知位置，未在地图上显示/)];
		expect(unlocated).toBeGreaterThan(0);
		expect(unlocated).toBeLessThan(total);
		const en = await (await fetch(`${site.url}/?lang=en`)).text();
		expect(en).toContain(`${unlocated} of them have no known location and are not on the map`);
		// one: singular
		const one = await (await fetch(`${site.url}/?lang=en&q=bawang`)).text();
		expect(one).toContain('1 of them has no known location and is not on the map');
	});

	test("an event in the list shows its dates from first to last day, not only the first", async () => {
		const html = await (await fetch(`${site.url}/?lang=en&q=dalang%20cup`)).text();
		const row = /<li[^>]*data-slug="dalang-cup-womenswear-design-contest"[^>]*>([\s\S]*?)<\/li>/.exec(html)?.[1] ?? '';
		expect(row).toContain('Dec 25, 2023 – Jan 25, 2024');
	});

	test('the Supabase API is mounted on the site origin and serves supabase-js with the anon key the page hands out', async () => {
		const html = await (await fetch(`${site.url}/`)).text();
		const anonKey = /"anonKey":"([^"]+)"|anonKey:"([^"]+)"/.exec(html);
		const key = anonKey?.[1] ?? anonKey?.[2];
		expect(key, 'the page should carry the public anon key for the browser client').toBeTruthy();
		const client = createClient(site.url, key!, { auth: { persistSession: false } });
		const { data, error } = await client.rpc('list_sectors');
		expect(error).toBeNull();
		expect(data).toHaveLength(9);
		const secrets = JSON.parse(await readFile(join(site.dataDir, 'gateway-secrets.json'), 'utf8'));
		expect(key).toBe(secrets.anonKey);
		expect(html).not.toContain(secrets.serviceRoleKey);
		expect(html).not.toContain(secrets.jwtSecret);
	});

	test('an unknown API function answers as PostgREST does (PGRST202, 404)', async () => {
		const response = await fetch(`${site.url}/rest/v1/rpc/no_such_function`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
		expect(response.status).toBe(404);
		expect((await response.json()).code).toBe('PGRST202');
	});
});

describe('stopping the built site', () => {
	// pg_control's `state` (PostgreSQL's DBState, after the system identifier and two version numbers): 1 = shut down
	// cleanly; 6 = "in production", as a database is left when its server is killed and must recover at the next start.
	const DB_SHUTDOWNED = 1;
	const databaseState = async (dataDir: string) => (await readFile(join(dataDir, 'pgdata', 'global', 'pg_control'))).readInt32LE(16);

	test('SIGTERM closes the database cleanly and ends the process', async () => {
		const site = await startSite();
		await fetch(`${site.url}/`); // a page that queries the database, as a visitor would
		site.signal('SIGTERM');
		// not a timing goal: only how long to wait before concluding the process would not end by itself
		const ended = await Promise.race([site.exited.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 60_000))]);
		if (!ended) site.signal('SIGKILL');
		await site.exited;
		const state = await databaseState(site.dataDir);
		await site.stop();
		expect(ended).toBe(true);
		expect(state).toBe(DB_SHUTDOWNED);
	}, 120_000);
});
