import type { Database } from '../../db/database.ts';
import type { GatewaySecrets } from '../secrets.ts';
import { adminCreateUser, adminDeleteUser, adminGetUser, adminListUsers, adminUpdateUser } from './admin.ts';
import type { AuthContext } from './context.ts';
import { AuthError, errorResponse, json } from './errors.ts';
import { createRateLimiter, type RateLimit } from './rate-limit.ts';
import { signupEndpoint } from './signup.ts';
import { tokenEndpoint } from './token.ts';
import { getUserEndpoint, logoutEndpoint, updateUserEndpoint } from './user-endpoints.ts';

export { createUser } from './users.ts';
export { AuthError } from './errors.ts';

export interface AuthApiOptions {
	db: Database;
	secrets: GatewaySecrets;
	/** JWT `iss`, e.g. 'http://localhost:5173/auth/v1'; default `<request origin>/auth/v1`. */
	issuer?: string;
	/** Access-token lifetime; default 3600. */
	jwtExpirySeconds?: number;
	/** How long a rotated refresh token may still be used; default 10 (Supabase's default). */
	refreshReuseIntervalSeconds?: number;
	/** Per client IP, shared by all `/token` grants; default 150 per 5 minutes, burst 30. */
	tokenRateLimit?: RateLimit;
	/** Default false: accounts are created by admins in this product. */
	signupEnabled?: boolean;
	/** Default 8. */
	minPasswordLength?: number;
	/** Millisecond clock, injectable for tests. */
	now?: () => number;
}

export interface AuthApi {
	/**
	 * Answers one Auth request. Never throws: failures become GoTrue error responses.
	 * @param path the part after `/auth/v1`, e.g. '/token', '/user'
	 * @param clientAddress the caller's IP, for rate limiting
	 */
	handle(request: Request, path: string, clientAddress: string): Promise<Response>;
}

type Endpoint = (request: Request, params: { clientAddress: string; id: string }) => Promise<Response>;

/** The Supabase Auth (GoTrue v2) subset auth-js 2.119 needs for email + password sessions, plus the admin user API. */
export function createAuthApi(options: AuthApiOptions): AuthApi {
	const ctx: AuthContext = {
		db: options.db,
		secrets: options.secrets,
		issuer: options.issuer,
		jwtExpirySeconds: options.jwtExpirySeconds ?? 3600,
		refreshReuseIntervalSeconds: options.refreshReuseIntervalSeconds ?? 10,
		signupEnabled: options.signupEnabled ?? false,
		minPasswordLength: options.minPasswordLength ?? 8,
		now: options.now ?? Date.now
	};
	const tokenLimiter = createRateLimiter(options.tokenRateLimit ?? { perFiveMinutes: 150, burst: 30 }, ctx.now);

	// Path patterns (":id" = one segment) → method → endpoint, after GoTrue's router in internal/api/api.go.
	const routes: Array<[RegExp, Record<string, Endpoint>]> = [
		[/^\/health$/, { GET: async () => json(200, HEALTH) }],
		[/^\/settings$/, { GET: async () => json(200, settings(ctx)) }],
		[/^\/\.well-known\/jwks\.json$/, { GET: async () => json(200, { keys: [] }, JWKS_CACHING) }],
		[/^\/token$/, { POST: (request, { clientAddress }) => tokenEndpoint(ctx, tokenLimiter, request, clientAddress) }],
		[/^\/signup$/, { POST: (request, { clientAddress }) => signupEndpoint(ctx, request, clientAddress) }],
		[/^\/logout$/, { POST: (request) => logoutEndpoint(ctx, request) }],
		[/^\/user$/, { GET: (request) => getUserEndpoint(ctx, request), PUT: (request) => updateUserEndpoint(ctx, request) }],
		[
			/^\/admin\/users$/,
			{ GET: (request) => adminListUsers(ctx, request), POST: (request) => adminCreateUser(ctx, request) }
		],
		[
			/^\/admin\/users\/([^/]+)$/,
			{
				GET: (request, { id }) => adminGetUser(ctx, request, id),
				PUT: (request, { id }) => adminUpdateUser(ctx, request, id),
				DELETE: (request, { id }) => adminDeleteUser(ctx, request, id)
			}
		]
	];

	return {
		async handle(request, path, clientAddress) {
			try {
				// chi matches "/user/" like "/user" (GoTrue mounts routes with trailing-slash variants).
				const normalised = path.length > 1 ? path.replace(/\/+$/, '') : path;
				for (const [pattern, methods] of routes) {
					const match = pattern.exec(normalised);
					if (!match) continue;
					const endpoint = methods[request.method];
					if (!endpoint) throw new AuthError(405, 'method_not_allowed', 'Method Not Allowed');
					return await endpoint(request, { clientAddress, id: match[1] ?? '' });
				}
				throw new AuthError(404, 'not_found', '404 page not found');
			} catch (error) {
				return errorResponse(request, error);
			}
		}
	};
}

// GoTrue's HealthCheck body; the version names the GoTrue release whose behaviour this copies.
const HEALTH = {
	version: 'v2.189.0-embedded',
	name: 'GoTrue',
	description: 'GoTrue is a user registration and authentication API'
};

// GoTrue lets clients cache the key set for 10 minutes. Only asymmetric keys are published; we sign HS256 only.
const JWKS_CACHING = { 'Cache-Control': 'public, max-age=600' };

/** GoTrue's `/settings` (supabase-contract §4.1): email sign-in only, accounts confirmed without a mailer. */
function settings(ctx: AuthContext) {
	return {
		external: { anonymous_users: false, email: true, phone: false },
		disable_signup: !ctx.signupEnabled,
		mailer_autoconfirm: true,
		phone_autoconfirm: false,
		sms_provider: '',
		saml_enabled: false
	};
}
