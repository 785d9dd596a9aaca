import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { confidenceText, isWebUrl, researchTermText, splitSource, textLang, textLangAttr, usualMonthText } from './detail-text';

describe('splitSource', () => {
	test('a web address with a note after it is a link and a note', () => {
		const source = 'http://duykb.icu (mirror of eyeshenzhen.com article of 2019-03-20 on Shenzhen Fashion Week / Chegongmiao)';
		expect(splitSource(source)).toEqual({ url: 'http://duykb.icu', note: '(mirror of eyeshenzhen.com article of 2019-03-20 on Shenzhen Fashion Week / Chegongmiao)' });
		expect(isWebUrl(source)).toBe(false); // Chromium would take the whole of it as a URL, Node would not
		expect(splitSource(' https://www.sz.gov.cn/a.html ')).toEqual({ url: 'https://www.sz.gov.cn/a.html', note: null });
	});

	test('a source that does not start with a web address is all note; only http(s) becomes a link', () => {
		expect(splitSource('GitHub file, index id 17595526838')).toEqual({ url: null, note: 'GitHub file, index id 17595526838' });
		expect(splitSource('javascript:alert(1) (x)')).toEqual({ url: null, note: 'javascript:alert(1) (x)' });
		expect(splitSource('深圳市人民政府 2021')).toEqual({ url: null, note: '深圳市人民政府 2021' });
	});
});

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

describe('researchTermText', () => {
	test("the research's recurring phrases are in Chinese in the Chinese page, as written in the English one", () => {
		expect(researchTermText('industry association', 'zh')).toEqual({ text: '行业协会', lang: 'zh' });
		expect(researchTermText(' not confirmed ', 'zh')).toEqual({ text: '未确认', lang: 'zh' });
		expect(researchTermText('not estimated - no address found', 'en')).toEqual({ text: 'Not estimated - no address found', lang: 'en' });
		expect(researchTermText('college', 'en')).toEqual({ text: 'College', lang: 'en' });
	});

	test('any other wording is research text, shown as written with the language it is in', () => {
		expect(researchTermText('not confirmed (Nanyou wholesale community)', 'zh')).toEqual({ text: 'not confirmed (Nanyou wholesale community)', lang: 'en' });
		expect(researchTermText('深圳市钟表行业协会', 'en')).toEqual({ text: '深圳市钟表行业协会', lang: 'zh' });
		// not a key inherited from Object.prototype
		expect(researchTermText('constructor', 'zh')).toEqual({ text: 'constructor', lang: 'en' });
	});

	test("every platform type in the seed data, and every set wording of a location not estimated, is within that vocabulary", () => {
		type Row = { platform_type: string | null; location_method: string | null };
		const listings: Row[] = JSON.parse(readFileSync(new URL('../../../data/listings.json', import.meta.url), 'utf8'));
		const types = listings.map((l) => l.platform_type).filter((type): type is string => !!type);
		expect(types.length).toBeGreaterThan(30);
		expect(types.filter((type) => researchTermText(type, 'zh').lang !== 'zh')).toEqual([]);
		// "not estimated - <reason>", without research notes added to it
		const unlocated = listings.map((l) => l.location_method).filter((m): m is string => !!m && /^not estimated - [a-z ]+$/.test(m));
		expect(unlocated.length).toBeGreaterThan(40);
		expect(unlocated.filter((m) => researchTermText(m, 'zh').lang !== 'zh')).toEqual([]);
	});
});

describe('textLang', () => {
	test('research text is tagged with the language most of it is written in', () => {
		expect(textLang('not estimated - no address found')).toBe('en');
		expect(textLang('placed at the Dalang Fashion Town estimate (west of 浪荣路; source only says the HQ is in Dalang)')).toBe('en');
		expect(textLang('沙头街道 / 香蜜湖街道 (inferred)')).toBe('zh');
		expect(textLang('大芬美术馆 (布吉沿河路 x 布沙路)')).toBe('zh');
		expect(textLang('4.15 billion (41.5亿元)')).toBe('en');
		expect(textLang('每年5月')).toBe('zh');
	});

	test('only text in the other language, or with neither Han characters nor Latin words, keeps the page language', () => {
		expect(textLang('~3,000')).toBeNull();
		expect(textLangAttr('2019', 'zh')).toBeUndefined();
		expect(textLangAttr(100000, 'en')).toBeUndefined();
		expect(textLangAttr('UBM Asia / Informa Markets', 'zh')).toBe('en');
		expect(textLangAttr('UBM Asia / Informa Markets', 'en')).toBeUndefined();
		expect(textLangAttr('深圳市服装行业协会', 'en')).toBe('zh-CN');
		expect(textLangAttr('深圳市服装行业协会', 'zh')).toBeUndefined();
	});
});

describe('confidenceText', () => {
	test("the research's rating is spelled out in Chinese, level by aspect", () => {
		expect(confidenceText('medium', 'zh')).toEqual({ text: '中', lang: 'zh' });
		expect(confidenceText('high (figures), low (location)', 'zh')).toEqual({ text: '数据：高；位置：低', lang: 'zh' });
		expect(confidenceText('medium (existence), very low (location)', 'zh')).toEqual({ text: '是否存在：中；位置：很低', lang: 'zh' });
		expect(confidenceText('medium-low (outline)', 'zh')).toEqual({ text: '轮廓：中低', lang: 'zh' });
	});

	test('every rating in the seed data is within that vocabulary', () => {
		const read = (name: string) => JSON.parse(readFileSync(new URL(`../../../data/${name}`, import.meta.url), 'utf8'));
		const ratings: string[] = [
			...read('places.geojson').features.map((f: { properties: { confidence: string | null } }) => f.properties.confidence),
			...read('listings.json').map((l: { confidence: string | null }) => l.confidence)
		].filter((r): r is string => !!r);
		expect(ratings.length).toBeGreaterThan(100);
		expect(ratings.filter((r) => confidenceText(r, 'zh').lang !== 'zh')).toEqual([]);
	});

	test('English shows it as written (with a capital first letter), and so does Chinese for wording outside the vocabulary', () => {
		expect(confidenceText('high (figures), low (location)', 'en')).toEqual({ text: 'High (figures), low (location)', lang: 'en' });
		expect(confidenceText('medium', 'en')).toEqual({ text: 'Medium', lang: 'en' });
		expect(confidenceText('fairly sure (location)', 'zh')).toEqual({ text: 'fairly sure (location)', lang: 'en' });
		expect(confidenceText('high (colour)', 'zh')).toEqual({ text: 'high (colour)', lang: 'en' });
	});
});
