import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	ssr: {
		// PGlite loads its WASM and data files relative to its own module: keep it out of the bundle.
		external: ['@electric-sql/pglite', 'pg']
	},
	test: {
		expect: { requireAssertions: true },
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['src/**/*.spec.ts', 'scripts/**/*.spec.ts'],
					environment: 'node',
					// several specs start a PGlite database (WASM) per test: seconds on a busy 2-core machine
					testTimeout: 30_000,
					hookTimeout: 60_000
				}
			},
			{
				extends: true,
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.spec.ts'],
					environment: 'node',
					testTimeout: 60_000,
					hookTimeout: 120_000,
					// one gateway + database per file; files run one after another to stay within 2 cores
					fileParallelism: false
				}
			},
			{
				extends: true,
				test: {
					name: 'e2e',
					include: ['tests/e2e/**/*.e2e.ts'],
					environment: 'node',
					testTimeout: 90_000,
					hookTimeout: 120_000,
					// one browser at a time: these machines have 2 cores and render WebGL in software
					fileParallelism: false
				}
			}
		]
	}
});
