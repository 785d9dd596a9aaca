// Gateway overhead (issue: foundation): latency of the map-listings API call through supabase-js over HTTP to the
// embedded gateway, against the same function call run directly on the same PGlite in this process (one
// transaction as role anon, so RLS does the same work). Listings are SYNTHETIC (scripts/lib/synthetic-listings.ts).
// Run alone: `node scripts/bench.ts --only gateway`.
import { createClient } from '@supabase/supabase-js';
import { startEmbeddedBackend } from '../../src/lib/server/embedded.ts';
import { serveGateway } from '../../tests/support/gateway-server.ts';
import { generateSyntheticListings, type Anchor } from '../lib/synthetic-listings.ts';
import { quantile, passFail, ratio, type BenchSection } from './report.ts';

const SIZES = [1_000, 10_000];
const WARM_UP = 5;
const GOAL_RATIO_AT_10K = 1.3;

interface Row {
	listings: number;
	path: string;
	median: number;
	p95: number;
	features: number;
}

async function timeIt(run: () => Promise<number>, runs: number): Promise<{ samples: number[]; result: number }> {
	const samples: number[] = [];
	let result = 0;
	for (let i = 0; i < runs; i++) {
		const started = performance.now();
		result = await run();
		samples.push(performance.now() - started);
	}
	return { samples, result };
}

async function benchSize(size: number, runs: number): Promise<Row[]> {
	const backend = await startEmbeddedBackend({ supabaseDir: 'supabase' }); // PGlite in memory
	const { db } = backend;
	const { rows: anchorRows } = await db.query<{ lon: number; lat: number; sectors: string[]; district: string | null }>(
		`select lon, lat, sectors::text[] as sectors, district_codes[1] as district from atlas.places where lon is not null`
	);
	const anchors: Anchor[] = anchorRows.map((r) => ({ lon: r.lon, lat: r.lat, sectors: r.sectors, districtCode: r.district }));
	const listings = generateSyntheticListings(size, anchors);
	for (let i = 0; i < listings.length; i += 2_000) {
		await db.query(
			`insert into atlas.listings (slug, kind, name_zh, name_en, sectors, district_code, lon, lat, precision, status,
			   synthetic, source_urls, event_start, event_end)
			 select slug, kind, name_zh, name_en, sectors, district_code, lon, lat, precision, status, synthetic,
			   source_urls, event_start, event_end
			 from jsonb_to_recordset($1::jsonb) as x (slug text, kind text, name_zh text, name_en text, sectors text[],
			   district_code text, lon double precision, lat double precision, precision text, status text,
			   synthetic boolean, source_urls text[], event_start date, event_end date)`,
			[JSON.stringify(listings.slice(i, i + 2_000))]
		);
	}
	const server = await serveGateway(backend.gateway);
	const client = createClient(server.url, backend.secrets.anonKey, { auth: { persistSession: false } });
	// Both paths end with the parsed FeatureCollection in hand, as the app would use it; they return its size.
	const viaGateway = async () => {
		const { data, error } = await client.rpc('map_listings', {});
		if (error) throw new Error(`map_listings failed: ${error.code} ${error.message}`);
		return (data as { features: unknown[] }).features.length;
	};
	const direct = () =>
		db.transaction(async (tx) => {
			await tx.query(`select set_config('role', 'anon', true), set_config('request.jwt.claims', '{"role":"anon"}', true)`);
			const { rows } = await tx.query<{ body: string }>('select public.map_listings()::text as body');
			return (JSON.parse(rows[0]!.body) as { features: unknown[] }).features.length;
		});
	try {
		await timeIt(viaGateway, WARM_UP);
		await timeIt(direct, WARM_UP);
		// interleave the two paths so drift on a noisy machine hits both alike
		const gatewaySamples: number[] = [];
		const directSamples: number[] = [];
		let gatewayFeatures = 0;
		let directFeatures = 0;
		for (let i = 0; i < runs; i++) {
			const g = await timeIt(viaGateway, 1);
			const d = await timeIt(direct, 1);
			gatewaySamples.push(...g.samples);
			directSamples.push(...d.samples);
			gatewayFeatures = g.result;
			directFeatures = d.result;
		}
		return [
			{ listings: size, path: 'supabase-js → HTTP → gateway → PGlite', median: quantile(gatewaySamples, 0.5), p95: quantile(gatewaySamples, 0.95), features: gatewayFeatures },
			{ listings: size, path: 'direct SQL on PGlite (same process)', median: quantile(directSamples, 0.5), p95: quantile(directSamples, 0.95), features: directFeatures }
		];
	} finally {
		await server.close();
		await backend.close();
	}
}

/** Measures the gateway's overhead at 1k and 10k listings (`runs` interleaved calls per path). */
export async function benchGateway({ runs = Number(process.env.BENCH_RUNS ?? 40) } = {}): Promise<BenchSection> {
	const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
	const lines = [
		`map_listings (all published listings as one GeoJSON), ${runs} runs each, synthetic data, PGlite in memory.`,
		'',
		'| listings | path | median | p95 | features |',
		'|---:|---|---:|---:|---:|'
	];
	let ratioAt10k = Number.NaN;
	for (const size of SIZES) {
		const [gateway, direct] = await benchSize(size, runs);
		for (const row of [gateway!, direct!])
			lines.push(`| ${row.listings} | ${row.path} | ${fmt(row.median)} | ${fmt(row.p95)} | ${row.features} |`);
		const overhead = gateway!.median / direct!.median;
		lines.push(`| ${size} | **overhead ratio** | **${ratio(overhead)}** | ${ratio(gateway!.p95 / direct!.p95)} | |`);
		if (size === 10_000) ratioAt10k = overhead;
	}
	const pass = ratioAt10k <= GOAL_RATIO_AT_10K;
	lines.push('', `Goal: overhead ≤ ${GOAL_RATIO_AT_10K}× at 10k listings → ${passFail(pass)} (${ratio(ratioAt10k)})`);
	return {
		title: 'Gateway overhead',
		markdown: lines.join('\n'),
		budgets: [{ name: `gateway overhead ≤ ${GOAL_RATIO_AT_10K}× direct SQL (10k, median)`, measured: ratio(ratioAt10k), pass }]
	};
}
