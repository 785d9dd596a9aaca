import type { Sql } from './db/database.ts';

/** The database holds synthetic (benchmark) listings and the server was not told to serve them. */
export class SyntheticDataError extends Error {
	readonly count: number;
	constructor(count: number) {
		super(
			`This database holds ${count} synthetic listing(s) (benchmark data: atlas.listings.synthetic = true), so the ` +
				'site refuses to serve it as the map of real places. Start on a fresh DATA_DIR / database, delete them ' +
				'(delete from atlas.listings where synthetic), or set ALLOW_SYNTHETIC_DATA=1 for a benchmark or demo server.'
		);
		this.name = 'SyntheticDataError';
		this.count = count;
	}
}

/**
 * Refuses a database holding synthetic listings unless `allow` is set (then it only warns). Synthetic listings are
 * made for benchmarks (`npm run data:synth`, `npm run bench`); shown on the public map they would pass for real
 * firms and events. Reads as the connection's own role, the owner that applied the migrations and the seed.
 *
 * @returns how many synthetic listings the database holds (0 in production)
 */
export async function refuseSyntheticListings(db: Sql, options: { allow?: boolean } = {}): Promise<number> {
	const { rows } = await db.query<{ count: number }>(
		'select count(*)::integer as count from atlas.listings where synthetic'
	);
	const count = Number(rows[0]?.count ?? 0);
	if (count > 0 && !options.allow) throw new SyntheticDataError(count);
	if (count > 0) console.warn(`[backend] serving ${count} SYNTHETIC listing(s) because ALLOW_SYNTHETIC_DATA is set`);
	return count;
}
