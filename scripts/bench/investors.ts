// Investor budgets (issue #6), with 100k SYNTHETIC listings on a fresh PostgreSQL database behind the built site:
//   1. statistics of a drawn polygon (public.area_stats through supabase-js over HTTP): median ≤ 200 ms;
//   2. a comparison of 4 areas rendered (click the 4th area's checkbox → the 4-column table on screen, timed in the
//      page with performance.now()): median ≤ 300 ms;
//   3. a CSV export of all 100k rows streams without holding the file: the first bytes arrive within the first 10 %
//      of the time, and the site process's memory high-water mark (VmHWM, /proc) rises by less than the file's size
//      — measured on a second export (the first warms the server's heap up); both are reported.
// Run alone: `node scripts/bench/investors.ts` (needs build/ from `npx vite build`, PostgreSQL on 127.0.0.1:5432 and
// Chromium, like the end-to-end tests). `npm run bench` runs it, then scripts/bench.ts. Knobs: BENCH_INVESTOR_SIZE
// (100000), BENCH_INVESTOR_RUNS (20). The site runs from a private copy of build/, so a rebuild by someone else
// mid-run changes nothing; the database is dropped at the end, even on error.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createClient } from '@supabase/supabase-js';
import { launchBrowser } from '../../tests/e2e/browser.ts';
import { createDatabase } from '../../tests/support/test-backend.ts';
import { anchorsFromData } from '../data/synthetic-anchors.ts';
import { generateSyntheticListings } from '../lib/synthetic-listings.ts';
import { median, ms, passFail, type BenchSection, type Budget } from './report.ts';
import { snapshotBuild, startSite, type Site } from './site.ts';

const SIZE = Number(process.env.BENCH_INVESTOR_SIZE ?? 100_000);
const RUNS = Math.max(3, Number(process.env.BENCH_INVESTOR_RUNS ?? 20));
const POLYGON = { type: 'Polygon', coordinates: [[[114.11, 22.56], [114.15, 22.56], [114.155, 22.59], [114.13, 22.605], [114.11, 22.59], [114.11, 22.56]]] };
const COMPARED = ['shuibei-buxin-jewellery-cluster', 'dalang-fashion-street', 'henggang-glasses-city'];
// the 4th area differs from run to run, so no run reuses the previous one's answer
const FOURTH = ['nanyou-garment-cluster', 'chegongmiao-fashion-hq', 'dafen-oil-painting-village', 'guangming-time-valley', 'futian-central-business-area',
	'luohu-core-business-area', 'houhai-business-area', 'yantian-jewellery-base', 'lilang-jewellery-park'];
const log = (message: string) => console.error(`[bench:investors] ${message}`);
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

/** Resident memory (kB) of a process now (VmRSS) or at its highest since it started (VmHWM), from /proc (Linux). */
async function memoryKb(pid: number, field: 'VmRSS' | 'VmHWM'): Promise<number> {
	const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
	return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
}

