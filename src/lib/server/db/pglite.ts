import { PGlite } from '@electric-sql/pglite';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { Database, Sql } from './database.ts';

/**
 * Opens (or creates) an embedded PGlite database.
 * @param dataDir folder to persist in; `undefined` keeps it in memory (tests, benchmarks)
 */
export async function openPglite(dataDir?: string): Promise<Database> {
	const pg = await PGlite.create({ dataDir, extensions: { pgcrypto, pg_trgm } });
	// PGlite is one connection: a transaction must not interleave with another request's statements,
	// so every unit of work (single query or transaction) waits for the previous one.
	let queue: Promise<unknown> = Promise.resolve();
	const serialise = <T>(work: () => Promise<T>): Promise<T> => {
		const run = queue.then(work, work);
		queue = run.catch(() => undefined);
		return run;
	};
	const wrap = (conn: Pick<PGlite, 'query' | 'exec'>): Sql => ({
		async query(text, params) {
			const result = await conn.query(text, params);
			return { rows: result.rows as never[] };
		},
		async exec(text) {
			await conn.exec(text);
		}
	});
	const direct = wrap(pg);
	return {
		kind: 'pglite',
		query: (text, params) => serialise(() => direct.query(text, params)),
		exec: (text) => serialise(() => direct.exec(text)),
		transaction: (fn) => serialise(() => pg.transaction((tx) => fn(wrap(tx)))),
		close: () => serialise(() => pg.close())
	};
}
