import { error } from '@sveltejs/kit';
import { listSectors } from '$lib/data/catalogue';
import { compareRows } from '$lib/data/compare';
import { copyText } from '$lib/components/mirrors';
import { areaName } from '$lib/data/investors';
import { AreaRefused, loadAreaStats } from '$lib/data/investors';
import { BOM, csvLine } from '$lib/server/export/csv';
import { downloadHeaders, exportRequest } from '$lib/server/export/listings';
import { parseAreaKey } from '$lib/state/explorer-url';
import type { RequestHandler } from './$types';

/**
 * The comparison (`compare=a,b,…` with the explorer's filters) as CSV: one row per measure, and for each area its
 * value, the year and the source — the same rows as the table on screen (src/lib/data/compare.ts).
 */
export const GET: RequestHandler = async ({ url, locals }) => {
	const request = exportRequest(url);
	const keys = request.state.compare ?? [];
	if (keys.length === 0) error(400, 'compare: name 1–4 areas (place slugs or district codes)');
	const en = request.state.lang === 'en';
	let body: string;
	try {
		const [sectors, ...areas] = await Promise.all([
			listSectors(locals.supabase),
			...keys.map((key) => loadAreaStats(locals.supabase, parseAreaKey(key)!, request.args, 0))
		]);
		const lang = en ? 'en' : 'zh';
		const header = ['group', 'measure', ...areas.flatMap((a) => { const name = areaName(a, lang); return [name, `${name} · ${en ? 'year' : '年份'}`, `${name} · ${en ? 'source' : '来源'}`]; })];
		body =
			BOM +
			csvLine(header) +
			compareRows(areas, sectors, lang)
				.map((row) => csvLine([row.group, en ? row.label_en : row.label_zh, ...row.cells.flatMap((c) => [c.value === null && c.source === null ? '' : c.display, c.year, c.mirror ? `${c.source} (${copyText(c.mirror, lang)})` : c.source])]))
				.join('') +
			csvLine([]) +
			csvLine([en ? 'filters' : '筛选', url.search]) +
			csvLine([en ? 'generated' : '生成时间', new Date().toISOString()]);
	} catch (cause) {
		if (cause instanceof AreaRefused) error(400, cause.reason);
		console.error('[export] comparison failed:', cause);
		error(503, 'The data service is unavailable.');
	}
	return new Response(body, { headers: downloadHeaders('text/csv; charset=utf-8', `shenzhen-fashion-comparison-${request.today}.csv`) });
};
