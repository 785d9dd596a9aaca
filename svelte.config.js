import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter({ out: 'build' }),
		// The page's own CSS (~20 kB) goes inline in the HTML: no stylesheet request stands between the server's
		// answer and the first paint (MapLibre's CSS still comes with the lazily loaded map).
		inlineStyleThreshold: 16 * 1024,
		// The embedded Supabase-compatible API is mounted on the site's own origin (/rest/v1, /auth/v1);
		// supabase-js posts JSON there, so SvelteKit's form CSRF check does not apply to it.
		csrf: { trustedOrigins: [] }
	}
};

export default config;
