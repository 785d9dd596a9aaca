// Test support for the Auth specs (not imported by application code).
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../../db/database.ts';
import { applyMigrations } from '../../db/migrate.ts';
import { openPglite } from '../../db/pglite.ts';
import { generateSecrets, type GatewaySecrets } from '../secrets.ts';
import { createAuthApi, type AuthApiOptions } from './index.ts';

const STAND_INS = '20260101000000_create_supabase_stand_ins.sql';

/**
 * An in-memory PGlite with only the Supabase stand-ins migration applied (the tables Auth uses), so these specs
 * do not depend on the rest of the schema.
 */
export async function openAuthDatabase(): Promise<Database> {
	const dir = await mkdtemp(join(tmpdir(), 'auth-spec-'));
	try {
		await copyFile(join('supabase/migrations', STAND_INS), join(dir, STAND_INS));
		const db = await openPglite();
		await applyMigrations(db, dir);
		return db;
	} finally {
		await rm(dir, { recursive: true, force: true }); // a folder of one migration, read once
	}
}

export interface CallOptions {
	body?: unknown;
	/** Bearer token; the anon key when not given (what auth-js sends without a session); null: no Authorization. */
	token?: string | null;
	headers?: Record<string, string>;
	ip?: string;
}

/** An Auth API over a fresh database with a hand-driven clock, and a `call` that speaks like auth-js. */
export async function authHarness(options: Partial<AuthApiOptions> = {}) {
	const db = await openAuthDatabase();
	const secrets: GatewaySecrets = await generateSecrets();
	const clock = { ms: Date.now() };
	const api = createAuthApi({
		db,
		secrets,
		now: () => clock.ms,
		tokenRateLimit: { perFiveMinutes: 1000, burst: 1000 },
		...options
	});
	const call = async (method: string, pathAndQuery: string, call: CallOptions = {}) => {
		const headers: Record<string, string> = {
			apikey: secrets.anonKey,
			...(call.token === null ? {} : { authorization: `Bearer ${call.token ?? secrets.anonKey}` }),
			'x-supabase-api-version': '2024-01-01',
			...call.headers
		};
		if (call.body !== undefined) headers['content-type'] = 'application/json;charset=UTF-8';
		const request = new Request(`http://localhost:5173/auth/v1${pathAndQuery}`, {
			method,
			headers,
			body: call.body === undefined ? undefined : JSON.stringify(call.body)
		});
		const response = await api.handle(request, pathAndQuery.split('?')[0]!, call.ip ?? '203.0.113.7');
		const text = await response.text();
		const body = text ? (JSON.parse(text) as Record<string, any>) : null;
		return { status: response.status, headers: response.headers, body };
	};
	return { db, secrets, api, clock, call };
}
