import { listPlaces, listSectors } from '$lib/data/catalogue';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, depends }) => {
	depends('supabase:db:places');
	try {
		const [places, sectors] = await Promise.all([listPlaces(locals.supabase), listSectors(locals.supabase)]);
		return { places, sectors, backendError: false };
	} catch (error) {
		// The page still renders and says the data could not be loaded, instead of a blank error page.
		console.error('[home] loading places failed:', error);
		return { places: [], sectors: [], backendError: true };
	}
};
