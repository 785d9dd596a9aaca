// The research's working note on mirror sites (reference v2), read so that a page can say which of a record's
// sources are copies and whose article each copies. The provenance section (the detail pages, the explorer's panel)
// and the investor views need it, which load with their panels: kept out of detail-text.ts, which the map page loads
// up front.
import { t, type Lang } from '$lib/i18n';
import { splitSource } from './detail-text';

/** A site that re-posts another publisher's article, as the research names it in a record's notes. */
export interface Mirror {
	/** The mirror's host, sometimes with a path: `yxdaikin.com`, `zuizhijiaoyu.com/jp_szgov`. */
	site: string;
	/** Who first published what it copies, with the date where known; null when the research could not tell. */
	publisher: string | null;
}

// The research's set wording (reference v2): "Mirror sources kept (no better URL found in the corpus) - original
// publisher: <site> = <publisher>[; <site> = <publisher>…]." at the end of a record's notes.
const MIRROR_CLAUSE = /\s*Mirror sources kept \(no better URL found in the corpus\) - original publisher: ([\s\S]*?)\.?\s*$/;
const UNKNOWN_PUBLISHER = /^unknown publisher(?: \(repost\))?$/i;

/**
 * A record's notes without the research's mirror clause, and the mirrors it names, so a page can say which of its
 * sources are copies and whose article each copies (the reference asks that the original publisher be shown), in
 * the page's language, instead of showing the research's working note. A part of the clause that names no site
 * ("same figures in …") belongs to the publisher before it; a site without a dot (a typo in the data) is dropped.
 * @example splitMirrorNote('Venue unknown. Mirror sources kept (no better URL found in the corpus) - original publisher: a.cn = 深圳晚报, 2016-05-13.')
 * // { notes: 'Venue unknown.', mirrors: [{ site: 'a.cn', publisher: '深圳晚报, 2016-05-13' }] }
 */
export function splitMirrorNote(notes: string | null): { notes: string | null; mirrors: Mirror[] } {
	const clause = notes ? MIRROR_CLAUSE.exec(notes) : null;
	if (!notes || !clause) return { notes, mirrors: [] };
	const mirrors: Mirror[] = [];
	for (const part of clause[1]!.split(/;\s+/)) {
		const pair = /^(\S+) = ([\s\S]+)$/.exec(part);
		const last = mirrors.at(-1);
		if (!pair) {
			if (last) last.publisher = `${last.publisher ?? ''}; ${part}`.replace(/^; /, '');
		} else if (pair[1]!.includes('.')) {
			mirrors.push({ site: pair[1]!, publisher: UNKNOWN_PUBLISHER.test(pair[2]!.trim()) ? null : pair[2]!.trim() });
		}
	}
	return { notes: notes.slice(0, clause.index).trim() || null, mirrors };
}

/** The mirror a source's web address is on (its host, or a subdomain, and the path named), if any. */
export function mirrorOf(url: string, mirrors: readonly Mirror[]): Mirror | undefined {
	const { hostname, pathname } = new URL(url);
	const host = hostname.replace(/^www\./, '');
	return mirrors.find((mirror) => {
		const [site = '', ...path] = mirror.site.split('/');
		return (host === site || host.endsWith(`.${site}`)) && (path.length === 0 || `${pathname}/`.startsWith(`/${path.join('/')}/`));
	});
}

/** The mirror a source (a web address, perhaps with a note after it) is on, if any. */
export function mirrorOfSource(source: string, mirrors: readonly Mirror[]): Mirror | undefined {
	const { url } = splitSource(source);
	return url ? mirrorOf(url, mirrors) : undefined;
}

/**
 * Whose article a mirror copies, as a source's note in plain text (a tooltip, a CSV cell); Provenance.svelte says the
 * same with the publisher's language marked.
 * @example copyText({ site: 'a.cn', publisher: '深圳晚报, 2016-05-13' }, 'en') // 'A copy; original: 深圳晚报, 2016-05-13'
 */
export function copyText(mirror: Mirror, lang: Lang): string {
	return mirror.publisher ? `${t(lang, 'detail.mirrorOf')}${lang === 'zh' ? '' : ' '}${mirror.publisher}` : t(lang, 'detail.mirrorUnknown');
}

/**
 * A source as plain text, with whose article it copies when it is on a mirror site (a tooltip, a CSV cell).
 * @example sourceText('http://a.cn/1', { site: 'a.cn', publisher: '深圳晚报' }, 'en') // 'http://a.cn/1 (A copy; original: 深圳晚报)'
 */
export const sourceText = (source: string, mirror: Mirror | undefined, lang: Lang): string =>
	mirror ? `${source} (${copyText(mirror, lang)})` : source;
