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

/**
 * Translates a UI message, filling `{name}` placeholders.
 * @example t('en', 'list.count', { n: 3 }) // '3 listings'
 */
export function t(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
	return messages[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** A record's name in the current language, falling back to the other one (data may lack one of them). */
export function nameOf(record: { name_zh?: string | null; name_en?: string | null }, lang: Lang): string {
	return (lang === 'zh' ? (record.name_zh ?? record.name_en) : (record.name_en ?? record.name_zh)) ?? '';
}

/** The other name, shown beside the main one (e.g. the English name under the Chinese). */
export function otherNameOf(record: { name_zh?: string | null; name_en?: string | null }, lang: Lang): string | null {
	const other = lang === 'zh' ? record.name_en : record.name_zh;
	return other && other !== nameOf(record, lang) ? other : null;
}

// One formatter per language, made on first use: building an Intl.DateTimeFormat costs far more than formatting
// with it (milliseconds each on a slow phone), and the list formats a date on every event row it renders.
const dateFormats = new Map<Lang, Intl.DateTimeFormat>();

/** Formats a date (YYYY-MM-DD) for the language. */
export function formatDate(iso: string, lang: Lang): string {
	let format = dateFormats.get(lang);
	if (!format) {
		format = new Intl.DateTimeFormat(htmlLang(lang), { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
		dateFormats.set(lang, format);
	}
	return format.format(new Date(`${iso}T00:00:00Z`));
}

export type { MessageKey };
