// The server-rendered detail pages (/place/<id>, /listing/<slug>) of the built site, read as a crawler or a
// browser without JavaScript would: titles, meta, provenance, figures, 404s, and escaping of data.
// The site runs on a fresh PostgreSQL database (seeded on start) so fixtures with hostile text can be added.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSite, type SiteServer } from '../support/site-server.ts';
import { createDatabase } from '../support/test-backend.ts';

const SHUIBEI = 'shuibei-buxin-jewellery-cluster';

/** The content of the first `<meta name|property="…">` with that key. */
function meta(html: string, key: string): string | undefined {
	const tag = new RegExp(`<meta (?:name|property)="${key.replace(/[.:]/g, '\\$&')}" content="([^"]*)"`).exec(html);
	return tag?.[1];
}
const titleOf = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1];
const linkHref = (html: string, attrs: string) => new RegExp(`<link ${attrs} href="([^"]*)"`).exec(html)?.[1];
/** The visible page: no `<head>`, no hydration script (it carries the data as JSON), no hydration comments. */
const bodyOf = (html: string) =>
	(/<body[^>]*>([\s\S]*)<\/body>/.exec(html)?.[1] ?? '').replace(/<script[\s\S]*?<\/script>/g, '').replace(/<!--[\s\S]*?-->/g, '');

