import { browser } from '$app/environment';
import { publicApiClient } from '$lib/data/api';
import type { LayoutLoad } from './$types';

export const load: LayoutLoad = async ({ data, depends, fetch, url: pageUrl }) => {
	// re-run when the session changes (signing in or out in /manage, or in another tab: see manage/+layout.svelte)
	depends('supabase:auth');
	const { anonKey } = data.supabaseConfig;
	const url = data.supabaseConfig.url ?? (browser ? location.origin : pageUrl.origin);
	// The public pages read the API as the anonymous role, alike on the server and in the browser (see api.ts);
	// what a signed-in user may do goes through /manage's server code.
	return { sessionExpiresAt: data.sessionExpiresAt, api: publicApiClient(url, anonKey, fetch), supabaseConfig: { url, anonKey } };
};
