// Issue #6 "Export exactly what is on screen", against the built site: a filter is exported as CSV and GeoJSON,
// parsed back and compared row by row with the API's answer for the same filter; Chinese text survives the round
// trip; the events feed parses with a standard iCalendar parser (ical.js); the comparison exports as CSV.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseCsv } from '../../src/lib/server/export/csv.ts';
import { startSite, type SiteServer } from '../support/site-server.ts';

interface ApiListing {
	slug: string;
	kind: string;
	name_zh: string | null;
	name_en: string | null;
	lon: number | null;
	lat: number | null;
	event_start: string | null;
	source_urls: string[];
}

describe('exports of the built site', () => {
	let site: SiteServer;
	let anon: SupabaseClient;

	/** What the API returns for the same filter, every page. */
	async function apiListings(args: Record<string, unknown>): Promise<ApiListing[]> {
		const out: ApiListing[] = [];
		for (let after: string | null = null; ; ) {
			const { data, error }: { data: ApiListing[] | null; error: unknown } = await anon.rpc('export_listings', { ...args, p_after: after, p_limit: 5000 });
			expect(error).toBeNull();
			out.push(...data!);
			if (data!.length < 5000) return out;
			after = data!.at(-1)!.slug;
		}
	}

	beforeAll(async () => {
		site = await startSite();
		await fetch(`${site.url}/`); // first request migrates and seeds
		const { anonKey } = JSON.parse(await readFile(join(site.dataDir, 'gateway-secrets.json'), 'utf8'));
		anon = createClient(site.url, anonKey, { auth: { persistSession: false } });
	});
	afterAll(() => site?.stop());

	test('CSV: UTF-8 with BOM, one row per listing on screen, equal row by row to the API, Chinese intact', async () => {
		const response = await fetch(`${site.url}/export/listings.csv?sectors=jewellery,apparel`);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="shenzhen-fashion-listings-\d{4}-\d{2}-\d{2}\.csv"/);
		const bytes = new Uint8Array(await response.arrayBuffer());
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const [header, ...rows] = parseCsv(new TextDecoder().decode(bytes));
		const api = await apiListings({ p_sectors: ['jewellery', 'apparel'] });
		const { data: summary } = await anon.rpc('map_summary', { p_sectors: ['jewellery', 'apparel'], p_limit: 1 });
		expect(rows.length).toBe(summary.total); // the count on screen
		expect(rows.length).toBe(api.length);
		const col = (name: string) => header!.indexOf(name);
		rows.forEach((row, i) => {
			const listing = api[i]!;
			expect(row[col('slug')]).toBe(listing.slug);
			expect(row[col('kind')]).toBe(listing.kind);
			expect(row[col('name_zh')]).toBe(listing.name_zh ?? '');
			expect(row[col('name_en')]).toBe(listing.name_en ?? '');
			expect(row[col('lon')]).toBe(listing.lon === null ? '' : String(listing.lon));
			expect(row[col('source_urls')]).toBe(listing.source_urls.join(' '));
		});
		expect(rows.some((row) => /[\u4e00-\u9fff]/.test(row[col('name_zh')]!))).toBe(true);
	});

	test('GeoJSON: every listing a feature (unlocated ones with null geometry), equal to the API, with metadata', async () => {
		const response = await fetch(`${site.url}/export/listings.geojson?kinds=enterprise,platform&lang=en`);
		expect(response.headers.get('content-type')).toBe('application/geo+json; charset=utf-8');
		const collection = await response.json();
		const api = await apiListings({ p_kinds: ['enterprise', 'platform'] });
		expect(collection.type).toBe('FeatureCollection');
		expect(collection.features).toHaveLength(api.length);
		expect(collection.metadata).toMatchObject({ count: api.length, data_as_of: expect.any(String), generated_at: expect.any(String) });
		collection.features.forEach((feature: { id: string; geometry: { coordinates: number[] } | null; properties: ApiListing }, i: number) => {
			expect(feature.id).toBe(api[i]!.slug);
			expect(feature.properties.name_zh).toBe(api[i]!.name_zh);
			expect(feature.properties.source_urls).toEqual(api[i]!.source_urls);
			expect(feature.geometry?.coordinates ?? null).toEqual(api[i]!.lon === null ? null : [api[i]!.lon, api[i]!.lat]);
		});
	});

	test('an area narrows the export to what the statistics panel counts; a malformed area is a 400', async () => {
		const area = { type: 'place', id: 'shuibei-buxin-jewellery-cluster' };
		const { data: stats } = await anon.rpc('area_stats', { p_area: area, p_limit: 0 });
		const [, ...rows] = parseCsv(await (await fetch(`${site.url}/export/listings.csv?area=shuibei-buxin-jewellery-cluster`)).text());
		expect(rows.length).toBe(stats.total);
		expect((await fetch(`${site.url}/export/listings.csv?area=p:1,2`)).status).toBe(400);
		const bowTie = await fetch(`${site.url}/export/listings.csv?area=p:114,22.5,114.1,22.6,114.1,22.5,114,22.6`);
		expect(bowTie.status).toBe(400);
	});

	test('events as iCalendar: parses with ical.js, one VEVENT per dated event of the filter', async () => {
		const response = await fetch(`${site.url}/export/events.ics?lang=zh`);
		expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
		const calendar = new ICAL.Component(ICAL.parse(await response.text()));
		const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
		const api = (await apiListings({ p_kinds: ['event'] })).filter((l) => l.event_start);
		expect(events.length).toBe(api.length);
		expect(events.length).toBeGreaterThan(0);
		const bySlug = new Map(api.map((l) => [l.slug, l]));
		for (const event of events) {
			const listing = bySlug.get(event.uid.split('@')[0]!)!;
			expect(event.summary).toBe(listing.name_zh ?? listing.name_en);
			expect(event.startDate.toString()).toBe(listing.event_start);
			expect(event.description).toContain('来源：'); // Chinese punctuation in the Chinese feed
		}
		// the feed names its filter, not the page's language
		expect(calendar.getFirstPropertyValue('x-wr-caldesc')).toBe('深圳时尚活动（筛选：无）。来源见各活动页面。');
		const english = new ICAL.Component(ICAL.parse(await (await fetch(`${site.url}/export/events.ics?lang=en&sectors=jewellery`)).text()));
		expect(english.getFirstPropertyValue('x-wr-caldesc')).toBe("Fashion events in Shenzhen (filter: sectors=jewellery). Sources: each event's page.");
	});

	test('the comparison as CSV: the same counts as area_stats, figures with year and source', async () => {
		const response = await fetch(`${site.url}/export/compare.csv?lang=en&compare=shuibei-buxin-jewellery-cluster,dalang-fashion-street`);
		expect(response.status).toBe(200);
		const [header, ...rows] = parseCsv(await response.text());
		expect(header!.slice(0, 3)).toEqual(['group', 'measure', expect.stringContaining('Shuibei')]);
		const total = rows.find((r) => r[1] === 'All listings')!;
		const { data: shuibei } = await anon.rpc('area_stats', { p_area: { type: 'place', id: 'shuibei-buxin-jewellery-cluster' }, p_limit: 0 });
		const { data: dalang } = await anon.rpc('area_stats', { p_area: { type: 'place', id: 'dalang-fashion-street' }, p_limit: 0 });
		expect([total[2], total[5]]).toEqual([String(shuibei.total), String(dalang.total)]);
		// a count's source is this site's listings, named in the file's language
		// (dated as the page dates things: 'Nov 28, 2026', 2026年11月28日)
		const [year, month, day] = shuibei.as_of.slice(0, 10).split('-').map(Number);
		expect(total[4]).toBe(`Shenzhen Fashion Map listings, as of ${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][month - 1]} ${day}, ${year}`);
		// the sectors' rows end with the listings of several sectors, counted as area_stats counts them
		const sectorRows = rows.filter((r) => r[0] === rows.find((x) => x[1] === 'Gold & Jewellery')![0]);
		expect(sectorRows.at(-1)!.slice(1, 3)).toEqual(['Several sectors', String(shuibei.by_sector.multi ?? 0)]);
		const output = rows.find((r) => r[1] === 'Output value (published)')!;
		expect(output[2]).toMatch(/billion/);
		expect(output[3]).toMatch(/^\d{4}$/);
		expect(output[4]).toMatch(/^https?:\/\//);
		// a figure's unit is written in the file's language (Shuibei's newest area: 0.9 km2, 2025)
		expect(rows.find((r) => r[1] === 'Area (published)')!.slice(2, 4)).toEqual(['0.9 km²', '2025']);
		const [, ...rowsZh] = parseCsv(await (await fetch(`${site.url}/export/compare.csv?compare=shuibei-buxin-jewellery-cluster,dalang-fashion-street`)).text());
		expect(rowsZh.find((r) => r[1] === '面积（公开数据）')!.slice(2, 4)).toEqual(['0.9 平方公里', '2025']);
		expect(rowsZh.find((r) => r[1] === '条目总数')![4]).toBe(`深圳时尚产业地图条目，截至 ${year}年${month}月${day}日`);
		// and a large amount the Chinese way: Shuibei's "110 billion (1100亿元)" CNY is 1100亿元
		expect(output[2]).toBe('110 billion (1100亿元) CNY');
		expect(rowsZh.find((r) => r[1] === '产值 / 规模（公开数据）')![2]).toBe('1100亿元');
		// a figure's source on a mirror site says whose article it copies (the place's notes name the original)
		const copied = rows.map((r) => r[4] ?? '').filter((source) => source.includes('takajo-isoku.com'));
		expect(copied.length).toBeGreaterThan(0);
		for (const source of copied) expect(source).toMatch(/^http:\/\/takajo-isoku\.com\/\S+ \(A copy; original: 人民网深圳 \(sz\.people\.com\.cn\), 2021-05-21\)$/);
		expect(rowsZh.map((r) => r[4] ?? '').filter((source) => source.includes('takajo-isoku.com'))[0]).toMatch(/ \(转载，原文：人民网深圳 \(sz\.people\.com\.cn\), 2021-05-21\)$/);
		// no published figure: an empty cell (a spreadsheet reads the table's dash as text)
		const unpublished = rows.filter((r) => /published/.test(r[1]!)).flatMap((r) => [r.slice(2, 5), r.slice(5, 8)]).filter(([, , source]) => source === '');
		expect(unpublished.length).toBeGreaterThan(0);
		expect(unpublished).toEqual(unpublished.map(() => ['', '', '']));
		expect((await fetch(`${site.url}/export/compare.csv`)).status).toBe(400);
		// in Chinese the file's own words are Chinese too
		const [headerZh] = parseCsv(await (await fetch(`${site.url}/export/compare.csv?compare=shuibei-buxin-jewellery-cluster`)).text());
		expect(headerZh!.slice(0, 2)).toEqual(['分组', '指标']);
		expect(rowsZh.find((r) => r[1] === '条目总数')![0]).toBe('条目数');
	});

	test('the comparison as CSV leaves out an area that does not exist, as the screen does, and names it', async () => {
		const response = await fetch(`${site.url}/export/compare.csv?lang=en&compare=no-such-place,dalang-fashion-street`);
		expect(response.status).toBe(200);
		const lines = parseCsv(await response.text());
		expect(lines[0]).toHaveLength(2 + 3); // group, measure, and Dalang's value, year and source
		expect(lines[0]![2]).toContain('Dalang');
		expect(lines.find((line) => line[0] === 'not found, left out')).toEqual(['not found, left out', 'no-such-place']);
		expect((await fetch(`${site.url}/export/compare.csv?compare=no-such-place`)).status).toBe(404);
	});

	test('a date the calendar does not have is ignored, as the explorer ignores it, rather than failing the export', async () => {
		const all = parseCsv(await (await fetch(`${site.url}/export/listings.csv`)).text());
		for (const search of ['?from=2024-02-30', '?to=2023-02-29&kinds=event']) {
			const response = await fetch(`${site.url}/export/listings.csv${search}`);
			expect(response.status).toBe(200);
			const rows = parseCsv(await response.text());
			expect(rows.length).toBe(search.includes('event') ? all.filter((r) => r[all[0]!.indexOf('kind')] === 'event').length + 1 : all.length);
		}
	});
});
