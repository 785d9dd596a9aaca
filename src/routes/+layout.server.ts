import { getSupabaseEndpoint } from '$lib/server/backend';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals }) => {
	const endpoint = await getSupabaseEndpoint();
	return {
		/**
		 * When the session's access token expires (null: signed out), for /manage to notice a sign-in, sign-out or
		 * refresh in another tab. Only this: the tokens themselves never go into a page's HTML.
		 */
		sessionExpiresAt: locals.session?.expires_at ?? null,
		/**
		 * Where supabase-js talks to (null = the embedded backend on this site's own origin, which the browser knows
		 * better than a server behind a proxy); the key is the public anon key (RLS protects the data).
		 */
		supabaseConfig: { url: endpoint.url, anonKey: endpoint.anonKey }
	};
};
