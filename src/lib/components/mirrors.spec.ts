import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { copyText, mirrorOf, sourceText, splitMirrorNote } from './mirrors';

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

describe('copyText', () => {
	test('names the original publisher in the page’s language, or says it is not known', () => {
		expect(copyText({ site: 'a.cn', publisher: '深圳晚报, 2016-05-13' }, 'en')).toBe('A copy; original: 深圳晚报, 2016-05-13');
		expect(copyText({ site: 'a.cn', publisher: '深圳晚报, 2016-05-13' }, 'zh')).toBe('转载，原文：深圳晚报, 2016-05-13');
		expect(copyText({ site: 'a.cn', publisher: null }, 'en')).toBe('A copy; original publisher not known');
	});
});

describe('sourceText', () => {
	test('adds whose article a mirrored source copies, and leaves any other source as it is', () => {
		const mirror = { site: 'a.cn', publisher: '深圳晚报, 2016-05-13' };
		expect(sourceText('http://a.cn/1', mirror, 'zh')).toBe('http://a.cn/1 (转载，原文：深圳晚报, 2016-05-13)');
		expect(sourceText('http://b.cn/2', undefined, 'en')).toBe('http://b.cn/2');
	});
});
