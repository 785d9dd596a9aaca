import { getSupabaseEndpoint } from '$lib/server/backend';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, cookies, url }) => {
	const endpoint = await getSupabaseEndpoint();
	return {
		session: locals.session,
		cookies: cookies.getAll(),
		/** Where the browser's supabase-js talks to; the key is the public anon key (RLS protects the data). */
		supabaseConfig: { url: endpoint.url ?? url.origin, anonKey: endpoint.anonKey }
	};
};
