// `npm run data:check`: runs the rules of check.ts over data/ and exits non-zero when any record breaks one.
// Run: node scripts/data/check-cli.ts [data-dir]
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkData, formatProblem, type DataFiles } from './check.ts';
import { DATA_FILES } from './vocabulary.ts';

const dataDir = process.argv[2] ?? fileURLToPath(new URL('../../data/', import.meta.url));

/** Every data file's text by its name relative to data/; a file that cannot be read is left out (check reports it). */
async function readDataFiles(dir: string): Promise<DataFiles> {
	const entries = await Promise.all(
		Object.values(DATA_FILES).map(async (name) => [name, await readFile(join(dir, name), 'utf8').catch(() => undefined)] as const)
	);
	return Object.fromEntries(entries);
}

const problems = checkData(await readDataFiles(dataDir));
const where = relative(process.cwd(), dataDir) || '.';
if (problems.length > 0) {
	for (const problem of problems) console.error(formatProblem(problem));
	console.error(`\ndata:check: ${problems.length} problem(s) in ${where}`);
	process.exitCode = 1;
} else {
	console.log(`data:check: ${where} is valid`);
}
