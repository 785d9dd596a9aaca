// Helpers shared by the /manage pages (client-safe): language-preserving links, what the UI offers each role
// (mirroring the database, which is what actually decides), and the localized text of a field rule.
import type { Lang } from '$lib/i18n';
import { isMessageKey, t } from '$lib/i18n/manage';
import type { Membership } from '$lib/data/manage';
import { MAX_LENGTH, type FieldError, type ListingField } from '$lib/validation/listing';

/** A path under this site with `lang=en` kept (Chinese is the default and needs no parameter). */
export function withLang(path: string, lang: Lang): string {
	if (lang !== 'en') return path;
	return `${path}${path.includes('?') ? '&' : '?'}lang=en`;
}

export const isCityAdmin = (memberships: Membership[]) => memberships.some((m) => m.role === 'city_admin');

/** Whether the caller may publish, review and archive in this district (city admins everywhere). */
export const isAdminOf = (memberships: Membership[], district: string | null) =>
	isCityAdmin(memberships) || (district !== null && memberships.some((m) => m.role === 'district_admin' && m.district_code === district));

/** Whether the caller is an admin anywhere (review queue, accounts and import are offered). */
export const isAnyAdmin = (memberships: Membership[]) => memberships.some((m) => m.role === 'city_admin' || m.role === 'district_admin');

/** A district's name in the language, or its code when unknown; city-wide when null. */
export function districtName(
	code: string | null,
	lang: Lang,
	districts: { code: string; name_zh: string; name_en: string }[]
): string {
	if (code === null) return t(lang, 'manage.cityWide');
	const district = districts.find((d) => d.code === code);
	return district ? (lang === 'zh' ? district.name_zh : district.name_en) : code;
}

/** The label of a listing field (used in error summaries, diffs and import previews); the raw name if unknown. */
export function fieldLabel(field: string, lang: Lang): string {
	const key = `field.${field}`;
	return isMessageKey(key) ? t(lang, key) : field;
}

/**
 * The localized sentence for a refused value, keyed by `{field, rule}` as the database reports it: a message for
 * that field and rule when there is one (`rule.lon.required`: "give both…"), else the rule's general message
 * (`too_long` names the field's limit), else a generic one.
 */
export function ruleMessage(error: FieldError | { field: string; rule: string }, lang: Lang): string {
	const max = MAX_LENGTH[error.field as keyof typeof MAX_LENGTH] ?? '';
	for (const key of [`rule.${error.field}.${error.rule}`, `rule.${error.rule}`]) {
		if (isMessageKey(key)) return t(lang, key, { max });
	}
	return t(lang, 'rule.invalid');
}

/** The id of an input's error message (for aria-describedby). */
export const errorId = (field: ListingField | string) => `error-${field}`;

/**
 * A value shown in a diff or conflict table: codes of kind, status and precision in words, lists joined, empty as
 * a dash. Always plain text (rendered with `{…}`, never as HTML).
 */
export function displayValue(value: unknown, field?: string, lang?: Lang): string {
	if (value === null || value === undefined || value === '') return '—';
	if (lang && typeof value === 'string' && field && ['kind', 'status', 'precision'].includes(field)) {
		const key = field === 'status' ? `manage.status.${value}` : `${field}.${value}`;
		if (isMessageKey(key)) return t(lang, key);
	}
	if (Array.isArray(value)) return value.length ? value.map(String).join(', ') : '—';
	if (typeof value === 'object') return JSON.stringify(value);
	return String(value);
}

/** "Label: message" with the language's colon (full-width in Chinese). */
export { labelled } from '$lib/i18n';
