import { expect, test } from 'vitest';
import { safeNext } from './next';

test('keeps same-site paths with their query', () => {
	expect(safeNext('/manage/listings/new?lang=en')).toBe('/manage/listings/new?lang=en');
});

test('refuses other sites, protocol-relative and backslash tricks, and the sign-in page itself', () => {
	for (const next of ['https://evil.example/', '//evil.example', '/\\evil.example', 'javascript:alert(1)', '/manage/sign-in?next=/x', '', null]) {
		expect(safeNext(next)).toMatch(/^\/(manage)?/);
		expect(safeNext(next, '/fallback')).not.toContain('evil');
	}
	expect(safeNext('//evil.example', '/fallback')).toBe('/fallback');
});
