// Issue #6 (investors) through supabase-js over HTTP, on PGlite and PostgreSQL: any area's statistics agree with a
// direct Turf computation, empty areas give zeros, a self-intersecting polygon is refused, the cluster view's counts
// agree with Turf and with area_stats, the support measures are readable (and only readable) by anyone.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { countInArea, type CountablePoint } from '../../src/lib/geo/count-in-area.ts';
import { startTestBackend, TARGETS, type TestBackend } from '../support/test-backend.ts';

// Fixture listings (not real firms) around a test square in Luohu, plus one tied to Shuibei but unlocated.
const SQUARE = { type: 'Polygon', coordinates: [[[114.2, 22.6], [114.22, 22.6], [114.22, 22.62], [114.2, 22.62], [114.2, 22.6]]] };
const FIXTURES: [string, string, string[], number | null, number | null, string | null][] = [
	['fixture-in-1', 'enterprise', ['apparel'], 114.21, 22.61, null],
	['fixture-in-2', 'event', ['apparel', 'jewellery'], 114.205, 22.615, null],
	['fixture-edge', 'platform', ['eyewear'], 114.22, 22.61, null], // on the east edge: inside, as Turf says
	['fixture-out', 'enterprise', ['apparel'], 114.23, 22.61, null],
	['fixture-tied-unlocated', 'enterprise', ['jewellery'], null, null, 'shuibei-buxin-jewellery-cluster']
];

type Listing = CountablePoint & { slug: string };

// The plan's support measures as shipped in data/ (the seed is generated from this file): the API must return each.
type PolicyMeasure = {
	id: string;
	sort_order: number;
	clause_zh: string;
	clause_en: string;
	rate_pct: number | null;
	cap_cny: number | null;
	amount_cny: number | null;
	applies_to: { listing_kinds: string[]; sectors: string[]; area_kinds: string[] };
	sources: { url: string }[];
};
const POLICY_MEASURES: PolicyMeasure[] = JSON.parse(readFileSync(new URL('../../data/policy-measures.json', import.meta.url), 'utf8')).measures;

