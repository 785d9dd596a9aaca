import { getSupabaseEndpoint } from '$lib/server/backend';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals }) => {
	const endpoint = await getSupabaseEndpoint();
	return {
		session: locals.session,
		/**
		 * Where supabase-js talks to (null = the embedded backend on this site's own origin, which the browser knows
		 * better than a server behind a proxy); the key is the public anon key (RLS protects the data).
		 */
		supabaseConfig: { url: endpoint.url, anonKey: endpoint.anonKey }
	};
};
