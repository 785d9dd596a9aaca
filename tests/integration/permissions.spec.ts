/**
 * Who may do what (issue #5), through supabase-js over HTTP on PGlite and on PostgreSQL: a permission matrix of
 * role × own/other district × operation, written as data; membership management; the rules that hold even for
 * direct table writes (RLS and triggers); server-side account management with the service-role key; and the
 * first city administrator from FIRST_ADMIN_EMAIL / FIRST_ADMIN_PASSWORD.
 * Every refusal is checked to have changed nothing by reading back with SQL as the superuser (backend.db).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { createMemberAccount, setMemberDisabled, AccountError } from '../../src/lib/server/accounts.ts';
import { startEmbeddedBackend } from '../../src/lib/server/embedded.ts';
import { ensureFirstAdmin } from '../../src/lib/server/first-admin.ts';
import { createUser } from '../../src/lib/server/gateway/auth/index.ts';
import { serveGateway } from '../support/gateway-server.ts';
import { createDatabase, startTestBackend, TARGETS, type Target, type TestBackend } from '../support/test-backend.ts';

const LUOHU = '440303'; // "own" district of the district roles below
const NANSHAN = '440305'; // "other" district
const FUTIAN = '440304'; // where move_listing sends listings
const PASSWORD = 'fixture password 1234';

// ---------------------------------------------------------------------------------------------------------------
// The specification: what each role may do in its own and in another district.
//   'ok'      the call succeeds and has its effect
//   'hidden'  the read succeeds but returns nothing (RLS hides the draft)
//   401, 403  refused with HTTP 401 (anon) / 403 (signed in) and code 42501
//   404       refused with HTTP 404 and code PT404: the draft is invisible to the caller, so it "does not exist"
// ---------------------------------------------------------------------------------------------------------------

type Role = 'city_admin' | 'district_admin' | 'district_editor' | 'non_member' | 'anon';
type Op = 'read_draft' | 'create' | 'update' | 'publish' | 'archive' | 'revert' | 'move' | 'grant_membership';
type Outcome = 'ok' | 'hidden' | 401 | 403 | 404;

//                                 [own district, other district]
const MATRIX: Record<Role, Record<Op, [Outcome, Outcome]>> = {
	city_admin: {
		read_draft: ['ok', 'ok'],
		create: ['ok', 'ok'],
		update: ['ok', 'ok'],
		publish: ['ok', 'ok'],
		archive: ['ok', 'ok'],
		revert: ['ok', 'ok'],
		move: ['ok', 'ok'],
		grant_membership: ['ok', 'ok']
	},
	district_admin: {
		read_draft: ['ok', 'hidden'],
		create: ['ok', 403],
		update: ['ok', 404],
		publish: ['ok', 404],
		archive: ['ok', 403],
		revert: ['ok', 403],
		move: [403, 403],
		grant_membership: ['ok', 403]
	},
	district_editor: {
		read_draft: ['ok', 'hidden'],
		create: ['ok', 403],
		update: ['ok', 404],
		publish: [403, 404],
		archive: [403, 403],
		revert: [403, 403],
		move: [403, 403],
		grant_membership: [403, 403]
	},
	non_member: {
		read_draft: ['hidden', 'hidden'],
		create: [403, 403],
		update: [404, 404],
		publish: [404, 404],
		archive: [403, 403],
		revert: [403, 403],
		move: [403, 403],
		grant_membership: [403, 403]
	},
	anon: {
		read_draft: ['hidden', 'hidden'],
		create: [401, 401],
		update: [401, 401],
		publish: [401, 401],
		archive: [401, 401],
		revert: [401, 401],
		move: [401, 401],
		grant_membership: [401, 401]
	}
};

// Which listing each operation acts on: drafts are invisible outside their district, published listings are not
// (so refusals there are 403, not 404).
const TARGET_STATUS: Record<Op, 'draft' | 'published' | null> = {
	read_draft: 'draft',
	create: null,
	update: 'draft',
	publish: 'draft',
	archive: 'published',
	revert: 'published',
	move: 'published',
	grant_membership: null
};

const CASES = (Object.keys(MATRIX) as Role[]).flatMap((role) =>
	(Object.keys(MATRIX[role]) as Op[]).flatMap((op) =>
		(['own', 'other'] as const).map((scope) => ({ role, op, scope, expected: MATRIX[role][op][scope === 'own' ? 0 : 1] }))
	)
);

const ORIGINAL_NAME = 'Matrix Original';

describe.each(TARGETS)('permissions through supabase-js (%s)', (target) => {
	let api: TestBackend;
	const clients = {} as Record<Role, SupabaseClient>;
	const ids = {} as Record<Role, string>;

	const sql = async <Row = Record<string, unknown>>(text: string, params: unknown[] = []) =>
		(await api.backend.db.query<Row>(text, params)).rows;

	async function signIn(email: string): Promise<SupabaseClient> {
		const client = api.client();
		const { error } = await client.auth.signInWithPassword({ email, password: PASSWORD });
		if (error) throw error;
		return client;
	}

	async function account(email: string, memberships: [string | null, string][] = []): Promise<string> {
		const { id } = await createUser(api.backend.db, { email, password: PASSWORD });
		for (const [district, role] of memberships)
			await sql('insert into atlas.memberships (user_id, district_code, role) values ($1, $2, $3)', [id, district, role]);
		return id;
	}

	/** A listing written as the superuser (a fixture): created, then renamed, so it has a revision to revert to. */
	async function fixture(district: string, status: 'draft' | 'published'): Promise<string> {
		const [lon, lat] = district === LUOHU ? [114.128, 22.578] : [113.95, 22.54];
		const [row] = await sql<{ id: string }>(
			`insert into atlas.listings (slug, kind, status, name_zh, name_en, sectors, district_code, lon, lat, precision, source_urls)
			 values ('matrix-' || replace(gen_random_uuid()::text, '-', ''), 'enterprise', $1, '矩阵测试', $2, '{apparel}', $3, $4, $5,
			         'estimate', '{https://example.org/matrix}') returning id::text`,
			[status, ORIGINAL_NAME, district, lon, lat]
		);
		await sql(`update atlas.listings set name_en = 'Matrix Renamed' where id = $1`, [row!.id]);
		return row!.id;
	}

	/** Everything an operation could change, read as the superuser. */
	async function snapshot(listingId: string | null) {
		const [counts] = await sql<{ listings: number; memberships: number; revisions: number; changes: number }>(`select (select count(*) from atlas.listings)::int as listings,
			(select count(*) from atlas.memberships)::int as memberships, (select count(*) from atlas.revisions)::int as revisions,
			(select count(*) from atlas.listing_changes)::int as changes`);
		const row = listingId
			? (await sql<{ row: string }>('select to_jsonb(l)::text as row from atlas.listings l where id = $1', [listingId]))[0]!.row
			: null;
		return { counts: counts!, row };
	}

	beforeAll(async () => {
		api = await startTestBackend(target);
		const roles: [Role, [string | null, string][]][] = [
			['city_admin', [[null, 'city_admin']]],
			['district_admin', [[LUOHU, 'district_admin']]],
			['district_editor', [[LUOHU, 'district_editor']]],
			['non_member', []]
		];
		for (const [role, memberships] of roles) {
			const email = `${role}-${target}@example.org`;
			ids[role] = await account(email, memberships);
			clients[role] = await signIn(email);
		}
		clients.anon = api.client();
	});
	afterAll(() => api?.stop());

	test.each(CASES)('$role, $scope district: $op → $expected', async ({ role, op, scope, expected }) => {
		const district = scope === 'own' ? LUOHU : NANSHAN;
		const status = TARGET_STATUS[op];
		const listingId = status ? await fixture(district, status) : null;
		const grantee = op === 'grant_membership' ? await account(`grantee-${crypto.randomUUID()}@example.org`) : null;
		const version = listingId
			? (await sql<{ version: number }>('select version from atlas.listings where id = $1', [listingId]))[0]!.version
			: null;
		const [firstRevision] = listingId
			? await sql<{ id: string }>('select id::text from atlas.revisions where listing_id = $1 order by id limit 1', [listingId])
			: [];
		const before = await snapshot(listingId);

		const client = clients[role];
		const calls: Record<Op, () => PromiseLike<{ data: unknown; error: { code: string } | null; status: number }>> = {
			read_draft: () => client.rpc('get_listing', { p_id: listingId }),
			create: () =>
				client.rpc('save_listing', {
					p_fields: {
						kind: 'enterprise', name_zh: '矩阵新建', name_en: 'Matrix Created', sectors: ['apparel'], district_code: district,
						source_urls: ['https://example.org/matrix']
					}
				}),
			update: () => client.rpc('save_listing', { p_id: listingId, p_version: version, p_fields: { name_en: 'Matrix Updated' } }),
			publish: () => client.rpc('publish_listing', { p_id: listingId, p_version: version }),
			archive: () => client.rpc('archive_listing', { p_id: listingId, p_version: version }),
			revert: () => client.rpc('revert_listing', { p_id: listingId, p_version: version, p_revision_id: Number(firstRevision!.id) }),
			move: () => client.rpc('move_listing', { p_id: listingId, p_version: version, p_district_code: FUTIAN }),
			grant_membership: () =>
				client.rpc('grant_membership', { p_user_id: grantee, p_district: district, p_role: 'district_editor' })
		};
		const { data, error, status: httpStatus } = await calls[op]();

		if (expected === 'ok' || expected === 'hidden') {
			expect(error).toBeNull();
			expect(httpStatus).toBeLessThan(300);
		} else {
			expect({ status: httpStatus, code: error?.code }).toEqual({ status: expected, code: expected === 404 ? 'PT404' : '42501' });
		}
		const after = await snapshot(listingId);
		if (expected !== 'ok') {
			expect(after).toEqual(before); // nothing changed
			if (expected === 'hidden') expect(data).toBeNull();
			return;
		}

		// The effect of each allowed operation, read back as the superuser.
		const row = after.row ? (JSON.parse(after.row) as Record<string, unknown>) : null;
		switch (op) {
			case 'read_draft':
				expect(data).toMatchObject({ id: listingId, status: 'draft' });
				break;
			case 'create': {
				expect(after.counts.listings).toBe(before.counts.listings + 1);
				const [created] = await sql('select status, district_code, created_by::text from atlas.listings where id = $1', [(data as { id: string }).id]);
				expect(created).toEqual({ status: 'draft', district_code: district, created_by: ids[role] });
				break;
			}
			case 'update':
				expect(row).toMatchObject({ name_en: 'Matrix Updated', status: 'draft' });
				break;
			case 'publish':
				expect(row).toMatchObject({ status: 'published', verified_by: ids[role] });
				break;
			case 'archive':
				expect(row).toMatchObject({ status: 'archived' });
				break;
			case 'revert':
				expect(row).toMatchObject({ name_en: ORIGINAL_NAME, status: 'published' });
				break;
			case 'move':
				expect(row).toMatchObject({ district_code: FUTIAN });
				break;
			case 'grant_membership':
				expect(await sql('select role from atlas.memberships where user_id = $1 and district_code = $2', [grantee, district])).toEqual([
					{ role: 'district_editor' }
				]);
				break;
		}
		if (listingId && op !== 'read_draft') expect((row as { version: number }).version).toBeGreaterThan(version!);
	});

	describe('membership management', () => {
		test('district admins grant editors only; city admins grant administrators', async () => {
			const user = await account(`promote-${target}@example.org`);
			const before = await sql('select count(*)::int as n from atlas.memberships');
			const refused = await clients.district_admin.rpc('grant_membership', { p_user_id: user, p_district: LUOHU, p_role: 'district_admin' });
			expect([refused.status, refused.error?.code]).toEqual([403, '42501']);
			expect(await sql('select count(*)::int as n from atlas.memberships')).toEqual(before);
			const granted = await clients.city_admin.rpc('grant_membership', { p_user_id: user, p_district: LUOHU, p_role: 'district_admin' });
			expect(granted.error).toBeNull();

			// the district admin can neither demote nor remove a fellow district admin
			const demote = await clients.district_admin.rpc('grant_membership', { p_user_id: user, p_district: LUOHU, p_role: 'district_editor' });
			expect([demote.status, demote.error?.code]).toEqual([403, '42501']);
			const revoke = await clients.district_admin.rpc('revoke_membership', { p_user_id: user, p_district: LUOHU });
			expect([revoke.status, revoke.error?.code]).toEqual([403, '42501']);
			expect(await sql('select role from atlas.memberships where user_id = $1', [user])).toEqual([{ role: 'district_admin' }]);
		});

		test('a district admin revokes an editor of their district, not one of another district', async () => {
			const own = await account(`own-editor-${target}@example.org`, [[LUOHU, 'district_editor']]);
			const other = await account(`other-editor-${target}@example.org`, [[NANSHAN, 'district_editor']]);
			expect((await clients.district_admin.rpc('revoke_membership', { p_user_id: own, p_district: LUOHU })).error).toBeNull();
			expect(await sql('select 1 from atlas.memberships where user_id = $1', [own])).toEqual([]);
			const refused = await clients.district_admin.rpc('revoke_membership', { p_user_id: other, p_district: NANSHAN });
			expect([refused.status, refused.error?.code]).toEqual([403, '42501']);
			expect(await sql('select district_code from atlas.memberships where user_id = $1', [other])).toEqual([{ district_code: NANSHAN }]);
		});

		test('nobody changes their own membership (so the last city admin cannot lock the city out)', async () => {
			const { status, error } = await clients.city_admin.rpc('revoke_membership', { p_user_id: ids.city_admin, p_district: null });
			expect([status, error?.code]).toEqual([403, '42501']);
			expect(await sql('select role from atlas.memberships where user_id = $1', [ids.city_admin])).toEqual([{ role: 'city_admin' }]);
		});

		test('list_members: district admins see their district, city admins everyone, editors nothing', async () => {
			type Member = { user_id: string; email: string; district_code: string | null; role: string; disabled: boolean };
			const { data: districtView } = await clients.district_admin.rpc('list_members');
			expect((districtView as Member[]).every((m) => m.district_code === LUOHU)).toBe(true);
			expect(districtView).toContainEqual(expect.objectContaining({
				user_id: ids.district_editor, email: `district_editor-${target}@example.org`, role: 'district_editor', disabled: false
			}));
			const { data: cityView } = await clients.city_admin.rpc('list_members', { p_district: null });
			expect((cityView as Member[]).map((m) => m.user_id)).toEqual(expect.arrayContaining([ids.city_admin, ids.district_admin]));
			expect((await clients.district_editor.rpc('list_members')).data).toEqual([]);
			expect((await clients.anon.rpc('list_members')).status).toBe(401);
		});

		test('can_manage_user / can_manage_members follow the same rules', async () => {
			const shared = await account(`shared-editor-${target}@example.org`, [[LUOHU, 'district_editor'], [NANSHAN, 'district_editor']]);
			const ask = async (role: Role, fn: string, args: Record<string, unknown>) => (await clients[role].rpc(fn, args)).data;
			expect(await ask('district_admin', 'can_manage_user', { p_user_id: ids.district_editor })).toBe(true);
			expect(await ask('district_admin', 'can_manage_user', { p_user_id: shared })).toBe(false); // also in Nanshan
			expect(await ask('district_admin', 'can_manage_user', { p_user_id: ids.city_admin })).toBe(false);
			expect(await ask('district_editor', 'can_manage_user', { p_user_id: ids.district_editor })).toBe(false);
			expect(await ask('city_admin', 'can_manage_user', { p_user_id: shared })).toBe(true);
			expect(await ask('city_admin', 'can_manage_user', { p_user_id: ids.city_admin })).toBe(false); // not oneself
			expect(await ask('district_admin', 'can_manage_members', { p_district: LUOHU })).toBe(true);
			expect(await ask('district_admin', 'can_manage_members', { p_district: NANSHAN })).toBe(false);
			expect(await ask('city_admin', 'can_manage_members', { p_district: null })).toBe(true);
		});
	});

	describe('enforced in the database, not only by the API functions (direct table writes as the role)', () => {
		/** Runs one statement as a signed-in user the way PostgREST would (role + JWT claims, one transaction). */
		const asUser = (sub: string, text: string, params: unknown[] = []) =>
			api.backend.db.transaction(async (tx) => {
				await tx.query(`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)`, [
					JSON.stringify({ role: 'authenticated', sub })
				]);
				return (await tx.query(text, params)).rows;
			});

		test('an editor cannot publish by writing the status; an admin of two districts cannot move a listing', async () => {
			const draft = await fixture(LUOHU, 'draft');
			await expect(asUser(ids.district_editor, `update atlas.listings set status = 'published' where id = $1`, [draft])).rejects.toMatchObject({ code: '42501' });
			const twoDistricts = await account(`two-districts-${target}@example.org`, [[LUOHU, 'district_admin'], [NANSHAN, 'district_admin']]);
			await expect(asUser(twoDistricts, `update atlas.listings set district_code = $2 where id = $1`, [draft, NANSHAN])).rejects.toMatchObject({
				code: '42501',
				message: 'only city administrators may move a listing to another district'
			});
			expect(await sql('select status, district_code from atlas.listings where id = $1', [draft])).toEqual([{ status: 'draft', district_code: LUOHU }]);
		});

		test('an editor cannot reject a pending change or grant memberships by writing the tables', async () => {
			const published = await fixture(LUOHU, 'published');
			const { data: forEdit } = await clients.district_editor.rpc('get_listing_for_edit', { p_id: published });
			const saved = await clients.district_editor.rpc('save_listing', { p_id: published, p_version: forEdit.version, p_fields: { name_en: 'Proposal' } });
			expect(saved.data).toMatchObject({ pending: true });
			await expect(asUser(ids.district_editor, `update atlas.listing_changes set status = 'rejected' where listing_id = $1`, [published])).rejects.toMatchObject({ code: '42501' });
			await expect(asUser(ids.district_editor, `insert into atlas.memberships (user_id, district_code, role) values ($1, $2, 'district_admin')`, [ids.non_member, LUOHU])).rejects.toMatchObject({ code: '42501' });
			expect(await sql('select status from atlas.listing_changes where listing_id = $1', [published])).toEqual([{ status: 'draft' }]);
		});
	});

	describe('accounts through the Auth admin API (service-role key, server only)', () => {
		const serviceClient = () => api.client(api.backend.secrets.serviceRoleKey);

		test('a district admin creates an editor account with a temporary password; it signs in and is an editor', async () => {
			const email = `new-editor-${target}@example.org`;
			const { account: created, temporaryPassword } = await createMemberAccount(
				{ asUser: clients.district_admin, admin: serviceClient() },
				{ email, district: LUOHU, role: 'district_editor' }
			);
			expect(created).toMatchObject({ email, disabled: false, mustChangePassword: true });
			expect(temporaryPassword.length).toBeGreaterThanOrEqual(20);
			const client = api.client();
			expect((await client.auth.signInWithPassword({ email, password: temporaryPassword })).error).toBeNull();
			expect((await client.rpc('my_memberships')).data).toEqual([expect.objectContaining({ district_code: LUOHU, role: 'district_editor' })]);
		});

		test('a district admin cannot create an administrator account: refused, and no account is left behind', async () => {
			const email = `would-be-admin-${target}@example.org`;
			await expect(
				createMemberAccount({ asUser: clients.district_admin, admin: serviceClient() }, { email, district: LUOHU, role: 'district_admin' })
			).rejects.toMatchObject({ status: 403 });
			await expect(
				createMemberAccount({ asUser: clients.district_admin, admin: serviceClient() }, { email, district: NANSHAN, role: 'district_editor' })
			).rejects.toBeInstanceOf(AccountError);
			expect(await sql('select 1 from auth.users where email = $1', [email])).toEqual([]);
		});

		test('disabling an account stops its sign-in; enabling it again restores it; only who may manage it can', async () => {
			const email = `disable-me-${target}@example.org`;
			const user = await account(email, [[LUOHU, 'district_editor']]);
			const clientsForAdmin = { asUser: clients.district_admin, admin: serviceClient() };
			expect((await setMemberDisabled(clientsForAdmin, user, true)).disabled).toBe(true);
			const refused = await api.client().auth.signInWithPassword({ email, password: PASSWORD });
			expect(refused.error?.code).toBe('user_banned');
			expect((await clients.district_admin.rpc('list_members', { p_district: LUOHU })).data).toContainEqual(
				expect.objectContaining({ user_id: user, disabled: true })
			);
			expect((await setMemberDisabled(clientsForAdmin, user, false)).disabled).toBe(false);
			expect((await api.client().auth.signInWithPassword({ email, password: PASSWORD })).error).toBeNull();

			await expect(setMemberDisabled({ asUser: clients.district_editor, admin: serviceClient() }, user, true)).rejects.toMatchObject({ status: 403 });
			expect(await sql('select banned_until from auth.users where id = $1', [user])).toEqual([{ banned_until: null }]);
		});
	});
});

