// `npm run bench` runs in plain Node, which knows neither Vite's `$lib` alias nor extensionless imports; the bench's
// bare page imports the explorer's own map styles (src/lib/map/styles.ts), so a value import added there through
// `$lib` broke the bench while every other test, run through Vite, passed.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';

test('the benchmark’s modules load in plain Node, as `npm run bench` runs them', async () => {
	const script = "await import('./scripts/bench/map.ts'); await import('./scripts/bench/bare-page.ts'); console.log('loaded')";
	const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { cwd: process.cwd() });
	expect(stdout.trim()).toBe('loaded');
});
