import { BOM, csvLine } from '$lib/server/export/csv';
import { downloadHeaders, exportRequest, listingUrl, listingsStream } from '$lib/server/export/listings';
import type { RequestHandler } from './$types';

/** Columns of the CSV: every public field, then where it comes from and when it last changed. */
const COLUMNS = [
	'slug', 'kind', 'name_zh', 'name_en', 'sectors', 'district_code', 'place_id', 'lon', 'lat', 'precision',
	'address_zh', 'address_en', 'website', 'platform_type', 'event_start', 'event_end', 'dates_note', 'venue_zh',
	'venue_en', 'summary_zh', 'summary_en', 'source_urls', 'verified_at', 'updated_at', 'page_url'
] as const;

/**
 * The explorer's filtered listings as CSV (UTF-8 with BOM for Excel), streamed page by page. One row per listing:
 * the row count equals the explorer's count for the same URL. Each row carries its sources and dates.
 */
export const GET: RequestHandler = async ({ url, locals }) => {
	const request = exportRequest(url);
	const stream = await listingsStream(locals.supabase, request, {
		head: () => BOM + csvLine([...COLUMNS]),
		row: (l) =>
			csvLine(
				COLUMNS.map((column) =>
					column === 'page_url' ? listingUrl(url.origin, l.slug, request.state.lang) : column === 'sectors' ? l.sectors.join(' ') : l[column]
				)
			),
		tail: () => ''
	});
	return new Response(stream, { headers: downloadHeaders('text/csv; charset=utf-8', `shenzhen-fashion-listings-${request.today}.csv`) });
};