describe.each(TARGETS)('first city administrator from FIRST_ADMIN_EMAIL / FIRST_ADMIN_PASSWORD (%s)', (target: Target) => {
	let dataDir: string;
	let database: { url: string; drop(): Promise<void> } | null = null;
	const email = `first-admin-${target}@example.org`;
	const password = 'a first admin password';

	/** One start of the embedded backend on the same data (PGlite folder or PostgreSQL database), as the site does it. */
	async function start(admin: { email?: string; password?: string }) {
		const backend = await startEmbeddedBackend({ dataDir, databaseUrl: database?.url, supabaseDir: 'supabase' });
		try {
			const outcome = await ensureFirstAdmin(backend.db, { email: admin.email, password: admin.password });
			const server = await serveGateway(backend.gateway);
			return { backend, outcome, server };
		} catch (error) {
			await backend.close();
			throw error;
		}
	}

	beforeAll(async () => {
		dataDir = await mkdtemp(join(tmpdir(), 'sfm-first-admin-'));
		if (target === 'postgres') database = await createDatabase();
	});
	afterAll(async () => {
		await database?.drop();
		await rm(dataDir, { recursive: true, force: true });
	});

	test('unset: nothing is created; set: a city_admin who can sign in; a second start does not duplicate it', async () => {
		const unset = await start({});
		expect(unset.outcome).toBe('unset');
		expect((await unset.backend.db.query('select 1 from atlas.memberships')).rows).toEqual([]);
		await unset.server.close();
		await unset.backend.close();

		const first = await start({ email, password });
		expect(first.outcome).toBe('created');
		const client = createClient(first.server.url, first.backend.secrets.anonKey, { auth: { persistSession: false } });
		expect((await client.auth.signInWithPassword({ email, password })).error).toBeNull();
		expect((await client.rpc('my_memberships')).data).toEqual([expect.objectContaining({ district_code: null, role: 'city_admin' })]);
		await first.server.close();
		await first.backend.close();

		// second start: same env (or the password already removed from it) → the same single account
		const second = await start({ email: email.toUpperCase(), password: 'another password entirely' });
		try {
			expect(second.outcome).toBe('ensured');
			const { rows } = await second.backend.db.query<{ users: number; memberships: number }>(
				`select (select count(*) from auth.users where lower(email) = $1)::int as users,
				        (select count(*) from atlas.memberships m join auth.users u on u.id = m.user_id where lower(u.email) = $1)::int as memberships`,
				[email]
			);
			expect(rows).toEqual([{ users: 1, memberships: 1 }]);
			const again = createClient(second.server.url, second.backend.secrets.anonKey, { auth: { persistSession: false } });
			expect((await again.auth.signInWithPassword({ email, password })).error).toBeNull(); // password not reset
			expect(await ensureFirstAdmin(second.backend.db, { email, password: undefined })).toBe('ensured');
			await expect(ensureFirstAdmin(second.backend.db, { email: 'nobody-yet@example.org', password: undefined })).rejects.toThrow(
				/FIRST_ADMIN_PASSWORD/
			);
		} finally {
			await second.server.close();
			await second.backend.close();
		}
	});
});
