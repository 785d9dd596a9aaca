// A small RFC 4180 reader for the bulk import: a header row, commas, double-quoted fields with "" for a quote,
// line breaks inside quotes, CRLF or LF. Written here rather than added as a dependency: import files are small
// (an admin's spreadsheet), and all the import needs is these ~60 lines.

export interface CsvTable {
	/** The header row, trimmed. */
	header: string[];
	/** Data rows keyed by header name; blank lines are skipped. */
	rows: Record<string, string>[];
	/** 1-based line where each row starts (for messages that point into the file). */
	lines: number[];
}

export class CsvError extends Error {
	readonly line: number;
	readonly reason: 'unterminated_quote' | 'stray_quote' | 'empty' | 'duplicate_header';
	constructor(reason: CsvError['reason'], line: number) {
		super(`CSV ${reason} at line ${line}`);
		this.reason = reason;
		this.line = line;
	}
}

/**
 * Splits CSV text into records of fields.
 * @param text the file's text (a leading UTF-8 BOM is ignored)
 * @returns each record's fields and the line it starts on
 * @throws CsvError on an unterminated quoted field or a quote in the middle of an unquoted one
 * @example
 * parseCsvRecords('a,"b ""c"""\n1,2').records // [['a', 'b "c"'], ['1', '2']]
 */
export function parseCsvRecords(text: string): { records: string[][]; lines: number[] } {
	const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	const records: string[][] = [];
	const lines: number[] = [];
	let record: string[] = [];
	let field = '';
	let line = 1;
	let recordLine = 1;
	let i = 0;
	let quoted = false; // the current field started with a quote
	let fieldStarted = false;

	const endField = () => {
		record.push(field);
		field = '';
		quoted = false;
		fieldStarted = false;
	};
	const endRecord = () => {
		endField();
		// a blank line is not a record of one empty field
		if (!(record.length === 1 && record[0] === '')) {
			records.push(record);
			lines.push(recordLine);
		}
		record = [];
	};

	while (i < input.length) {
		const char = input[i]!;
		if (quoted) {
			if (char === '"') {
				if (input[i + 1] === '"') {
					field += '"';
					i += 2;
					continue;
				}
				// closing quote: only a separator or a line end may follow
				quoted = false;
				i++;
				const next = input[i];
				if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') throw new CsvError('stray_quote', line);
				continue;
			}
			if (char === '\n') line++;
			field += char;
			i++;
			continue;
		}
		if (char === '"') {
			if (fieldStarted || field !== '') throw new CsvError('stray_quote', line);
			quoted = true;
			fieldStarted = true;
			i++;
			continue;
		}
		if (char === ',') {
			endField();
			i++;
			continue;
		}
		if (char === '\r' || char === '\n') {
			endRecord();
			i += char === '\r' && input[i + 1] === '\n' ? 2 : 1;
			line++;
			recordLine = line;
			continue;
		}
		field += char;
		fieldStarted = true;
		i++;
	}
	if (quoted) throw new CsvError('unterminated_quote', recordLine);
	if (field !== '' || fieldStarted || record.length > 0) endRecord();
	return { records, lines };
}

/**
 * Reads a CSV file with a header row into objects keyed by the header's names.
 * Missing trailing cells read as '', extra cells beyond the header are ignored.
 * @throws CsvError when the file is empty, malformed or repeats a header name
 */
export function parseCsv(text: string): CsvTable {
	const { records, lines } = parseCsvRecords(text);
	if (records.length === 0) throw new CsvError('empty', 1);
	const header = records[0]!.map((name) => name.trim());
	const seen = new Set<string>();
	for (const name of header) {
		if (name !== '' && seen.has(name)) throw new CsvError('duplicate_header', 1);
		seen.add(name);
	}
	const rows = records.slice(1).map((record) => Object.fromEntries(header.map((name, index) => [name, record[index] ?? ''] as const).filter(([name]) => name !== '')));
	return { header, rows, lines: lines.slice(1) };
}
