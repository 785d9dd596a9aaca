// Shared by rest-api.pglite.spec.ts and rest-api.postgres.spec.ts: the same requests must get the same answers
// from PGlite and from a PostgreSQL server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { applyMigrations } from '../../db/migrate.ts';
import { signJwt } from '../jwt.ts';
import { generateSecrets, type GatewaySecrets } from '../secrets.ts';
import { createRestApi, type RestApi } from './index.ts';

/** Fixture functions owned by these tests (the project's own migrations may or may not exist). */
export const FIXTURE_SQL = `
create table public.rest_items (id int primary key, name text, price numeric);
insert into public.rest_items values (1, 'shirt', 19.99), (2, 'watch', 9007199254740993), (3, 'ring', null);
grant select on public.rest_items to anon, authenticated;
create table public.rest_events (id serial primary key, note text);
grant select, insert on public.rest_events to anon, authenticated;
grant usage on sequence public.rest_events_id_seq to anon, authenticated;

create function public.add(a int, b int default 10) returns int language sql immutable as $$ select a + b $$;
create function public."Mixed Case"() returns text language sql stable as $$ select 'mixed' $$;
create function public.list_items() returns setof public.rest_items language sql stable
  as $$ select * from public.rest_items order by id $$;
create function public.item_label(item_id int, out id int, out label text) language sql stable
  as $$ select id, upper(name) from public.rest_items where id = item_id $$;
create function public.big() returns bigint language sql immutable as $$ select 9007199254740993::bigint $$;
create function public.numbers(n int) returns setof int language sql immutable as $$ select generate_series(1, n) $$;
create function public.echo(payload jsonb) returns jsonb language sql immutable as $$ select payload $$;
create function public.nothing() returns void language plpgsql as $$ begin end $$;
create function public.refuse() returns int language plpgsql as $$
begin
  raise exception 'I refuse!' using detail = 'Pretty simple', hint = 'There is nothing you can do.';
end $$;
create function public.pay() returns void language plpgsql as $$
begin
  raise sqlstate 'PT402' using message = 'Payment Required', detail = 'Quota exceeded', hint = 'Upgrade your plan';
end $$;
create function public.teapot_error() returns void language plpgsql as $$
begin
  raise sqlstate 'PGRST' using message = '{"code":"123","message":"No coffee","details":"d","hint":"h"}',
    detail = '{"status":418,"status_text":"I am a teapot","headers":{"X-Powered-By":"Nerd Rage"}}';
end $$;
create function public.teapot() returns text language plpgsql stable as $$
begin
  perform set_config('response.status', '418', true);
  perform set_config('response.headers', '[{"X-Tea":"green"}]', true);
  return 'short and stout';
end $$;
create function public.log_event(note text) returns int language sql volatile
  as $$ insert into public.rest_events (note) values (note) returning id $$;
-- a STABLE function may not write itself, but may call one that does: the read-only transaction stops it
create function public.sneaky_write() returns int language sql stable as $$ select public.log_event('sneaky') $$;
create function public.overloaded(a int) returns text language sql immutable as $$ select 'int' $$;
create function public.overloaded(a text) returns text language sql immutable as $$ select 'text' $$;
create function public.pick(x int) returns text language sql immutable as $$ select 'x' $$;
create function public.pick(y int, z int default 0) returns text language sql immutable as $$ select 'y' $$;
create function public.greet(name text default 'world') returns text language sql immutable
  as $$ select 'hello ' || name $$;
create function public.sum_all(variadic nums int[]) returns int language sql immutable
  as $$ select sum(n)::int from unnest(nums) n $$;
create function public.whole_body(json) returns json language sql immutable as $$ select $1 $$;
create function public.shout(text) returns text language sql immutable as $$ select upper($1) $$;
create function public.members_only() returns text language sql stable as $$ select 'welcome' $$;
revoke execute on function public.members_only() from public, anon;
grant execute on function public.members_only() to authenticated;
create function public.admins_only() returns text language sql stable as $$ select 'root' $$;
revoke execute on function public.admins_only() from public, anon, authenticated;
grant execute on function public.admins_only() to service_role;
create function public.whoami() returns uuid language sql stable as $$ select auth.uid() $$;
create function public.request_info() returns json language sql stable as $$
  select json_build_object(
    'user', current_user,
    'claims_role', current_setting('request.jwt.claims')::json ->> 'role',
    'method', current_setting('request.method'),
    'path', current_setting('request.path'),
    'header', current_setting('request.headers')::json ->> 'x-test',
    'has_cookie_header', current_setting('request.headers')::jsonb ? 'cookie',
    'cookie', current_setting('request.cookies')::json ->> 'theme',
    'search_path', current_setting('search_path'),
    'read_only', current_setting('transaction_read_only'))
$$;
create schema rest_other;
grant usage on schema rest_other to anon, authenticated;
create function rest_other.where_am_i() returns text language sql stable as $$ select 'other' $$;
`;

