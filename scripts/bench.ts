// `npm run bench`: performance budgets, measured (not part of `npm test`; these machines are noisy, so the goals
// are ratios against a baseline measured in the same run rather than absolute times). Prints one markdown report
// on stdout (progress goes to stderr).
//
//   gateway  scripts/bench/gateway.ts  the data API through the embedded gateway vs direct SQL (PGlite)
//   map      scripts/bench/map.ts      the map explorer vs a bare MapLibre page, 10k and 100k listings (issue #4);
//                                      needs a production build in build/ (`npx vite build`), PostgreSQL on
//                                      127.0.0.1:5432 and Chromium, like the end-to-end tests
//   lighthouse  scripts/bench/lighthouse.ts  Lighthouse scores of the built site, desktop and mobile (issue #4)
//
// `npm run bench -- --only map` (or gateway, lighthouse) runs one. Knobs: BENCH_RUNS (gateway calls, 40),
// BENCH_MAP_RUNS (page runs, 3), BENCH_MAP_SIZES (10000,100000).
import { parseArgs } from 'node:util';
import { benchGateway } from './bench/gateway.ts';
import { benchLighthouse } from './bench/lighthouse.ts';
import { benchMap } from './bench/map.ts';
import { passFail, type BenchSection } from './bench/report.ts';

const BENCHES: Record<string, () => Promise<BenchSection>> = {
	gateway: () => benchGateway(),
	map: () => benchMap(),
	lighthouse: () => benchLighthouse()
};

const { values } = parseArgs({ options: { only: { type: 'string', multiple: true } } });
const selected = values.only ?? Object.keys(BENCHES);
const unknown = selected.filter((name) => !(name in BENCHES));
if (unknown.length) {
	console.error(`unknown benchmark(s): ${unknown.join(', ')} (have: ${Object.keys(BENCHES).join(', ')})`);
	process.exit(2);
}

const started = Date.now();
const sections: BenchSection[] = [];
for (const name of selected) {
	console.error(`[bench] ${name} …`);
	sections.push(await BENCHES[name]!());
}

const out: string[] = [`# npm run bench — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`, ''];
for (const section of sections) out.push(`## ${section.title}`, '', section.markdown, '');
out.push('## Budgets', '', '| budget | measured | result |', '|---|---|---|');
for (const budget of sections.flatMap((s) => s.budgets)) out.push(`| ${budget.name} | ${budget.measured} | ${passFail(budget.pass)} |`);
const failed = sections.flatMap((s) => s.budgets).filter((b) => !b.pass).length;
out.push('', `${failed === 0 ? 'All budgets met' : `${failed} budget(s) not met`} · ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(out.join('\n'));
