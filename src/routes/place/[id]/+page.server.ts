import { error } from '@sveltejs/kit';
import { listSectors } from '$lib/data/catalogue';
import { getPlace } from '$lib/data/explorer';
import type { PlaceDetail, Sector } from '$lib/data/types';
import { langFromUrl, t } from '$lib/i18n';
import type { PageServerLoad } from './$types';

// Slugs are short; anything longer is not a place and need not reach the database.
const MAX_ID_LENGTH = 200;

export const load: PageServerLoad = async ({ locals, params, url, depends }) => {
	depends('supabase:db:places', 'supabase:db:listings');
	const lang = langFromUrl(url);
	if (params.id.length > MAX_ID_LENGTH) error(404, t(lang, 'page.placeNotFound'));

	let place: PlaceDetail | null;
	let sectors: Sector[];
	try {
		[place, sectors] = await Promise.all([getPlace(locals.supabase, params.id), listSectors(locals.supabase)]);
	} catch (cause) {
		// The real error (PostgREST code and message) goes to the server log only; users get a plain sentence.
		console.error(`[place ${params.id}] loading failed:`, cause);
		error(503, t(lang, 'backend.unavailable'));
	}
	if (!place) error(404, t(lang, 'page.placeNotFound'));
	/** `lang` is the page language from `?lang=en` (Chinese by default). */
	return { place, sectors, lang };
};
