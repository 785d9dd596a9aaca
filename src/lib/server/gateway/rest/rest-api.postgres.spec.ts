import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPostgres } from '../../db/postgres.ts';
import { describeRestApi } from './rest-api.test-cases.ts';

// The same cases on the PostgreSQL 15 server of the development machines (trust auth, user postgres), in a
// throw-away database so roles are the only thing shared with other suites (they are cluster-wide anyway).
const SERVER = 'postgres://postgres@127.0.0.1:5432';

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client(`${SERVER}/postgres`);
	await client.connect();
	try {
		return await work(client);
	} finally {
		await client.end();
	}
}

describeRestApi('PostgreSQL 15', async () => {
	const name = `sfm_rest_${randomBytes(6).toString('hex')}`;
	await admin((client) => client.query(`create database ${name}`));
	const db = await openPostgres(`${SERVER}/${name}`, { max: 2 });
	return {
		db,
		async dispose() {
			await db.close();
			await admin((client) => client.query(`drop database if exists ${name} with (force)`));
		}
	};
});
