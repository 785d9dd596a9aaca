import { describe, expect, it } from 'vitest';
import { closestMatch } from './fuzzy.ts';

// Cases from the doctests of PostgREST v14 `noRpcHint`.
describe('closestMatch', () => {
	it('suggests a function name one typo away', () => {
		expect(closestMatch('testt', ['test', 'another'])).toBe('test');
	});

	it('suggests a longer name containing the target', () => {
		expect(closestMatch('other', ['test', 'another'])).toBe('another');
	});

	it('suggests nothing when no candidate is close', () => {
		expect(closestMatch('noclosealternative', ['test', 'another'])).toBeUndefined();
	});

	it('compares parameter lists', () => {
		const overloads = ['(name, param, val)', '(attr, id)'];
		expect(closestMatch('(nam, pqaram, vall)', overloads)).toBe('(name, param, val)');
		expect(closestMatch('(param, val)', overloads)).toBe('(name, param, val)');
		expect(closestMatch('(attrs, id)', overloads)).toBe('(attr, id)');
		expect(closestMatch('(id)', overloads)).toBe('(attr, id)');
		expect(closestMatch('(noclosealternative)', overloads)).toBeUndefined();
	});
});
