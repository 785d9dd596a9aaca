import { createBrowserClient, createServerClient, isBrowser } from '@supabase/ssr';
import type { LayoutLoad } from './$types';

export const load: LayoutLoad = async ({ data, depends, fetch, url: pageUrl }) => {
	// re-run when the session changes (sign in / out in this or another tab)
	depends('supabase:auth');
	const { anonKey } = data.supabaseConfig;
	const url = data.supabaseConfig.url ?? (isBrowser() ? location.origin : pageUrl.origin);
	const global = { fetch: withoutClientInfo(fetch) };
	const supabase = isBrowser()
		? createBrowserClient(url, anonKey, { global })
		: createServerClient(url, anonKey, {
				global,
				cookies: { getAll: () => data.cookies }
			});
	return { session: data.session, supabase, supabaseConfig: { url, anonKey } };
};

/**
 * SvelteKit inlines the API responses of the server render into the HTML and replays them while hydrating, keyed by
 * URL, body and request headers. @supabase/ssr stamps X-Client-Info differently on the server and in the browser
 * ("createServerClient" / "createBrowserClient"), so without this every API call of the page was made a second
 * time before the page could hydrate (and the map could start).
 */
function withoutClientInfo(fetch: typeof globalThis.fetch): typeof globalThis.fetch {
	return (input, init) => {
		if (!init?.headers) return fetch(input, init);
		const headers = new Headers(init.headers);
		headers.delete('x-client-info');
		return fetch(input, { ...init, headers });
	};
}
