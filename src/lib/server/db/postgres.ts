import pg from 'pg';
import type { Database, Sql } from './database.ts';

// Keep timestamps, numerics and bigints as PostgreSQL prints them; the gateway builds JSON bodies in SQL anyway.
const passThrough = (value: string) => value;

/**
 * Connects to a PostgreSQL server (DATABASE_URL). The gateway then behaves exactly as on PGlite.
 * @param connectionString e.g. `postgres://postgres@127.0.0.1:5432/fashion_map`
 */
export async function openPostgres(connectionString: string, options: { max?: number } = {}): Promise<Database> {
	const pool = new pg.Pool({
		connectionString,
		max: options.max ?? 10,
		types: {
			getTypeParser: (oid: number, format?: 'text' | 'binary') =>
				// 20 int8, 1700 numeric, 1114/1184 timestamps, 1082 date: as text
				[20, 1700, 1114, 1184, 1082].includes(oid)
					? passThrough
					: pg.types.getTypeParser(oid, format ?? 'text')
		}
	});
	// A dropped idle connection must not crash the server; the pool replaces it.
	pool.on('error', (error) => console.error('[db] idle PostgreSQL connection failed:', error.message));
	const wrap = (conn: pg.Pool | pg.PoolClient): Sql => ({
		async query(text, params) {
			const result = await conn.query(text, params as unknown[]);
			return { rows: result.rows };
		},
		async exec(text) {
			await conn.query(text);
		}
	});
	const direct = wrap(pool);
	return {
		kind: 'postgres',
		query: direct.query,
		exec: direct.exec,
		async transaction(fn) {
			const client = await pool.connect();
			try {
				await client.query('begin');
				const result = await fn(wrap(client));
				await client.query('commit');
				return result;
			} catch (error) {
				await client.query('rollback').catch(() => undefined);
				throw error;
			} finally {
				client.release();
			}
		},
		close: () => pool.end()
	};
}
