import { createBrowserClient, createServerClient, isBrowser } from '@supabase/ssr';
import type { LayoutLoad } from './$types';

export const load: LayoutLoad = async ({ data, depends, fetch, url: pageUrl }) => {
	// re-run when the session changes (sign in / out in this or another tab)
	depends('supabase:auth');
	const { anonKey } = data.supabaseConfig;
	const url = data.supabaseConfig.url ?? (isBrowser() ? location.origin : pageUrl.origin);
	const supabase = isBrowser()
		? createBrowserClient(url, anonKey, { global: { fetch } })
		: createServerClient(url, anonKey, {
				global: { fetch },
				cookies: { getAll: () => data.cookies }
			});
	return { session: data.session, supabase, supabaseConfig: { url, anonKey } };
};
