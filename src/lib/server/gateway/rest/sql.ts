/**
 * Quotes an SQL identifier the way PostgreSQL's `quote_ident`/`format('%I')` would, but always:
 * every name that reaches SQL text comes from a request or the catalogue and is never trusted.
 * @throws Error for a name containing a NUL byte, which PostgreSQL cannot store in query text
 */
export function quoteIdent(name: string): string {
	if (name.includes('\0')) throw new Error('identifier contains a NUL byte');
	return `"${name.replaceAll('"', '""')}"`;
}

/** SQL text with its `$n` parameters. */
export interface Statement {
	text: string;
	params: unknown[];
}

/** Collects `$n` parameters so values never enter SQL text. */
export class Params {
	readonly values: unknown[] = [];

	/** Adds a value and returns its placeholder. */
	add(value: unknown): string {
		this.values.push(value);
		return `$${this.values.length}`;
	}
}
