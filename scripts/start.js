// `npm start`: build the site and serve it on the embedded backend (PGlite in DATA_DIR, seeded on first start).
// Runs under the Node 24 that `npm ci` installs into node_modules/.bin (npm scripts put it first on PATH).
import { spawnSync, spawn } from 'node:child_process';

const [major] = process.versions.node.split('.').map(Number);
if (major < 24) {
	console.error(`Node ${process.versions.node} found; this project runs on Node 24. Run "npm ci" first, then "npm start".`);
	process.exit(1);
}

const build = spawnSync('vite', ['build'], { stdio: 'inherit', shell: false });
if (build.status !== 0) process.exit(build.status ?? 1);

const env = { HOST: '127.0.0.1', PORT: '3000', ...process.env };
// adapter-node assumes https unless told the public origin; form posts would then fail its CSRF check.
env.ORIGIN ??= `http://${env.HOST === '0.0.0.0' ? 'localhost' : env.HOST}:${env.PORT}`;
console.log(`\nShenzhen Fashion Map · 深圳时尚产业地图 → http://${env.HOST === '0.0.0.0' ? 'localhost' : env.HOST}:${env.PORT}/\n`);
const server = spawn(process.execPath, ['build/index.js'], { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
