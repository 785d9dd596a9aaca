/**
 * The database schema and its API functions, exercised in SQL as the real API roles (anon, authenticated) the way
 * PostgREST calls them: one transaction, `role` and `request.jwt.claims` set locally. Runs on PGlite and on the
 * PostgreSQL 15 server, from an empty database through every migration and the seed.
 */
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Sql } from '../../src/lib/server/db/database';
import { applyMigrations, applySeed } from '../../src/lib/server/db/migrate';
import { openPglite } from '../../src/lib/server/db/pglite';
import { openPostgres } from '../../src/lib/server/db/postgres';
import { createDatabase } from '../support/test-backend.ts';

const migrationsDir = fileURLToPath(new URL('../../supabase/migrations', import.meta.url));
const seedFile = fileURLToPath(new URL('../../supabase/seed.sql', import.meta.url));

interface Engine {
	name: string;
	/** A fresh, empty database and how to get rid of it. */
	open(): Promise<{ db: Database; dispose(): Promise<void> }>;
}

const engines: Engine[] = [
	{
		name: 'PGlite',
		async open() {
			const db = await openPglite();
			return { db, dispose: () => db.close() };
		}
	},
	{
		name: 'PostgreSQL 15',
		async open() {
			const database = await createDatabase();
			const db = await openPostgres(database.url);
			return {
				db,
				async dispose() {
					await db.close();
					await database.drop();
				}
			};
		}
	}
];

type Claims = { role: 'anon' } | { role: 'authenticated'; sub: string };
const anon: Claims = { role: 'anon' };
const user = (sub: string): Claims => ({ role: 'authenticated', sub });

/** Runs `fn` in one transaction as PostgREST would for a request carrying these JWT claims. */
function as<T>(db: Database, claims: Claims, fn: (tx: Sql) => Promise<T>): Promise<T> {
	return db.transaction(async (tx) => {
		await tx.query(`select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)`, [
			claims.role,
			JSON.stringify(claims)
		]);
		return fn(tx);
	});
}

/** Calls one API function as `claims` and returns its rows. */
async function call<Row = Record<string, unknown>>(
	db: Database,
	claims: Claims,
	sql: string,
	params: unknown[] = []
): Promise<Row[]> {
	return as(db, claims, async (tx) => (await tx.query<Row>(sql, params)).rows);
}

interface Feature {
	id: string;
	geometry: { type: 'Point'; coordinates: [number, number] };
	properties: { slug: string; kind: string; sectors: string[]; event_start: string | null; event_end: string | null };
}
interface FeatureCollection {
	type: 'FeatureCollection';
	features: Feature[];
	unlocated: number;
}

/** map_listings with named arguments, as anon. */
async function mapListings(db: Database, args: Record<string, unknown> = {}): Promise<FeatureCollection> {
	const names = Object.keys(args);
	const list = names.map((n, i) => `${n} => $${i + 1}`).join(', ');
	const [row] = await call<{ fc: FeatureCollection }>(
		db,
		anon,
		`select public.map_listings(${list}) as fc`,
		Object.values(args)
	);
	return row!.fc;
}

const slugsOf = (fc: FeatureCollection) => fc.features.map((f) => f.properties.slug);

/** A draft payload for create_listing_draft in a district. */
function draft(districtCode: string, name: string) {
	return {
		kind: 'enterprise',
		name_zh: name,
		name_en: `Test firm ${name}`,
		sectors: ['jewellery'],
		district_code: districtCode,
		lon: 114.125,
		lat: 22.575,
		precision: 'estimate',
		source_urls: ['https://example.org/source']
	};
}

