// The service-role client the account functions of `$lib/server/accounts` need (creating and disabling accounts
// goes through the Auth admin API). Those functions check the caller's rights with the caller's own client first
// (can_manage_members / can_manage_user), so this client only ever acts on what the database allowed.
// Lives in lib/server: the service role bypasses RLS and must never reach a browser (style.md §6.9).
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { publicSupabaseUrl } from '$lib/env';
import { embeddedFetch, getSupabaseEndpoint } from './backend.ts';
import { supabaseServiceRoleKey } from './env.ts';

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
			global: { fetch: embeddedFetch(embedded, '127.0.0.1') }
		});
	}
	if (publicSupabaseUrl && supabaseServiceRoleKey) return createClient(publicSupabaseUrl, supabaseServiceRoleKey, { auth: NO_SESSION });
	return null;
}
