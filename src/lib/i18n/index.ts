import { messages, type MessageKey } from './messages';

export type Lang = 'zh' | 'en';
export const LANGS: readonly Lang[] = ['zh', 'en'];
export const DEFAULT_LANG: Lang = 'zh';

/** The language asked for in a URL (`?lang=en`); Chinese otherwise. */
export function langFromUrl(url: URL): Lang {
	return url.searchParams.get('lang') === 'en' ? 'en' : 'zh';
}

/** BCP 47 tag for `<html lang>` and `Intl`. */
export const htmlLang = (lang: Lang) => (lang === 'zh' ? 'zh-CN' : 'en');
/** The language the page is not in (for names and links in the other one). */
export const otherLang = (lang: Lang): Lang => (lang === 'zh' ? 'en' : 'zh');

/**
 * Translates a UI message, filling `{name}` placeholders.
 * @example t('en', 'list.count', { n: 3 }) // '3 listings'
 */
export function t(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
	return fill(messages[lang][key], params);
}

/** A part of the site's own messages (manage-messages.ts, investor-messages.ts), kept out of the pages without it. */
export type MessageTable<K extends string> = { readonly zh: Readonly<Record<K, string>>; readonly en: Readonly<Record<K, string>> };

/**
 * `t` for a part of the site with its own messages besides the shared ones; its modules import this one, so only
 * the pages that load that part carry its text.
 * @example export const t = translatorWith(investorMessages); t('en', 'inv.clustersTitle')
 */
export function translatorWith<K extends string>(own: MessageTable<K>) {
	return (lang: Lang, key: MessageKey | K, params: Record<string, string | number> = {}): string =>
		fill(key in own.zh ? own[lang][key as K] : messages[lang][key as MessageKey], params);
}

// Only English messages have plural forms (Chinese words do not change with the number).
const englishPlural = new Intl.PluralRules('en');

/**
 * A message with its placeholders filled: `{name}` is the value, `{name:one|other}` the word that goes with a number
 * (`{n} {n:listing|listings}`: "1 listing", "2 listings"). A name without a value stays as it is.
 */
export function fill(text: string, params: Record<string, string | number>): string {
	return text.replace(/\{(\w+)(?::([^{}|]*)\|([^{}|]*))?\}/g, (placeholder, name: string, one?: string, other?: string) => {
		const value = params[name];
		if (value === undefined) return placeholder;
		if (one === undefined || other === undefined) return String(value);
		return typeof value === 'number' && englishPlural.select(value) === 'one' ? one : other;
	});
}

/**
 * What the error page says for an error no route described (the hooks' handleError): a page that does not exist, or
 * an unexpected failure whose details stay in the server's log.
 */
export function unexpectedErrorMessage(status: number, url: URL): string {
	return t(langFromUrl(url), status === 404 ? 'error.noSuchPage' : 'error.unexpected');
}

/** MapLibre's own UI strings (its controls' tooltips, the map canvas's name) in the page's language. */
export const mapControlLabels = (lang: Lang) => ({
	zoomIn: t(lang, 'map.zoomIn'),
	zoomOut: t(lang, 'map.zoomOut'),
	toggleAttribution: t(lang, 'map.toggleAttribution'),
	map: t(lang, 'map.canvas')
});
export type MapControlLabels = ReturnType<typeof mapControlLabels>;

/**
 * A label and its text, joined as each language writes it (full-width colon in Chinese).
 * @example labelled('来源', '深圳时尚产业地图条目', 'zh') // '来源：深圳时尚产业地图条目'
 */
export const labelled = (label: string, text: string, lang: Lang) => `${label}${lang === 'zh' ? '：' : ': '}${text}`;

/** A record's name in the current language, falling back to the other one (data may lack one of them). */
export function nameOf(record: { name_zh?: string | null; name_en?: string | null }, lang: Lang): string {
	return (lang === 'zh' ? (record.name_zh ?? record.name_en) : (record.name_en ?? record.name_zh)) ?? '';
}

type Named = { name_zh?: string | null; name_en?: string | null };

/**
 * Compares records by their names as a reader of `lang` orders them (Chinese: by pinyin), case, spaces and
 * punctuation aside; for short lists ordered in the browser (the explorer's own list is ordered by the database).
 * @example listings.sort(byName('zh'))
 */
export function byName(lang: Lang): (a: Named, b: Named) => number {
	const collator = new Intl.Collator(lang === 'zh' ? 'zh-CN' : 'en', { sensitivity: 'base', ignorePunctuation: true });
	return (a, b) => collator.compare(nameOf(a, lang), nameOf(b, lang));
}

/** The other name, shown beside the main one (e.g. the English name under the Chinese). */
export function otherNameOf(record: { name_zh?: string | null; name_en?: string | null }, lang: Lang): string | null {
	const other = lang === 'zh' ? record.name_en : record.name_zh;
	return other && other !== nameOf(record, lang) ? other : null;
}

// Calendar dates are written out by hand in the two formats Intl gives for these languages (medium date:
// "2025年3月9日", "Mar 9, 2025"): in a fresh browser tab the first Intl.DateTimeFormat for zh-CN costs 40-50 ms
// of ICU data loading (measured in Chromium here), paid on the main thread while the explorer hydrates its list.
// index.spec.ts checks the output against Intl for every day of several years.
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Formats a date (YYYY-MM-DD, as written: no time zone shift) for the language. */
export function formatDate(iso: string, lang: Lang): string {
	const [year, month, day] = iso.slice(0, 10).split('-').map(Number) as [number, number, number];
	return lang === 'zh' ? `${year}年${month}月${day}日` : `${MONTHS_EN[month - 1]} ${day}, ${year}`;
}

/** An event's dates: its first day, or first and last ("2023年12月25日 – 2024年1月25日"). */
export function formatDateRange(start: string, end: string | null, lang: Lang): string {
	return end && end !== start ? `${formatDate(start, lang)} – ${formatDate(end, lang)}` : formatDate(start, lang);
}

// Made on first use, not when the module loads: the first Chinese number format loads the browser's locale data
// (10–20 ms measured in Chromium here), which every page's start-up would wait for, and only legends use it.
const compactNumbers: Partial<Record<Lang, Intl.NumberFormat>> = {};

/**
 * A number in the language's short form, for a legend: 41.5亿 and 1.2万 in Chinese, 4.15B and 12K in English.
 * @example formatCompact(4.15e9, 'en') // '4.15B'
 */
export const formatCompact = (n: number, lang: Lang): string =>
	(compactNumbers[lang] ??= new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en', { notation: 'compact', maximumFractionDigits: 2 })).format(n);

/**
 * A distance as the language writes it, in kilometres from 1 km: 500 米, 2 公里; 500 m, 2 km.
 * @example formatDistance(1000, 'zh') // '1 公里'
 */
export const formatDistance = (metres: number, lang: Lang): string =>
	metres >= 1000 ? `${metres / 1000} ${lang === 'zh' ? '公里' : 'km'}` : `${metres} ${lang === 'zh' ? '米' : 'm'}`;

export type { MessageKey };