describe.each(TARGETS)('investor statistics (%s)', (target) => {
	let api: TestBackend;
	let anon: SupabaseClient;
	let all: Listing[];

	/** Every published listing as the API exports it, paging through export_listings. */
	async function everyListing(): Promise<Listing[]> {
		const out: Listing[] = [];
		for (let after: string | null = null; ; ) {
			const { data, error }: { data: Listing[] | null; error: unknown } = await anon.rpc('export_listings', { p_after: after, p_limit: 5000 });
			expect(error).toBeNull();
			out.push(...data!);
			if (data!.length < 5000) return out;
			after = data!.at(-1)!.slug;
		}
	}

	beforeAll(async () => {
		api = await startTestBackend(target);
		anon = api.client();
		for (const [slug, kind, sectors, lon, lat, place] of FIXTURES) {
			await api.backend.db.query(
				`insert into atlas.listings (slug, kind, name_zh, name_en, sectors, district_code, lon, lat, precision, place_id, status, source_urls)
				 values ($1, $2, '测试' || $1, 'Fixture ' || $1, $3, '440303', $4, $5, case when $4::float8 is null then null else 'estimate' end, $6, 'published', '{https://example.org/fixture}')`,
				[slug, kind, `{${sectors.join(',')}}`, lon, lat, place]
			);
		}
		all = await everyListing();
	});
	afterAll(() => api?.stop());

	test('a drawn polygon: counts equal Turf point-in-polygon over the same listings', async () => {
		const { data, error } = await anon.rpc('area_stats', { p_area: SQUARE, p_limit: 10 });
		expect(error).toBeNull();
		const turf = countInArea(all, SQUARE as never);
		expect(turf.total).toBe(3);
		expect({ total: data.total, by_kind: data.by_kind, by_sector: data.by_sector }).toEqual(turf);
		expect(data.listings.map((l: { slug: string }) => l.slug).sort()).toEqual(['fixture-edge', 'fixture-in-1', 'fixture-in-2']);
		expect(data.by_kind_sector).toEqual({ enterprise: { apparel: 1 }, event: { apparel: 1, jewellery: 1 }, platform: { eyewear: 1 } });
	});

	test('a place’s statistics carry the sentence of its notes naming whose articles its mirrored sources copy', async () => {
		const places = JSON.parse(readFileSync(new URL('../../data/places.geojson', import.meta.url), 'utf8')).features.map((f: { properties: { id: string; notes: string | null } }) => f.properties);
		const clause = (notes: string | null) => /Mirror sources kept \(no better URL found in the corpus\) - original publisher: .*$/.exec(notes ?? '')?.[0] ?? null;
		const { data: summaries } = await anon.rpc('area_summaries', {});
		const byId = new Map(summaries.places.map((p: { id: string; mirror_note: string | null }) => [p.id, p.mirror_note]));
		expect(places.filter((p: { notes: string | null }) => clause(p.notes)).length).toBeGreaterThan(10);
		for (const place of places) expect(byId.get(place.id), place.id).toBe(clause(place.notes));
		const { data: shuibei } = await anon.rpc('area_stats', { p_area: { type: 'place', id: 'shuibei-buxin-jewellery-cluster' }, p_limit: 0 });
		expect(shuibei.place.mirror_note).toMatch(/^Mirror sources kept .* takajo-isoku\.com = 人民网深圳/);
	});

	test('filters apply inside the area, as in the explorer', async () => {
		const { data } = await anon.rpc('area_stats', { p_area: SQUARE, p_sectors: ['jewellery'] });
		expect(data.total).toBe(1);
		const { data: none } = await anon.rpc('area_stats', { p_area: SQUARE, p_kinds: ['platform'], p_sectors: ['apparel'] });
		expect(none.total).toBe(0);
	});

	test('an area with no listings gives zeros, not an error', async () => {
		const empty = { type: 'Polygon', coordinates: [[[113.8, 22.45], [113.801, 22.45], [113.801, 22.451], [113.8, 22.45]]] };
		const { data, error } = await anon.rpc('area_stats', { p_area: empty });
		expect(error).toBeNull();
		expect(data).toMatchObject({ total: 0, located: 0, by_kind: {}, by_sector: {}, listings: [] });
	});

	test('a circle counts by great-circle distance, like Turf', async () => {
		const circle = { type: 'circle', center: [114.21, 22.61], radius_m: 1200 };
		const { data } = await anon.rpc('area_stats', { p_area: circle });
		expect(data.total).toBe(countInArea(all, circle as never).total);
		expect(data.total).toBeGreaterThanOrEqual(3);
	});

	test('a self-intersecting polygon is refused with a clear message', async () => {
		const bowTie = { type: 'Polygon', coordinates: [[[114.2, 22.6], [114.22, 22.62], [114.22, 22.6], [114.2, 22.62], [114.2, 22.6]]] };
		const { data, error } = await anon.rpc('area_stats', { p_area: bowTie });
		expect(data).toBeNull();
		expect(error).toMatchObject({ code: '22023', message: 'polygon crosses itself: draw its edges without crossing' });
		const { error: notClosed } = await anon.rpc('area_stats', { p_area: { type: 'Polygon', coordinates: [[[114.2, 22.6], [114.22, 22.6], [114.21, 22.62], [114.2, 22.61]]] } });
		expect(notClosed).toMatchObject({ code: '22023', message: expect.stringMatching(/not closed/) });
		const { error: unknownPlace } = await anon.rpc('area_stats', { p_area: { type: 'place', id: 'no-such-place' } });
		expect(unknownPlace).toMatchObject({ code: 'P0002' });
	});

	test('the cluster view: each place counts what Turf finds in its outline plus its ties; equal to area_stats', async () => {
		const { data: summaries, error } = await anon.rpc('area_summaries');
		expect(error).toBeNull();
		const { data: map } = await anon.rpc('map_places');
		const outlines = new Map<string, unknown>(map.features.map((f: { properties: { id: string }; geometry: { type: string } }) => [f.properties.id, f.geometry.type === 'Polygon' ? f.geometry : null]));
		expect(summaries.places.length).toBeGreaterThanOrEqual(20);
		for (const place of summaries.places) {
			const turf = countInArea(all, { type: 'place', id: place.id }, { outline: outlines.get(place.id) as never });
			expect({ id: place.id, total: place.counts.total, by_kind: place.counts.by_kind, by_sector: place.counts.by_sector }).toEqual({ id: place.id, ...turf });
		}
		const shuibei = summaries.places.find((p: { id: string }) => p.id === 'shuibei-buxin-jewellery-cluster');
		const { data: stats } = await anon.rpc('area_stats', { p_area: { type: 'place', id: 'shuibei-buxin-jewellery-cluster' }, p_limit: 0 });
		expect(stats.total).toBe(shuibei.counts.total);
		expect(stats.place).toMatchObject({ id: 'shuibei-buxin-jewellery-cluster', figures: expect.any(Array) });
		// districts count the listings they own
		const luohu = summaries.districts.find((d: { code: string }) => d.code === '440303');
		expect(luohu.counts.total).toBe(all.filter((l) => l.district_code === '440303').length);
		expect(summaries.total).toBe(all.length);
		// and by sector as Turf counts them, for every district
		for (const district of summaries.districts) {
			expect({ code: district.code, by_sector: district.counts.by_sector }).toEqual({ code: district.code, by_sector: countInArea(all, { type: 'district', code: district.code }).by_sector });
		}
	});

	test('listings of several sectors (none named) count under multi in every statistic, as the filter chips count them', async () => {
		// the seed's MOCAPE (a museum of several sectors) is tied to Futian's central business area; Nanshan has two such
		const futian = { type: 'place', id: 'futian-central-business-area' };
		expect(all.find((l) => l.slug === 'mocape')).toMatchObject({ sectors: [], place_id: futian.id });
		const { data: stats } = await anon.rpc('area_stats', { p_area: futian, p_limit: 500 });
		const several = stats.listings.filter((l: { sectors: string[] }) => l.sectors.length === 0); // their own sectors stay empty
		expect(several.length).toBeGreaterThan(0);
		expect(stats.by_sector.multi).toBe(several.length);
		expect(stats.by_kind_sector.platform.multi).toBe(several.filter((l: { kind: string }) => l.kind === 'platform').length);
		// the same as the chip: area_stats with the filter 'multi' finds just those
		const { data: chip } = await anon.rpc('area_stats', { p_area: futian, p_sectors: ['multi'], p_limit: 500 });
		expect(chip.listings.map((l: { slug: string }) => l.slug).sort()).toEqual(several.map((l: { slug: string }) => l.slug).sort());
		const { data: summaries } = await anon.rpc('area_summaries');
		expect(summaries.places.find((p: { id: string }) => p.id === futian.id).counts.by_sector.multi).toBe(several.length);
		expect(summaries.districts.find((d: { code: string }) => d.code === '440305').counts.by_sector.multi).toBe(
			all.filter((l) => l.district_code === '440305' && l.sectors.length === 0).length
		);
	});

	test('the support measures: quoted clause, figures, sources; anyone reads them, nobody writes them through the API roles', async () => {
		const { data, error } = await anon.rpc('list_policy_measures');
		expect(error).toBeNull();
		// every measure in data/policy-measures.json, in sort_order, with its quoted clause, figures and sources
		const expected = [...POLICY_MEASURES].sort((a, b) => a.sort_order - b.sort_order);
		expect(expected.length).toBeGreaterThan(0);
		expect(data).toEqual(
			expected.map((m) =>
				expect.objectContaining({
					id: m.id,
					clause_zh: m.clause_zh,
					clause_en: m.clause_en,
					rate_pct: m.rate_pct,
					cap_cny: m.cap_cny,
					amount_cny: m.amount_cny,
					applies_to: {
						listing_kinds: m.applies_to.listing_kinds,
						sectors: m.applies_to.sectors,
						area_kinds: m.applies_to.area_kinds
					},
					sources: m.sources.map((s) => expect.objectContaining({ url: s.url }))
				})
			)
		);
		// the key-technology measure keeps its exact figures as quoted
		expect(data).toContainEqual(
			expect.objectContaining({
				id: 'key-technology-projects',
				rate_pct: 50,
				cap_cny: 8000000,
				clause_zh: expect.stringContaining('按不超过项目实际投入50%给予支持,最高不超过800万元'),
				applies_to: expect.objectContaining({ listing_kinds: ['enterprise'] }),
				sources: [expect.objectContaining({ url: 'http://zgmxcflm.com/Article-1174.html' })]
			})
		);
		for (const role of ['anon', 'authenticated']) {
			const denied = await api.backend.db
				.transaction(async (tx) => {
					await tx.query(`set local role ${role}`);
					await tx.query(`insert into atlas.policy_measures (id, sort_order, plan_title_zh, plan_title_en, clause_zh, clause_en, summary_zh, summary_en, sources) values ('x', 99, 'a', 'a', 'a', 'a', 'a', 'a', '[{}]')`);
					return 'allowed';
				})
				.catch((e: Error) => e.message);
			expect(denied).toMatch(/permission denied/);
		}
	});

	test('explorer_listings (now inlined) still refuses bad filter values with the same errors', async () => {
		const { error } = await anon.rpc('map_summary', { p_kinds: ['shop'] });
		expect(error).toMatchObject({ code: '22023', message: 'invalid value in p_kinds' });
		const { error: dates } = await anon.rpc('area_stats', { p_area: SQUARE, p_event_from: '2026-02-01', p_event_to: '2026-01-01' });
		expect(dates).toMatchObject({ code: '22023', message: 'p_event_from is after p_event_to' });
	});

	test('export pages: keyset paging by slug covers every filtered listing exactly once', async () => {
		const { data: summary } = await anon.rpc('map_summary', { p_sectors: ['apparel'], p_limit: 1 });
		const slugs: string[] = [];
		for (let after: string | null = null; ; ) {
			const { data }: { data: { slug: string }[] | null } = await anon.rpc('export_listings', { p_sectors: ['apparel'], p_after: after, p_limit: 7 });
			slugs.push(...data!.map((l) => l.slug));
			if (data!.length < 7) break;
			after = data!.at(-1)!.slug;
		}
		expect(slugs.length).toBe(summary.total);
		expect(new Set(slugs).size).toBe(slugs.length);
		expect([...slugs].sort()).toEqual(slugs);
		const { data: inArea } = await anon.rpc('export_listings', { p_area: SQUARE });
		expect(inArea.map((l: { slug: string }) => l.slug)).toEqual(['fixture-edge', 'fixture-in-1', 'fixture-in-2']);
	});
});
