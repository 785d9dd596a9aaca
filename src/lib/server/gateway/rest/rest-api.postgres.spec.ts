import { openPostgres } from '../../db/postgres.ts';
import { createDatabase } from '../../../../../tests/support/test-backend.ts';
import { describeRestApi } from './rest-api.test-cases.ts';

// The same cases on the PostgreSQL 15 server of the development machines (trust auth, user postgres), in a
// throw-away database so roles are the only thing shared with other suites (they are cluster-wide anyway).
describeRestApi('PostgreSQL 15', async () => {
	const database = await createDatabase();
	const db = await openPostgres(database.url, { max: 2 });
	return {
		db,
		async dispose() {
			await db.close();
			await database.drop();
		}
	};
});
