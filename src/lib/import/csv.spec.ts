import { describe, expect, test } from 'vitest';
import { CsvError, parseCsv, parseCsvRecords } from './csv';

describe('parseCsvRecords (RFC 4180)', () => {
	test('splits plain fields and CRLF or LF lines', () => {
		expect(parseCsvRecords('a,b,c\r\n1,2,3\n4,5,6').records).toEqual([
			['a', 'b', 'c'],
			['1', '2', '3'],
			['4', '5', '6']
		]);
	});

	test('quoted fields keep commas, doubled quotes and line breaks', () => {
		const { records, lines } = parseCsvRecords('name,summary\n"Shuibei, Luohu","He said ""hi""\nsecond line"\nx,y\n');
		expect(records).toEqual([
			['name', 'summary'],
			['Shuibei, Luohu', 'He said "hi"\nsecond line'],
			['x', 'y']
		]);
		expect(lines).toEqual([1, 2, 4]);
	});

	test('keeps empty fields, including a quoted empty one and a trailing one', () => {
		expect(parseCsvRecords('a,,""\n,').records).toEqual([
			['a', '', ''],
			['', '']
		]);
	});

	test('ignores the UTF-8 BOM and blank lines, keeps Chinese text', () => {
		expect(parseCsvRecords('\ufeffname_zh\n\n水贝珠宝\n\n').records).toEqual([['name_zh'], ['水贝珠宝']]);
	});

	test('refuses an unterminated quote, reporting the line it started on', () => {
		expect(() => parseCsvRecords('a\n"open,\nstill open')).toThrow(CsvError);
		try {
			parseCsvRecords('a\n"open,\nstill open');
		} catch (error) {
			expect((error as CsvError).reason).toBe('unterminated_quote');
			expect((error as CsvError).line).toBe(2);
		}
	});

	test('refuses quotes in the middle of a field', () => {
		expect(() => parseCsvRecords('a"b,c')).toThrow(/stray_quote/);
		expect(() => parseCsvRecords('"a"b,c')).toThrow(/stray_quote/);
	});
});

describe('parseCsv', () => {
	test('keys rows by the trimmed header, missing cells read as empty', () => {
		const table = parseCsv(' kind , name_en\nevent,Fair\nenterprise\n');
		expect(table.header).toEqual(['kind', 'name_en']);
		expect(table.rows).toEqual([
			{ kind: 'event', name_en: 'Fair' },
			{ kind: 'enterprise', name_en: '' }
		]);
		expect(table.lines).toEqual([2, 3]);
	});

	test('refuses an empty file and repeated header names', () => {
		expect(() => parseCsv('')).toThrow(/empty/);
		expect(() => parseCsv('kind,kind\n1,2')).toThrow(/duplicate_header/);
	});
});
