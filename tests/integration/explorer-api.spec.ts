// The explorer's list and counts (map_summary, read from atlas.explorer_index) and its map layer (map_features, read
// from the listings) through supabase-js over HTTP, on PGlite and PostgreSQL: they agree for every kind of filter,
// both follow a write to the listings at once (the index is kept by triggers, the data version moves), and the map
// layer is cacheable only when its URL names a data version.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { startTestBackend, TARGETS, type TestBackend } from '../support/test-backend.ts';

type Summary = {
	version: number;
	total: number;
	located: number;
	by_kind: Record<string, number>;
	by_sector: Record<string, number>;
	rows: { slug: string; kind: string; sectors: string[]; located: boolean; name_zh: string | null; name_en: string | null }[];
};
type Features = { features: { properties: { slug: string } & Record<string, unknown> }[] };

// Every filter the explorer has, alone and combined; search terms in pinyin, initials, Chinese, two terms, none found.
const FILTERS: Record<string, unknown>[] = [
	{},
	{ p_sectors: ['jewellery'] },
	{ p_sectors: ['apparel', 'eyewear'], p_kinds: ['enterprise', 'platform'] },
	{ p_sectors: ['multi'] }, // the listings of several sectors
	{ p_sectors: ['jewellery', 'multi'], p_q: 'shenzhen' },
	{ p_kinds: ['event'] },
	{ p_event_from: '2020-01-01', p_event_to: '2023-12-31' },
	{ p_q: 'shuibei' },
	{ p_q: 'sb' },
	{ p_q: '水贝' },
	{ p_q: 'shenzhen jewel' },
	{ p_q: 'jewel sb' }, // a term with trigrams beside one without
	{ p_q: 'no such listing anywhere' }
];

