// Pure helpers shared by PlaceDetails, ListingDetails and the /place and /listing pages: links that keep the
// language, text in the language asked for (with its `lang` tag), and the generated meta description.
import { htmlLang, nameOf, t, type Lang } from '$lib/i18n';
import type { DistrictRef, ListingDetail, PlaceDetail, Sector, SectorCode } from '$lib/data/types';

/** A piece of data text and the language it is actually in (the other one when the asked-for one is missing). */
export interface LocalizedText {
	text: string;
	lang: Lang;
}

/**
 * Picks the text in `lang`, falling back to the other language; null when both are empty.
 * @param zh the Chinese text
 * @param en the English text
 * @returns the text with its real language, so the markup can carry a correct `lang` attribute
 */
export function pickText(zh: string | null | undefined, en: string | null | undefined, lang: Lang): LocalizedText | null {
	const [first, second]: [LocalizedText | null, LocalizedText | null] = [
		zh?.trim() ? { text: zh, lang: 'zh' } : null,
		en?.trim() ? { text: en, lang: 'en' } : null
	];
	return lang === 'zh' ? (first ?? second) : (second ?? first);
}

/** The `lang` attribute value for a data language (the same as the page's `<html lang>`). */
export const langAttr = htmlLang;

/**
 * A site path with `?lang=en` added when the page is in English (Chinese is the default and needs no parameter).
 * @param path a path without a query, e.g. `/listing/fiyta`
 */
export function withLang(path: string, lang: Lang, extra: Record<string, string> = {}): string {
	// Built by hand rather than with URLSearchParams so `sel=place:x` keeps its readable colon.
	const parts = [...(lang === 'en' ? ['lang=en'] : []), ...Object.entries(extra).map(([k, v]) => `${k}=${encodeURIComponent(v).replace(/%3A/g, ':')}`)];
	return parts.length ? `${path}?${parts.join('&')}` : path;
}

export const placePath = (id: string, lang: Lang) => withLang(`/place/${encodeURIComponent(id)}`, lang);
export const listingPath = (slug: string, lang: Lang) => withLang(`/listing/${encodeURIComponent(slug)}`, lang);

/**
 * Whether a source string can be a link. Sources are free text from research notes (some describe a file instead
 * of giving a URL), and only http(s) may become an href: a `javascript:` URL in data must never be clickable.
 */
export function isWebUrl(value: string | null | undefined): value is string {
	// (whitespace: browsers and Node disagree on whether "http://host (a note)" is a URL; it is not one here)
	if (!value || /\s/.test(value)) return false;
	try {
		const { protocol } = new URL(value);
		return protocol === 'http:' || protocol === 'https:';
	} catch {
		return false;
	}
}

/**
 * A source as a link and a note: the research sometimes writes a note after the address
 * ("http://duykb.icu (mirror of an eyeshenzhen.com article …)"). A source that does not start with a web address
 * is all note.
 * @example splitSource('http://a.cn (mirror)') // { url: 'http://a.cn', note: '(mirror)' }
 */
export function splitSource(source: string): { url: string | null; note: string | null } {
	const [, first = '', rest = ''] = /^\s*(\S*)\s*([\s\S]*?)\s*$/.exec(source) ?? [];
	return isWebUrl(first) ? { url: first, note: rest || null } : { url: null, note: source };
}

