// For profiling by hand what the map benchmark measures: the built site on a fresh PostgreSQL database with N
// SYNTHETIC listings, plus the benchmark's bare MapLibre page, served until Ctrl-C (the database is dropped then).
// Open the printed URLs in Chromium (DevTools' Performance panel) or point a Playwright script at them.
//
//   npx vite build && node scripts/bench/serve-synthetic.ts 100000
//
// Prints one JSON line: the site's URL, the bare page's URL (loading the explorer's cacheable map_features URL),
// the anon key and the database URL (for EXPLAIN ANALYZE of the explorer's functions with psql).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createDatabase } from '../../tests/support/test-backend.ts';
import { startEmbeddedBackend } from '../../src/lib/server/embedded.ts';
import { anchorsFromData } from '../data/synthetic-anchors.ts';
import { generateSyntheticListings } from '../lib/synthetic-listings.ts';
import { addBarePage, insertListings } from './map.ts';
import { snapshotBuild, startSite } from './site.ts';

const count = Number(process.argv[2] ?? 10_000);
if (!Number.isInteger(count) || count < 0) {
	console.error('usage: node scripts/bench/serve-synthetic.ts [number of synthetic listings, default 10000]');
	process.exit(2);
}

const work = await mkdtemp(join(tmpdir(), 'sfm-serve-'));
await snapshotBuild(work);
const database = await createDatabase();
const backend = await startEmbeddedBackend({ databaseUrl: database.url, supabaseDir: join(work, 'supabase') });
await backend.close();
const db = new pg.Client({ connectionString: database.url });
await db.connect();
const { rows: sectors } = await db.query<{ code: string; colour: string }>('select code, colour from atlas.sectors order by sort_order');
await addBarePage(work, sectors);
const readJson = async (name: string) => JSON.parse(await readFile(join('data', name), 'utf8'));
const anchors = anchorsFromData(await readJson('places.geojson'), await readJson('listings.json'));
await insertListings(db, generateSyntheticListings(count, anchors));
const { rows } = await db.query<{ version: string }>('select version from atlas.listings_data_version');
const site = await startSite(work, database.url, { ALLOW_SYNTHETIC_DATA: '1' }); // serves synthetic listings on purpose
const anonKey = await site.anonKey();

const data = new URL('rest/v1/rpc/map_features', `${site.url}/`);
data.searchParams.set('p_v', rows[0]!.version);
const bare = `${site.url}/bench-bare/index.html?key=${encodeURIComponent(anonKey)}&data=${encodeURIComponent(data.href)}`;
console.log(JSON.stringify({ listings: count, synthetic: true, explorer: `${site.url}/`, bare, anonKey, database: database.url }));

let stopping = false;
const stop = async () => {
	if (stopping) return;
	stopping = true;
	await site.stop();
	await db.end();
	await database.drop();
	await rm(work, { recursive: true, force: true });
	process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
setInterval(() => undefined, 1 << 30); // keep serving