describe.each(engines)('schema and API on $name', (engine) => {
	let db: Database;
	let dispose: () => Promise<void>;
	const editor = randomUUID(); // district_editor of Luohu (440303)
	const futianEditor = randomUUID(); // district_editor of Futian (440304), not of Luohu
	const stranger = randomUUID(); // signed in, no membership

	beforeAll(async () => {
		({ db, dispose } = await engine.open());
		await applyMigrations(db, migrationsDir);
		await applySeed(db, seedFile);
		// Fixtures, written as the owner (RLS does not apply to it).
		await db.exec(`
			insert into auth.users (id, email, aud, role) values
				('${editor}', 'editor-${editor}@example.org', 'authenticated', 'authenticated'),
				('${futianEditor}', 'futian-${futianEditor}@example.org', 'authenticated', 'authenticated'),
				('${stranger}', 'stranger-${stranger}@example.org', 'authenticated', 'authenticated');
			insert into atlas.memberships (user_id, district_code, role) values
				('${editor}', '440303', 'district_editor'),
				('${futianEditor}', '440304', 'district_editor');
			insert into atlas.listings (slug, kind, status, name_zh, name_en, sectors, district_code, lon, lat, precision,
			                            event_start, event_end, source_urls) values
				('fx-jewel-luohu', 'enterprise', 'published', '测试珠宝', 'Fixture Jewels', '{jewellery}', '440303',
				 114.12, 22.57, 'estimate', null, null, '{https://example.org/a}'),
				('fx-event-futian', 'event', 'published', '测试时装周', 'Fixture Fashion Week', '{apparel}', '440304',
				 114.05, 22.53, 'address', '2030-03-01', '2030-03-05', '{https://example.org/b}'),
				('fx-unlocated-platform', 'platform', 'published', '测试平台', 'Fixture Unlocated Platform', '{eyewear}',
				 null, null, null, null, null, null, '{https://example.org/c}'),
				('fx-draft-luohu', 'enterprise', 'draft', '测试草稿', 'Fixture Draft', '{jewellery}', '440303',
				 114.13, 22.58, 'estimate', null, null, '{https://example.org/d}');
		`);
	});

	afterAll(async () => {
		await dispose?.();
	});

	describe('reference data', () => {
		it('lists the nine sectors with colours', async () => {
			const rows = await call<{ code: string; colour: string }>(db, anon, 'select * from public.list_sectors()');
			expect(rows).toHaveLength(9);
			expect(rows.map((r) => r.code)).toContain('arts_crafts');
			expect(new Set(rows.map((r) => r.colour)).size).toBe(9);
		});

		it('lists the nine GB/T 2260 districts', async () => {
			const rows = await call<{ code: string; has_outline: boolean }>(db, anon, 'select * from public.list_districts()');
			expect(rows.map((r) => r.code)).toEqual([
				'440303', '440304', '440305', '440306', '440307', '440308', '440309', '440310', '440311'
			]);
			expect(rows.every((r) => r.has_outline === false)).toBe(true);
		});

		it('lists the five consumption districts with counter-clockwise closed outlines', async () => {
			const rows = await call<{ id: string; outline: { coordinates: number[][][] }; bbox: number[] }>(
				db,
				anon,
				`select * from public.list_places('consumption_district')`
			);
			expect(rows.map((r) => r.id).sort()).toEqual([
				'dalang-fashion-street', 'futian-central-business-area', 'henggang-glasses-city', 'houhai-business-area',
				'luohu-core-business-area'
			]);
			for (const { outline, bbox } of rows) {
				const ring = outline.coordinates[0]!;
				expect(ring[0]).toEqual(ring.at(-1));
				let area = 0;
				for (let i = 0; i < ring.length - 1; i++) area += ring[i]![0]! * ring[i + 1]![1]! - ring[i + 1]![0]! * ring[i]![1]!;
				expect(area).toBeGreaterThan(0);
				expect(bbox[0]).toBeLessThan(bbox[2]!);
			}
		});

		it('refuses an unknown place kind with 22023', async () => {
			await expect(call(db, anon, `select * from public.list_places('mall')`)).rejects.toMatchObject({ code: '22023' });
		});

		it('returns a place with its districts and counts, and null for an unknown slug', async () => {
			const [row] = await call<{ place: Record<string, unknown> | null }>(
				db,
				anon,
				`select public.get_place('shuibei-buxin-jewellery-cluster') as place`
			);
			expect(row!.place).toMatchObject({ kind: 'industry_town', sectors: ['jewellery'] });
			// the seed ties the Shuibei firms and events to the cluster (data/README.md, "Listings tied to an area")
			const listings = row!.place!.listings as { slug: string }[];
			expect(listings.map((l) => l.slug)).toContain('chow-tai-seng');
			expect(row!.place!.counts).toMatchObject({ total: listings.length });
			expect(row!.place!.districts).toEqual([expect.objectContaining({ code: '440303' })]);
			const [none] = await call<{ place: unknown }>(db, anon, `select public.get_place('no-such-place') as place`);
			expect(none!.place).toBeNull();
		});
	});

	describe('map_listings', () => {
		it('returns one FeatureCollection of published, located listings plus the unlocated count', async () => {
			const fc = await mapListings(db);
			expect(fc.type).toBe('FeatureCollection');
			expect(fc.features.length).toBeGreaterThan(50);
			expect(fc.features.every((f) => f.geometry.type === 'Point' && f.geometry.coordinates.length === 2)).toBe(true);
			expect(slugsOf(fc)).toContain('fx-jewel-luohu');
			expect(slugsOf(fc)).not.toContain('fx-draft-luohu');
			expect(slugsOf(fc)).not.toContain('fx-unlocated-platform');
			expect(fc.unlocated).toBeGreaterThan(0);
		});

		it('filters by sector', async () => {
			const fc = await mapListings(db, { p_sectors: ['apparel'] });
			expect(fc.features.every((f) => f.properties.sectors.includes('apparel'))).toBe(true);
			expect(slugsOf(fc)).toContain('fx-event-futian');
			expect(slugsOf(fc)).not.toContain('fx-jewel-luohu');
		});

		it('filters by kind', async () => {
			const fc = await mapListings(db, { p_kinds: ['event'] });
			expect(fc.features.length).toBeGreaterThan(0);
			expect(fc.features.every((f) => f.properties.kind === 'event')).toBe(true);
		});

		it('filters by bbox [w,s,e,n]', async () => {
			const bbox = [114.1, 22.55, 114.15, 22.6];
			const fc = await mapListings(db, { p_bbox: bbox });
			expect(slugsOf(fc)).toContain('fx-jewel-luohu');
			expect(slugsOf(fc)).not.toContain('fx-event-futian');
			for (const { geometry } of fc.features) {
				const [lon, lat] = geometry.coordinates;
				expect(lon >= bbox[0]! && lon <= bbox[2]! && lat >= bbox[1]! && lat <= bbox[3]!).toBe(true);
			}
		});

		it('narrows events to a date window and leaves other kinds alone', async () => {
			const fc = await mapListings(db, { p_event_from: '2030-01-01', p_event_to: '2030-12-31' });
			const events = fc.features.filter((f) => f.properties.kind === 'event');
			expect(events.map((f) => f.properties.slug)).toEqual(['fx-event-futian']);
			expect(slugsOf(fc)).toContain('fx-jewel-luohu');
			const before = await mapListings(db, { p_kinds: ['event'], p_event_to: '2029-12-31' });
			expect(slugsOf(before)).not.toContain('fx-event-futian');
		});

		it('counts matching listings without a location instead of placing them', async () => {
			const fc = await mapListings(db, { p_q: 'fixture unlocated' });
			expect(fc.features).toEqual([]);
			expect(fc.unlocated).toBe(1);
		});

		it('refuses a malformed bbox with 22023', async () => {
			await expect(mapListings(db, { p_bbox: [114.2, 22.5, 114.1, 22.6] })).rejects.toMatchObject({ code: '22023' });
		});
	});

	describe('search', () => {
		for (const q of ['shuibei', 'sb', '水贝', 'Shuibei']) {
			it(`finds 水贝 by "${q}"`, async () => {
				const rows = await call<{ type: string; slug: string; name_zh: string; score: number }>(
					db,
					anon,
					`select * from public.search($1)`,
					[q]
				);
				expect(rows.map((r) => r.slug)).toContain('shuibei-buxin-jewellery-cluster');
				expect(rows[0]!.name_zh).toContain('水贝');
				expect(rows[0]!.score).toBeGreaterThanOrEqual(0.8);
			});
		}

		it('derives pinyin and initials in SQL', async () => {
			const [row] = await call<{ py: string }>(db, anon, `select atlas.to_pinyin('水贝') as py`);
			expect(row!.py).toBe('shuibei sb');
		});

		it('does not return drafts', async () => {
			const rows = await call<{ slug: string }>(db, user(editor), `select * from public.search('fixture draft')`);
			expect(rows.map((r) => r.slug)).not.toContain('fx-draft-luohu');
		});
	});

	describe('row level security', () => {
		it('hides drafts from anon', async () => {
			const [row] = await call<{ listing: unknown }>(db, anon, `select public.get_listing('fx-draft-luohu') as listing`);
			expect(row!.listing).toBeNull();
			const [count] = await call<{ n: number }>(
				db,
				anon,
				`select count(*)::int as n from atlas.listings where status <> 'published'`
			);
			expect(count!.n).toBe(0);
		});

		it('shows a published listing to anon, by slug or id', async () => {
			const [bySlug] = await call<{ l: { id: string; district: { code: string } } }>(
				db,
				anon,
				`select public.get_listing('fx-jewel-luohu') as l`
			);
			expect(bySlug!.l.district.code).toBe('440303');
			const [byId] = await call<{ l: { slug: string } }>(db, anon, `select public.get_listing($1) as l`, [bySlug!.l.id]);
			expect(byId!.l.slug).toBe('fx-jewel-luohu');
		});

		it('refuses create_listing_draft to anon with 42501', async () => {
			await expect(
				call(db, anon, `select public.create_listing_draft($1)`, [draft('440303', '匿名')])
			).rejects.toMatchObject({ code: '42501' });
		});

		it('refuses a direct insert by anon', async () => {
			await expect(
				call(db, anon, `insert into atlas.listings (slug, kind, name_zh, source_urls) values ('x', 'event', 'x', '{a}')`)
			).rejects.toMatchObject({ code: '42501' });
		});

		it('shows a member the drafts of their district', async () => {
			const [row] = await call<{ listing: { status: string } | null }>(
				db,
				user(editor),
				`select public.get_listing('fx-draft-luohu') as listing`
			);
			expect(row!.listing?.status).toBe('draft');
		});

		it('hides the draft from a signed-in non-member and from a member of another district', async () => {
			for (const sub of [stranger, futianEditor]) {
				const [row] = await call<{ listing: unknown }>(db, user(sub), `select public.get_listing('fx-draft-luohu') as listing`);
				expect(row!.listing).toBeNull();
			}
		});

		it('lets a member create a draft in their district and records a revision', async () => {
			const [row] = await call<{ id: string }>(db, user(editor), `select public.create_listing_draft($1) as id`, [
				draft('440303', '水贝测试')
			]);
			expect(row!.id).toMatch(/^[0-9a-f-]{36}$/);
			const [listing] = await call<{ l: { status: string; version: number; sectors: string[] } }>(
				db,
				user(editor),
				`select public.get_listing($1) as l`,
				[row!.id]
			);
			expect(listing!.l).toMatchObject({ status: 'draft', version: 1, sectors: ['jewellery'] });
			const revisions = await call<{ action: string; actor: string }>(
				db,
				user(editor),
				`select action, actor from atlas.revisions where listing_id = $1`,
				[row!.id]
			);
			expect(revisions).toEqual([{ action: 'insert', actor: editor }]);
			const [anonView] = await call<{ l: unknown }>(db, anon, `select public.get_listing($1) as l`, [row!.id]);
			expect(anonView!.l).toBeNull();
		});

		it('refuses create_listing_draft by a non-member and by a member of another district', async () => {
			for (const sub of [stranger, futianEditor]) {
				await expect(
					call(db, user(sub), `select public.create_listing_draft($1)`, [draft('440303', '越权')])
				).rejects.toMatchObject({ code: '42501' });
			}
		});

		it('refuses, by policy, a direct insert into another district', async () => {
			await expect(
				call(
					db,
					user(futianEditor),
					`insert into atlas.listings (slug, kind, name_zh, district_code, source_urls)
					 values ('fx-sneaky', 'enterprise', '越权', '440303', '{https://example.org}')`
				)
			).rejects.toMatchObject({ code: '42501' });
		});

		it('lets an editor edit a draft but not publish it', async () => {
			const updated = await call<{ version: number }>(
				db,
				user(editor),
				`update atlas.listings set summary_zh = '草稿说明' where slug = 'fx-draft-luohu' returning version`
			);
			expect(updated).toEqual([{ version: 2 }]);
			await expect(
				call(db, user(editor), `update atlas.listings set status = 'published' where slug = 'fx-draft-luohu'`)
			).rejects.toMatchObject({ code: '42501' });
		});

		it('lets nobody outside the district update its listings', async () => {
			const rows = await call(
				db,
				user(futianEditor),
				`update atlas.listings set summary_zh = 'x' where district_code = '440303' returning id`
			);
			expect(rows).toEqual([]);
		});

		it('validates draft input with 22023 and a clear message', async () => {
			await expect(
				call(db, user(editor), `select public.create_listing_draft($1)`, [{ ...draft('440303', '坏'), kind: 'shop' }])
			).rejects.toMatchObject({ code: '22023', message: 'invalid value in kind' });
			await expect(
				call(db, user(editor), `select public.create_listing_draft($1)`, [{ ...draft('440303', '坏'), lon: 121.47 }])
			).rejects.toMatchObject({ code: '22023', message: 'location is outside Shenzhen' });
			await expect(
				call(db, user(editor), `select public.create_listing_draft($1)`, [{ ...draft('440303', '坏'), colour: 'red' }])
			).rejects.toMatchObject({ code: '22023', message: 'unknown listing fields' });
		});
	});

	describe('my_memberships', () => {
		it('is empty for anon', async () => {
			expect(await call(db, anon, 'select * from public.my_memberships()')).toEqual([]);
		});

		it('returns the signed-in user’s memberships (the JWT reaches SQL)', async () => {
			const rows = await call(db, user(editor), 'select district_code, role from public.my_memberships()');
			expect(rows).toEqual([{ district_code: '440303', role: 'district_editor' }]);
		});
	});
});
