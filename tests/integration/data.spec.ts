/**
 * The seeded database against the reference it comes from (data/raw/places.json), read back through the API the
 * app uses (supabase-js rpc over HTTP to the embedded gateway on PGlite): every reference place, firm, platform and
 * event with a source link is there with the same names, coordinates (within 1 m), sources and figures, or is
 * listed in data/EXCLUDED.md; and the start-up guard refuses synthetic listings.
 */
import { readFileSync } from 'node:fs';
import { distance } from '@turf/distance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { excludedIds, isSourceUrl } from '../../scripts/data/check.ts';
import { refuseSyntheticListings, SyntheticDataError } from '../../src/lib/server/synthetic-guard.ts';
import { startTestBackend, type TestBackend } from '../support/test-backend.ts';

interface ReferenceEntry {
	id: string;
	name_zh: string;
	name_en: string;
	kind: string;
	sector: string;
	lon: number | null;
	lat: number | null;
	precision: string;
	sources: string[];
	facts?: Record<string, { value: unknown; year?: number | null; source?: string }>;
	venue?: { source?: string };
}
type Reference = Record<
	'consumption_districts' | 'industry_areas' | 'enterprises' | 'platforms' | 'events',
	ReferenceEntry[]
>;

const reference: Reference = JSON.parse(readFileSync(new URL('../../data/raw/places.json', import.meta.url), 'utf8'));
const excluded = excludedIds(readFileSync(new URL('../../data/EXCLUDED.md', import.meta.url), 'utf8'));
const SECTORS = ['apparel', 'furniture', 'watches', 'jewellery', 'lingerie', 'leather', 'eyewear', 'cosmetics', 'arts_crafts'];

/** Metres between two [lon, lat] points. */
const metresBetween = (a: [number, number], b: [number, number]) => distance(a, b, { units: 'meters' });

/** The reference's links for an entry (descriptions of sources are kept apart as source_notes). */
const linksOf = (entry: ReferenceEntry) =>
	[...new Set([...entry.sources, ...(entry.venue?.source ? [entry.venue.source] : [])])].filter(isSourceUrl).sort();

/** The reference facts as the API's figures show them: metric, value, year, source. */
const factsOf = (entry: ReferenceEntry) =>
	Object.entries(entry.facts ?? {}).map(([metric, fact]) => ({
		metric,
		value: fact.value,
		year: fact.year ?? null,
		source: fact.source ?? null
	}));
const figureFacts = (figures: { metric: string; value: unknown; year: number | null; source: string | null }[]) =>
	figures.map(({ metric, value, year, source }) => ({ metric, value, year, source }));

