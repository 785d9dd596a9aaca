/**
 * The editing workflow (issue #5) through supabase-js over HTTP, on PGlite and on PostgreSQL: optimistic
 * concurrency, validation errors (22023 + {field, rule}), draft → review → published with pending changes that
 * leave the public listing alone until approved, history with field diffs, revert, rejection reasons, bulk import.
 * Every "nothing written" is checked with SQL as the superuser (backend.db), not through the API.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { startTestBackend, TARGETS, type TestBackend } from '../support/test-backend.ts';

const LUOHU = '440303';
const YANTIAN = '440308'; // given a test outline (with a hole) below
const PASSWORD = 'fixture password 1234';

// A test outline for Yantian: a box with a square hole. Not the real boundary.
const YANTIAN_OUTLINE = {
	type: 'Polygon',
	coordinates: [
		[[114.2, 22.54], [114.35, 22.54], [114.35, 22.62], [114.2, 22.62], [114.2, 22.54]],
		[[114.26, 22.57], [114.26, 22.59], [114.28, 22.59], [114.28, 22.57], [114.26, 22.57]]
	]
};

/** Valid fields of a new enterprise listing in Luohu (a fixture, not a real firm). */
const fields = (overrides: Record<string, unknown> = {}) => ({
	kind: 'enterprise',
	name_zh: '测试珠宝工坊',
	name_en: 'Fixture Jewellery Workshop',
	summary_en: 'A fixture used by the editing tests.',
	sectors: ['jewellery'],
	district_code: LUOHU,
	lon: 114.128,
	lat: 22.578,
	precision: 'estimate',
	source_urls: ['https://example.org/fixture'],
	...overrides
});

interface Saved {
	id: string;
	slug: string;
	status: string;
	version: number;
	pending: boolean;
}

