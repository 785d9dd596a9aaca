import { error, isHttpError } from '@sveltejs/kit';
import { listSectors } from '$lib/data/catalogue';
import { compareRows } from '$lib/data/compare';
import { joinNames } from '$lib/components/detail-text';
import { sourceText } from '$lib/components/mirrors';
import { areaName, loadCompareStats } from '$lib/data/investors';
import { BOM, csvLine } from '$lib/server/export/csv';
import { downloadHeaders, exportRequest } from '$lib/server/export/listings';
import type { RequestHandler } from './$types';

// The CSV's own words (its rows' measures come with the comparison's model, in both languages).
const GROUPS = { counts: { zh: '条目数', en: 'counts' }, sectors: { zh: '行业', en: 'sectors' }, figures: { zh: '公开数据', en: 'figures' } };
const WORDS = {
	zh: { group: '分组', measure: '指标', year: '年份', source: '来源', leftOut: '未找到，未列入', filters: '筛选', generated: '生成时间' },
	en: { group: 'group', measure: 'measure', year: 'year', source: 'source', leftOut: 'not found, left out', filters: 'filters', generated: 'generated' }
};

/**
 * The comparison (`compare=a,b,…` with the explorer's filters) as CSV: one row per measure, and for each area its
 * value, the year and the source — the same rows as the table on screen (src/lib/data/compare.ts). Areas that do
 * not exist are left out and named at the end, as the screen leaves them out and names them.
 */
export const GET: RequestHandler = async ({ url, locals }) => {
	const request = exportRequest(url);
	const keys = request.state.compare ?? [];
	if (keys.length === 0) error(400, 'compare: name 1–4 areas (place slugs or district codes)');
	const lang = request.state.lang === 'en' ? 'en' : 'zh';
	const words = WORDS[lang];
	let body: string;
	try {
		const [sectors, { stats: areas, refused }] = await Promise.all([listSectors(locals.supabase), loadCompareStats(locals.supabase, keys, request.args)]);
		if (areas.length === 0) error(404, `compare: no such area (${refused.join(', ')})`);
		const header = [words.group, words.measure, ...areas.flatMap((a) => { const name = areaName(a, lang); return [name, `${name} · ${words.year}`, `${name} · ${words.source}`]; })];
		body =
			BOM +
			csvLine(header) +
			compareRows(areas, sectors, lang)
				.map((row) => csvLine([GROUPS[row.group][lang], lang === 'en' ? row.label_en : row.label_zh, ...row.cells.flatMap((c) => [c.value === null && c.source === null ? '' : c.display, c.year, c.source === null ? null : sourceText(c.source, c.mirror, lang)])]))
				.join('') +
			csvLine([]) +
			(refused.length ? csvLine([words.leftOut, joinNames(refused, lang)]) : '') +
			csvLine([words.filters, url.search]) +
			csvLine([words.generated, new Date().toISOString()]);
	} catch (cause) {
		if (isHttpError(cause)) throw cause;
		console.error('[export] comparison failed:', cause);
		error(503, 'The data service is unavailable.');
	}
	return new Response(body, { headers: downloadHeaders('text/csv; charset=utf-8', `shenzhen-fashion-comparison-${request.today}.csv`) });
};