describe.each(TARGETS)('explorer list, counts and map layer (%s)', (target) => {
	let api: TestBackend;
	let anon: SupabaseClient;

	const summary = async (args: Record<string, unknown>): Promise<Summary> => {
		const { data, error } = await anon.rpc('map_summary', { ...args, p_limit: 500 });
		expect(error).toBeNull();
		return data as Summary;
	};
	const features = async (args: Record<string, unknown>): Promise<Features> => {
		const { data, error } = await anon.rpc('map_features', args, { get: true });
		expect(error).toBeNull();
		return data as Features;
	};

	beforeAll(async () => {
		api = await startTestBackend(target);
		anon = api.client();
	});
	afterAll(() => api?.stop());

	test.each(FILTERS)('list, counts and map layer agree for %j', async (args) => {
		const [list, map] = await Promise.all([summary(args), features(args)]);
		expect(list.total).toBeLessThan(500); // the whole list is in rows: every count can be recomputed from it
		expect(list.rows).toHaveLength(list.total);
		expect(list.located).toBe(map.features.length);
		expect(new Set(map.features.map((f) => f.properties.slug))).toEqual(
			new Set(list.rows.filter((r) => r.located).map((r) => r.slug))
		);
		const kinds: Record<string, number> = {};
		const sectors: Record<string, number> = {};
		for (const row of list.rows) {
			kinds[row.kind] = (kinds[row.kind] ?? 0) + 1;
			// a listing of several sectors names none, and counts under `multi`
			for (const s of row.sectors.length ? row.sectors : ['multi']) sectors[s] = (sectors[s] ?? 0) + 1;
		}
		expect(list.by_kind).toEqual(kinds);
		expect(list.by_sector).toEqual(sectors);
	});

	test('each map feature carries only what the map draws, labels and selects by', async () => {
		// the rest is parsed in MapLibre's worker and copied back to the page for nothing (migration 20260112000000)
		const map = await features({});
		expect(map.features.length).toBeGreaterThan(50);
		for (const feature of map.features) {
			expect(Object.keys(feature.properties).sort()).toEqual(['id', 'kind', 'name_en', 'name_zh', 'sector', 'slug']);
		}
	});

	test('a search for shuibei, sb or 水贝 lists the Shuibei listings, in the list order', async () => {
		for (const q of ['shuibei', 'sb', '水贝']) {
			const list = await summary({ p_q: q });
			expect(list.rows.map((r) => r.slug)).toContain('shuibei-china-jewellery-index');
		}
		const all = await summary({});
		const names = all.rows.map((r) => r.slug);
		expect(all.total).toBeGreaterThan(50);
		const page2 = await anon.rpc('map_summary', { p_limit: 20, p_offset: 20 });
		expect((page2.data as Summary).rows.map((r) => r.slug)).toEqual(names.slice(20, 40));
	});

	test('a district or a place is found by its name in Chinese, English or pinyin alike: its listings, by district and address', async () => {
		const slugsFor = async (q: string) => (await summary({ p_q: q })).rows.map((r) => r.slug).sort();
		// the listings of Luohu district (罗湖区), by their district_code in the seed
		const luohu = await slugsFor('罗湖');
		expect(luohu).toEqual(expect.arrayContaining(['chow-tai-seng', 'shenzhen-jewellery-museum', 'shuibei-china-jewellery-index', 'tellus', 'ttf']));
		expect(await slugsFor('Luohu')).toEqual(luohu);
		expect(await slugsFor('luohu')).toEqual(luohu);
		// a place named in the listings' addresses (大浪), in pinyin
		const dalang = await slugsFor('大浪');
		expect(dalang.length).toBeGreaterThan(2);
		expect(await slugsFor('dalang')).toEqual(dalang);
		// but not by the initials of an address, whose long string of letters holds most two-letter terms by chance
		// (艺之卉百年时尚博物馆: yzhbnssbwg)
		expect(await slugsFor('sb')).not.toContain('yizhihui');
		// and the map layer agrees with the list
		const { data } = await anon.rpc('map_features', { p_q: 'luohu' });
		const located = (await summary({ p_q: 'luohu' })).rows.filter((r) => r.located).map((r) => r.slug).sort();
		expect((data as Features).features.map((f) => f.properties.slug).sort()).toEqual(located);
	});

	test('a listing is found by its sectors’ names in either language, their pinyin and everyday words for the trade', async () => {
		const cases: [string, string][] = [
			['jewellery', 'jewellery'], ['jewelry', 'jewellery'], ['珠宝', 'jewellery'], ['zhubao', 'jewellery'],
			['eyewear', 'eyewear'], ['glasses', 'eyewear'], ['眼镜', 'eyewear'], ['apparel', 'apparel'], ['服装', 'apparel']
		];
		for (const [q, sector] of cases) {
			const inSector = (await summary({ p_sectors: [sector] })).rows.map((r) => r.slug);
			const found = (await summary({ p_q: q })).rows;
			expect(inSector.length, sector).toBeGreaterThan(3);
			expect(new Set(found.map((r) => r.slug)), q).toEqual(new Set([...inSector, ...found.map((r) => r.slug)])); // all of the sector
			// and, for a word no listing's own name holds, nothing else
			if (['jewelry', 'glasses', 'zhubao'].includes(q)) expect(found.filter((r) => !r.sectors.includes(sector)), q).toEqual([]);
		}
		// one trade's words do not find another's listings, nor do a sector's initials (工艺美术: gyms) find it
		expect((await summary({ p_q: 'glasses', p_sectors: ['jewellery'] })).total).toBe(0);
		expect((await summary({ p_sectors: ['arts_crafts'] })).total).toBeGreaterThan(0);
		expect((await summary({ p_q: 'gyms' })).total).toBe(0);
	});

	test('the listings of several sectors (none named) are a filter of their own: all ten filters together list every listing', async () => {
		const all = await summary({});
		const several = await summary({ p_sectors: ['multi'] });
		expect(several.total).toBeGreaterThan(0);
		expect(several.rows.every((r) => r.sectors.length === 0)).toBe(true);
		expect(several.total).toBe(all.rows.filter((r) => r.sectors.length === 0).length);
		expect(all.by_sector.multi).toBe(several.total);
		const everySector = ['apparel', 'furniture', 'watches', 'jewellery', 'lingerie', 'leather', 'eyewear', 'cosmetics', 'arts_crafts'];
		expect((await summary({ p_sectors: everySector })).total).toBe(all.total - several.total);
		expect((await summary({ p_sectors: [...everySector, 'multi'] })).total).toBe(all.total);
		// the map layer, the exports and the statistics (explorer_listings) follow the same rule
		expect((await features({ p_sectors: ['multi'] })).features.length).toBe(several.located);
		// and a code that is no sector is still refused
		const { error } = await anon.rpc('map_summary', { p_sectors: ['several'] });
		expect(error?.message).toMatch(/p_sectors/);
	});

	test('a listing is found by the name of the area it belongs to: all of the Shuibei cluster’s by 水贝 and by shuibei', async () => {
		// the cluster's listings, as the seed places them
		const seed = JSON.parse(await readFile('data/listings.json', 'utf8')) as { slug: string; place_id: string | null }[];
		const inCluster = seed.filter((l) => l.place_id === 'shuibei-buxin-jewellery-cluster').map((l) => l.slug);
		expect(inCluster.length).toBeGreaterThan(5);
		expect(inCluster).toContain('shenzhen-jewellery-museum'); // 深圳珠宝博物馆: 水贝 is in neither its name nor its address
		for (const q of ['水贝', 'shuibei', '水贝 布心']) {
			const found = (await summary({ p_q: q })).rows.map((r) => r.slug);
			expect(found, q).toEqual(expect.arrayContaining(inCluster));
		}
		// by the full pinyin only: two letters do not match whole areas (水贝—布心…: sbbx…)
		expect((await summary({ p_q: 'sbbx' })).total).toBe(0);
	});

	test('an area is suggested by its sectors’ words too, as its listings are found (map_places search text)', async () => {
		const { data, error } = await anon.rpc('map_places');
		expect(error).toBeNull();
		const places = (data as { features: { properties: { id: string; sectors: string; search: string } }[] }).features.map((f) => f.properties);
		// the suggestions' rule (SearchBox.svelte): every term is in the search text
		const suggested = (q: string) => places.filter((p) => q.toLowerCase().split(/\s+/).every((term) => p.search.includes(term))).map((p) => p.id);
		for (const [words, sector] of [[['jewelry', 'jewellery', '珠宝', 'zhubao'], 'jewellery'], [['glasses', 'eyewear', '眼镜'], 'eyewear'], [['clothing', 'apparel', '服装'], 'apparel']] as const) {
			const inSector = places.filter((p) => p.sectors.includes(`,${sector},`)).map((p) => p.id);
			expect(inSector.length, sector).toBeGreaterThan(0);
			for (const word of words) expect(suggested(word), word).toEqual(expect.arrayContaining(inSector));
		}
		// and still by its names, pinyin and initials
		expect(suggested('shuibei')).toEqual(suggested('水贝'));
		expect(suggested('sb')).toEqual(expect.arrayContaining(suggested('水贝')));
	});

	test('the list is in the reader’s order: by pinyin in Chinese, by the English name in English', async () => {
		const zh = (await summary({})).rows;
		expect((await summary({ p_lang: 'zh' })).rows).toEqual(zh); // Chinese is the default
		// Chinese collation's order: digits, then Chinese names by pinyin, syllable by syllable, then Latin names;
		// quotation marks aside (by code point, 中 came before 东, and “大浪杯” after every Latin name)
		const seen = ['shenzhen-fashion-consumption-week-2022', 'dalang-cup-womenswear-design-contest', 'dongfang-jewellery-1981',
			'china-print-museum', 'chic-shenzhen', 'design-shenzhen', 'hrd-lab-szti', 'ttf'];
		expect(zh.map((r) => r.slug).filter((slug) => seen.includes(slug))).toEqual(seen);
		// Latin names after all Chinese ones, as the browser's Intl.Collator('zh-CN') has it, which orders the site's
		// short lists (src/lib/i18n byName)
		const startsLatin = zh.map((r) => /^[A-Za-z]/.test(r.name_zh ?? ''));
		expect(startsLatin.filter(Boolean).length).toBeGreaterThan(3);
		expect(startsLatin.indexOf(true)).toBe(startsLatin.length - startsLatin.filter(Boolean).length); // all at the end
		// English: the order English collation gives the English names, with case, spaces and punctuation aside
		const en = (await summary({ p_lang: 'en' })).rows;
		expect(en.map((r) => r.slug).sort()).toEqual(zh.map((r) => r.slug).sort());
		const collator = new Intl.Collator('en', { sensitivity: 'base', ignorePunctuation: true });
		const names = en.map((r) => r.name_en ?? '');
		expect(names.every(Boolean)).toBe(true); // every seed listing has an English name
		const outOfOrder = names.slice(1).filter((name, i) => collator.compare(names[i]!, name) > 0);
		expect(outOfOrder).toEqual([]);
		expect(names.indexOf('"Dalang Cup" China Womenswear Design Contest')).toBeLessThan(names.indexOf('DESIGN Shenzhen (consumer technology & interior design fair)'));
	});

	test('every page size and offset gives the same list order, whether few or many listings match the page', async () => {
		// map_summary reads a page one of two ways: walking the list order when the matches far outnumber the page
		// (here a page of 1 or 2 among all listings), else sorting the matches (a search, or a page of 20)
		for (const args of [{}, { p_q: 'jewel' }, { p_lang: 'en' }]) {
			const whole = (await summary(args)).rows.map((r) => r.slug);
			for (const size of [1, 2, 20]) {
				const pages: string[] = [];
				for (let offset = 0; offset < Math.min(whole.length, 6); offset += size) {
					const { data, error } = await anon.rpc('map_summary', { ...args, p_limit: size, p_offset: offset });
					expect(error).toBeNull();
					pages.push(...(data as Summary).rows.map((r) => r.slug));
				}
				expect(pages.slice(0, 6)).toEqual(whole.slice(0, 6));
			}
		}
	});

	test('list_position gives a listing’s row in the list for the same filters and language, null when left out', async () => {
		const position = async (args: Record<string, unknown>, slug: string) => {
			const { data, error } = await anon.rpc('list_position', { ...args, p_slug: slug });
			expect(error).toBeNull();
			return data as number | null;
		};
		for (const args of [{}, { p_lang: 'en' }, { p_q: 'jewel' }, { p_sectors: ['apparel'], p_kinds: ['enterprise', 'event'], p_lang: 'en' }]) {
			const whole = (await summary(args)).rows.map((r) => r.slug);
			expect(whole.length).toBeGreaterThan(3);
			// every fifth row, and the last (the rows a list of 50 leaves out are what the explorer asks about)
			const rows = [...whole.keys()].filter((i) => i % 5 === 0 || i === whole.length - 1);
			expect(await Promise.all(rows.map((i) => position(args, whole[i]!)))).toEqual(rows);
		}
		const all = (await summary({})).rows.map((r) => r.slug);
		const jewel = new Set((await summary({ p_q: 'jewel' })).rows.map((r) => r.slug));
		const leftOut = all.find((slug) => !jewel.has(slug))!;
		expect(await position({ p_q: 'jewel' }, leftOut)).toBeNull();
		expect(await position({}, 'no-such-listing')).toBeNull();
		const bad = await anon.rpc('list_position', { p_slug: all[0], p_lang: 'fr' });
		expect(bad.error?.code).toBe('22023');
		const badSector = await anon.rpc('list_position', { p_slug: all[0], p_sectors: ['shoes'] });
		expect(badSector.error?.code).toBe('22023');
	});

	test('a new listing, its archiving and its deletion reach list, counts, map layer and data version at once', async () => {
		const before = await summary({ p_q: 'zebra-fixture' });
		expect(before.total).toBe(0);
		const insert = await api.backend.db.query<{ id: string }>(
			`insert into atlas.listings (slug, kind, name_zh, name_en, sectors, district_code, lon, lat, precision, status, source_urls)
			 values ('zebra-fixture', 'platform', '斑马测试平台', 'Zebra fixture platform', '{leather}', '440303', 114.12, 22.55,
			         'estimate', 'published', '{https://example.org/fixture}') returning id`
		);
		const added = await summary({ p_q: 'zebra-fixture' });
		expect(added.version).toBeGreaterThan(before.version);
		expect(added.rows.map((r) => r.slug)).toEqual(['zebra-fixture']);
		expect(added.by_kind).toEqual({ platform: 1 });
		expect((await features({ p_q: '斑马' })).features.map((f) => f.properties.slug)).toEqual(['zebra-fixture']);

		await api.backend.db.query(`update atlas.listings set status = 'archived' where id = $1`, [insert.rows[0]!.id]);
		const archived = await summary({ p_q: 'zebra-fixture' });
		expect(archived.version).toBeGreaterThan(added.version);
		expect(archived.total).toBe(0);
		expect((await features({ p_q: '斑马' })).features).toEqual([]);

		await api.backend.db.query(`update atlas.listings set status = 'published' where id = $1`, [insert.rows[0]!.id]);
		expect((await summary({ p_q: 'zebra-fixture' })).total).toBe(1);
		await api.backend.db.query(`delete from atlas.listings where id = $1`, [insert.rows[0]!.id]);
		expect((await summary({ p_q: 'zebra-fixture' })).total).toBe(0);
	});

	test('the map layer is cacheable for good only when its URL names a data version', async () => {
		const { version } = await summary({});
		const get = (query: string) =>
			fetch(`${api.url}/rest/v1/rpc/map_features${query}`, { headers: { apikey: api.backend.secrets.anonKey } });
		const versioned = await get(`?p_sectors=%7Bjewellery%7D&p_v=${version}`);
		expect(versioned.status).toBe(200);
		expect(versioned.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
		const plain = await get('?p_sectors=%7Bjewellery%7D');
		expect(plain.status).toBe(200);
		expect(plain.headers.get('cache-control')).toBeNull();
		expect(await versioned.json()).toEqual(await plain.json());
	});

	test('bad filters are refused with the same errors as before, and change nothing', async () => {
		const { error } = await anon.rpc('map_summary', { p_sectors: ['shoes'] });
		expect(error?.code).toBe('22023');
		expect(error?.message).toContain('p_sectors');
		const dates = await anon.rpc('map_summary', { p_event_from: '2024-02-01', p_event_to: '2024-01-01' });
		expect(dates.error?.code).toBe('22023');
		const lang = await anon.rpc('map_summary', { p_lang: 'fr' });
		expect(lang.error?.code).toBe('22023');
		expect(lang.error?.hint).toBe('Use any of: zh, en.');
	});
});