describe.each(TARGETS)('editing workflow through supabase-js (%s)', (target) => {
	let api: TestBackend;
	let anon: SupabaseClient;
	let admin: SupabaseClient; // district_admin of Luohu and Yantian
	let editorA: SupabaseClient; // district_editor of Luohu
	let editorB: SupabaseClient; // district_editor of Luohu
	let adminEmail: string;

	const sql = async <Row = Record<string, unknown>>(text: string, params: unknown[] = []) =>
		(await api.backend.db.query<Row>(text, params)).rows;
	const count = async (table: string) => Number((await sql<{ n: string }>(`select count(*)::text as n from ${table}`))[0]!.n);

	async function member(email: string, memberships: [string, string][]): Promise<SupabaseClient> {
		const { data, error } = await api.client(api.backend.secrets.serviceRoleKey).auth.admin.createUser({
			email,
			password: PASSWORD,
			email_confirm: true
		});
		if (error) throw error;
		for (const [district, role] of memberships)
			await sql('insert into atlas.memberships (user_id, district_code, role) values ($1, $2, $3)', [data.user.id, district, role]);
		const client = api.client();
		const { error: signInError } = await client.auth.signInWithPassword({ email, password: PASSWORD });
		if (signInError) throw signInError;
		return client;
	}

	/** Calls an RPC that must succeed and returns its data. */
	async function ok<T = Saved>(client: SupabaseClient, fn: string, args: Record<string, unknown>): Promise<T> {
		const { data, error } = await client.rpc(fn, args);
		expect(error, `${fn} failed`).toBeNull();
		return data as T;
	}

	beforeAll(async () => {
		api = await startTestBackend(target);
		anon = api.client();
		await sql('update atlas.districts set outline = $1 where code = $2', [JSON.stringify(YANTIAN_OUTLINE), YANTIAN]);
		adminEmail = `admin-${target}@example.org`;
		admin = await member(adminEmail, [[LUOHU, 'district_admin'], [YANTIAN, 'district_admin']]);
		editorA = await member(`editor-a-${target}@example.org`, [[LUOHU, 'district_editor']]);
		editorB = await member(`editor-b-${target}@example.org`, [[LUOHU, 'district_editor']]);
	});
	afterAll(() => api?.stop());

	describe('concurrency: no lost work', () => {
		test('two editors save the same draft: the second gets 409 PT409 with the current values, the first edit is kept', async () => {
			const created = await ok(editorA, 'save_listing', { p_fields: fields({ name_en: 'Concurrent draft' }) });
			const a = await ok<{ version: number; name_en: string }>(editorA, 'get_listing_for_edit', { p_id: created.id });
			const b = await ok<{ version: number }>(editorB, 'get_listing_for_edit', { p_id: created.id });
			expect(b.version).toBe(a.version);

			const first = await ok(editorA, 'save_listing', { p_id: created.id, p_version: a.version, p_fields: { name_en: 'Edit by A' } });
			expect(first.version).toBe(a.version + 1);
			const second = await editorB.rpc('save_listing', { p_id: created.id, p_version: b.version, p_fields: { name_en: 'Edit by B' } });
			expect(second.status).toBe(409);
			expect(second.error).toMatchObject({ code: 'PT409', message: 'version conflict' });
			const current = JSON.parse(second.error!.details);
			expect(current).toMatchObject({ id: created.id, name_en: 'Edit by A', version: first.version, status: 'draft' });

			const [row] = await sql<{ name_en: string; version: number }>('select name_en, version from atlas.listings where id = $1', [created.id]);
			expect(row).toEqual({ name_en: 'Edit by A', version: first.version });
		});

		test('two editors change the same published listing: the pending change of the first is kept', async () => {
			const created = await ok(editorA, 'save_listing', { p_fields: fields({ name_en: 'Concurrent published' }) });
			const published = await ok(admin, 'publish_listing', { p_id: created.id, p_version: created.version });
			const a = await ok<{ version: number }>(editorA, 'get_listing_for_edit', { p_id: created.id });
			const b = await ok<{ version: number }>(editorB, 'get_listing_for_edit', { p_id: created.id });
			expect(a.version).toBe(published.version);

			const first = await ok(editorA, 'save_listing', { p_id: created.id, p_version: a.version, p_fields: { name_en: 'Proposal by A' } });
			expect(first).toMatchObject({ status: 'published', pending: true });
			const second = await editorB.rpc('save_listing', { p_id: created.id, p_version: b.version, p_fields: { name_en: 'Proposal by B' } });
			expect(second.status).toBe(409);
			expect(second.error?.code).toBe('PT409');
			expect(JSON.parse(second.error!.details).pending).toMatchObject({ name_en: 'Proposal by A', status: 'draft' });

			const [change] = await sql<{ name_en: string }>(`select fields ->> 'name_en' as name_en from atlas.listing_changes where listing_id = $1`, [created.id]);
			expect(change!.name_en).toBe('Proposal by A');
			const [row] = await sql<{ name_en: string }>('select name_en from atlas.listings where id = $1', [created.id]);
			expect(row!.name_en).toBe('Concurrent published');
		});

		test('a stale version is refused for every workflow action, not only saves', async () => {
			const created = await ok(editorA, 'save_listing', { p_fields: fields({ name_en: 'Stale actions' }) });
			await ok(editorA, 'save_listing', { p_id: created.id, p_version: created.version, p_fields: { summary_en: 'changed' } });
			for (const [fn, client, args] of [
				['submit_listing', editorA, {}],
				['publish_listing', admin, {}],
				['archive_listing', admin, {}],
				['review_listing', admin, { p_approve: true }]
			] as const) {
				const { status, error } = await client.rpc(fn, { p_id: created.id, p_version: created.version, ...args });
				expect([fn, status, error?.code]).toEqual([fn, 409, 'PT409']);
			}
			const [row] = await sql<{ status: string }>('select status from atlas.listings where id = $1', [created.id]);
			expect(row!.status).toBe('draft');
		});
	});

	describe('bad input: 400, 22023, detail {field, rule}, nothing written', () => {
		// [what, the fields sent, the field and rule the database names]
		const cases: [string, Record<string, unknown>, string, string][] = [
			['an over-long Chinese name', { name_zh: '长'.repeat(201) }, 'name_zh', 'too_long'],
			['an over-long English summary', { summary_en: 'x'.repeat(2001) }, 'summary_en', 'too_long'],
			['a longitude given as text', { lon: '114.128' }, 'lon', 'wrong_type'],
			['sectors given as a string', { sectors: 'jewellery' }, 'sectors', 'wrong_type'],
			['a name given as a number', { name_en: 42 }, 'name_en', 'wrong_type'],
			['an impossible date', { kind: 'event', event_start: '2030-02-30' }, 'event_start', 'wrong_type'],
			['a bell character in a name', { name_en: 'Bell\u0007Co' }, 'name_en', 'control_chars'],
			['a line break in a single-line field', { address_en: 'Line 1\nLine 2' }, 'address_en', 'control_chars'],
			['coordinates in Shanghai', { lon: 121.47, lat: 31.23 }, 'lon', 'outside_shenzhen'],
			['swapped lon/lat', { lon: 22.578, lat: 114.128 }, 'lon', 'outside_shenzhen'],
			['Luohu coordinates for a Yantian listing (outline)', { district_code: YANTIAN }, 'lon', 'outside_district'],
			['a point in the hole of the Yantian outline', { district_code: YANTIAN, lon: 114.27, lat: 22.58 }, 'lon', 'outside_district'],
			['an unknown sector', { sectors: ['jewelry'] }, 'sectors', 'unknown_sector'],
			['an unknown district', { district_code: '440399' }, 'district_code', 'unknown_district'],
			['an unknown kind', { kind: 'shop' }, 'kind', 'unknown_value'],
			['an event ending before it starts', { kind: 'event', event_start: '2030-03-05', event_end: '2030-03-01' }, 'event_end', 'date_order'],
			['a javascript: source', { source_urls: ['javascript:alert(1)'] }, 'source_urls', 'not_http_url'],
			['no source', { source_urls: [] }, 'source_urls', 'required'],
			['no name at all', { name_zh: null, name_en: '  ' }, 'name_zh', 'required'],
			['a location without precision', { precision: null }, 'precision', 'required'],
			['an unknown field', { colour: 'red' }, 'colour', 'unknown_field']
		];

		test.each(cases)('creating with %s', async (_what, overrides, field, rule) => {
			const before = { listings: await count('atlas.listings'), revisions: await count('atlas.revisions') };
			const { data, error, status } = await admin.rpc('save_listing', { p_fields: fields(overrides) });
			expect(status).toBe(400);
			expect(error?.code).toBe('22023');
			expect(JSON.parse(error!.details)).toEqual({ field, rule });
			expect(error!.message).toMatch(/^\S.* .*\.$/); // an English sentence
			expect(error!.hint).not.toBe('');
			expect(data).toBeNull();
			expect({ listings: await count('atlas.listings'), revisions: await count('atlas.revisions') }).toEqual(before);
			// validate_listing names the same rule without writing
			const errors = await ok<{ field: string; rule: string }[]>(admin, 'validate_listing', { p_fields: fields(overrides) });
			expect(errors).toContainEqual(expect.objectContaining({ field, rule }));
		});

		test('a bad update leaves the draft as it was (same version, same values)', async () => {
			const created = await ok(editorA, 'save_listing', { p_fields: fields({ name_en: 'Kept as is' }) });
			const { status, error } = await editorA.rpc('save_listing', {
				p_id: created.id,
				p_version: created.version,
				p_fields: { name_en: 'New name', lon: 121.47, lat: 31.23 }
			});
			expect(status).toBe(400);
			expect(JSON.parse(error!.details)).toEqual({ field: 'lon', rule: 'outside_shenzhen' });
			const [row] = await sql('select name_en, lon, version from atlas.listings where id = $1', [created.id]);
			expect(row).toEqual({ name_en: 'Kept as is', lon: 114.128, version: created.version });
		});

		test('script tags are stored verbatim as text and returned as such', async () => {
			const script = '<script>alert("x")</script> & <b>bold</b>';
			const created = await ok(editorA, 'save_listing', { p_fields: fields({ name_en: script, summary_en: `${script}\nsecond line` }) });
			const [row] = await sql<{ name_en: string; summary_en: string }>('select name_en, summary_en from atlas.listings where id = $1', [created.id]);
			expect(row).toEqual({ name_en: script, summary_en: `${script}\nsecond line` });
			const forEdit = await ok<{ name_en: string }>(editorA, 'get_listing_for_edit', { p_id: created.id });
			expect(forEdit.name_en).toBe(script);
		});

		test('inside the outline (and outside its hole) a Yantian listing is accepted', async () => {
			const saved = await ok(admin, 'save_listing', { p_fields: fields({ district_code: YANTIAN, lon: 114.3, lat: 22.6 }) });
			expect(saved.status).toBe('draft');
		});

		test('the outline is checked by the database itself, whatever the write path (create_listing_draft)', async () => {
			const before = await count('atlas.listings');
			const { status, error } = await admin.rpc('create_listing_draft', { p_listing: fields({ district_code: YANTIAN }) });
			expect(status).toBe(400);
			expect(error?.code).toBe('22023');
			expect(JSON.parse(error!.details)).toEqual({ field: 'lon', rule: 'outside_district' });
			expect(await count('atlas.listings')).toBe(before);
		});

		test('validate_listing lists every broken rule at once, and [] for valid fields', async () => {
			const errors = await ok<{ field: string; rule: string; message: string }[]>(admin, 'validate_listing', {
				p_fields: fields({ name_zh: '长'.repeat(201), sectors: ['jewelry'], source_urls: ['ftp://x'] })
			});
			expect(errors.map((e) => `${e.field}:${e.rule}`)).toEqual([
				'name_zh:too_long',
				'sectors:unknown_sector',
				'source_urls:not_http_url'
			]);
			expect(errors.every((e) => e.message.length > 0)).toBe(true);
			expect(await ok(admin, 'validate_listing', { p_fields: fields() })).toEqual([]);
		});
	});

	describe('workflow: draft → review → published; changes of a published listing wait for approval', () => {
		let id: string;
		let version: number;
		const publicView = async () => (await anon.rpc('get_listing', { p_id: id })).data as Record<string, unknown> | null;
		const history = () => ok<{ id: number; action: string; actor_email: string | null; pending: boolean; reason: string | null; changes: { field: string; before: unknown; after: unknown }[] }[]>(editorA, 'listing_history', { p_id: id });

		test('an editor creates a draft and submits it; an admin rejects it with a reason, which the editor sees', async () => {
			const created = await ok(editorA, 'save_listing', { p_fields: fields({ name_en: 'Workflow Co' }) });
			({ id, version } = created);
			expect(created).toMatchObject({ status: 'draft', pending: false });
			expect(await publicView()).toBeNull();

			const submitted = await ok(editorA, 'submit_listing', { p_id: id, p_version: version });
			expect(submitted.status).toBe('in_review');
			const queue = await ok<{ id: string; type: string }[]>(admin, 'review_queue', {});
			expect(queue).toContainEqual(expect.objectContaining({ id, type: 'listing', status: 'in_review' }));
			expect(await ok(editorA, 'review_queue', {})).toEqual([]);

			const noReason = await admin.rpc('review_listing', { p_id: id, p_version: submitted.version, p_approve: false });
			expect(noReason.status).toBe(400);
			expect(JSON.parse(noReason.error!.details)).toEqual({ field: 'reason', rule: 'required' });

			const rejected = await ok(admin, 'review_listing', {
				p_id: id, p_version: submitted.version, p_approve: false, p_reason: 'Add the street address.'
			});
			expect(rejected.status).toBe('draft');
			const forEdit = await ok<{ status: string; rejection_reason: string }>(editorA, 'get_listing_for_edit', { p_id: id });
			expect(forEdit).toMatchObject({ status: 'draft', rejection_reason: 'Add the street address.' });
			version = rejected.version;
		});

		test('fixed and resubmitted, it is approved: public, with "verified on … by …"', async () => {
			const saved = await ok(editorA, 'save_listing', { p_id: id, p_version: version, p_fields: { address_en: '1 Fixture Road' } });
			const submitted = await ok(editorA, 'submit_listing', { p_id: id, p_version: saved.version });
			const approved = await ok(admin, 'review_listing', { p_id: id, p_version: submitted.version, p_approve: true });
			expect(approved).toMatchObject({ status: 'published', pending: false });
			version = approved.version;
			const view = await publicView();
			expect(view).toMatchObject({ name_en: 'Workflow Co', address_en: '1 Fixture Road', status: 'published' });
			expect(view!.verified_at).toBe(new Date().toISOString().slice(0, 10));
			expect(view!.verified_by).toMatchObject({ role: 'district_admin', district_code: LUOHU });
			expect(JSON.stringify(view)).not.toContain(adminEmail); // no email in public
			const forEdit = await ok<{ rejection_reason: string | null }>(editorA, 'get_listing_for_edit', { p_id: id });
			expect(forEdit.rejection_reason).toBeNull();
		});

		test('an edit of the published listing becomes a pending change; the public listing stays unchanged', async () => {
			const before = await publicView();
			const saved = await ok(editorA, 'save_listing', { p_id: id, p_version: version, p_fields: { name_en: 'Workflow Co (renamed)' } });
			expect(saved).toMatchObject({ status: 'published', pending: true });
			expect(await publicView()).toEqual(before);
			const forEdit = await ok<{ name_en: string; pending: Record<string, unknown> }>(editorA, 'get_listing_for_edit', { p_id: id });
			expect(forEdit.name_en).toBe('Workflow Co');
			expect(forEdit.pending).toMatchObject({ name_en: 'Workflow Co (renamed)', status: 'draft', reason: null, base_version: version });
			const managed = await ok<{ counts: Record<string, number>; rows: { id: string; pending: unknown }[] }>(
				editorA, 'manage_listings', { p_status: 'pending_changes' }
			);
			expect(managed.counts.pending_changes).toBeGreaterThanOrEqual(1);
			expect(managed.rows).toContainEqual(expect.objectContaining({ id, pending: { status: 'draft', reason: null } }));
			version = saved.version;
		});

		test('submitted, it is in review (still not public); approved, the public sees the new values', async () => {
			const submitted = await ok(editorA, 'submit_listing', { p_id: id, p_version: version });
			expect(submitted).toMatchObject({ status: 'published', pending: true });
			expect((await publicView())!.name_en).toBe('Workflow Co');
			const queue = await ok<{ id: string; type: string; changes: unknown[] }[]>(admin, 'review_queue', {});
			const item = queue.find((q) => q.id === id);
			expect(item).toMatchObject({ type: 'change', pending: { status: 'in_review', reason: null } });
			expect(item!.changes).toEqual([{ field: 'name_en', before: 'Workflow Co', after: 'Workflow Co (renamed)' }]);

			const approved = await ok(admin, 'review_listing', { p_id: id, p_version: submitted.version, p_approve: true });
			expect(approved).toMatchObject({ status: 'published', pending: false });
			expect((await publicView())!.name_en).toBe('Workflow Co (renamed)');
			expect(await sql('select 1 from atlas.listing_changes where listing_id = $1', [id])).toEqual([]);
			version = approved.version;
		});

		test('the history shows every step with who did it and the field-level changes', async () => {
			const steps = await history();
			expect(steps.map((s) => s.action)).toEqual([
				'approved', 'submitted', 'edited', 'approved', 'submitted', 'edited', 'rejected', 'submitted', 'created'
			]);
			expect(steps[0]!.changes).toEqual([{ field: 'name_en', before: 'Workflow Co', after: 'Workflow Co (renamed)' }]);
			expect(steps[0]!.actor_email).toBe(adminEmail);
			expect(steps[2]).toMatchObject({ pending: true, actor_email: `editor-a-${target}@example.org` });
			expect(steps[2]!.changes).toEqual([{ field: 'name_en', before: 'Workflow Co', after: 'Workflow Co (renamed)' }]);
			expect(steps[3]!.changes).toContainEqual({ field: 'status', before: 'in_review', after: 'published' });
			expect(steps[5]!.changes).toEqual([{ field: 'address_en', before: null, after: '1 Fixture Road' }]);
			expect(steps[6]).toMatchObject({ reason: 'Add the street address.' });
			expect(steps[6]!.changes).toEqual([{ field: 'status', before: 'in_review', after: 'draft' }]);
			// newest first
			expect(steps.map((s) => s.id)).toEqual([...steps.map((s) => s.id)].sort((a, b) => b - a));
		});

		test('revert restores the values of an earlier revision, as a new revision', async () => {
			const steps = await history();
			const firstApproval = steps[3]!; // its "after" still has the old name
			const revisionsBefore = steps.length;
			const reverted = await ok(admin, 'revert_listing', { p_id: id, p_version: version, p_revision_id: firstApproval.id });
			expect(reverted).toMatchObject({ status: 'published', pending: false });
			expect(reverted.version).toBeGreaterThan(version);
			expect((await publicView())!.name_en).toBe('Workflow Co');
			const after = await history();
			expect(after).toHaveLength(revisionsBefore + 1);
			expect(after[0]).toMatchObject({ action: 'reverted', actor_email: adminEmail });
			expect(after[0]!.changes).toEqual([{ field: 'name_en', before: 'Workflow Co (renamed)', after: 'Workflow Co' }]);
			// the undone revision is still there: history is append-only
			expect(after.slice(1).map((s) => s.id)).toEqual(steps.map((s) => s.id));
			version = reverted.version;
		});

		test('a rejected change keeps its reason; the public listing is untouched; editing it again makes it a draft', async () => {
			const saved = await ok(editorA, 'save_listing', { p_id: id, p_version: version, p_fields: { website: 'https://example.org/new' } });
			const submitted = await ok(editorA, 'submit_listing', { p_id: id, p_version: saved.version });
			const rejected = await ok(admin, 'review_listing', {
				p_id: id, p_version: submitted.version, p_approve: false, p_reason: 'Use the official site.'
			});
			expect(rejected).toMatchObject({ status: 'published', pending: true });
			expect((await publicView())!.website).toBeNull();
			const forEdit = await ok<{ pending: Record<string, unknown> }>(editorA, 'get_listing_for_edit', { p_id: id });
			expect(forEdit.pending).toMatchObject({ status: 'rejected', reason: 'Use the official site.', website: 'https://example.org/new' });
			expect((await history())[0]).toMatchObject({ action: 'rejected', pending: true, reason: 'Use the official site.' });

			const again = await ok(editorA, 'save_listing', { p_id: id, p_version: rejected.version, p_fields: { website: 'https://example.org/official' } });
			const state = await ok<{ pending: Record<string, unknown> }>(editorA, 'get_listing_for_edit', { p_id: id });
			expect(state.pending).toMatchObject({ status: 'draft', website: 'https://example.org/official' });
			version = again.version;
		});

		test('archived, it leaves the public map and its pending change goes (still in the history)', async () => {
			const archived = await ok(admin, 'archive_listing', { p_id: id, p_version: version });
			expect(archived).toMatchObject({ status: 'archived', pending: false });
			expect(await publicView()).toBeNull();
			expect((await history())[0]!.action).toBe('archived');
			const { status, error } = await editorA.rpc('save_listing', { p_id: id, p_version: archived.version, p_fields: { name_en: 'x' } });
			expect(status).toBe(400);
			expect(JSON.parse(error!.details)).toEqual({ field: 'status', rule: 'wrong_status' });
		});
	});

	describe('bulk import', () => {
		const rows = () => [
			fields({ name_en: 'Imported One' }),
			fields({ name_en: 'Imported Two', lon: 121.47, lat: 31.23 }),
			fields({ name_en: 'Imported Three', sectors: ['jewelry'], source_urls: [] })
		];

		test('a dry run reports per-row errors and writes nothing', async () => {
			const before = await count('atlas.listings');
			const result = await ok<{ rows: { index: number; ok: boolean; errors: { field: string; rule: string }[]; id?: string }[]; imported: number }>(
				admin, 'import_listings', { p_rows: rows() }
			);
			expect(result.imported).toBe(0);
			expect(result.rows.map((r) => [r.index, r.ok, r.errors.map((e) => `${e.field}:${e.rule}`)])).toEqual([
				[0, true, []],
				[1, false, ['lon:outside_shenzhen']],
				[2, false, ['sectors:unknown_sector', 'source_urls:required']]
			]);
			expect(result.rows.every((r) => r.id === undefined)).toBe(true);
			expect(await count('atlas.listings')).toBe(before);
		});

		test('an import writes the valid rows as drafts, recorded as imported', async () => {
			const before = await count('atlas.listings');
			const result = await ok<{ rows: { ok: boolean; id?: string }[]; imported: number }>(
				admin, 'import_listings', { p_rows: rows(), p_dry_run: false }
			);
			expect(result.imported).toBe(1);
			expect(await count('atlas.listings')).toBe(before + 1);
			const [row] = await sql('select l.status, r.workflow_action from atlas.listings l join atlas.revisions r on r.listing_id = l.id where l.id = $1', [result.rows[0]!.id]);
			expect(row).toEqual({ status: 'draft', workflow_action: 'imported' });
		});

		test('editors may not import (403 42501), and a row of a district the admin does not run is refused', async () => {
			const { status, error } = await editorA.rpc('import_listings', { p_rows: rows(), p_dry_run: false });
			expect(status).toBe(403);
			expect(error?.code).toBe('42501');
			const result = await ok<{ rows: { ok: boolean; errors: { field: string; rule: string }[] }[] }>(
				admin, 'import_listings', { p_rows: [fields({ district_code: '440305', lon: 113.95, lat: 22.54 })] }
			);
			expect(result.rows[0]).toMatchObject({ ok: false, errors: [{ field: 'district_code', rule: 'not_allowed' }] });
		});
	});
});
