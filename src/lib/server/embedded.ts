import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Database } from './db/database.ts';
import { applyMigrations } from './db/migrate.ts';
import { openPglite } from './db/pglite.ts';
import { openPostgres } from './db/postgres.ts';
import { createGateway, type Gateway, type GatewayOptions } from './gateway/index.ts';
import { loadOrCreateSecrets, type GatewaySecrets } from './gateway/secrets.ts';

export interface EmbeddedBackendConfig {
	/** Folder for PGlite's files and the installation's secrets. `undefined`: in memory, throw-away secrets. */
	dataDir?: string;
	/** Use this PostgreSQL server instead of PGlite (the secrets still live in dataDir when given). */
	databaseUrl?: string;
	/** The Supabase CLI folder holding `migrations/` and `seed.sql`. */
	supabaseDir: string;
	siteUrl?: string;
	auth?: GatewayOptions['auth'];
}

/** A running embedded backend: the database, its secrets and the gateway serving the Supabase API over it. */
export interface EmbeddedBackend {
	db: Database;
	secrets: GatewaySecrets;
	gateway: Gateway;
	/** Migration versions applied by this start (empty when the database was already current). */
	migrated: string[];
	/** True when this start ran `seed.sql` (first start of a fresh database). */
	seeded: boolean;
	close(): Promise<void>;
}

/**
 * Opens the database, applies pending migrations, seeds a fresh database once, and builds the gateway.
 * A second start on the same data folder reuses it: migrations already applied and the seed are skipped, so rows
 * written since are kept.
 */
export async function startEmbeddedBackend(config: EmbeddedBackendConfig): Promise<EmbeddedBackend> {
	const dataDir = config.dataDir ? resolve(config.dataDir) : undefined;
	if (dataDir) await mkdir(dataDir, { recursive: true });
	const db = config.databaseUrl
		? await openPostgres(config.databaseUrl)
		: await openPglite(dataDir ? join(dataDir, 'pgdata') : undefined);
	try {
		const migrated = await applyMigrations(db, join(config.supabaseDir, 'migrations'));
		const seeded = await seedOnce(db, join(config.supabaseDir, 'seed.sql'));
		const secrets = await loadOrCreateSecrets(dataDir);
		const gateway = createGateway({ db, secrets, siteUrl: config.siteUrl, auth: config.auth });
		return { db, secrets, gateway, migrated, seeded, close: () => db.close() };
	} catch (error) {
		await db.close().catch(() => undefined);
		throw error;
	}
}

/**
 * Runs the seed unless it ran before, recording it in `supabase_migrations.seed_files` as the Supabase CLI does.
 * A changed seed file is NOT re-applied to a live database (it would overwrite edits): rebuild with a fresh DATA_DIR.
 */
async function seedOnce(db: Database, seedFile: string): Promise<boolean> {
	await db.exec(
		'create table if not exists supabase_migrations.seed_files (path text primary key, hash text not null)'
	);
	const { rows } = await db.query<{ hash: string }>('select hash from supabase_migrations.seed_files where path = $1', [
		'supabase/seed.sql'
	]);
	const seed = await readFile(seedFile, 'utf8');
	const hash = createHash('sha256').update(seed).digest('hex');
	if (rows.length > 0) {
		if (rows[0]!.hash !== hash)
			console.warn('[backend] supabase/seed.sql changed since this database was seeded; it is not re-applied.');
		return false;
	}
	// one transaction: a start interrupted mid-seed leaves no half-seeded database marked as seeded
	await db.transaction(async (tx) => {
		await tx.exec(seed);
		await tx.query('insert into supabase_migrations.seed_files (path, hash) values ($1, $2)', ['supabase/seed.sql', hash]);
	});
	return true;
}
