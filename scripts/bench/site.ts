// The built site for benchmarks: a private copy of build/ (so a rebuild by someone else mid-run cannot change what
// is measured), started on a free port against a given database, offline basemap. Used by every browser benchmark.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, readFile, readdir, rm, stat, symlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { freePort } from '../../tests/support/site-server.ts';

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const log = (message: string) => console.error(`[bench] ${message}`);

/** Copies build/ (retrying while someone rebuilds it), supabase/ and a node_modules link into `work`. */
export async function snapshotBuild(work: string): Promise<string[]> {
	const notes: string[] = [];
	for (let attempt = 1; ; attempt++) {
		try {
			if (!existsSync('build/index.js')) throw new Error('build/index.js is missing');
			const before = (await stat('build/index.js')).mtimeMs;
			await rm(join(work, 'build'), { recursive: true, force: true });
			await cp('build', join(work, 'build'), { recursive: true });
			if ((await stat('build/index.js')).mtimeMs !== before) throw new Error('build/ changed while copying');
			const built = before;
			const newer = await newestMtime('src');
			if (newer > built) notes.push('build/ is older than src/: figures are for the last build (`npx vite build` to refresh).');
			break;
		} catch (error) {
			if (attempt >= 30) throw new Error(`no usable build/ (${(error as Error).message}): run \`npx vite build\` first`);
			log(`waiting for build/ (${(error as Error).message})…`);
			await sleep(5_000);
		}
	}
	await cp('supabase', join(work, 'supabase'), { recursive: true });
	await symlink(resolve('node_modules'), join(work, 'node_modules'), 'dir');
	return notes;
}

async function newestMtime(dir: string): Promise<number> {
	let newest = 0;
	for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
		if (entry.isFile()) newest = Math.max(newest, (await stat(join(entry.parentPath, entry.name))).mtimeMs);
	}
	return newest;
}

export interface Site {
	/** The server's process id (for its memory use). */
	pid: number;
	url: string;
	dataDir: string;
	anonKey(): Promise<string>;
	stop(): Promise<void>;
}

/**
 * Starts `work`'s copy of the site on a free port (offline basemap, the map exposed to probes as window.__sfmMap)
 * and waits until its home page answers (the backend migrates and seeds on first use).
 * @param env extra environment, e.g. ALLOW_SYNTHETIC_DATA=1 for a database with synthetic listings
 */
export async function startSite(work: string, databaseUrl: string, env: Record<string, string> = {}): Promise<Site> {
	const dataDir = join(work, 'data');
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	let output = '';
	const child: ChildProcess = spawn(process.execPath, ['build/index.js'], {
		cwd: work,
		env: {
			...process.env,
			HOST: '127.0.0.1',
			PORT: String(port),
			ORIGIN: url,
			DATA_DIR: dataDir,
			DATABASE_URL: databaseUrl,
			PUBLIC_BASEMAP: 'offline', // offline machines; the map benchmark's bare page uses the same style
			PUBLIC_EXPOSE_MAP: '1', // window.__sfmMap, for the probes
			...env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout!.on('data', (chunk) => (output += chunk));
	child.stderr!.on('data', (chunk) => (output += chunk));
	const exited = new Promise<void>((done) => child.once('exit', () => done()));
	const stop = async () => {
		if (child.exitCode === null) child.kill('SIGTERM');
		await Promise.race([exited, sleep(10_000)]);
	};
	const deadline = Date.now() + 120_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`site exited early:\n${output}`);
		try {
			// the home page, not /health: it needs the backend (migrations + seed on this first request)
			if ((await fetch(`${url}/`)).ok) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) {
			await stop();
			throw new Error(`site did not answer within 120 s:\n${output}`);
		}
		await sleep(250);
	}
	return {
		url,
		dataDir,
		pid: child.pid!,
		anonKey: async () => (JSON.parse(await readFile(join(dataDir, 'gateway-secrets.json'), 'utf8')) as { anonKey: string }).anonKey,
		stop
	};
}

