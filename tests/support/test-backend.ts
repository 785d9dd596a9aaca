import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { startEmbeddedBackend, type EmbeddedBackend, type EmbeddedBackendConfig } from '../../src/lib/server/embedded.ts';
import { serveGateway } from './gateway-server.ts';

/** The two database engines every integration suite runs on. */
export type Target = 'pglite' | 'postgres';
export const TARGETS: Target[] = ['pglite', 'postgres'];

/** PostgreSQL server used for the `postgres` target (a fresh database is created per backend). */
export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestBackend {
	target: Target;
	/** Base URL to give supabase-js (the gateway over HTTP). */
	url: string;
	backend: EmbeddedBackend;
	/** A fresh supabase-js client with the anon key, or with `key` (e.g. the service-role key). */
	client(key?: string): SupabaseClient;
	stop(): Promise<void>;
}

/**
 * Starts the embedded backend (migrated + seeded) on `target` and serves its gateway over HTTP.
 * For `postgres` a database with a random name is created and dropped again by `stop()`.
 */
export async function startTestBackend(
	target: Target,
	config: Partial<EmbeddedBackendConfig> = {}
): Promise<TestBackend> {
	const database = target === 'postgres' ? await createDatabase() : null;
	const backend = await startEmbeddedBackend({
		supabaseDir: 'supabase',
		databaseUrl: database?.url,
		...config
	});
	const server = await serveGateway(backend.gateway);
	return {
		target,
		url: server.url,
		backend,
		client: (key = backend.secrets.anonKey) =>
			createClient(server.url, key, { auth: { persistSession: false, autoRefreshToken: false } }),
		async stop() {
			await server.close();
			await backend.close();
			await database?.drop();
		}
	};
}

/** Creates an empty database on the PostgreSQL server; `drop()` removes it (forcing out any session). */
export async function createDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
	const name = `sfm_test_${randomBytes(6).toString('hex')}`;
	const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
	await admin.connect();
	await admin.query(`create database ${name}`);
	await admin.end();
	const url = new URL(POSTGRES_ADMIN_URL);
	url.pathname = `/${name}`;
	return {
		url: url.href,
		async drop() {
			const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
			await client.connect();
			await client.query(`drop database if exists ${name} with (force)`);
			await client.end();
		}
	};
}
