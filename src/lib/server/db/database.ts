/**
 * The one interface the gateway, the migration runner and the tests use to talk to a database, whether it is
 * PGlite (embedded, WASM Postgres) or a PostgreSQL server reached through DATABASE_URL.
 */

/** A row set as both drivers return it; JSON columns should be selected as `::text` to keep numbers exact. */
export interface QueryResult<Row> {
	rows: Row[];
}

/** Runs statements inside one connection (a transaction or the whole session). */
export interface Sql {
	/** One statement with `$1…` parameters. */
	query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<QueryResult<Row>>;
	/** Several statements, no parameters (migrations, seed). */
	exec(text: string): Promise<void>;
}

export interface Database extends Sql {
	readonly kind: 'pglite' | 'postgres';
	/**
	 * Runs `fn` in one transaction: COMMIT when it resolves, ROLLBACK when it throws (the error is re-thrown).
	 * PGlite is a single connection, so transactions are serialised; on PostgreSQL each takes a pooled connection.
	 */
	transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
	close(): Promise<void>;
}

/** What both drivers put on a failed statement (they share pg-protocol's DatabaseError shape). */
export interface DbError extends Error {
	code?: string;
	detail?: string;
	hint?: string;
}

/** True for an error raised by PostgreSQL itself (it carries a SQLSTATE), as opposed to a driver or network failure. */
export function isDbError(error: unknown): error is DbError & { code: string } {
	return (
		error instanceof Error &&
		typeof (error as DbError).code === 'string' &&
		/^[0-9A-Z]{5}$/.test((error as DbError).code ?? '')
	);
}
