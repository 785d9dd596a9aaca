import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { startEmbeddedBackend } from '../../src/lib/server/embedded.ts';
import { serveGateway } from '../support/gateway-server.ts';
import { createClient } from '@supabase/supabase-js';

const dirs: string[] = [];
afterAll(async () => {
	for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function startOn(dataDir: string) {
	const backend = await startEmbeddedBackend({ dataDir, supabaseDir: 'supabase' });
	const server = await serveGateway(backend.gateway);
	const client = (key: string) => createClient(server.url, key, { auth: { persistSession: false } });
	return {
		backend,
		client,
		async stop() {
			await server.close();
			await backend.close();
		}
	};
}

describe('embedded backend start-up on PGlite in DATA_DIR', () => {
	test('a fresh DATA_DIR is created, migrated and seeded; a second start reuses it and keeps rows written since', async () => {
		const parent = await mkdtemp(join(tmpdir(), 'sfm-startup-'));
		dirs.push(parent);
		const dataDir = join(parent, 'data'); // does not exist yet

		const first = await startOn(dataDir);
		expect(first.backend.migrated.length).toBeGreaterThan(0);
		expect(first.backend.seeded).toBe(true);
		expect((await stat(join(dataDir, 'pgdata'))).isDirectory()).toBe(true);
		expect((await stat(join(dataDir, 'gateway-secrets.json'))).mode & 0o077).toBe(0);
		const { data: sectors } = await first.client(first.backend.secrets.anonKey).rpc('list_sectors');
		expect(sectors).toHaveLength(9);

		// a row written between the two starts: an account created through the Auth admin API
		const admin = first.client(first.backend.secrets.serviceRoleKey).auth.admin;
		const { data: created, error } = await admin.createUser({
			email: 'kept@example.org',
			password: 'a-long-enough-password',
			email_confirm: true
		});
		expect(error).toBeNull();
		const keys = first.backend.secrets;
		await first.stop();

		const second = await startOn(dataDir);
		try {
			expect(second.backend.migrated).toEqual([]);
			expect(second.backend.seeded).toBe(false);
			expect(second.backend.secrets).toEqual(keys); // same installation, same keys
			const { data: again } = await second.client(keys.anonKey).rpc('list_sectors');
			expect(again).toHaveLength(9); // not seeded twice
			const { data: session, error: signInError } = await second
				.client(keys.anonKey)
				.auth.signInWithPassword({ email: 'kept@example.org', password: 'a-long-enough-password' });
			expect(signInError).toBeNull();
			expect(session.user?.id).toBe(created.user?.id);
		} finally {
			await second.stop();
		}
	});
});
