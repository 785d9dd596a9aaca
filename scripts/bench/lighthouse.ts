// Lighthouse (issue #4): performance and accessibility of the built site with its seed data and the offline basemap,
// desktop preset (budget: performance ≥ 90, accessibility 100) and Lighthouse's default mobile emulation (reported:
// map pages typically score 40–64 there), for the map page and an area page. Chromium renders WebGL in software
// here, so the performance scores are pessimistic. Each page and preset is audited BENCH_LIGHTHOUSE_RUNS times (3) and
// reported by Lighthouse's own median run (computeMedianRun: the run nearest the median first contentful paint and
// time to interactive), as Lighthouse's docs advise for its score variability (docs/variability.md); every run's
// score is listed too. Run alone: `node scripts/bench.ts --only lighthouse`.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { desktopConfig, type Config } from 'lighthouse';
import { computeMedianRun } from 'lighthouse/core/lib/median-run.js';
import { createDatabase } from '../../tests/support/test-backend.ts';
import { CHROMIUM_FLAGS } from '../../tests/e2e/browser.ts';
import { passFail, type BenchSection, type Budget } from './report.ts';
import { snapshotBuild, startSite } from './site.ts';

const PAGES = [
	{ name: 'map page', path: '/' },
	{ name: 'area page', path: '/place/shuibei-buxin-jewellery-cluster' }
];
const RUNS = Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 3);
const PERFORMANCE_GOAL = 90;
const ACCESSIBILITY_GOAL = 100;
const log = (message: string) => console.error(`[bench:lighthouse] ${message}`);

interface Scores {
	performance: number;
	accessibility: number;
	lcp: number;
	tbt: number;
	failedAudits: string[];
}

/** A Lighthouse report (LH.Result). */
type Report = NonNullable<Awaited<ReturnType<typeof lighthouse>>>['lhr'];

/** Audits `url` RUNS times and returns the median run's scores, with every run's performance score. */
async function audit(url: string, port: number, config: Config | undefined): Promise<Scores & { runs: number[] }> {
	const runs: Report[] = [];
	for (let i = 0; i < RUNS; i++) {
		const result = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'] }, config);
		if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
		runs.push(result.lhr);
	}
	const performance = (lhr: Report) => Math.round((lhr.categories.performance?.score ?? Number.NaN) * 100);
	return { ...scores(computeMedianRun(runs)), runs: runs.map(performance) };
}

function scores(lhr: Report): Scores {
	const { categories, audits } = lhr;
	const score = (id: string) => Math.round((categories[id]?.score ?? Number.NaN) * 100);
	return {
		performance: score('performance'),
		accessibility: score('accessibility'),
		lcp: audits['largest-contentful-paint']?.numericValue ?? Number.NaN,
		tbt: audits['total-blocking-time']?.numericValue ?? Number.NaN,
		// accessibility audits that failed, so a score under 100 says why
		failedAudits: (categories.accessibility?.auditRefs ?? [])
			.filter((ref) => ref.weight > 0 && audits[ref.id]?.score === 0)
			.map((ref) => ref.id)
	};
}

/** Runs Lighthouse against a private copy of the built site and returns its report section. */
export async function benchLighthouse(): Promise<BenchSection> {
	const work = await mkdtemp(join(tmpdir(), 'sfm-bench-lighthouse-'));
	const database = await createDatabase();
	let stopSite: (() => Promise<void>) | null = null;
	let chrome: chromeLauncher.LaunchedChrome | null = null;
	try {
		await snapshotBuild(work);
		const site = await startSite(work, database.url);
		stopSite = site.stop;
		chrome = await chromeLauncher.launch({
			chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			chromeFlags: ['--headless=new', ...CHROMIUM_FLAGS]
		});
		const rows: string[] = [];
		const budgets: Budget[] = [];
		for (const page of PAGES) {
			for (const [preset, config] of [['desktop', desktopConfig], ['mobile', undefined]] as const) {
				log(`${page.name}, ${preset} …`);
				const s = await audit(`${site.url}${page.path}`, chrome.port, config);
				rows.push(`| ${page.name} (\`${page.path}\`) | ${preset} | ${s.performance} (${s.runs.join(', ')}) | ${s.accessibility} | ${Math.round(s.lcp)} ms | ${Math.round(s.tbt)} ms | ${s.failedAudits.join(', ') || '–'} |`);
				if (preset === 'desktop') {
					budgets.push({ name: `Lighthouse desktop, ${page.name}: performance ≥ ${PERFORMANCE_GOAL}`, measured: String(s.performance), pass: s.performance >= PERFORMANCE_GOAL });
					budgets.push({ name: `Lighthouse desktop, ${page.name}: accessibility ${ACCESSIBILITY_GOAL}`, measured: String(s.accessibility), pass: s.accessibility >= ACCESSIBILITY_GOAL });
				}
			}
		}
		const markdown = [
			'Lighthouse against the built site (seed data, offline basemap) in headless Chromium with software WebGL; desktop ' +
				'= Lighthouse\'s desktop preset, mobile = its default (emulated phone, throttled CPU and network). ' +
				`${RUNS} runs each, in one browser: the figures of Lighthouse's median run (computeMedianRun), then every run's performance score.`,
			'',
			'| page | preset | performance (runs) | accessibility | LCP | TBT | failed accessibility audits |',
			'|---|---|---:|---:|---:|---:|---|',
			...rows
		].join('\n');
		return { title: 'Lighthouse (issue #4)', markdown, budgets };
	} finally {
		await chrome?.kill();
		await stopSite?.();
		await database.drop();
		await rm(work, { recursive: true, force: true });
	}
}