/** A database prepared for one suite and how to dispose of it. */
export interface TestDatabase {
	db: Database;
	dispose(): Promise<void>;
}

const UID = '5f0c1b5e-2a4b-4c39-9d0b-1f4b8f6c2a11';

/** Registers the RPC conformance cases against the database `open` returns. */
export function describeRestApi(label: string, open: () => Promise<TestDatabase>): void {
	describe(`REST RPC handler on ${label}`, () => {
		let testDb: TestDatabase;
		let secrets: GatewaySecrets;
		let api: RestApi;

		beforeAll(async () => {
			testDb = await open();
			await applyMigrations(testDb.db, 'supabase/migrations');
			await testDb.db.exec(FIXTURE_SQL);
			secrets = await generateSecrets();
			api = createRestApi({ db: testDb.db, secrets, schemas: ['public', 'rest_other'] });
		}, 120_000);

		afterAll(async () => {
			await testDb?.dispose();
		});

		const rpc = (fn: string, init: RequestInit = {}, query = '') =>
			api.handle(new Request(`http://x/rest/v1/rpc/${fn}${query}`, init), `/rpc/${fn}`);
		const post = (fn: string, args?: unknown, headers: Record<string, string> = {}, query = '') =>
			rpc(fn, {
				method: 'POST',
				headers: { 'content-type': 'application/json', ...headers },
				body: args === undefined ? undefined : JSON.stringify(args)
			}, query);
		const get = (fn: string, query = '', headers: Record<string, string> = {}) => rpc(fn, { headers }, query);
		const bearer = async (claims: Record<string, unknown>, secret = secrets.jwtSecret) => ({
			authorization: `Bearer ${await signJwt(claims, secret)}`
		});

		describe('calls and response shapes', () => {
			it('returns a scalar with PostgREST headers', async () => {
				const res = await post('add', { a: 1, b: 2 });
				expect(res.status).toBe(200);
				expect(await res.text()).toBe('3');
				expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
				expect(res.headers.get('content-range')).toBe('0-0/*');
				expect(res.headers.get('content-length')).toBe('1');
				// PostgREST v14 names the schema whenever more than one is exposed
				expect(res.headers.get('content-profile')).toBe('public');
			});

			it('lets SQL defaults fill arguments that were not sent', async () => {
				expect(await (await post('add', { a: 1 })).json()).toBe(11);
				expect(await (await post('greet', {})).json()).toBe('hello world');
				expect(await (await post('greet')).json()).toBe('hello world');
			});

			it('calls with GET and HEAD, arguments typed by the parameters', async () => {
				expect(await (await get('add', '?a=1&b=2')).json()).toBe(3);
				const head = await rpc('add', { method: 'HEAD' }, '?a=1');
				expect(head.status).toBe(200);
				expect(head.headers.get('content-range')).toBe('0-0/*');
				expect(await head.text()).toBe('');
			});

			it('keeps big numbers exact', async () => {
				expect(await (await post('big', {})).text()).toBe('9007199254740993');
				expect(await (await post('list_items', {})).text()).toContain('"price":9007199254740993}');
			});

			it('returns SETOF rows as an array with a range', async () => {
				const res = await post('list_items', {});
				expect(res.status).toBe(200);
				expect(res.headers.get('content-range')).toBe('0-2/*');
				expect(JSON.parse(await res.text())).toEqual([
					{ id: 1, name: 'shirt', price: 19.99 },
					{ id: 2, name: 'watch', price: 9007199254740992 },
					{ id: 3, name: 'ring', price: null }
				]);
				expect(await (await post('numbers', { n: 3 })).json()).toEqual([1, 2, 3]);
				const empty = await post('numbers', { n: 0 });
				expect(await empty.json()).toEqual([]);
				expect(empty.headers.get('content-range')).toBe('*/*');
			});

			it('returns OUT parameters as an object', async () => {
				expect(await (await post('item_label', { item_id: 1 })).json()).toEqual({ id: 1, label: 'SHIRT' });
				expect(await (await get('item_label', '?item_id=2&select=label')).json()).toEqual({ label: 'WATCH' });
			});

			it('answers 204 without body or Content-Type for void', async () => {
				const res = await post('nothing', {});
				expect(res.status).toBe(204);
				expect(await res.text()).toBe('');
				expect(res.headers.get('content-type')).toBeNull();
				expect(res.headers.get('content-range')).toBe('0-0/*');
			});

			it('passes JSON values through', async () => {
				const payload = { nested: [1, 'two', { three: null }], big: 12345678901234567890 };
				expect(await (await post('echo', { payload })).json()).toEqual(payload);
			});

			it('gives the whole body to a single unnamed parameter', async () => {
				expect(await (await post('whole_body', { any: 'thing' })).json()).toEqual({ any: 'thing' });
				expect(await (await post('whole_body', [1, 2])).json()).toEqual([1, 2]);
				const plain = await post('shout', undefined, { 'content-type': 'text/plain' });
				expect(plain.status).toBe(200);
				const shouted = await rpc('shout', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hi' });
				expect(await shouted.json()).toBe('HI');
			});

			it('builds VARIADIC arrays from JSON arrays and repeated query parameters', async () => {
				expect(await (await post('sum_all', { nums: [1, 2, 3] })).json()).toBe(6);
				expect(await (await get('sum_all', '?nums=1&nums=2')).json()).toBe(3);
			});

			it('calls case-sensitive names with spaces', async () => {
				const res = await api.handle(new Request('http://x/rest/v1/rpc/Mixed%20Case', { method: 'POST' }), '/rpc/Mixed%20Case');
				expect(await res.json()).toBe('mixed');
			});

			it('applies response.status and response.headers set by the function', async () => {
				const res = await post('teapot', {});
				expect(res.status).toBe(418);
				expect(res.headers.get('x-tea')).toBe('green');
				expect(await res.json()).toBe('short and stout');
			});
		});

		describe('shaping SETOF results', () => {
			it('filters, orders and selects columns', async () => {
				const ids = async (query: string) =>
					((await (await post('list_items', {}, {}, query)).json()) as { id: number }[]).map((r) => r.id);
				expect(await ids('?name=eq.watch')).toEqual([2]);
				expect(await ids('?id=neq.2')).toEqual([1, 3]);
				expect(await ids('?id=gt.1&id=lte.3')).toEqual([2, 3]);
				expect(await ids('?id=in.(1,3)')).toEqual([1, 3]);
				expect(await ids('?price=is.null')).toEqual([3]);
				expect(await ids('?price=not.is.null&order=id.desc')).toEqual([2, 1]);
				expect(await ids('?name=like.*i*')).toEqual([1, 3]);
				expect(await ids('?name=ilike.S*')).toEqual([1]);
				expect(await (await post('list_items', {}, {}, '?select=name,cost:price&id=eq.1')).json()).toEqual([
					{ name: 'shirt', cost: 19.99 }
				]);
			});

			it('treats op.value query parameters on GET as filters, others as arguments', async () => {
				expect(await (await get('numbers', '?n=5&select=*')).json()).toEqual([1, 2, 3, 4, 5]);
				const res = await get('item_label', '?item_id=1&label=eq.SHIRT');
				expect(await res.json()).toEqual({ id: 1, label: 'SHIRT' });
			});

			it('pages with limit/offset and counts on request', async () => {
				const res = await post('list_items', {}, { prefer: 'count=exact' }, '?limit=1&offset=1');
				expect(res.status).toBe(206);
				expect(res.headers.get('content-range')).toBe('1-1/3');
				expect(res.headers.get('preference-applied')).toBe('count=exact');
				expect(await res.json()).toEqual([{ id: 2, name: 'watch', price: 9007199254740992 }]);
				const all = await post('list_items', {}, { prefer: 'count=exact' });
				expect(all.status).toBe(200);
				expect(all.headers.get('content-range')).toBe('0-2/3');
				const none = await post('list_items', {}, { prefer: 'count=exact' }, '?id=eq.99');
				expect(none.headers.get('content-range')).toBe('*/0');
				const scalar = await get('add', '?a=1', { prefer: 'count=exact' });
				expect(scalar.headers.get('content-range')).toBe('0-0/1');
			});

			it('answers 416 for an offset past the total', async () => {
				const res = await post('list_items', {}, { prefer: 'count=exact' }, '?offset=5');
				expect(res.status).toBe(416);
				expect(await res.json()).toEqual({
					code: 'PGRST103',
					details: 'An offset of 5 was requested, but there are only 3 rows.',
					hint: null,
					message: 'Requested range not satisfiable'
				});
			});

			it('honours the Range header on GET', async () => {
				const res = await get('numbers', '?n=10', { range: '2-4' });
				expect(await res.json()).toEqual([3, 4, 5]);
				expect(res.headers.get('content-range')).toBe('2-4/*');
			});

			it('caps rows at maxRows', async () => {
				const capped = createRestApi({ db: testDb.db, secrets, maxRows: 2 });
				const res = await capped.handle(new Request('http://x/rest/v1/rpc/numbers?n=5'), '/rpc/numbers');
				expect(await res.json()).toEqual([1, 2]);
				expect(res.headers.get('content-range')).toBe('0-1/*');
				expect(res.headers.get('content-profile')).toBeNull();
			});

			it('returns one object for .single() or 406 PGRST116', async () => {
				const single = { accept: 'application/vnd.pgrst.object+json' };
				const one = await post('list_items', {}, single, '?id=eq.1');
				expect(one.status).toBe(200);
				expect(one.headers.get('content-type')).toBe('application/vnd.pgrst.object+json; charset=utf-8');
				expect(await one.json()).toEqual({ id: 1, name: 'shirt', price: 19.99 });
				const many = await post('list_items', {}, single);
				expect(many.status).toBe(406);
				expect(await many.json()).toEqual({
					code: 'PGRST116',
					details: 'The result contains 3 rows',
					hint: null,
					message: 'Cannot coerce the result to a single JSON object'
				});
				expect(await (await post('add', { a: 1 }, single)).json()).toBe(11);
			});

			it('answers 406 PGRST107 for media types it cannot produce', async () => {
				const res = await post('list_items', {}, { accept: 'text/csv' });
				expect(res.status).toBe(406);
				expect((await res.json()).code).toBe('PGRST107');
			});

			it('rejects what it cannot parse with 400 PGRST100', async () => {
				for (const query of ['?id=cs.{1}', '?id=eq(any).{1}', '?or=(id.eq.1)', '?select=items(*)', '?order=id.sideways', '?limit=x']) {
					const res = await post('list_items', {}, {}, query);
					expect(res.status, query).toBe(400);
					expect((await res.json()).code, query).toBe('PGRST100');
				}
				const res = await post('list_items', {}, {}, '?name=John');
				expect(await res.json()).toEqual({
					code: 'PGRST100',
					details: 'unexpected input, expecting "not" or an operator (eq, neq, gt, gte, lt, lte, like, ilike, is, in)',
					hint: null,
					message: '"failed to parse filter (John)" (line 1, column 1)'
				});
			});

			it('reports a filter on a missing column as PostgreSQL does', async () => {
				const res = await post('list_items', {}, {}, '?colour=eq.red');
				expect(res.status).toBe(400);
				expect((await res.json()).code).toBe('42703');
			});
		});

		describe('finding the function', () => {
			it('answers 404 PGRST202 with PostgREST texts and a hint', async () => {
				const res = await post('add', { a: 1, c: 2 });
				expect(res.status).toBe(404);
				expect(res.headers.get('proxy-status')).toBe('PostgREST; error=PGRST202');
				expect(await res.json()).toEqual({
					code: 'PGRST202',
					details:
						'Searched for the function public.add with parameters a, c or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.',
					hint: 'Perhaps you meant to call the function public.add(a, b)',
					message: 'Could not find the function public.add(a, c) in the schema cache'
				});
				expect(await (await get('ad')).json()).toEqual({
					code: 'PGRST202',
					details: 'Searched for the function public.ad without parameters, but no matches were found in the schema cache.',
					hint: 'Perhaps you meant to call the function public.add',
					message: 'Could not find the function public.ad without parameters in the schema cache'
				});
				const one = await (await get('greet', '?nam=x')).json();
				expect(one.details).toBe('Searched for the function public.greet with parameter nam, but no matches were found in the schema cache.');
			});

			it('tells overloads apart by argument names, else 300 PGRST203', async () => {
				expect(await (await post('pick', { x: 1 })).json()).toBe('x');
				expect(await (await post('pick', { y: 1 })).json()).toBe('y');
				const res = await post('overloaded', { a: 1 });
				expect(res.status).toBe(300);
				expect(await res.json()).toEqual({
					code: 'PGRST203',
					details: null,
					hint: 'Try renaming the parameters or the function itself in the database so function overloading can be resolved',
					message: 'Could not choose the best candidate function between: public.overloaded(a => integer), public.overloaded(a => text)'
				});
			});

			it('sees new functions after reloadSchemaCache', async () => {
				await testDb.db.exec(`create function public.late() returns int language sql as $$ select 7 $$`);
				expect((await post('late', {})).status).toBe(404);
				await api.reloadSchemaCache();
				expect(await (await post('late', {})).json()).toBe(7);
			});

			it('uses the schema of the profile headers and echoes it', async () => {
				const res = await post('where_am_i', {}, { 'content-profile': 'rest_other' });
				expect(await res.json()).toBe('other');
				expect(res.headers.get('content-profile')).toBe('rest_other');
				expect(await (await get('where_am_i', '', { 'accept-profile': 'rest_other' })).json()).toBe('other');
				const wrong = await post('add', { a: 1 }, { 'content-profile': 'secret' });
				expect(wrong.status).toBe(406);
				expect(await wrong.json()).toEqual({
					code: 'PGRST106',
					details: null,
					hint: 'Only the following schemas are exposed: public, rest_other',
					message: 'Invalid schema: secret'
				});
			});

			it('answers 405 PGRST101 for other methods and Allow for OPTIONS', async () => {
				const res = await rpc('add', { method: 'DELETE' });
				expect(res.status).toBe(405);
				expect(await res.json()).toEqual({ code: 'PGRST101', details: null, hint: null, message: 'Cannot use the DELETE method on RPC' });
				expect((await rpc('add', { method: 'OPTIONS' })).headers.get('allow')).toBe('OPTIONS,GET,HEAD,POST');
				expect((await rpc('log_event', { method: 'OPTIONS' })).headers.get('allow')).toBe('OPTIONS,POST');
			});

			it('answers table and other paths as PostgREST does when nothing is exposed', async () => {
				const table = await api.handle(new Request('http://x/rest/v1/sectors'), '/sectors');
				expect(table.status).toBe(404);
				expect(await table.text()).toBe(
					`{"code":"PGRST205","details":null,"hint":null,"message":"Could not find the table 'public.sectors' in the schema cache"}`
				);
				for (const path of ['/', '/rpc/add/extra', '/a/b']) {
					const res = await api.handle(new Request(`http://x/rest/v1${path}`), path);
					expect(res.status, path).toBe(404);
					expect((await res.json()).code, path).toBe('PGRST125');
				}
			});

			it('answers 400 PGRST102 for a body that is not a JSON object', async () => {
				const res = await rpc('add', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":' });
				expect(res.status).toBe(400);
				expect(await res.json()).toEqual({ code: 'PGRST102', details: null, hint: null, message: 'Empty or invalid json' });
			});
		});

		describe('transaction and request settings', () => {
			it('sets role, claims, method, path, headers, cookies and search_path', async () => {
				const res = await get('request_info', '', { 'x-test': 'yes', cookie: 'theme=dark; lang=zh' });
				expect(await res.json()).toEqual({
					user: 'anon',
					claims_role: 'anon',
					method: 'GET',
					path: '/rpc/request_info',
					header: 'yes',
					has_cookie_header: false,
					cookie: 'dark',
					search_path: '"public", "public", "extensions"',
					read_only: 'on'
				});
				const posted = await (await post('request_info', {}, await bearer({ role: 'authenticated', sub: UID }))).json();
				expect(posted).toMatchObject({ user: 'authenticated', claims_role: 'authenticated', method: 'POST', read_only: 'on' });
			});

			it('writes from POST to a VOLATILE function and refuses writes elsewhere with 405', async () => {
				const res = await post('log_event', { note: 'hello' });
				expect(res.status).toBe(200);
				expect(typeof (await res.json())).toBe('number');
				const viaGet = await get('log_event', '?note=nope');
				expect(viaGet.status).toBe(405);
				expect((await viaGet.json()).code).toBe('25006');
				const stable = await post('sneaky_write', {});
				expect(stable.status).toBe(405);
				expect((await stable.json()).code).toBe('25006');
			});

			it('rolls back when the call fails', async () => {
				await testDb.db.exec(`create function public.write_then_fail() returns void language plpgsql as $$
					begin insert into public.rest_events (note) values ('doomed'); raise exception 'no'; end $$`);
				await api.reloadSchemaCache();
				expect((await post('write_then_fail', {})).status).toBe(400);
				const { rows } = await testDb.db.query(`select count(*)::int as n from public.rest_events where note = 'doomed'`);
				expect(rows[0]).toEqual({ n: 0 });
			});

			it('exposes the JWT subject to auth.uid()', async () => {
				expect(await (await post('whoami', {}, await bearer({ role: 'authenticated', sub: UID }))).json()).toBe(UID);
				expect(await (await post('whoami', {})).json()).toBeNull();
			});
		});

		describe('errors', () => {
			it('maps RAISE EXCEPTION to 400 with detail and hint', async () => {
				const res = await post('refuse', {});
				expect(res.status).toBe(400);
				expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
				expect(res.headers.get('proxy-status')).toBe('PostgREST; error=P0001');
				expect(await res.text()).toBe(
					'{"code":"P0001","details":"Pretty simple","hint":"There is nothing you can do.","message":"I refuse!"}'
				);
			});

			it('uses the status of PTxyz codes', async () => {
				const res = await post('pay', {});
				expect(res.status).toBe(402);
				expect(await res.json()).toEqual({ code: 'PT402', details: 'Quota exceeded', hint: 'Upgrade your plan', message: 'Payment Required' });
			});

			it('gives RAISE SQLSTATE PGRST full control of the response', async () => {
				const res = await post('teapot_error', {});
				expect(res.status).toBe(418);
				expect(res.headers.get('x-powered-by')).toBe('Nerd Rage');
				expect(await res.json()).toEqual({ code: '123', details: 'd', hint: 'h', message: 'No coffee' });
			});

			it('reports bad argument values as the PostgreSQL error', async () => {
				const res = await post('add', { a: 'x' });
				expect(res.status).toBe(400);
				expect((await res.json()).code).toBe('22P02');
				expect((await get('add', '?a=1.5')).status).toBe(400);
			});

			it('answers 401 for anon and 403 for a signed-in role without EXECUTE', async () => {
				const anon = await post('members_only', {});
				expect(anon.status).toBe(401);
				expect(anon.headers.get('www-authenticate')).toBe('Bearer');
				expect((await anon.json()).code).toBe('42501');
				const member = await post('members_only', {}, await bearer({ role: 'authenticated', sub: UID }));
				expect(await member.json()).toBe('welcome');
				const forbidden = await post('admins_only', {}, await bearer({ role: 'authenticated', sub: UID }));
				expect(forbidden.status).toBe(403);
				expect(forbidden.headers.get('www-authenticate')).toBeNull();
				expect(await (await post('admins_only', {}, { authorization: `Bearer ${secrets.serviceRoleKey}` })).json()).toBe('root');
			});

			it('answers 401 for tokens it cannot trust', async () => {
				const wrongKey = await post('add', { a: 1 }, await bearer({ role: 'authenticated' }, 'not-the-secret-not-the-secret-123'));
				expect(wrongKey.status).toBe(401);
				expect(await wrongKey.json()).toEqual({
					code: 'PGRST301',
					details: 'None of the keys was able to decode the JWT',
					hint: null,
					message: 'No suitable key or wrong key type'
				});
				expect(wrongKey.headers.get('www-authenticate')).toBe(
					'Bearer error="invalid_token", error_description="No suitable key or wrong key type"'
				);
				const expired = await post('add', { a: 1 }, await bearer({ role: 'authenticated', exp: Math.floor(Date.now() / 1000) - 3600 }));
				expect(expired.status).toBe(401);
				expect(await expired.json()).toEqual({ code: 'PGRST303', details: null, hint: null, message: 'JWT expired' });
				const noRole = await post('add', { a: 1 }, await bearer({ role: 'no_such_role' }));
				expect(noRole.status).toBe(401);
				expect(await noRole.json()).toMatchObject({ code: '22023', message: 'role "no_such_role" does not exist' });
			});
		});
	});
}
