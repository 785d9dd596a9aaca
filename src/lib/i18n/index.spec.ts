import { describe, expect, it } from 'vitest';
import { formatDate, nameOf, otherNameOf, t } from './index';

describe('formatDate', () => {
	it('formats a calendar date in each language, whatever the order of the calls (one cached formatter each)', () => {
		expect(formatDate('2025-03-09', 'en')).toBe('Mar 9, 2025');
		expect(formatDate('2025-03-09', 'zh')).toBe('2025年3月9日');
		expect(formatDate('2024-12-31', 'en')).toBe('Dec 31, 2024');
		expect(formatDate('2024-12-31', 'zh')).toBe('2024年12月31日');
	});

	it('keeps the date as written (UTC), with no shift by the time zone of the machine', () => {
		expect(formatDate('2025-01-01', 'en')).toBe('Jan 1, 2025');
	});
});

describe('t, nameOf, otherNameOf', () => {
	it('fills placeholders and falls back to the other language for a missing name', () => {
		expect(t('en', 'list.count', { n: 3 })).toContain('3');
		expect(nameOf({ name_zh: '水贝', name_en: null }, 'en')).toBe('水贝');
		expect(otherNameOf({ name_zh: '水贝', name_en: 'Shuibei' }, 'zh')).toBe('Shuibei');
		expect(otherNameOf({ name_zh: '水贝', name_en: null }, 'zh')).toBeNull();
	});
});
