import { describe, expect, test } from 'vitest';
import { usualMonthText } from './detail-text';

describe('usualMonthText', () => {
	test('a bare month is written in the page language', () => {
		expect(usualMonthText('July', 'zh')).toEqual({ text: '7月', lang: 'zh' });
		expect(usualMonthText('December', 'zh')).toEqual({ text: '12月', lang: 'zh' });
		expect(usualMonthText(' January ', 'en')).toEqual({ text: 'January', lang: 'en' });
	});

	test('any other wording is research text, shown as written with the language it is in', () => {
		expect(usualMonthText('spring (Mar/Apr) and autumn (Nov)', 'zh')).toEqual({ text: 'spring (Mar/Apr) and autumn (Nov)', lang: 'en' });
		expect(usualMonthText('December (awards)', 'zh')).toEqual({ text: 'December (awards)', lang: 'en' });
		expect(usualMonthText('每年5月', 'en')).toEqual({ text: '每年5月', lang: 'zh' });
	});
});