export async function benchInvestors(): Promise<BenchSection> {
	const work = await mkdtemp(join(tmpdir(), 'sfm-bench-investors-'));
	const database = await createDatabase();
	let site: Site | null = null;
	const browser = await launchBrowser();
	try {
		await snapshotBuild(work);
		site = await startSite(work, database.url, { ALLOW_SYNTHETIC_DATA: '1' }); // it serves synthetic listings on purpose
		const { url } = site;
		log(`inserting ${SIZE} synthetic listings…`);
		const db = new pg.Client({ connectionString: database.url });
		await db.connect();
		const places = JSON.parse(await readFile('data/places.geojson', 'utf8'));
		const listings = JSON.parse(await readFile('data/listings.json', 'utf8'));
		const synthetic = generateSyntheticListings(SIZE, anchorsFromData(places, listings), 42);
		for (let i = 0; i < synthetic.length; i += 5000) {
			await db.query(
				`insert into atlas.listings (slug, kind, name_zh, name_en, sectors, district_code, lon, lat, precision, status, synthetic, source_urls, event_start, event_end)
				 select slug, kind, name_zh, name_en, sectors, district_code, lon, lat, precision, status, synthetic, source_urls, event_start, event_end
				 from jsonb_to_recordset($1::jsonb) as x (slug text, kind text, name_zh text, name_en text, sectors text[], district_code text, lon double precision,
				   lat double precision, precision text, status text, synthetic boolean, source_urls text[], event_start date, event_end date)`,
				[JSON.stringify(synthetic.slice(i, i + 5000))]
			);
		}
		await db.query('analyze atlas.listings, atlas.explorer_index');
		await db.end();
		const anonKey = await site.anonKey();
		const anon = createClient(url, anonKey, { auth: { persistSession: false } });

		// 1. a drawn polygon's statistics
		log('area_stats for a drawn polygon…');
		const statsTimes: number[] = [];
		let inside = 0;
		for (let i = 0; i <= RUNS; i++) {
			const started = performance.now();
			const { data, error } = await anon.rpc('area_stats', { p_area: POLYGON, p_limit: 50 });
			if (error) throw new Error(error.message);
			if (i > 0) statsTimes.push(performance.now() - started); // the first call warms up
			inside = data.total;
		}

		// 2. a comparison of 4 areas, rendered
		log('comparison of 4 areas in Chromium…');
		const renderTimes: number[] = [];
		const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
		await page.goto(`${url}/?view=clusters&lang=en&compare=${COMPARED.join(',')}`);
		await page.getByTestId('compare-table').waitFor({ timeout: 60_000 });
		await page.locator('[data-testid="map"][data-ready="true"]').waitFor({ timeout: 180_000 }); // the map's 100k points loaded
		// Between runs, wait until the page's own requests are done (a navigation reloads the list and the cluster
		// counts): each run starts from a quiet page, as a user's click would.
		let inFlight = 0;
		page.on('request', () => inFlight++);
		page.on('requestfinished', () => inFlight--);
		page.on('requestfailed', () => inFlight--);
		const quiet = async () => {
			for (let calm = 0; calm < 10; ) {
				await sleep(50);
				calm = inFlight <= 0 ? calm + 1 : 0;
			}
		};
		await quiet();
		for (let i = 0; i <= Math.min(RUNS, FOURTH.length - 1); i++) {
			const checkbox = page.locator(`tr[data-area="${FOURTH[i]}"] input[type=checkbox]`);
			const elapsed = await checkbox.evaluate(
				(input) =>
					new Promise<number>((done) => {
						const started = performance.now();
						const rendered = () => document.querySelectorAll('[data-testid="compare-table"] thead th').length === 5;
						const observer = new MutationObserver(() => {
							if (rendered()) {
								observer.disconnect();
								requestAnimationFrame(() => done(performance.now() - started));
							}
						});
						observer.observe(document.body, { subtree: true, childList: true });
						setTimeout(() => {
							observer.disconnect();
							done(Number.NaN); // not rendered within 20 s: reported as a failure, never a hang
						}, 20_000);
						(input as HTMLInputElement).click();
					})
			);
			log(`  run ${i}: ${Math.round(elapsed)} ms`);
			if (i > 0) renderTimes.push(elapsed);
			await quiet();
			await checkbox.uncheck(); // back to 3 for the next run
			await page.waitForFunction(() => document.querySelectorAll('[data-testid="compare-table"] thead th').length === 4);
			await quiet();
		}
		await page.close();

		// 3. the CSV export of every row, streamed. Twice: the first export also grows the server's JavaScript heap to
		// its working size (V8 collects late), which says nothing about streaming; the second shows whether memory
		// grows with the file. A server that held the file would grow by at least its size every time.
		const { pid } = site;
		// Memory: the rise of the server's high-water mark (VmHWM). RSS itself swings by tens of MB as V8 grows its
		// heap and collects; the high-water mark only rises when the export needs more than the server ever held.
		const exportOnce = async () => {
			const before = await memoryKb(pid, 'VmHWM');
			const rssBefore = await memoryKb(pid, 'VmRSS');
			const started = performance.now();
			const response = await fetch(`${url}/export/listings.csv`);
			let bytes = 0;
			let rows = -1; // the header
			let firstByteMs = Number.NaN;
			for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
				if (bytes === 0) firstByteMs = performance.now() - started;
				bytes += chunk.length;
				for (const byte of chunk) if (byte === 0x0a) rows++;
			}
			const exportMs = performance.now() - started;
			return { before, peak: await memoryKb(pid, 'VmHWM'), rssBefore, bytes, rows, exportMs, firstByteMs };
		};
		log('CSV export of every listing (warm-up)…');
		const warmUp = await exportOnce();
		log('CSV export of every listing…');
		const { before, peak, bytes, rows, exportMs, firstByteMs } = await exportOnce();
		const { data: summary } = await anon.rpc('map_summary', { p_limit: 1 });
		const growthMb = (peak - before) / 1024;
		const fileMb = bytes / 1024 / 1024;

		const budgets: Budget[] = [
			{ name: `drawn-polygon statistics ≤ 200 ms median (${SIZE / 1000}k listings)`, measured: ms(median(statsTimes)), pass: median(statsTimes) <= 200 },
			{ name: 'comparison of 4 areas rendered ≤ 300 ms median', measured: ms(median(renderTimes)), pass: median(renderTimes) <= 300 },
			{
				// Holding the file would cost at least its size (as a JavaScript string, twice that): a high-water mark
				// rising by less than the file's size, with the first bytes out long before the last, is a stream.
				name: `CSV export of ${summary.total} rows streams (first bytes ≤ 10 % of the time; memory high-water mark rises < the file's size)`,
				measured: `first bytes after ${ms(firstByteMs)} of ${ms(exportMs)}; high-water mark +${growthMb.toFixed(0)} MB for a ${fileMb.toFixed(0)} MB file`,
				pass: rows === summary.total && firstByteMs <= exportMs * 0.1 && growthMb < fileMb
			}
		];
		const markdown = [
			'| measurement | median | runs | notes |',
			'|---|---|---|---|',
			`| area_stats, drawn polygon (supabase-js → site → PostgreSQL) | ${ms(median(statsTimes))} | ${statsTimes.length} | ${inside} listings inside; p_limit 50 |`,
			`| comparison: 4th area ticked → 4-column table painted | ${ms(median(renderTimes))} | ${renderTimes.length} | 4 × area_stats in parallel from the browser |`,
			`| /export/listings.csv, every row (first export, warming the server up) | ${ms(warmUp.exportMs)} | 1 | site memory high-water mark ${Math.round(warmUp.before / 1024)} → ${Math.round(warmUp.peak / 1024)} MB (resident before: ${Math.round(warmUp.rssBefore / 1024)} MB) |`,
			`| /export/listings.csv, every row | ${ms(exportMs)} | 1 | ${rows} rows (screen: ${summary.total}), ${fileMb.toFixed(1)} MB; site memory high-water mark ${Math.round(before / 1024)} → ${Math.round(peak / 1024)} MB |`
		].join('\n');
		return { title: `Investors (issue #6): ${SIZE / 1000}k synthetic listings`, markdown, budgets };
	} finally {
		await browser.close();
		await site?.stop();
		await database.drop();
		await rm(work, { recursive: true, force: true });
	}
}

// `node scripts/bench/investors.ts`: print this section as its own report (the way `npm run bench` chains it).
// It runs first so that `npm run bench -- --only map` still hands its arguments to scripts/bench.ts; skip it with
// BENCH_SKIP_INVESTORS=1. Like scripts/bench.ts it reports failed budgets without failing the command.
if (import.meta.url === `file://${process.argv[1]}` && process.env.BENCH_SKIP_INVESTORS !== '1') {
	const section = await benchInvestors();
	const out = [`## ${section.title}`, '', section.markdown, '', '| budget | measured | result |', '|---|---|---|'];
	for (const budget of section.budgets) out.push(`| ${budget.name} | ${budget.measured} | ${passFail(budget.pass)} |`);
	console.log(out.join('\n'));
}