describe('seeded data vs the reference (API on PGlite)', () => {
	let backend: TestBackend;

	beforeAll(async () => {
		backend = await startTestBackend('pglite');
	});

	afterAll(async () => {
		await backend?.stop();
	});

	async function rpc<T>(fn: string, args: Record<string, unknown> = {}): Promise<T> {
		const { data, error } = await backend.client().rpc(fn, args);
		if (error) throw new Error(`${fn}: ${error.code} ${error.message}`);
		return data as T;
	}

	interface ApiPlace {
		id: string;
		kind: string;
		name_zh: string;
		name_en: string;
		sectors: string[];
		lon: number;
		lat: number;
		precision: string;
		sources: string[];
		source_notes: string[];
		figures: { metric: string; value: unknown; year: number | null; source: string | null }[];
		verified_at: string | null;
	}

	it('holds the five consumption districts and an industry cluster for each of the nine sectors', async () => {
		const districts = await rpc<ApiPlace[]>('list_places', { p_kind: 'consumption_district' });
		expect(districts.map((p) => p.id).sort()).toEqual(reference.consumption_districts.map((e) => e.id).sort());
		const towns = await rpc<ApiPlace[]>('list_places', { p_kind: 'industry_town' });
		expect(new Set(towns.flatMap((p) => p.sectors))).toEqual(new Set(SECTORS));
	});

	it('holds every reference place with a location: names, point within 1 m, precision, sources, figures', async () => {
		const places = new Map((await rpc<ApiPlace[]>('list_places')).map((p) => [p.id, p]));
		const areas = [...reference.consumption_districts, ...reference.industry_areas.filter((a) => a.kind === 'industry_area')];
		for (const entry of areas) {
			const place = places.get(entry.id);
			if (!place) {
				expect(excluded.get(entry.id), `${entry.id} is neither seeded nor excluded`).toBeTruthy();
				continue;
			}
			expect({ id: place.id, name_zh: place.name_zh, name_en: place.name_en, precision: place.precision }).toEqual({
				id: entry.id, name_zh: entry.name_zh, name_en: entry.name_en, precision: entry.precision
			});
			expect(metresBetween([place.lon, place.lat], [entry.lon!, entry.lat!]), entry.id).toBeLessThan(1);
			expect([...place.sources].sort(), entry.id).toEqual(linksOf(entry));
			expect(place.sources.length + place.source_notes.length).toBe(new Set(entry.sources).size);
			expect(figureFacts(place.figures), entry.id).toEqual(factsOf(entry));
			expect(place.verified_at).toBeNull();
		}
	});

	it('holds every reference firm, platform and event with a source link, or lists it in EXCLUDED.md', async () => {
		const entries = [...reference.enterprises, ...reference.platforms, ...reference.events];
		let seeded = 0;
		for (const entry of entries) {
			const listing = await rpc<Record<string, any> | null>('get_listing', { p_id: entry.id }); // eslint-disable-line @typescript-eslint/no-explicit-any
			if (listing === null) {
				expect(linksOf(entry), `${entry.id} has a source link but is not seeded`).toEqual([]);
				expect(excluded.get(entry.id), `${entry.id} is neither seeded nor excluded`).toBeTruthy();
				continue;
			}
			seeded++;
			expect({ kind: listing.kind, name_zh: listing.name_zh, name_en: listing.name_en }).toEqual({
				kind: entry.kind, name_zh: entry.name_zh, name_en: entry.name_en
			});
			if (entry.lon === null) expect(listing.lon, entry.id).toBeNull();
			else expect(metresBetween([listing.lon, listing.lat], [entry.lon, entry.lat!]), entry.id).toBeLessThan(1);
			expect(listing.precision).toBe(entry.lon === null ? null : entry.precision);
			expect([...listing.source_urls].sort(), entry.id).toEqual(linksOf(entry));
			expect(figureFacts(listing.figures), entry.id).toEqual(factsOf(entry));
			expect(listing.verified_at).toBeNull();
		}
		expect(seeded).toBeGreaterThan(100);
	});

	it('ties a place to the listings the reference puts there', async () => {
		const shuibei = await rpc<{ listings: { slug: string }[] }>('get_place', { p_slug: 'shuibei-buxin-jewellery-cluster' });
		expect(shuibei.listings.map((l) => l.slug)).toEqual(expect.arrayContaining(['chow-tai-seng', 'ttf', 'tellus']));
		const listing = await rpc<{ place: { id: string } | null }>('get_listing', { p_id: 'chow-tai-seng' });
		expect(listing.place?.id).toBe('shuibei-buxin-jewellery-cluster');
	});

	it('carries each sector\'s city-wide figures with their year and source', async () => {
		for (const profile of reference.industry_areas.filter((a) => a.kind === 'citywide_sector_profile')) {
			const sector = await rpc<{ code: string; figures: ApiPlace['figures']; sources: string[] }>('get_sector', {
				p_code: profile.sector
			});
			expect(figureFacts(sector.figures), profile.id).toEqual(factsOf(profile));
			expect([...sector.sources].sort()).toEqual(linksOf(profile));
		}
		expect(await rpc('get_sector', { p_code: 'shoes' })).toBeNull();
	});

	it('holds no synthetic listing, and the start-up guard refuses one once it is there', async () => {
		const { db } = backend.backend;
		await expect(refuseSyntheticListings(db)).resolves.toBe(0);
		await db.query(
			`insert into atlas.listings (slug, kind, status, name_zh, name_en, synthetic, source_urls)
			 values ('synthetic-42-0', 'enterprise', 'published', '合成测试条目 0', 'Synthetic listing 0', true,
			         '{https://example.invalid/synthetic-benchmark-data}')`
		);
		await expect(refuseSyntheticListings(db)).rejects.toBeInstanceOf(SyntheticDataError);
		await expect(refuseSyntheticListings(db, { allow: true })).resolves.toBe(1);
	});
});