/** The host of a web URL without `www.`, for short link text. */
export function hostOf(url: string): string {
	return new URL(url).hostname.replace(/^www\./, '');
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * When an event usually takes place, in the page language where the research wrote just a month ("July" → "7月");
 * any other wording ("spring (Mar/Apr) and autumn (Nov)") is research text, shown as written with its language.
 */
export function usualMonthText(value: string, lang: Lang): LocalizedText {
	const month = MONTHS.indexOf(value.trim());
	if (month >= 0) return { text: lang === 'zh' ? `${month + 1}月` : MONTHS[month]!, lang };
	return { text: value, lang: textLang(value) ?? lang };
}

/**
 * The language a piece of research text is mostly written in. Methods, notes, sources and some figures are kept as
 * the researchers wrote them: English inside the Chinese page and the reverse. Their `lang` tag lets a screen reader
 * read them in the right voice (WCAG 3.1.2). Chinese when its Han characters, taken two to a word, outnumber its
 * Latin words ("沙头街道 / 香蜜湖街道 (inferred)"; but "4.15 billion (41.5亿元)" is English); null for text with
 * neither (numbers, symbols).
 */
export function textLang(text: string): Lang | null {
	const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
	const words = text.match(/[A-Za-z]+/g)?.length ?? 0;
	if (han === 0 && words === 0) return null;
	return han / 2 > words ? 'zh' : 'en';
}

/**
 * The `lang` attribute for research text shown in a page of `pageLang` (see textLang): undefined, to inherit the
 * page's, when the text is in the page's language or its language cannot be told.
 */
export function textLangAttr(text: string | number | null | undefined, pageLang: Lang): string | undefined {
	const found = typeof text === 'string' ? textLang(text) : null;
	return found && found !== pageLang ? langAttr(found) : undefined;
}

/**
 * The research's recurring phrases, in Chinese for the Chinese page: the platform types and the set wordings for an
 * organiser not confirmed or a location not estimated. The researchers wrote them in English.
 */
const RESEARCH_TERMS_ZH: Readonly<Record<string, string>> = {
	'industry association': '行业协会',
	'museum / culture': '博物馆／文化',
	'testing & inspection': '检验检测',
	'testing & training': '检测与培训',
	university: '大学',
	college: '学院',
	'vocational school': '职业学校',
	'public service / management': '公共服务／管理',
	'industry service platform / show venue': '产业服务平台／展示场馆',
	'exhibition / show venue': '展览／展示场馆',
	'market information platform': '市场信息平台',
	'not confirmed': '未确认',
	'not confirmed in the sources found': '所查来源中未能确认',
	'not estimated - no address found': '未定位：未找到地址',
	'not estimated - venue unknown': '未定位：举办场地不详',
	'not estimated - venue varies or unknown': '未定位：举办场地不固定或不详'
};

/**
 * A platform type, organiser or location method in the page language when it is one of the research's recurring
 * phrases (RESEARCH_TERMS_ZH); any other wording is research text, shown as written with the language it is in.
 * @example researchTermText('industry association', 'zh') // { text: '行业协会', lang: 'zh' }
 */
export function researchTermText(value: string, lang: Lang): LocalizedText {
	const term = value.trim();
	if (Object.hasOwn(RESEARCH_TERMS_ZH, term)) return lang === 'zh' ? { text: RESEARCH_TERMS_ZH[term]!, lang: 'zh' } : { text: sentenceCase(term), lang: 'en' };
	return { text: value, lang: textLang(value) ?? lang };
}

/**
 * The research writes its vocabulary in lower case ("college", "medium"); shown as a field's value in the English
 * UI, a term starts with a capital, as the UI's own values do ("Enterprise"). Other wording (a name) is left as is.
 */
const sentenceCase = (text: string) => text.replace(/^[a-z]/, (first) => first.toUpperCase());

const CONFIDENCE_LEVELS: Readonly<Record<string, string>> = { high: '高', medium: '中', 'medium-low': '中低', low: '低', 'very low': '很低' };
const CONFIDENCE_ASPECTS: Readonly<Record<string, string>> = { figures: '数据', location: '位置', outline: '轮廓', extent: '范围', existence: '是否存在' };

/**
 * The research's own confidence rating in the page language. It is written in English, as a level or as levels per
 * aspect ("medium", "high (figures), low (location)"); the Chinese page spells that vocabulary out ("数据：高；位置：低").
 * Wording outside it is shown as written, with its language.
 */
export function confidenceText(value: string, lang: Lang): LocalizedText {
	const written: LocalizedText = { text: value, lang: textLang(value) ?? 'en' };
	const parts = value.split(',').map((part) => /^\s*([a-z -]+?)\s*(?:\(([a-z]+)\))?\s*$/.exec(part));
	if (!parts.every((m) => m && Object.hasOwn(CONFIDENCE_LEVELS, m[1]!) && (!m[2] || Object.hasOwn(CONFIDENCE_ASPECTS, m[2])))) return written;
	if (lang === 'en') return { text: sentenceCase(value.trim()), lang: 'en' };
	const text = parts.map((m) => (m![2] ? `${CONFIDENCE_ASPECTS[m![2]]}：${CONFIDENCE_LEVELS[m![1]!]}` : CONFIDENCE_LEVELS[m![1]!])).join('；');
	return { text, lang: 'zh' };
}

/** Sector names in the page language, in the order given; unknown codes are shown as codes. */
export function sectorNames(codes: readonly SectorCode[], sectors: readonly Sector[], lang: Lang): string[] {
	return codes.map((code) => {
		const sector = sectors.find((s) => s.code === code);
		return sector ? nameOf(sector, lang) : code;
	});
}

/** Joins a list of names the way the language does (、 in Chinese). */
export const joinNames = (names: readonly string[], lang: Lang) => names.join(lang === 'zh' ? '、' : ', ');

/**
 * A one-sentence description for `<meta name="description">` when the record has no written one.
 * @example describeRecord('en', 'FIYTA', 'Enterprise', ['Watches'], [nanshan]) // 'FIYTA (Enterprise, Nanshan District, Shenzhen). Sectors: Watches.'
 */
export function describeRecord(lang: Lang, name: string, kind: string, sectors: readonly string[], districts: readonly DistrictRef[]): string {
	const districtNames = joinNames(
		districts.map((d) => nameOf(d, lang)),
		lang
	);
	const where = districtNames ? t(lang, 'meta.where', { district: districtNames }) : t(lang, 'meta.city');
	// no sectors means several (see SectorTags), as the page itself says
	return t(lang, 'meta.summary', { name, kind, where, sectors: joinNames(sectors, lang) || t(lang, 'meta.severalSectors') });
}

/** A listing's name in `lang` (else the other language's, else its slug): its page's title. */
export const listingName = (listing: ListingDetail, lang: Lang) => nameOf(listing, lang) || listing.slug;

/** A place's name in `lang` (else the other language's, else its id). */
export const placeName = (place: PlaceDetail, lang: Lang) => nameOf(place, lang) || place.id;

/**
 * The description of a listing for search engines and link previews: its summary, else one generated sentence.
 * @example listingDescription(fiyta, sectors, 'en') // 'FIYTA (Enterprise, Nanshan District, Shenzhen). Sectors: Watches.'
 */
export function listingDescription(listing: ListingDetail, sectors: readonly Sector[], lang: Lang): string {
	const summary = pickText(listing.summary_zh, listing.summary_en, lang)?.text;
	const kind = t(lang, `kind.${listing.kind}`);
	return clip(summary ?? describeRecord(lang, listingName(listing, lang), kind, sectorNames(listing.sectors, sectors, lang), listing.district ? [listing.district] : []));
}

/** The description of a place for search engines and link previews: its own, else one generated sentence. */
export function placeDescription(place: PlaceDetail, sectors: readonly Sector[], lang: Lang): string {
	const own = pickText(place.description_zh, place.description_en, lang)?.text;
	return clip(own ?? describeRecord(lang, placeName(place, lang), t(lang, `kind.${place.kind}`), sectorNames(place.sectors, sectors, lang), place.districts));
}

/** Shortens text for a meta description, at a word or character boundary, with an ellipsis. */
export function clip(text: string, max = 200): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	if (flat.length <= max) return flat;
	const cut = flat.slice(0, max - 1);
	const space = cut.lastIndexOf(' ');
	return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

/**
 * Calls `open` instead of following the link on a plain click: the explorer's lists and panels select the linked
 * item on the map rather than leave it for the item's own page. A click meant for a new tab or window follows the link.
 * @example <a href={placePath(id, lang)} onclick={(e) => openInPlace(e, () => onOpenPlace?.(id))}>
 */
export function openInPlace(event: MouseEvent, open: (() => void) | undefined): void {
	if (!open || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
	event.preventDefault();
	open();
}

