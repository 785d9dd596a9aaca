// The only importer of private env (style.md §6.8).
import { env } from '$env/dynamic/private';

/** Folder of the embedded backend: PGlite files and per-installation secrets. */
export const dataDir: string = env.DATA_DIR || '.data';

/** A PostgreSQL server to run the embedded gateway over instead of PGlite. */
export const databaseUrl: string | undefined = env.DATABASE_URL || undefined;

/** The Supabase CLI folder (migrations, seed) applied by the embedded backend on start. */
export const supabaseDir: string = env.SUPABASE_DIR || 'supabase';

/** Public base URL of the site (tokens' issuer); adapter-node's ORIGIN when set. */
export const siteOrigin: string | undefined = env.ORIGIN || undefined;

/**
 * Serve a database that holds synthetic (benchmark) listings. Off by default: the embedded backend refuses to start
 * on such a database (see data/README.md). Only for benchmark or demo servers.
 */
export const allowSyntheticData: boolean = env.ALLOW_SYNTHETIC_DATA === '1' || env.ALLOW_SYNTHETIC_DATA === 'true';

/**
 * The first city administrator of an embedded backend, created at start when no such account exists (nothing
 * happens when FIRST_ADMIN_EMAIL is unset; there is no default password). The password is needed only for the
 * first start: remove it from the environment afterwards.
 */
export const firstAdminEmail: string | undefined = env.FIRST_ADMIN_EMAIL?.trim() || undefined;
export const firstAdminPassword: string | undefined = env.FIRST_ADMIN_PASSWORD || undefined;

/**
 * The service-role key of a Supabase project (bypasses RLS): used on the server only, to create and disable
 * accounts through the Auth admin API. The embedded backend uses its own (`embedded.secrets.serviceRoleKey`).
 */
export const supabaseServiceRoleKey: string | undefined = env.SUPABASE_SERVICE_ROLE_KEY || undefined;