describe('detail pages, server-rendered', () => {
	let site: SiteServer;
	let database: Awaited<ReturnType<typeof createDatabase>>;
	const get = async (path: string) => {
		const response = await fetch(`${site.url}${path}`, { redirect: 'manual' });
		return { status: response.status, html: await response.text(), location: response.headers.get('location') };
	};

	beforeAll(async () => {
		database = await createDatabase();
		site = await startSite({ DATABASE_URL: database.url });
		// Fixtures (not real firms) written straight to the database, as an editor's text could be: markup in names,
		// summary and notes must come out as text; a javascript: "source" must not become a link.
		const db = new pg.Client({ connectionString: database.url });
		await db.connect();
		try {
			await db.query(
				`insert into atlas.listings (slug, kind, status, name_zh, name_en, summary_en, sectors, place_id, district_code,
				   lon, lat, precision, radius_m, source_urls, notes, website)
				 values ('fixture-escape', 'enterprise', 'published', '<script>alert("zh")</script>测试珠宝',
				   'Fixture <b>Bold</b> & <script>alert(1)</script> Co', '<img src=x onerror=alert(2)> fixture summary',
				   '{jewellery}', $1, '440303', 114.1286, 22.5777, 'estimate', 300,
				   '{https://example.org/fixture-source,javascript:alert(3)}', '<i>fixture note</i>', 'https://example.org/')`,
				[SHUIBEI]
			);
			await db.query(
				`insert into atlas.listings (slug, kind, status, name_zh, name_en, sectors, place_id, district_code,
				   event_start, event_end, venue_zh, venue_en, source_urls, notes)
				 values ('fixture-event', 'event', 'published', '测试珠宝展', 'Fixture Jewellery Fair', '{jewellery}', $1, '440303',
				   '2026-05-01', '2026-05-03', '测试会场', 'Fixture Hall', '{https://example.org/fair}',
				   'Mirror sources kept (no better URL found in the corpus) - original publisher: unknown.')`,
				[SHUIBEI]
			);
			// approved by a Luohu administrator (a fixture account), with a source cited without a link
			await db.query(
				`insert into auth.users (id, email, aud, role, raw_user_meta_data)
				 values ('00000000-0000-4000-8000-00000000f1c5', 'fixture-admin@example.org', 'authenticated', 'authenticated',
				   '{"display_name": "Fixture Admin"}');
				 insert into atlas.memberships (user_id, district_code, role)
				 values ('00000000-0000-4000-8000-00000000f1c5', '440303', 'district_admin');
				 insert into atlas.listings (slug, kind, status, name_zh, name_en, sectors, district_code, source_urls,
				   source_notes, verified_at, verified_by, notes)
				 values ('fixture-verified', 'enterprise', 'published', '测试核实', 'Fixture Verified', '{jewellery}', '440303',
				   '{https://example.org/verified}', '{"Fixture Daily, print edition of 2026-04-30"}', '2026-04-30',
				   '00000000-0000-4000-8000-00000000f1c5',
				   'Fixture note. Mirror sources kept (no better URL found in the corpus) - original publisher: mirror.example = Fixture Daily.')`
			);
			await db.query(
				`insert into atlas.listings (slug, kind, status, name_zh, name_en, sectors, district_code, source_urls)
				 values ('fixture-draft', 'enterprise', 'draft', '测试草稿', 'Fixture Draft', '{jewellery}', '440303',
				   '{https://example.org/draft}')`
			);
		} finally {
			await db.end();
		}
	});
	afterAll(async () => {
		await site?.stop();
		await database?.drop();
	});

	test('a place page in Chinese has its title, description, Open Graph, canonical and hreflang links', async () => {
		const { status, html } = await get(`/place/${SHUIBEI}`);
		expect(status).toBe(200);
		expect(html).toMatch(/<html lang="zh-CN">/);
		expect(titleOf(html)).toBe('水贝—布心黄金珠宝产业聚集区（深圳市黄金珠宝产业集聚基地） · 深圳时尚产业地图');
		// No written description in the data: a sentence with kind, sector and district is generated.
		const description = meta(html, 'description')!;
		for (const part of ['产业集聚区', '黄金珠宝', '罗湖区']) expect(description).toContain(part);
		expect(meta(html, 'og:title')).toBe(titleOf(html));
		expect(meta(html, 'og:description')).toBe(description);
		expect(meta(html, 'og:type')).toBe('website');
		expect(meta(html, 'og:locale')).toBe('zh_CN');
		expect(meta(html, 'twitter:card')).toBe('summary');
		const canonical = linkHref(html, 'rel="canonical"')!;
		expect(canonical).toMatch(new RegExp(`^https?://[^/]+/place/${SHUIBEI}$`));
		expect(meta(html, 'og:url')).toBe(canonical);
		expect(linkHref(html, 'rel="alternate" hreflang="zh-CN"')).toBe(canonical);
		expect(linkHref(html, 'rel="alternate" hreflang="en"')).toBe(`${canonical}?lang=en`);
		// Back to the map with the place selected, and the same page in English.
		expect(html).toContain(`href="/?sel=place:${SHUIBEI}"`);
		expect(html).toContain(`href="/place/${SHUIBEI}?lang=en"`);
	});

	test('a place page shows provenance: source links, approximate location, verification date', async () => {
		const body = bodyOf((await get(`/place/${SHUIBEI}`)).html);
		expect(body).toContain('来源与核实');
		expect(body).toMatch(/<a href="https?:\/\/[^"]+" rel="noopener external"/);
		// The seeded place is placed by estimate: the page must say so.
		expect(body).toContain('近似位置');
		expect(body).toContain('估计位置');
		expect(body).toMatch(/未记录核实日期|<time datetime="\d{4}-\d{2}-\d{2}">/);
	});

	test('published figures are a table, each with its year and source', async () => {
		const body = bodyOf((await get(`/place/${SHUIBEI}`)).html);
		const table = /<table class="figures[^"]*" data-testid="figures">([\s\S]*?)<\/table>/.exec(body)?.[1] ?? '';
		expect(table).toMatch(/<th scope="col"[^>]*>年份<\/th>/);
		const rows = table.split('<tr').slice(2); // [before, header row, …data rows]
		expect(rows.length).toBeGreaterThan(0);
		for (const row of rows) {
			expect(row).toMatch(/<td class="year[^"]*"[^>]*>(\d{4}|年份不详)<\/td>/);
			expect(row).toMatch(/<td class="source[^"]*"[^>]*>/);
		}
		// The area figure of 2021 (1.1 km²) is in the seed, its metric (area_km2) named in the page's language.
		expect(table).toMatch(/<th scope="row" lang="zh-CN"[^>]*>面积<\/th>\s*<td[^>]*>\s*<span[^>]*>1\.1<\/span> <span class="unit[^"]*">平方公里<\/span>[\s\S]*?>2021</);
		const en = bodyOf((await get(`/place/${SHUIBEI}?lang=en`)).html);
		expect(en).toMatch(/<th scope="row" lang="en"[^>]*>Area<\/th>\s*<td[^>]*>\s*<span[^>]*>1\.1<\/span> <span class="unit[^"]*">km²<\/span>/);
	});

	test('a figure’s source written as an address and a note is a link to the address, with the note beside it', async () => {
		const table = /<table class="figures[^"]*" data-testid="figures">([\s\S]*?)<\/table>/.exec(bodyOf((await get('/place/chegongmiao-fashion-hq?lang=en')).html))?.[1] ?? '';
		const sources = [...table.matchAll(/<td class="source[^"]*"[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1]!);
		const mirrored = sources.filter((cell) => cell.includes('mirror of eyeshenzhen.com'));
		expect(mirrored.length).toBeGreaterThan(0);
		for (const cell of mirrored) {
			expect(cell).toMatch(/<a href="http:\/\/duykb\.icu" rel="noopener external"[^>]*>duykb\.icu<\/a>/);
			expect(cell).toMatch(/<span class="note[^"]*"[^>]*>\(mirror of eyeshenzhen\.com article of 2019-03-20[^<]*<\/span>/);
		}
	});

	test('a place page lists its listings by kind, then by name in the reader’s order', async () => {
		const listed = async (lang: 'zh' | 'en') => {
			const body = bodyOf((await get(`/place/dalang-fashion-town${lang === 'en' ? '?lang=en' : ''}`)).html);
			const list = /<ul class="listings[^"]*" data-testid="place-listings">([\s\S]*?)<\/ul>/.exec(body)?.[1] ?? '';
			return [...list.matchAll(/<a href="[^"]*"[^>]*>([^<]*)<\/a>\s*<span class="muted small[^"]*">([^<·]*)/g)].map(([, name, kind]) => ({
				name: name!.replaceAll('&amp;', '&').replaceAll('&quot;', '"').replaceAll('&#39;', "'"),
				kind: kind!.trim()
			}));
		};
		for (const [lang, kinds] of [['zh', ['企业', '公共服务平台', '活动']], ['en', ['Enterprise', 'Public service platform', 'Event']]] as const) {
			const rows = await listed(lang);
			expect(rows.length).toBeGreaterThan(5);
			const collator = new Intl.Collator(lang === 'zh' ? 'zh-CN' : 'en', { sensitivity: 'base', ignorePunctuation: true });
			const sorted = [...rows].sort((a, b) => kinds.indexOf(a.kind as never) - kinds.indexOf(b.kind as never) || collator.compare(a.name, b.name));
			expect(rows).toEqual(sorted);
			expect(new Set(rows.map((r) => r.kind)).size).toBeGreaterThan(1);
		}
	});

	test('a place page names its subdistricts and key places, as the research gives them', async () => {
		const zh = bodyOf((await get(`/place/${SHUIBEI}`)).html);
		expect(zh).toMatch(/<dt[^>]*>所属街道<\/dt>\s*<dd[^>]*>翠竹街道、东晓街道 \(布心; inferred\)<\/dd>/);
		const keyPlaces = /<ul class="key-places[^"]*" data-testid="key-places">([\s\S]*?)<\/ul>/.exec(zh)?.[1] ?? '';
		expect(keyPlaces).toMatch(/<li[^>]*>水贝国际珠宝交易中心 \(2004-04\)<\/li>/);
		expect(keyPlaces.match(/<li/g)).toHaveLength(11);
		const en = bodyOf((await get(`/place/${SHUIBEI}?lang=en`)).html);
		expect(en).toMatch(/<dt[^>]*>Subdistricts<\/dt>\s*<dd[^>]*>翠竹街道; 东晓街道/);
		expect(en).toMatch(/<dt[^>]*>Key places<\/dt>/);
		// Dalang Fashion Town names no key places: no empty heading
		expect(bodyOf((await get('/place/dalang-fashion-town')).html)).not.toContain('主要场所');
	});

	test('a place page lists its published listings with live counts, and links them keeping the language', async () => {
		const zh = bodyOf((await get(`/place/${SHUIBEI}`)).html);
		expect(zh).toContain('href="/listing/fixture-escape"');
		expect(zh).toContain('href="/listing/fixture-event"');
		expect(zh).not.toContain('fixture-draft');
		expect(zh).toMatch(/data-testid="counts"[\s\S]*企业 <strong>\d+<\/strong>[\s\S]*活动 <strong>\d+<\/strong>/);
		const en = bodyOf((await get(`/place/${SHUIBEI}?lang=en`)).html);
		expect(en).toContain('href="/listing/fixture-escape?lang=en"');
	});

	test('the English place page is in English, with its own canonical URL', async () => {
		const { status, html } = await get(`/place/${SHUIBEI}?lang=en`);
		expect(status).toBe(200);
		expect(html).toMatch(/<html lang="en">/);
		expect(titleOf(html)).toMatch(/^Shuibei-Buxin Gold &amp; Jewellery Cluster .* · Shenzhen Fashion Map$/);
		expect(meta(html, 'description')).toMatch(/Industry cluster.*Luohu District, Shenzhen.*Sectors: /);
		expect(meta(html, 'og:locale')).toBe('en_US');
		expect(linkHref(html, 'rel="canonical"')).toMatch(new RegExp(`/place/${SHUIBEI}\\?lang=en$`));
		const body = bodyOf(html);
		expect(body).toContain('Approximate location');
		expect(body).toContain('Published figures');
		expect(body).toContain(`href="/?lang=en&amp;sel=place:${SHUIBEI}"`);
		expect(body).toContain(`href="/place/${SHUIBEI}"`); // the switch back to Chinese
	});

	test('a seeded listing page has title, meta, place/district and provenance', async () => {
		const { status, html } = await get('/listing/fiyta');
		expect(status).toBe(200);
		expect(titleOf(html)).toBe('飞亚达精密科技股份有限公司 · 深圳时尚产业地图');
		expect(meta(html, 'description')).toMatch(/企业.*南山区.*钟表/);
		expect(meta(html, 'og:url')).toMatch(/\/listing\/fiyta$/);
		expect(linkHref(html, 'rel="alternate" hreflang="en"')).toMatch(/\/listing\/fiyta\?lang=en$/);
		const body = bodyOf(html);
		expect(body).toContain('href="/?sel=listing:fiyta"');
		expect(body).toContain('南山区');
		expect(body).toMatch(/<a href="https?:\/\/[^"]+" rel="noopener external"/);
		// FIYTA's point is a street address: no "approximate" note.
		expect(body).toContain('门牌地址');
		expect(body).not.toContain('近似位置');
	});

	test('a listing page shows its published figures, named and with units in the page language', async () => {
		const figuresOf = (html: string) => /<table class="figures[^"]*" data-testid="figures">([\s\S]*?)<\/table>/.exec(bodyOf(html))?.[1] ?? '';
		// the seed: Ellassay's revenue of 2023, 2.92 billion CNY (29.2亿元 in Chinese)
		const zh = figuresOf((await get('/listing/ellassay')).html);
		expect(zh).toMatch(/<th scope="row" lang="zh-CN"[^>]*>营业收入<\/th>\s*<td[^>]*>\s*<span[^>]*>29\.2亿<\/span><span class="unit[^"]*">元<\/span>[\s\S]*?>2023</);
		const en = figuresOf((await get('/listing/ellassay?lang=en')).html);
		expect(en).toMatch(/<th scope="row" lang="en"[^>]*>Revenue<\/th>\s*<td[^>]*>\s*<span[^>]*>2\.92 billion<\/span> <span class="unit[^"]*">CNY<\/span>/);
		// a listing without figures has no figures section
		expect(bodyOf((await get('/listing/kunpeng-award')).html)).not.toContain('data-testid="figures"');
	});

	test('provenance lists sources cited without a link after the links, and who verified a listing', async () => {
		const sourcesOf = (html: string) => /<ol class="sources[^"]*" data-testid="sources">([\s\S]*?)<\/ol>/.exec(bodyOf(html))?.[1] ?? '';
		const verifiedOf = (html: string) => /<dd[^>]*data-testid="verified"[^>]*>([\s\S]*?)<\/dd>/.exec(bodyOf(html))?.[1] ?? '';
		const zh = (await get('/listing/fixture-verified')).html;
		expect(sourcesOf(zh)).toMatch(/<a href="https:\/\/example\.org\/verified"[^>]*>[\s\S]*<li[^>]*>Fixture Daily, print edition of 2026-04-30<\/li>/);
		expect(verifiedOf(zh)).toMatch(/2026年4月30日[\s\S]*核实人：Fixture Admin（罗湖区区级管理员）/);
		const en = (await get('/listing/fixture-verified?lang=en')).html;
		expect(verifiedOf(en)).toMatch(/Apr 30, 2026[\s\S]*by Fixture Admin \(District administrator, Luohu District\)/);
		// the seed's own: CHIC Shenzhen cites a FashionUnited article it could not link to
		// (the address written first is a link, the note after it text)
		expect(sourcesOf((await get('/listing/chic-shenzhen')).html)).toMatch(
			/<a href="http:\/\/fashionunited\.com"[^>]*>http:\/\/fashionunited\.com<\/a> <span[^>]*>\(2020 article: CHIC Shenzhen July 15-17 2020 at Shenzhen World\)<\/span>/
		);
		// and a place: Chegongmiao cites a mirror of an Eye Shenzhen article
		expect(sourcesOf((await get('/place/chegongmiao-fashion-hq')).html)).toMatch(/<a href="http:\/\/duykb\.icu"[^>]*>http:\/\/duykb\.icu<\/a> <span[^>]*>\(mirror of eyeshenzhen\.com article of 2019-03-20/);
		// seeded records have no verifier
		expect(verifiedOf((await get('/listing/fiyta')).html)).not.toContain('核实人');
	});

	test("a source on a mirror site says whose article it copies, in the page's language, instead of the research's working note", async () => {
		const sourceItem = (html: string, url: string) => new RegExp(`<li[^>]*>\\s*<a href="${url.replace(/[./?]/g, '\\$&')}"[^>]*>[\\s\\S]*?</li>`).exec(bodyOf(html))?.[0] ?? '';
		const notesOf = (html: string) => /<dt[^>]*>(?:说明|Notes)<\/dt>\s*<dd[^>]*>([\s\S]*?)<\/dd>/.exec(bodyOf(html))?.[1] ?? null;
		// Bawang's notes are only the clause: its first source copies 人民网深圳; its second is no mirror
		const zh = (await get('/listing/bawang')).html;
		expect(bodyOf(zh)).not.toMatch(/Mirror sources kept|no better URL|corpus/);
		expect(notesOf(zh)).toBeNull();
		expect(sourceItem(zh, 'http://yxdaikin.com/n2/2022/1114/c182757-40193783-2.html')).toMatch(
			/<span class="mirror[^"]*" data-testid="mirror">转载，原文：<span[^>]*>人民网深圳 \(sz\.people\.com\.cn\), 2022-11-14; same figures in People's Daily Online's PRNewswire release 2022-11-16<\/span><\/span>/
		);
		expect(sourceItem(zh, 'http://szwa.com/news-detail-10564.html')).not.toContain('data-testid="mirror"');
		// in English; the rest of the notes stays, and a publisher the research could not name is said to be unknown
		const en = (await get('/listing/china-intl-underwear-culture-week?lang=en')).html;
		expect(bodyOf(en)).not.toMatch(/Mirror sources kept|no better URL|corpus/);
		expect(notesOf(en)).toMatch(/^SIUF grew 100%\/year for five years before 2011 .* Venue and post-2011 dates not found\.$/);
		expect(sourceItem(en, 'http://91se91.com/global/en/179207.html')).toContain('>A copy; original publisher not known</span>');
		expect(sourceItem(en, 'http://www.grandtextile.net/2025-09-22-zhang-fengwei-culture-makes-underwear-4946.html')).toMatch(
			/A copy; original: <span>repost \(2025\) of a c\.2010 interview; original publisher not shown<\/span>/
		);
		// a note naming a mirror that none of the record's sources is on is shown as written: nothing in it is lost
		const fixture = bodyOf((await get('/listing/fixture-verified?lang=en')).html);
		expect(fixture).toContain('Fixture note. Mirror sources kept (no better URL found in the corpus) - original publisher: mirror.example = Fixture Daily.');
		expect(fixture).not.toContain('data-testid="mirror"');
		// and so is one that names no site
		expect(bodyOf((await get('/listing/fixture-event?lang=en')).html)).toContain('Mirror sources kept (no better URL found in the corpus) - original publisher: unknown.');
	});

	test('an event shows when it is usually held and who organises it, as the research words them', async () => {
		const fact = (html: string, testid: string) => new RegExp(`<dd[^>]*data-testid="${testid}"[^>]*>([^<]*)</dd>`).exec(bodyOf(html));
		// the seed's CHIC Shenzhen: usually in July, organised by CHIC's organisers with Messe Frankfurt
		const zh = (await get('/listing/chic-shenzhen')).html;
		expect(fact(zh, 'usual-month')?.[1]).toBe('7月');
		expect(fact(zh, 'organiser')?.[1]).toBe('CHIC organisers with Messe Frankfurt (Intertextile Shenzhen)');
		expect(fact((await get('/listing/chic-shenzhen?lang=en')).html, 'usual-month')?.[1]).toBe('July');
		// wording other than a month stays as written, tagged as English
		const other = fact((await get('/listing/shenzhen-fashion-week')).html, 'usual-month');
		expect(other?.[0]).toContain('lang="en"');
		expect(other?.[1]).toBe('March (A/W season) and Oct-Nov (S/S season)');
		// a listing that is not an event has neither
		expect(bodyOf((await get('/listing/fiyta')).html)).not.toMatch(/data-testid="(usual-month|organiser)"/);
	});

	test("the research's recurring phrases (platform types, an organiser or a location not known) are in the page's language", async () => {
		const fact = (html: string, testid: string) => new RegExp(`<dd([^>]*)data-testid="${testid}"[^>]*>([^<]*)</dd>`).exec(bodyOf(html));
		const association = (await get('/listing/lixiu-fashion-association')).html;
		expect(fact(association, 'platform-type')?.[2]).toBe('行业协会');
		expect(fact(association, 'location-method')?.[2]).toBe('未定位：未找到地址');
		expect(fact(association, 'location-method')?.[1]).toContain('lang="zh-CN"');
		const week = (await get('/listing/shenzhen-fashion-consumption-week-2022')).html;
		expect(fact(week, 'organiser')?.[2]).toBe('未确认');
		expect(fact(week, 'location-method')?.[2]).toBe('未定位：举办场地不固定或不详');
		// the English page shows them as the research wrote them, with a capital first letter
		const associationEn = (await get('/listing/lixiu-fashion-association?lang=en')).html;
		expect(fact(associationEn, 'platform-type')?.[2]).toBe('Industry association');
		expect(fact(associationEn, 'location-method')?.[2]).toBe('Not estimated - no address found');
	});

	test('research text kept in its own language is tagged with that language (WCAG 3.1.2)', async () => {
		const tagOf = (html: string, testid: string) => new RegExp(`<[a-z]+[^>]*data-testid="${testid}"[^>]*>`).exec(bodyOf(html))?.[0] ?? '';
		// FIYTA's location method is English research text, in the Chinese page too
		expect(tagOf((await get('/listing/fiyta')).html, 'location-method')).toContain('lang="en"');
		// CHIC Shenzhen's organiser is English in both pages; the English page needs no tag of its own
		expect(tagOf((await get('/listing/chic-shenzhen')).html, 'organiser')).toContain('lang="en"');
		// Dafen's key places are written in Chinese: tagged so in the English page
		const dafenEn = bodyOf((await get('/place/dafen-oil-painting-village?lang=en')).html);
		expect(/<ul class="key-places[^>]*>([\s\S]*?)<\/ul>/.exec(dafenEn)?.[1]).toMatch(/^<li lang="zh-CN">大芬美术馆/);
		// and its painters figure ("~8000 in the village…") is English in the Chinese page
		expect(bodyOf((await get('/place/dafen-oil-painting-village')).html)).toMatch(/<span lang="en">~8000 in the village/);
	});

	test("the research's own confidence rating is shown, in the page's language", async () => {
		const ratingOf = (html: string) => /<dd([^>]*)data-testid="confidence"[^>]*>([^<]*)<\/dd>/.exec(bodyOf(html));
		// a listing (FIYTA: medium) and an area rated per aspect (Shuibei: high for its figures, medium for its outline)
		expect(ratingOf((await get('/listing/fiyta')).html)?.[2]).toBe('中');
		expect(ratingOf((await get('/listing/fiyta?lang=en')).html)?.[2]).toBe('Medium');
		expect(ratingOf((await get('/place/shuibei-buxin-jewellery-cluster')).html)?.[2]).toBe('数据：高；轮廓：中');
		const en = ratingOf((await get('/place/shuibei-buxin-jewellery-cluster?lang=en')).html);
		expect(en?.[2]).toBe('High (figures), medium (outline)');
		expect(en?.[1]).not.toContain('lang=');
		// a listing added by a district has no rating, and no empty row for one
		expect(ratingOf((await get('/listing/fixture-verified')).html)).toBeNull();
	});

	test('a listing of several sectors (an empty sector list in the data) says so in words, in both languages', async () => {
		const sectorsOf = (html: string) => /<dt[^>]*>(?:行业|Sectors)<\/dt>\s*<dd[^>]*>([\s\S]*?)<\/dd>/.exec(bodyOf(html))?.[1]?.trim();
		expect(sectorsOf((await get('/listing/kunpeng-award')).html)).toBe('多个行业');
		expect(sectorsOf((await get('/listing/kunpeng-award?lang=en')).html)).toBe('Several sectors');
		// a listing with sectors still lists them as tags
		expect(sectorsOf((await get('/listing/fiyta')).html)).toMatch(/<ul class="sector-tags[^"]*">\s*<li[^>]*>钟表<\/li>/);
	});

	test('an event listing shows its dates, venue and area; without coordinates it says there is no known location', async () => {
		const body = bodyOf((await get('/listing/fixture-event?lang=en')).html);
		expect(body).toMatch(/<time datetime="2026-05-01">May 1, 2026 – May 3, 2026<\/time>/);
		expect(body).toContain('Fixture Hall');
		expect(body).toContain(`href="/place/${SHUIBEI}?lang=en"`);
		expect(body).toContain('No known location');
		expect(body).toContain('Verification date not recorded');
	});

	test('HTML in data is shown as text, never as markup; only http(s) sources become links', async () => {
		for (const path of ['/listing/fixture-escape', '/listing/fixture-escape?lang=en', `/place/${SHUIBEI}`]) {
			const { status, html } = await get(path);
			expect(status).toBe(200);
			expect(html).not.toContain('<script>alert');
			expect(html).not.toContain('<img src=x');
			expect(html).not.toContain('<b>Bold</b>');
			expect(html).not.toContain('<i>fixture note</i>');
			expect(html).not.toMatch(/href="javascript:/i);
		}
		const { html } = await get('/listing/fixture-escape?lang=en');
		expect(titleOf(html)).toBe('Fixture &lt;b>Bold&lt;/b> &amp; &lt;script>alert(1)&lt;/script> Co · Shenzhen Fashion Map');
		const body = bodyOf(html);
		expect(body).toContain('&lt;img src=x onerror=alert(2)> fixture summary');
		expect(body).toContain('&lt;i>fixture note&lt;/i>');
		expect(body).toMatch(/<li[^>]*>javascript:alert\(3\)<\/li>/);
		expect(body).toMatch(/<a href="https:\/\/example\.org\/fixture-source" rel="noopener external"[^>]*>/);
		expect(body).toContain('Approximate location');
		expect(body).toContain('within about 300 m');
	});

	test('a link with a date the calendar does not have shows the explorer as without it, not a data-service failure', async () => {
		for (const path of ['/?from=2024-02-30', '/?lang=en&to=2023-02-29&kinds=event', '/?view=clusters&from=2024-04-31']) {
			const { status, html } = await get(path);
			expect(status).toBe(200);
			expect(html).not.toContain(path.includes('lang=en') ? 'The data service cannot be reached' : '数据服务暂时无法访问');
		}
		const count = (html: string) => html.match(/data-testid="listing-count"[^>]*>([^<]+)</)?.[1];
		const all = count((await get('/')).html);
		expect(all).toMatch(/^\d+ 个条目$/);
		expect(count((await get('/?from=2024-02-30')).html)).toBe(all);
	});

	test('the cluster view introduces its table in whole sentences, as each language spaces them', async () => {
		expect(bodyOf((await get('/?view=clusters&lang=en')).html)).toMatch(/with year and source\. Data as of \w{3} \d{1,2}, \d{4}/);
		expect(bodyOf((await get('/?view=clusters')).html)).toMatch(/并注明年份与来源。数据截至 ?\d{4}年/);
	});

	test('a listing with several sectors (none named) is described as such, not with a dash', async () => {
		const description = meta((await get('/listing/sustech-design-school?lang=en')).html, 'description')!;
		expect(description).toContain('Sectors: several.');
		expect(meta((await get('/listing/sustech-design-school')).html, 'description')).toContain('行业：多个。');
	});

	test('the explorer names in its title and Open Graph what a shared link shows: a selection, a comparison, a search', async () => {
		const head = async (path: string) => {
			const { html } = await get(path);
			expect(meta(html, 'og:title')).toBe(titleOf(html));
			return { title: titleOf(html), description: meta(html, 'description') };
		};
		expect((await head('/')).title).toBe('深圳时尚产业地图');
		const listing = await head('/?sel=listing:sustech-design-school&lang=en');
		expect(listing.title).toBe('SUSTech School of Design / Shenzhen Institute of Design &amp; Innovation · Shenzhen Fashion Map');
		expect(listing.description).toMatch(/^SUSTech School of Design .* \(Public service platform, .+ District, Shenzhen\)\. Sectors: several\.$/);
		const place = await head(`/?sel=place:${SHUIBEI}`);
		expect(place.title).toBe('水贝—布心黄金珠宝产业聚集区（深圳市黄金珠宝产业集聚基地） · 深圳时尚产业地图');
		expect(place.description).toContain('黄金珠宝');
		const compare = await head(`/?view=clusters&compare=${SHUIBEI},440303&lang=en`);
		expect(compare.title).toMatch(/^Comparison: Shuibei.*, Luohu.* · Shenzhen Fashion Map$/);
		expect((await head(`/?view=clusters&compare=${SHUIBEI},440303`)).title).toMatch(/^区域对比：水贝.*、罗湖区 · 深圳时尚产业地图$/);
		expect((await head('/?q=%E6%B0%B4%E8%B4%9D')).title).toBe('搜索“水贝” · 深圳时尚产业地图');
	});

	test('the explorer names its area groups in the plural and its exports once, with each language’s colon', async () => {
		const text = (html: string) => bodyOf(html).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
		const enHtml = (await get('/?lang=en')).html;
		expect(text(enHtml)).toMatch(/Fashion consumption districts 5 /);
		expect(text(enHtml)).toMatch(/Industry clusters 15 /);
		expect(text(enHtml)).toContain('Export: CSV · GeoJSON · Events calendar (.ics)');
		expect(bodyOf(enHtml)).toMatch(/>Export: <a href="\/export\/listings\.csv/);
		// a full-width colon, with no space after it
		const zhHtml = (await get('/')).html;
		expect(bodyOf(zhHtml)).toMatch(/>导出：<a href="\/export\/listings\.csv[^"]*"[^>]*>CSV<\/a>/);
	});

	test('a circle’s statistics name its radius as the area tools do: in kilometres from 1 km', async () => {
		const text = (html: string) => bodyOf(html).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
		expect(text((await get('/?lang=en&area=c:114.13,22.58,2000')).html)).toContain('Circle of radius 2 km');
		expect(text((await get('/?area=c:114.13,22.58,500')).html)).toContain('半径 500 米的圆形范围');
		expect(bodyOf((await get('/?lang=en')).html)).toMatch(/<option value="2000"[^>]*>2 km<\/option>/);
	});

	test('the sign-in page’s language link also switches the language of the page it leads to afterwards', async () => {
		const langLink = (html: string) => /<a class="lang[^"]*" href="([^"]+)"/.exec(html)?.[1]?.replaceAll('&amp;', '&');
		const toChinese = new URL(langLink((await get('/manage/sign-in?lang=en&next=%2Fmanage%2Flistings%3Flang%3Den')).html)!, site.url);
		expect(toChinese.searchParams.get('lang')).toBeNull();
		expect(toChinese.searchParams.get('next')).toBe('/manage/listings');
		const toEnglish = new URL(langLink((await get('/manage/sign-in?next=%2Fmanage%2Flistings')).html)!, site.url);
		expect(toEnglish.searchParams.get('lang')).toBe('en');
		expect(toEnglish.searchParams.get('next')).toBe('/manage/listings?lang=en');
	});

	test('unknown and unpublished records are 404 with a message in the page language', async () => {
		const place = await get('/place/no-such-place');
		expect(place.status).toBe(404);
		expect(place.html).toContain('找不到此区域');
		const listing = await get('/listing/no-such-listing?lang=en');
		expect(listing.status).toBe(404);
		expect(listing.html).toContain('No such listing');
		// A draft is visible to its district's members only; anonymous visitors get the same 404.
		const draft = await get('/listing/fixture-draft');
		expect(draft.status).toBe(404);
		expect(draft.html).toContain('找不到此条目');
		expect(draft.html).not.toContain('Fixture Draft');
	});

	test('the error page speaks the language of the URL and leads back to the map in it', async () => {
		const en = await get('/no-such-page?lang=en');
		expect(en.status).toBe(404);
		expect(en.html).toMatch(/<html lang="en"/);
		expect(titleOf(en.html)).toBe('Page not found · Shenzhen Fashion Map');
		const enBody = bodyOf(en.html);
		expect(enBody).toMatch(/<h1[^>]*>Page not found<\/h1>/);
		expect(enBody).toContain('There is no page at this address.');
		expect(enBody).toMatch(/<a href="\/\?lang=en"[^>]*>Back to the map<\/a>/);
		expect(enBody).toMatch(/<a class="lang-switch[^"]*" href="\/no-such-page"[^>]*>中文<\/a>/);
		expect(enBody).not.toMatch(/[\u4e00-\u9fff](?![^<]*<\/a>)/); // no Chinese but the language switch
		expect(enBody).not.toContain('Error ID'); // nothing was logged for a mistyped address

		const zh = await get('/no-such-page');
		expect(zh.status).toBe(404);
		expect(titleOf(zh.html)).toBe('找不到此页面 · 深圳时尚产业地图');
		expect(bodyOf(zh.html)).toContain('此网址没有对应的页面。');
		expect(bodyOf(zh.html)).toMatch(/<a class="lang-switch[^"]*" href="\/no-such-page\?lang=en"[^>]*>English<\/a>/);

		// a route's own message, under the heading in the same language
		const listing = bodyOf((await get('/listing/no-such-listing?lang=en')).html);
		expect(listing).toMatch(/<h1[^>]*>Page not found<\/h1>\s*<p[^>]*>No such listing<\/p>/);
	});

	test('a listing reached by its uuid redirects to its slug URL', async () => {
		const db = new pg.Client({ connectionString: database.url });
		await db.connect();
		const { rows } = await db.query<{ id: string }>(`select id from atlas.listings where slug = 'fixture-event'`);
		await db.end();
		const { status, location } = await get(`/listing/${rows[0]!.id}?lang=en`);
		expect(status).toBe(308);
		expect(location).toBe('/listing/fixture-event?lang=en');
	});
});
