import { describe, expect, it } from 'vitest';
import { Params, quoteIdent } from './sql.ts';

describe('sql helpers', () => {
	it('wraps names in double quotes, keeping case', () => {
		expect(quoteIdent('listSectors')).toBe('"listSectors"');
	});

	it('doubles embedded double quotes so a name cannot close the identifier', () => {
		expect(quoteIdent('a"; drop table x; --')).toBe('"a""; drop table x; --"');
	});

	it('refuses NUL bytes', () => {
		expect(() => quoteIdent('a\0b')).toThrow();
	});

	it('numbers parameters in the order they are added', () => {
		const params = new Params();
		expect([params.add('a'), params.add(['b'])]).toEqual(['$1', '$2']);
		expect(params.values).toEqual(['a', ['b']]);
	});
});
