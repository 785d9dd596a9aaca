import { describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { openPglite } from '../../db/pglite.ts';
import { generateSecrets } from '../secrets.ts';
import { createRestApi } from './index.ts';
import { describeRestApi } from './rest-api.test-cases.ts';

describeRestApi('PGlite', async () => {
	const db = await openPglite();
	return { db, dispose: () => db.close() };
});

describe('REST RPC handler with an unreachable database', () => {
	const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
	const down: Database = {
		kind: 'postgres',
		query: () => Promise.reject(refused()),
		exec: () => Promise.reject(refused()),
		transaction: () => Promise.reject(refused()),
		close: () => Promise.resolve()
	};

	it('answers 503 PGRST002 when the schema cache cannot be loaded', async () => {
		const api = createRestApi({ db: down, secrets: await generateSecrets() });
		const res = await api.handle(new Request('http://x/rest/v1/rpc/add', { method: 'POST', body: '{}' }), '/rpc/add');
		expect(res.status).toBe(503);
		expect(await res.json()).toMatchObject({ code: 'PGRST002', details: 'connect ECONNREFUSED 127.0.0.1:5432' });
	});

	it('answers 503 PGRST000 when the connection fails during a call', async () => {
		const db = await openPglite();
		await db.exec('create function public.one() returns int language sql as $$ select 1 $$');
		let broken = false;
		const flaky: Database = { ...db, transaction: (fn) => (broken ? Promise.reject(refused()) : db.transaction(fn)) };
		const api = createRestApi({ db: flaky, secrets: await generateSecrets() });
		await api.reloadSchemaCache();
		broken = true;
		const res = await api.handle(new Request('http://x/rest/v1/rpc/one', { method: 'POST' }), '/rpc/one');
		expect(res.status).toBe(503);
		expect(await res.json()).toEqual({
			code: 'PGRST000',
			details: 'connect ECONNREFUSED 127.0.0.1:5432',
			hint: null,
			message: 'Database connection error. Retrying the connection.'
		});
		await db.close();
	});
});
