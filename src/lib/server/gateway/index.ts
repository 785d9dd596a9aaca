import type { Database } from '../db/database.ts';
import type { GatewaySecrets } from './secrets.ts';
import { createRestApi } from './rest/index.ts';
import { createAuthApi } from './auth/index.ts';

/** The embedded Supabase-compatible API: PostgREST RPC under /rest/v1, Supabase Auth under /auth/v1. */
export interface Gateway {
	/**
	 * Answers a request if its path belongs to the API (`/rest/v1/…`, `/auth/v1/…`), else returns null so the
	 * site handles it.
	 * @param clientAddress the caller's IP (Auth rate-limits sign-ins per IP)
	 */
	handle(request: Request, clientAddress: string): Promise<Response | null>;
	/** Re-reads the function list after a schema change. */
	reloadSchemaCache(): Promise<void>;
}

export interface GatewayOptions {
	db: Database;
	secrets: GatewaySecrets;
	/** Public base URL of the site, for the JWT `iss` claim (`<origin>/auth/v1`). */
	siteUrl?: string;
	/** Auth settings; Supabase's defaults apply to what is not given. */
	auth?: {
		/** Sign-in and refresh attempts per IP (default 150 per 5 minutes, burst 30). */
		tokenRateLimit?: { perFiveMinutes: number; burst: number };
		/** How long a rotated refresh token may still be used (default 10 s). */
		refreshReuseIntervalSeconds?: number;
		/** Access-token lifetime (default 3600 s). */
		jwtExpirySeconds?: number;
	};
}

const REST_PREFIX = '/rest/v1';
const AUTH_PREFIX = '/auth/v1';

// What supabase-js may send and must be able to read from a browser on another origin (supabase-contract §1.2):
// without Content-Range exposed `count` is always null, without X-Supabase-Api-Version `error.code` is lost.
const CORS_HEADERS = {
	'access-control-allow-origin': '*',
	'access-control-expose-headers':
		'Content-Encoding, Content-Location, Content-Range, Content-Type, Date, Location, Server, Transfer-Encoding, Range-Unit, Preference-Applied, Content-Profile, X-Supabase-Api-Version, X-Total-Count, Link'
};
const PREFLIGHT_HEADERS = {
	...CORS_HEADERS,
	'access-control-allow-methods': 'GET, POST, PATCH, PUT, DELETE, OPTIONS, HEAD',
	'access-control-allow-headers':
		'authorization, x-client-info, apikey, content-type, x-retry-count, traceparent, tracestate, baggage, prefer, accept-profile, content-profile, x-supabase-api-version, range',
	'access-control-max-age': '86400'
};

/** Builds the gateway over an open, migrated database. */
export function createGateway(options: GatewayOptions): Gateway {
	const rest = createRestApi({ db: options.db, secrets: options.secrets });
	const auth = createAuthApi({
		db: options.db,
		secrets: options.secrets,
		issuer: options.siteUrl ? new URL(AUTH_PREFIX, options.siteUrl).href : undefined,
		...options.auth
	});
	return {
		async handle(request, clientAddress) {
			const { pathname } = new URL(request.url);
			const api = routeOf(pathname);
			if (!api) return null;
			if (request.method === 'OPTIONS' && request.headers.has('access-control-request-method')) {
				return new Response(null, { status: 204, headers: PREFLIGHT_HEADERS });
			}
			const subpath = pathname.slice(api.prefix.length) || '/';
			const response =
				api.prefix === REST_PREFIX
					? await rest.handle(request, subpath)
					: await auth.handle(request, subpath, clientAddress);
			for (const [name, value] of Object.entries(CORS_HEADERS)) response.headers.set(name, value);
			return response;
		},
		reloadSchemaCache: () => rest.reloadSchemaCache()
	};
}

function routeOf(pathname: string): { prefix: string } | null {
	for (const prefix of [REST_PREFIX, AUTH_PREFIX]) {
		if (pathname === prefix || pathname.startsWith(prefix + '/')) return { prefix };
	}
	return null;
}
