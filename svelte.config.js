import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter({ out: 'build' }),
		// The page's own CSS (the map page's: 16.5 kB, 3.3 kB compressed) goes inline in the HTML: no stylesheet
		// request stands between the server's answer and the first paint (MapLibre's CSS still comes with the lazily
		// loaded map). The limit leaves room to grow; the e2e "no stylesheet request blocks the first paint" guards it.
		inlineStyleThreshold: 24 * 1024,
		// The embedded Supabase-compatible API is mounted on the site's own origin (/rest/v1, /auth/v1);
		// supabase-js posts JSON there, so SvelteKit's form CSRF check does not apply to it.
		csrf: { trustedOrigins: [] }
	}
};

export default config;
