import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from './database.ts';

/**
 * Applies `supabase/migrations/*.sql` in file-name order, recording each in
 * `supabase_migrations.schema_migrations` exactly as the Supabase CLI does, so a database migrated here and
 * one migrated by `supabase db push` agree on what has been applied.
 * @returns the versions applied now (empty when the database was up to date)
 */
export async function applyMigrations(db: Database, migrationsDir: string): Promise<string[]> {
	await db.exec(`
		create schema if not exists supabase_migrations;
		create table if not exists supabase_migrations.schema_migrations (
			version text primary key, statements text[], name text
		);`);
	const files = (await readdir(migrationsDir)).filter((f) => /^\d+_.+\.sql$/.test(f)).sort();
	const { rows } = await db.query<{ version: string }>('select version from supabase_migrations.schema_migrations');
	const applied = new Set(rows.map((r) => r.version));
	const appliedNow: string[] = [];
	for (const file of files) {
		const [, version, name] = /^(\d+)_(.+)\.sql$/.exec(file)!;
		if (applied.has(version!)) continue;
		const sql = await readFile(join(migrationsDir, file), 'utf8');
		await db.transaction(async (tx) => {
			await tx.exec(sql);
			await tx.query('insert into supabase_migrations.schema_migrations (version, statements, name) values ($1, $2, $3)', [
				version,
				[sql],
				name
			]);
		});
		appliedNow.push(version!);
	}
	return appliedNow;
}

/** Runs `supabase/seed.sql` in one transaction (the CLI runs it after `db reset`; we run it on first start). */
export async function applySeed(db: Database, seedFile: string): Promise<void> {
	const sql = await readFile(seedFile, 'utf8');
	await db.transaction((tx) => tx.exec(sql));
}
