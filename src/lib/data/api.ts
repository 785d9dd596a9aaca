// The client the public pages read the API with. They only call PostgREST functions (rpc) as the anonymous role,
// so they need PostgREST's client alone, not supabase-js's auth, realtime, storage and functions clients: those
// weighed 61 kB gzip of the map page's JavaScript before the map. Signing in lives in /manage, on the server.
import { PostgrestClient } from '@supabase/postgrest-js';
import type { SupabaseClient } from '@supabase/supabase-js';

/**
 * What the data functions use of a Supabase client: PostgREST's `rpc`. A supabase-js client (the server's, acting
 * as the signed-in user) has it, and so has publicApiClient.
 */
export type ApiClient = Pick<SupabaseClient, 'rpc'>;

/**
 * A PostgREST client for the API at `supabaseUrl`, as the anonymous role: every request carries the public key,
 * as supabase-js sends it. Server and browser build it alike, so SvelteKit can replay the server render's
 * responses while the page hydrates (it matches them by URL, body and headers).
 * @param fetch SvelteKit's load `fetch` (server: handled in-process; browser: replays the server's responses)
 */
export function publicApiClient(supabaseUrl: string, anonKey: string, fetch: typeof globalThis.fetch): ApiClient {
	const rest = new URL('rest/v1', supabaseUrl.endsWith('/') ? supabaseUrl : `${supabaseUrl}/`).href;
	// supabase-js's rpc is this same PostgrestClient.rpc (SupabaseClient.rpc delegates to it); only its generic
	// database types differ, and the data functions do not use those
	return new PostgrestClient(rest, { headers: { apikey: anonKey, Authorization: `Bearer ${anonKey}` }, fetch }) as unknown as ApiClient;
}
