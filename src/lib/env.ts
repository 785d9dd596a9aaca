// The only importer of public env (style.md §6.8): SvelteKit 3 replaces $env/*, so this is one of two files to touch.
import { env } from '$env/dynamic/public';

/**
 * The Supabase project the site talks to. Unset: the embedded backend on the site's own origin answers instead.
 */
export const publicSupabaseUrl: string | undefined = env.PUBLIC_SUPABASE_URL || undefined;

/** The project's publishable (anon) key; only meaningful with PUBLIC_SUPABASE_URL. */
export const publicSupabaseKey: string | undefined =
	env.PUBLIC_SUPABASE_PUBLISHABLE_KEY || env.PUBLIC_SUPABASE_ANON_KEY || undefined;

/** Basemap: `openfreemap` (default, keyless), `tianditu` (needs PUBLIC_TIANDITU_TOKEN) or `offline` (own layers only). */
export const publicBasemap: string = env.PUBLIC_BASEMAP || 'openfreemap';

/** Tianditu (天地图) browser key (`tk`); only used with PUBLIC_BASEMAP=tianditu. */
export const publicTiandituToken: string | undefined = env.PUBLIC_TIANDITU_TOKEN || undefined;

/** Test builds only: exposes the MapLibre map as `window.__sfmMap` so end-to-end tests can assert map state. */
export const publicExposeMap: boolean = env.PUBLIC_EXPOSE_MAP === '1';
