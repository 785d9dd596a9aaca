import { error, redirect } from '@sveltejs/kit';
import { listSectors } from '$lib/data/catalogue';
import { getListing } from '$lib/data/explorer';
import type { ListingDetail, Sector } from '$lib/data/types';
import { langFromUrl, t } from '$lib/i18n';
import type { PageServerLoad } from './$types';

// Slugs and uuids are short; anything longer is not a listing and need not reach the database.
const MAX_SLUG_LENGTH = 200;

export const load: PageServerLoad = async ({ locals, params, url, depends }) => {
	depends('supabase:db:listings');
	const lang = langFromUrl(url);
	if (params.slug.length > MAX_SLUG_LENGTH) error(404, t(lang, 'page.listingNotFound'));

	let listing: ListingDetail | null;
	let sectors: Sector[];
	try {
		// RLS decides visibility: anon sees published listings, district members also their drafts.
		[listing, sectors] = await Promise.all([getListing(locals.supabase, params.slug), listSectors(locals.supabase)]);
	} catch (cause) {
		// The real error (PostgREST code and message) goes to the server log only; users get a plain sentence.
		console.error(`[listing ${params.slug}] loading failed:`, cause);
		error(503, t(lang, 'backend.unavailable'));
	}
	if (!listing) error(404, t(lang, 'page.listingNotFound'));
	// get_listing also accepts the uuid; one URL per listing (the slug) keeps links and search results stable.
	if (params.slug !== listing.slug) redirect(308, `/listing/${encodeURIComponent(listing.slug)}${url.search}`);
	/** `lang` is the page language from `?lang=en` (Chinese by default). */
	return { listing, sectors, lang };
};
