import { publicSupabaseKey, publicSupabaseUrl } from '$lib/env';
import {
	allowSyntheticData,
	dataDir,
	databaseUrl,
	firstAdminEmail,
	firstAdminPassword,
	siteOrigin,
	supabaseDir
} from './env.ts';
import { startEmbeddedBackend, type EmbeddedBackend } from './embedded.ts';
import { ensureFirstAdmin } from './first-admin.ts';
import { refuseSyntheticListings } from './synthetic-guard.ts';

/** Where the site's data API lives and the public key browsers use for it. */
export interface SupabaseEndpoint {
	/** Base URL for supabase-js; for the embedded backend, the site's own origin (filled per request). */
	url: string | null;
	anonKey: string;
	embedded: EmbeddedBackend | null;
}

// One backend per server process. Kept on globalThis so Vite's dev-time module reloads do not open a second
// PGlite on the same folder (two writers would corrupt it).
const KEY = Symbol.for('shenzhen-fashion-map.backend');
type Holder = { [KEY]?: Promise<SupabaseEndpoint> };

/**
 * The data backend of this server: a configured Supabase project, or the embedded one started on first use
 * (migrated and seeded on first start).
 */
export function getSupabaseEndpoint(): Promise<SupabaseEndpoint> {
	const holder = globalThis as Holder;
	holder[KEY] ??= connect();
	return holder[KEY];
}

async function connect(): Promise<SupabaseEndpoint> {
	if (publicSupabaseUrl) {
		if (!publicSupabaseKey) throw new Error('PUBLIC_SUPABASE_URL is set but PUBLIC_SUPABASE_PUBLISHABLE_KEY is not.');
		return { url: publicSupabaseUrl, anonKey: publicSupabaseKey, embedded: null };
	}
	const started = Date.now();
	const embedded = await startEmbeddedBackend({ dataDir, databaseUrl, supabaseDir, siteUrl: siteOrigin });
	// adapter-node emits this once its HTTP server has closed (SIGTERM, SIGINT). Shut the database down cleanly then:
	// PGlite writes a checkpoint instead of leaving recovery to the next start, and its timers stop, which otherwise
	// kept the process alive after the server had closed (the site did not stop on SIGTERM).
	process.once('sveltekit:shutdown', () => void embedded.close());
	// Benchmark data must never pass for the real map: refuse it unless ALLOW_SYNTHETIC_DATA says otherwise.
	await refuseSyntheticListings(embedded.db, { allow: allowSyntheticData }).catch(async (error: unknown) => {
		await embedded.close();
		throw error;
	});
	// The first city administrator from FIRST_ADMIN_EMAIL / FIRST_ADMIN_PASSWORD (nothing when unset).
	const firstAdmin = await ensureFirstAdmin(embedded.db, { email: firstAdminEmail, password: firstAdminPassword }).catch(
		async (error: unknown) => {
			await embedded.close();
			throw error;
		}
	);
	if (firstAdmin === 'created') console.info(`[backend] first city administrator ${firstAdminEmail} created`);
	console.info(
		`[backend] embedded ${databaseUrl ? 'PostgreSQL' : `PGlite in ${dataDir}`}: ` +
			`${embedded.migrated.length} migration(s) applied${embedded.seeded ? ', seeded' : ''} in ${Date.now() - started} ms`
	);
	return { url: null, anonKey: embedded.secrets.anonKey, embedded };
}

/**
 * A `fetch` for supabase-js that hands requests straight to the embedded gateway: the same contract as over HTTP,
 * without a socket. Used by server-side clients only.
 * @param clientAddress the IP the gateway sees (its sign-in rate limit is per IP)
 */
export function embeddedFetch(embedded: EmbeddedBackend, clientAddress: string): typeof fetch {
	return async (input, init) =>
		(await embedded.gateway.handle(new Request(input, init), clientAddress)) ?? new Response('Not found', { status: 404 });
}
