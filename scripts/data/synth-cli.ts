// `npm run data:synth -- --listings N [--seed S] [--out FILE]`: writes N reproducible SYNTHETIC listings, scattered
// around the real clusters, for benchmarks. Default output .synthetic/listings.json (git-ignored). Never part of
// the seed: scripts/build-seed.js and data:check refuse synthetic listings, and the site refuses to serve them
// unless ALLOW_SYNTHETIC_DATA is set.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateSyntheticListings } from '../lib/synthetic-listings.ts';
import { anchorsFromData } from './synthetic-anchors.ts';

const { values } = parseArgs({
	options: {
		listings: { type: 'string' },
		seed: { type: 'string', default: '42' },
		out: { type: 'string', default: '.synthetic/listings.json' }
	}
});
const count = Number(values.listings);
const seed = Number(values.seed);
if (!Number.isInteger(count) || count < 1 || !Number.isInteger(seed)) {
	console.error('usage: npm run data:synth -- --listings N [--seed S] [--out .synthetic/listings.json]  (N ≥ 1, S an integer)');
	process.exit(2);
}

const out = resolve(values.out!);
const dataDir = new URL('../../data/', import.meta.url);
if (out.startsWith(resolve(new URL('.', dataDir).pathname))) {
	console.error(`refusing to write synthetic data into data/ (${out}): it would end up in the seed`);
	process.exit(2);
}

const readJson = async (name: string) => JSON.parse(await readFile(new URL(name, dataDir), 'utf8'));
const anchors = anchorsFromData(await readJson('places.geojson'), await readJson('listings.json'));
const listings = generateSyntheticListings(count, anchors, seed);
await mkdir(dirname(out), { recursive: true });
await writeFile(out, JSON.stringify(listings, null, 2) + '\n');
console.log(`data:synth: ${listings.length} SYNTHETIC listings (seed ${seed}) around ${anchors.length} clusters → ${relative(process.cwd(), out)}`);
