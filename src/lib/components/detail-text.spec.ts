import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { confidenceText, isWebUrl, mirrorOf, researchTermText, splitMirrorNote, splitSource, textLang, textLangAttr, usualMonthText } from './detail-text';

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

describe('splitMirrorNote', () => {
	const clause = 'Mirror sources kept (no better URL found in the corpus) - original publisher: ';

	test("takes the research's mirror clause off the notes and reads each site's original publisher", () => {
		expect(splitMirrorNote(`On 观澜裕新路, next to 深圳红木博物馆. ${clause}findatwiki.com = en.wikipedia.org.`)).toEqual({
			notes: 'On 观澜裕新路, next to 深圳红木博物馆.',
			mirrors: [{ site: 'findatwiki.com', publisher: 'en.wikipedia.org' }]
		});
		// a part naming no site belongs to the publisher before it; an unknown publisher is null
		expect(splitMirrorNote(`${clause}yxdaikin.com = 人民网深圳 (sz.people.com.cn), 2022-11-14; same figures in a release 2022-11-16; 91se91.com = unknown publisher (repost).`)).toEqual({
			notes: null,
			mirrors: [
				{ site: 'yxdaikin.com', publisher: '人民网深圳 (sz.people.com.cn), 2022-11-14; same figures in a release 2022-11-16' },
				{ site: '91se91.com', publisher: null }
			]
		});
		// a site without a dot is a typo of the data's ("ethiopian = 深圳晚报" after the real site)
		expect(splitMirrorNote(`${clause}ethiopianopalcompany.com = 深圳晚报, 2016-05-13; ethiopian = 深圳晚报.`).mirrors).toEqual([
			{ site: 'ethiopianopalcompany.com', publisher: '深圳晚报, 2016-05-13' }
		]);
	});

	test('notes without the clause are left as they are', () => {
		expect(splitMirrorNote('Employer of the 2016/17 工匠之星 jewellery winner.')).toEqual({ notes: 'Employer of the 2016/17 工匠之星 jewellery winner.', mirrors: [] });
		expect(splitMirrorNote(null)).toEqual({ notes: null, mirrors: [] });
		expect(splitMirrorNote('')).toEqual({ notes: '', mirrors: [] });
	});

	test('reads the clause of every record of the seed that has one', () => {
		const listings: { slug: string; notes: string | null }[] = JSON.parse(readFileSync(new URL('../../../data/listings.json', import.meta.url), 'utf8'));
		const withClause = listings.filter((listing) => listing.notes?.includes('Mirror sources kept'));
		expect(withClause.length).toBeGreaterThan(0);
		for (const listing of withClause) {
			const { notes, mirrors } = splitMirrorNote(listing.notes);
			expect(notes ?? '', listing.slug).not.toMatch(/Mirror sources kept|corpus|original publisher:/);
			expect(mirrors.length, listing.slug).toBeGreaterThan(0);
			for (const mirror of mirrors) expect(mirror.site, listing.slug).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+(\/\S+)?$/);
		}
	});
});

describe('mirrorOf', () => {
	const mirrors = [{ site: 'findonet.com', publisher: '深圳商报' }, { site: 'zuizhijiaoyu.com/jp_szgov', publisher: '深圳市人民政府 Japanese site' }];

	test('a source on the mirror: its host, a subdomain of it, and the path the research named', () => {
		expect(mirrorOf('https://perth.findonet.com/content-50004763701', mirrors)).toBe(mirrors[0]);
		expect(mirrorOf('https://www.findonet.com/a', mirrors)).toBe(mirrors[0]);
		expect(mirrorOf('https://zuizhijiaoyu.com/jp_szgov/aboutsz/post_1.html', mirrors)).toBe(mirrors[1]);
	});

	test('not another site, one whose name only ends the same, or another path of the same host', () => {
		expect(mirrorOf('https://notfindonet.com/a', mirrors)).toBeUndefined();
		expect(mirrorOf('https://zuizhijiaoyu.com/other/post.html', mirrors)).toBeUndefined();
		expect(mirrorOf('https://zuizhijiaoyu.com/jp_szgov2/post.html', mirrors)).toBeUndefined();
		expect(mirrorOf('http://sz.people.com.cn/n2/x.html', mirrors)).toBeUndefined();
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
