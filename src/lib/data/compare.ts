// The comparison table (issue #6 "Compare"): the same measures for 2–4 areas, aligned row by row, each value with
// where it comes from. One model for the page's table, its charts and compare.csv, so they always agree.
import { figureText } from '$lib/i18n/figures';
import { formatDate, t, type Lang } from '$lib/i18n';
import { FIGURE_KINDS, figureNumber, pickFigure, type FigureKind } from './figures';
import type { AreaStats } from './investors';
import type { ListingKind, Sector } from './types';
import { mirrorOfSource, splitMirrorNote, type Mirror } from '$lib/components/mirrors';

/** What the table shows where an area has no published figure (compare.csv leaves the cell empty instead). */
const NO_FIGURE = '—';

export interface CompareCell {
	/** A number to chart (null: nothing published / not applicable). */
	value: number | null;
	/** The value as shown: a count, or a published figure exactly as published with its unit (in the language). */
	display: string;
	year: number | string | null;
	/** A URL, or a short description of where the value comes from. */
	source: string | null;
	/** The mirror site the source is a copy on, naming whose article it copies (a published figure's), if any. */
	mirror?: Mirror;
}

export interface CompareRow {
	group: 'counts' | 'sectors' | 'figures';
	key: string;
	label_zh: string;
	label_en: string;
	cells: CompareCell[];
}

const KINDS: { key: ListingKind | 'total'; zh: string; en: string }[] = [
	{ key: 'total', zh: '条目总数', en: 'All listings' },
	{ key: 'enterprise', zh: '企业', en: 'Enterprises' },
	{ key: 'platform', zh: '公共服务平台', en: 'Public service platforms' },
	{ key: 'event', zh: '活动', en: 'Events' }
];
const FIGURES: Record<FigureKind, { zh: string; en: string }> = {
	enterprises: { zh: '企业数量（公开数据）', en: 'Enterprises (published)' },
	output: { zh: '产值 / 规模（公开数据）', en: 'Output value (published)' },
	area: { zh: '面积（公开数据）', en: 'Area (published)' },
	brands: { zh: '自有品牌（公开数据）', en: 'Own brands (published)' }
};

/** Where live counts come from, in the page's language: this site's listings, as of the newest change among them. */
export const countSource = (asOf: string | null, lang: Lang) =>
	asOf ? t(lang, 'inv.countSourceAsOf', { date: formatDate(asOf.slice(0, 10), lang) }) : t(lang, 'inv.countSource');

/** The comparison rows for areas (in the order given): counts by kind, by sector (several sectors last), then published figures. */
export function compareRows(areas: AreaStats[], sectors: Sector[], lang: Lang): CompareRow[] {
	const count = (a: AreaStats, n: number | undefined): CompareCell => ({ value: n ?? 0, display: String(n ?? 0), year: null, source: countSource(a.as_of, lang) });
	const rows: CompareRow[] = KINDS.map((k) => ({
		group: 'counts',
		key: k.key,
		label_zh: k.zh,
		label_en: k.en,
		cells: areas.map((a) => count(a, k.key === 'total' ? a.total : a.by_kind[k.key]))
	}));
	for (const sector of sectors) {
		rows.push({
			group: 'sectors',
			key: `sector_${sector.code}`,
			label_zh: sector.name_zh,
			label_en: sector.name_en,
			cells: areas.map((a) => count(a, a.by_sector[sector.code]))
		});
	}
	// the listings of several sectors (none named), after the nine, as the filter chips list them
	rows.push({
		group: 'sectors',
		key: 'sector_multi',
		label_zh: t('zh', 'detail.severalSectors'),
		label_en: t('en', 'detail.severalSectors'),
		cells: areas.map((a) => count(a, a.by_sector.multi))
	});
	for (const kind of FIGURE_KINDS) {
		rows.push({
			group: 'figures',
			key: `fig_${kind}`,
			label_zh: FIGURES[kind].zh,
			label_en: FIGURES[kind].en,
			cells: areas.map((a) => {
				const figure = a.place ? pickFigure(a.place.figures, kind) : null;
				if (!figure) return { value: null, display: NO_FIGURE, year: null, source: null };
				const mirror = a.place ? mirrorOfSource(figure.source, splitMirrorNote(a.place.mirror_note).mirrors) : undefined;
				return { value: figureNumber(figure), display: figureText(figure, lang), year: figure.year, source: figure.source, mirror };
			})
		});
	}
	return rows;
}
