import type { Database } from '../../db/database.ts';
import type { GatewaySecrets } from '../secrets.ts';

/** Settings and dependencies every Auth endpoint reads (the resolved options of `createAuthApi`). */
export interface AuthContext {
	db: Database;
	secrets: GatewaySecrets;
	/** JWT `iss`; when unset, `<request origin>/auth/v1`. */
	issuer: string | undefined;
	jwtExpirySeconds: number;
	refreshReuseIntervalSeconds: number;
	signupEnabled: boolean;
	minPasswordLength: number;
	/** Milliseconds since the epoch; every timestamp the API writes or compares comes from here. */
	now: () => number;
}

/** The clock as a timestamptz parameter. */
export const nowIso = (ctx: AuthContext) => new Date(ctx.now()).toISOString();
