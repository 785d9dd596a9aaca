// The site's exports of what the explorer shows (issue #6): the same URL parameters as the explorer page, the same
// filter function in the database (atlas.explorer_listings via export_listings), so the number of rows in a file
// equals the count on screen; read through the request's Supabase client, so RLS applies as on the page.
import { error } from '@sveltejs/kit';
import type { SupabaseClient } from '@supabase/supabase-js';
import { explorerFilterArgs, type ExplorerFilterArgs } from '$lib/data/explorer';
import { AreaRefused, loadExportPage, type ExportListing } from '$lib/data/investors';
import { parseAreaKey, parseExplorerState, type AreaSpec, type ExplorerState } from '$lib/state/explorer-url';
import { pagedStream, type PagedExport } from './stream';

/** Rows per API call: big enough to keep round trips few, small enough to keep memory flat. */
export const EXPORT_PAGE_SIZE = 2000;

export interface ExportRequest {
	state: ExplorerState;
	args: ExplorerFilterArgs;
	/** `area=` narrows the export to an area's listings (as the statistics panel shows them). */
	area: AreaSpec | null;
	today: string;
}

/** The explorer state of an export URL; 400 for an area key that does not parse. */
export function exportRequest(url: URL, options: { kinds?: ExplorerState['kinds'] } = {}): ExportRequest {
	const state = parseExplorerState(url);
	if (options.kinds) state.kinds = options.kinds;
	const rawArea = url.searchParams.get('area');
	const area = rawArea ? parseAreaKey(rawArea) : null;
	if (rawArea && !area) error(400, 'area: not a place, district, circle or polygon');
	const now = new Date();
	return { state, args: explorerFilterArgs(state, now), area, today: now.toISOString().slice(0, 10) };
}

/** Fetches the first page (so API errors become HTTP errors) and streams the rest page by page. */
export async function listingsStream(
	supabase: SupabaseClient,
	request: ExportRequest,
	format: Pick<PagedExport<ExportListing>, 'head' | 'row' | 'tail'>
): Promise<ReadableStream<Uint8Array>> {
	const page = (after: string | null) =>
		loadExportPage(supabase, request.args, { area: request.area, after, limit: EXPORT_PAGE_SIZE });
	let first: ExportListing[];
	try {
		first = await page(null);
	} catch (cause) {
		if (cause instanceof AreaRefused) error(400, cause.reason);
		console.error('[export] first page failed:', cause);
		error(503, 'The data service is unavailable.');
	}
	return pagedStream({ first, pageSize: EXPORT_PAGE_SIZE, next: (last) => page(last.slug), ...format });
}

/** Response headers of a download. */
export function downloadHeaders(contentType: string, filename: string): HeadersInit {
	return {
		'content-type': contentType,
		'content-disposition': `attachment; filename="${filename}"`,
		'cache-control': 'no-store',
		'x-content-type-options': 'nosniff'
	};
}

/** The listing's page on this site. */
export const listingUrl = (origin: string, slug: string, lang: string) => `${origin}/listing/${slug}${lang === 'en' ? '?lang=en' : ''}`;
