import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A running production build of the site (`build/`, made by `npm test` before the suites run). */
export interface SiteServer {
	url: string;
	/** The fresh DATA_DIR the server runs on (removed by stop()). */
	dataDir: string;
	/** Everything the server printed, for assertions and for failure messages. */
	output(): string;
	/** Sends the server process a signal (stop() sends SIGTERM and waits). */
	signal(signal: NodeJS.Signals): void;
	/** Resolves when the server process has exited. */
	exited: Promise<void>;
	stop(): Promise<void>;
}

/** A TCP port free on 127.0.0.1 right now. */
export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as { port: number };
			probe.close(() => resolve(port));
		});
	});
}

/**
 * Starts `node build/index.js` on a free port with a fresh DATA_DIR (or the given env), and waits until it answers.
 */
export async function startSite(env: Record<string, string> = {}): Promise<SiteServer> {
	if (!existsSync('build/index.js')) throw new Error('build/ is missing: run `npm test` (it builds first) or `npx vite build`.');
	const dataDir = await mkdtemp(join(tmpdir(), 'sfm-site-'));
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	let output = '';
	const child: ChildProcess = spawn(process.execPath, ['build/index.js'], {
		// Tests run offline: the basemap is the project's own layers only.
		env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir, PUBLIC_BASEMAP: 'offline', ORIGIN: url, ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout!.on('data', (chunk) => (output += chunk));
	child.stderr!.on('data', (chunk) => (output += chunk));
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const deadline = Date.now() + 60_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`site exited early:\n${output}`);
		try {
			const response = await fetch(`${url}/health`);
			if (response.ok) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) {
			child.kill();
			throw new Error(`site did not answer /health within 60 s:\n${output}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	return {
		url,
		dataDir,
		output: () => output,
		signal: (signal) => void child.kill(signal),
		exited,
		async stop() {
			child.kill('SIGTERM');
			await exited;
			await rm(dataDir, { recursive: true, force: true });
		}
	};
}
