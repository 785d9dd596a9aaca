// CSV for spreadsheets (RFC 4180): comma-separated, CRLF line ends, fields quoted when they need it, UTF-8 with a
// byte-order mark so Excel opens Chinese text correctly instead of guessing a legacy code page.

/** The UTF-8 byte-order mark, first in every CSV file. */
export const BOM = '\uFEFF';

/**
 * One field: quoted when it holds a comma, quote, line break or leading/trailing space; quotes doubled. A text
 * starting with = + - @ (or a tab/CR) is prefixed with an apostrophe so a spreadsheet never runs it as a formula
 * (CSV injection, OWASP) — numbers are written as numbers and are not affected.
 */
export function csvField(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
	let text = Array.isArray(value) ? value.join(' ') : String(value);
	if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
	return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV line (with its CRLF). */
export const csvLine = (fields: unknown[]): string => `${fields.map(csvField).join(',')}\r\n`;

/**
 * Parses CSV text (as written by csvLine, BOM allowed) into rows of strings — for tests and round trips.
 */
export function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	const input = text.startsWith(BOM) ? text.slice(1) : text;
	for (let i = 0; i < input.length; i++) {
		const c = input[i]!;
		if (quoted) {
			if (c === '"' && input[i + 1] === '"') (field += '"'), i++;
			else if (c === '"') quoted = false;
			else field += c;
		} else if (c === '"') quoted = true;
		else if (c === ',') row.push(field), (field = '');
		else if (c === '\n' || (c === '\r' && input[i + 1] === '\n')) {
			if (c === '\r') i++;
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
		} else field += c;
	}
	if (field !== '' || row.length) row.push(field), rows.push(row);
	return rows;
}
