import { describe, expect, it } from 'vitest';
import { byName, fill, formatCompact, formatDate, formatDateRange, formatDistance, labelled, nameOf, otherNameOf, t, translatorWith } from './index';
import { t as investorsT } from './investors';

describe('formatCompact', () => {
	it('writes large numbers in each language\'s short form', () => {
		expect([4.15e9, 1.1e11, 12_000, 1.46].map((n) => formatCompact(n, 'zh'))).toEqual(['41.5亿', '1100亿', '1.2万', '1.46']);
		expect([4.15e9, 1.1e11, 12_000, 1.46].map((n) => formatCompact(n, 'en'))).toEqual(['4.15B', '110B', '12K', '1.46']);
	});
});

describe('formatDistance', () => {
	it('writes metres below 1 km and kilometres from it, in the language', () => {
		expect([500, 1000, 2500].map((m) => formatDistance(m, 'en'))).toEqual(['500 m', '1 km', '2.5 km']);
		expect([500, 1000].map((m) => formatDistance(m, 'zh'))).toEqual(['500 米', '1 公里']);
	});
});

describe('formatDateRange', () => {
	it('an event of several days gives its first and last, one of a day (or no end) just the day', () => {
		expect(formatDateRange('2023-12-25', '2024-01-25', 'zh')).toBe('2023年12月25日 – 2024年1月25日');
		expect(formatDateRange('2023-12-25', '2024-01-25', 'en')).toBe('Dec 25, 2023 – Jan 25, 2024');
		expect(formatDateRange('2024-10-18', '2024-10-18', 'en')).toBe('Oct 18, 2024');
		expect(formatDateRange('2024-10-18', null, 'zh')).toBe('2024年10月18日');
	});
});

describe('formatDate', () => {
	it('formats a calendar date in each language', () => {
		expect(formatDate('2025-03-09', 'en')).toBe('Mar 9, 2025');
		expect(formatDate('2025-03-09', 'zh')).toBe('2025年3月9日');
		expect(formatDate('2024-12-31', 'en')).toBe('Dec 31, 2024');
		expect(formatDate('2024-12-31', 'zh')).toBe('2024年12月31日');
	});

	it('keeps the date as written (UTC), with no shift by the time zone of the machine', () => {
		expect(formatDate('2025-01-01', 'en')).toBe('Jan 1, 2025');
	});

	it('writes every day of 2023-2026 as Intl.DateTimeFormat does (medium date, zh-CN and en)', () => {
		for (const [lang, locale] of [['zh', 'zh-CN'], ['en', 'en']] as const) {
			const intl = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
			for (let day = Date.UTC(2023, 0, 1); day <= Date.UTC(2026, 11, 31); day += 86_400_000) {
				const iso = new Date(day).toISOString().slice(0, 10);
				expect(formatDate(iso, lang), iso).toBe(intl.format(day));
			}
		}
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

describe('byName', () => {
	it('orders by pinyin in Chinese and alphabetically in English, case and punctuation aside', () => {
		const names = (lang: 'zh' | 'en', list: string[]) => list.map((name) => ({ [`name_${lang}`]: name })).sort(byName(lang)).map((r) => Object.values(r)[0]);
		expect(names('zh', ['中国版画博物馆', '“大浪杯”中国女装设计大赛', '东方首饰来料加工厂', '安莉芳'])).toEqual(['安莉芳', '“大浪杯”中国女装设计大赛', '东方首饰来料加工厂', '中国版画博物馆']);
		expect(names('en', ['"Dalang Cup" China Womenswear Design Contest', 'CHIC Shenzhen', 'baiqi eyewear'])).toEqual(['baiqi eyewear', 'CHIC Shenzhen', '"Dalang Cup" China Womenswear Design Contest']);
		// a record without a name in the page's language sorts by its other name
		expect([{ name_zh: '中惠福', name_en: null }, { name_zh: '安莉芳', name_en: 'Embry' }].sort(byName('en')).map((r) => r.name_zh)).toEqual(['安莉芳', '中惠福']);
	});
});

describe('fill', () => {
	it('picks the English word that goes with the number', () => {
		expect(fill('{n} {n:listing|listings}', { n: 1 })).toBe('1 listing');
		expect(fill('{n} {n:listing|listings}', { n: 0 })).toBe('0 listings');
		expect(fill('{n} {n:listing|listings}', { n: 2 })).toBe('2 listings');
		expect(fill('{n} more {n:listing has|listings have}', { n: 1 })).toBe('1 more listing has');
		expect(t('en', 'list.count', { n: 1 })).toBe('1 listing');
		expect(investorsT('en', 'inv.inside', { n: 7 })).toBe('7 listings inside');
	});
	it('leaves a placeholder without a value as it is', () => {
		expect(fill('{n} {n:listing|listings}', {})).toBe('{n} {n:listing|listings}');
		expect(fill('{name}', { n: 1 })).toBe('{name}');
	});
});

describe('translatorWith', () => {
	it('translates a part of the site\'s own messages and the shared ones', () => {
		const own = { zh: { 'own.rows': '{n} 行' }, en: { 'own.rows': '{n} {n:row|rows}' } };
		const translate = translatorWith(own);
		expect([translate('zh', 'own.rows', { n: 1 }), translate('en', 'own.rows', { n: 1 }), translate('en', 'own.rows', { n: 2 })]).toEqual(['1 行', '1 row', '2 rows']);
		expect(translate('en', 'list.count', { n: 2 })).toBe(t('en', 'list.count', { n: 2 }));
		expect(investorsT('zh', 'inv.clustersTitle')).not.toBe(investorsT('en', 'inv.clustersTitle'));
	});
});

describe('labelled', () => {
	it('joins a label and its text with each language’s colon', () => {
		expect(labelled('来源', '深圳时尚产业地图条目', 'zh')).toBe('来源：深圳时尚产业地图条目');
		expect(labelled('Source', 'Shenzhen Fashion Map listings', 'en')).toBe('Source: Shenzhen Fashion Map listings');
	});
});
