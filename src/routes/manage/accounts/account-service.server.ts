// The service-role client the account functions of `$lib/server/accounts` need (creating and disabling accounts
// goes through the Auth admin API). Those functions check the caller's rights with the caller's own client first
// (can_manage_members / can_manage_user), so this client only ever acts on what the database allowed.
// TODO(lead): move to src/lib/server/supabase-admin.ts (style.md §6.9) once a second caller needs it.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { publicSupabaseUrl } from '$lib/env';
import { getSupabaseEndpoint } from '$lib/server/backend';
import { supabaseServiceRoleKey } from '$lib/server/env';

const NO_SESSION = { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false };

/**
 * A service-role client: the embedded backend's own key (called in-process, no socket), or a Supabase project's
 * SUPABASE_SERVICE_ROLE_KEY. Null when neither is available (the accounts page then says so).
 */
export async function serviceClient(): Promise<SupabaseClient | null> {
	const { embedded } = await getSupabaseEndpoint();
	if (embedded) {
		return createClient('http://embedded.invalid', embedded.secrets.serviceRoleKey, {
			auth: NO_SESSION,
			global: {
				fetch: async (input, init) =>
					(await embedded.gateway.handle(new Request(input, init), '127.0.0.1')) ?? new Response('Not found', { status: 404 })
			}
		});
	}
	if (publicSupabaseUrl && supabaseServiceRoleKey) return createClient(publicSupabaseUrl, supabaseServiceRoleKey, { auth: NO_SESSION });
	return null;
}
