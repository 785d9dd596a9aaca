import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { signJwt } from '../../src/lib/server/gateway/jwt.ts';
import { startTestBackend, TARGETS, type TestBackend } from '../support/test-backend.ts';

// Test fixtures (not real firms): one published and one draft listing in Luohu (440303).
const LUOHU = '440303';
const NANSHAN = '440305';
const PASSWORD = 'fixture password 1234';

describe.each(TARGETS)('the API functions through supabase-js over HTTP (%s)', (target) => {
	let api: TestBackend;
	let anon: SupabaseClient;
	let luohuEditor: SupabaseClient;
	let nanshanEditor: SupabaseClient;
	let luohuEditorId: string;

	const countListings = async () =>
		Number((await api.backend.db.query<{ n: string }>('select count(*)::text as n from atlas.listings')).rows[0]!.n);

	async function signedInMember(email: string, district: string): Promise<{ client: SupabaseClient; id: string }> {
		const admin = api.client(api.backend.secrets.serviceRoleKey).auth.admin;
		const { data, error } = await admin.createUser({ email, password: PASSWORD, email_confirm: true });
		if (error) throw error;
		await api.backend.db.query(
			`insert into atlas.memberships (user_id, district_code, role) values ($1, $2, 'district_editor')`,
			[data.user.id, district]
		);
		const client = api.client();
		const { error: signInError } = await client.auth.signInWithPassword({ email, password: PASSWORD });
		if (signInError) throw signInError;
		return { client, id: data.user.id };
	}

	beforeAll(async () => {
		api = await startTestBackend(target);
		anon = api.client();
		await api.backend.db.query(
			`insert into atlas.listings (slug, kind, name_zh, name_en, sectors, district_code, lon, lat, precision, status, source_urls)
			 values ('fixture-published', 'enterprise', '测试珠宝公司', 'Fixture Jewellery Co', '{jewellery}', $1,
			         114.1286, 22.5777, 'estimate', 'published', '{https://example.org/fixture}'),
			        ('fixture-draft', 'enterprise', '草稿珠宝公司', 'Draft Jewellery Co', '{jewellery}', $1,
			         114.1290, 22.5780, 'estimate', 'draft', '{https://example.org/fixture}')`,
			[LUOHU]
		);
		({ client: luohuEditor, id: luohuEditorId } = await signedInMember(`luohu-${target}@example.org`, LUOHU));
		({ client: nanshanEditor } = await signedInMember(`nanshan-${target}@example.org`, NANSHAN));
	});
	afterAll(() => api?.stop());

	describe('reads (anon)', () => {
		test('list_sectors gives the nine sectors with names and colours', async () => {
			const { data, error, status } = await anon.rpc('list_sectors');
			expect(error).toBeNull();
			expect(status).toBe(200);
			expect(data.map((s: { code: string }) => s.code).sort()).toEqual(
				['apparel', 'arts_crafts', 'cosmetics', 'eyewear', 'furniture', 'jewellery', 'leather', 'lingerie', 'watches']
			);
			for (const sector of data) expect(sector.colour).toMatch(/^#[0-9a-f]{6}$/);
		});

		test('list_districts includes Luohu with its GB/T 2260 code', async () => {
			const { data, error } = await anon.rpc('list_districts');
			expect(error).toBeNull();
			expect(data).toContainEqual(expect.objectContaining({ code: LUOHU, name_zh: '罗湖区' }));
		});

		test('list_places of kind consumption_district gives the five districts with their outlines', async () => {
			const { data, error } = await anon.rpc('list_places', { p_kind: 'consumption_district' });
			expect(error).toBeNull();
			expect(data).toHaveLength(5);
			for (const place of data) {
				expect(place.outline.type).toBe('Polygon');
				expect(place.sources.length).toBeGreaterThan(0);
			}
		});

		test('map_listings returns published listings as GeoJSON and filters by sector, kind and bbox', async () => {
			const all = await anon.rpc('map_listings', {});
			expect(all.error).toBeNull();
			expect(all.data.type).toBe('FeatureCollection');
			const slugs = (fc: { features: { properties: { slug: string } }[] }) => fc.features.map((f) => f.properties.slug);
			expect(slugs(all.data)).toContain('fixture-published');
			expect(slugs(all.data)).not.toContain('fixture-draft');

			const jewellery = await anon.rpc('map_listings', { p_sectors: ['jewellery'], p_kinds: ['enterprise'] });
			expect(slugs(jewellery.data)).toContain('fixture-published');
			for (const f of jewellery.data.features) {
				expect(f.properties.sectors).toContain('jewellery');
				expect(f.properties.kind).toBe('enterprise');
			}
			const apparel = await anon.rpc('map_listings', { p_sectors: ['apparel'] });
			expect(slugs(apparel.data)).not.toContain('fixture-published');

			const aroundShuibei = await anon.rpc('map_listings', { p_bbox: [114.12, 22.57, 114.14, 22.59] });
			expect(slugs(aroundShuibei.data)).toContain('fixture-published');
			for (const f of aroundShuibei.data.features) {
				const [lon, lat] = f.geometry.coordinates;
				expect(lon).toBeGreaterThanOrEqual(114.12);
				expect(lat).toBeLessThanOrEqual(22.59);
			}
			const elsewhere = await anon.rpc('map_listings', { p_bbox: [113.9, 22.5, 113.95, 22.55] });
			expect(slugs(elsewhere.data)).not.toContain('fixture-published');
		});

		test('get_place returns the place with its listings and counts; an unknown slug gives null', async () => {
			const { data, error } = await anon.rpc('get_place', { p_slug: 'shuibei-buxin-jewellery-cluster' });
			expect(error).toBeNull();
			expect(data.name_zh).toContain('水贝');
			expect(data.counts.total).toBe(data.listings.length);
			const missing = await anon.rpc('get_place', { p_slug: 'no-such-place' });
			expect(missing.error).toBeNull();
			expect(missing.data).toBeNull();
		});

		test('get_listing returns a published listing with its sources and precision', async () => {
			const { data, error } = await anon.rpc('get_listing', { p_id: 'fixture-published' });
			expect(error).toBeNull();
			expect(data).toMatchObject({ slug: 'fixture-published', precision: 'estimate', source_urls: ['https://example.org/fixture'] });
			expect(data.district.code).toBe(LUOHU);
		});

		test.each(['shuibei', 'sb', '水贝'])('search %s finds the Shuibei jewellery cluster', async (q) => {
			const { data, error } = await anon.rpc('search', { p_q: q });
			expect(error).toBeNull();
			expect(data.map((r: { slug: string }) => r.slug)).toContain('shuibei-buxin-jewellery-cluster');
		});
	});

	describe('what anon may not do', () => {
		test('anon cannot read a draft', async () => {
			const { data, error } = await anon.rpc('get_listing', { p_id: 'fixture-draft' });
			expect(error).toBeNull();
			expect(data).toBeNull();
		});

		test('anon cannot write: 401 with PostgREST permission error, and nothing is written', async () => {
			const before = await countListings();
			const { data, error, status } = await anon.rpc('create_listing_draft', {
				p_listing: { kind: 'enterprise', name_zh: '匿名', district_code: LUOHU, source_urls: ['https://example.org'] }
			});
			expect(status).toBe(401);
			expect(error).toMatchObject({ code: '42501' });
			expect(error).toHaveProperty('details');
			expect(error).toHaveProperty('hint');
			expect(data).toBeNull();
			expect(await countListings()).toBe(before);
		});
	});

	describe('signed-in members', () => {
		test("the user's JWT reaches SQL: my_memberships returns the caller's own district", async () => {
			const { data, error } = await luohuEditor.rpc('my_memberships');
			expect(error).toBeNull();
			expect(data).toEqual([expect.objectContaining({ district_code: LUOHU, role: 'district_editor' })]);
			const { data: none } = await anon.rpc('my_memberships');
			expect(none).toEqual([]);
		});

		test('RLS: a member sees the draft of their district; a member of another district does not', async () => {
			const own = await luohuEditor.rpc('get_listing', { p_id: 'fixture-draft' });
			expect(own.data?.status).toBe('draft');
			const other = await nanshanEditor.rpc('get_listing', { p_id: 'fixture-draft' });
			expect(other.error).toBeNull();
			expect(other.data).toBeNull();
		});

		test('a member creates a draft in their district; it is recorded with them as author and stays private', async () => {
			const { data: id, error } = await luohuEditor.rpc('create_listing_draft', {
				p_listing: {
					kind: 'platform', name_zh: '测试平台', name_en: 'Fixture platform', sectors: ['jewellery'],
					district_code: LUOHU, lon: 114.128, lat: 22.577, precision: 'estimate',
					source_urls: ['https://example.org/fixture-platform']
				}
			});
			expect(error).toBeNull();
			const { rows } = await api.backend.db.query<{ created_by: string; status: string }>(
				'select created_by::text, status from atlas.listings where id = $1',
				[id]
			);
			expect(rows[0]).toEqual({ created_by: luohuEditorId, status: 'draft' });
			expect((await anon.rpc('get_listing', { p_id: id })).data).toBeNull();
		});

		test('a member writing into another district is refused (403) and nothing is written', async () => {
			const before = await countListings();
			const { error, status } = await nanshanEditor.rpc('create_listing_draft', {
				p_listing: { kind: 'enterprise', name_zh: '越权', district_code: LUOHU, source_urls: ['https://example.org'] }
			});
			expect(status).toBe(403);
			expect(error?.code).toBe('42501');
			expect(await countListings()).toBe(before);
		});

		test('a function that raises gives the mapped status and {code, message, details, hint}', async () => {
			const before = await countListings();
			const { error, status } = await luohuEditor.rpc('create_listing_draft', {
				p_listing: {
					kind: 'enterprise', name_zh: '坐标错误', district_code: LUOHU, lon: 121.47, lat: 31.23, precision: 'address',
					source_urls: ['https://example.org']
				}
			});
			expect(status).toBe(400);
			expect(error).toEqual({
				code: '22023',
				message: 'location is outside Shenzhen',
				details: 'Got lon 121.47, lat 31.23.',
				hint: expect.stringContaining('WGS84')
			});
			expect(await countListings()).toBe(before);
		});
	});

	describe('PostgREST errors', () => {
		test('an unknown function gives PGRST202 / 404', async () => {
			const { error, status } = await anon.rpc('no_such_function', { a: 1 });
			expect(status).toBe(404);
			expect(error?.code).toBe('PGRST202');
			expect(error?.message).toBe('Could not find the function public.no_such_function(a) in the schema cache');
		});

		test('an expired JWT gives 401 PGRST303 and changes nothing', async () => {
			const now = Math.floor(Date.now() / 1000);
			const expired = await signJwt(
				{ sub: luohuEditorId, role: 'authenticated', aud: 'authenticated', iat: now - 7200, exp: now - 3600 },
				api.backend.secrets.jwtSecret
			);
			const before = await countListings();
			const client = createClient(api.url, api.backend.secrets.anonKey, {
				auth: { persistSession: false },
				global: { headers: { Authorization: `Bearer ${expired}` } }
			});
			const { error, status } = await client.rpc('create_listing_draft', {
				p_listing: { kind: 'enterprise', name_zh: '过期', district_code: LUOHU, source_urls: ['https://example.org'] }
			});
			expect(status).toBe(401);
			expect(error).toMatchObject({ code: 'PGRST303', message: 'JWT expired' });
			expect(await countListings()).toBe(before);
		});

		test('a forged JWT (signed with another secret) gives 401 PGRST301 and changes nothing', async () => {
			const forged = await signJwt(
				{ sub: luohuEditorId, role: 'service_role', exp: Math.floor(Date.now() / 1000) + 3600 },
				'an attacker-chosen secret that is long enough'
			);
			const before = await countListings();
			const client = createClient(api.url, api.backend.secrets.anonKey, {
				auth: { persistSession: false },
				global: { headers: { Authorization: `Bearer ${forged}` } }
			});
			const { error, status } = await client.rpc('create_listing_draft', {
				p_listing: { kind: 'enterprise', name_zh: '伪造', district_code: LUOHU, source_urls: ['https://example.org'] }
			});
			expect(status).toBe(401);
			expect(error?.code).toBe('PGRST301');
			expect(await countListings()).toBe(before);
		});
	});
});
