import { listSectors } from '$lib/data/catalogue';
import { loadMapPlaces } from '$lib/data/explorer';
import { listDistricts } from '$lib/data/investors';
import { publicBasemap, publicTiandituToken } from '$lib/env';
import type { BasemapKind } from '$lib/map/basemap';
import type { PageServerLoad } from './$types';

// Reads no search params, so SvelteKit does not re-run it when filters change: sectors and places load once.
export const load: PageServerLoad = async ({ locals, depends }) => {
	depends('supabase:db:places');
	const basemap = {
		kind: (['openfreemap', 'tianditu', 'offline'].includes(publicBasemap) ? publicBasemap : 'openfreemap') as BasemapKind,
		tiandituToken: publicTiandituToken
	};
	try {
		const [sectors, places, districts] = await Promise.all([
			listSectors(locals.supabase),
			loadMapPlaces(locals.supabase),
			listDistricts(locals.supabase)
		]);
		return { sectors, places, districts, basemap, backendError: false };
	} catch (error) {
		// The shell still renders and says the data service is unavailable, instead of a blank error page.
		console.error('[explorer] loading sectors/places failed:', error);
		return { sectors: [], places: { type: 'FeatureCollection' as const, features: [] }, districts: [], basemap, backendError: true };
	}
};
