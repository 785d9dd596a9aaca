import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { signJwt } from './jwt.ts';

/** Per-installation secrets of the embedded backend. Generated on first start, kept in DATA_DIR, never committed. */
export interface GatewaySecrets {
	/** HS256 secret signing access tokens and the two API keys. */
	jwtSecret: string;
	/** Public key for browsers: a long-lived JWT with role `anon` (Supabase's legacy anon key). */
	anonKey: string;
	/** Server-only key: role `service_role`, bypasses RLS. Never sent to a browser. */
	serviceRoleKey: string;
}

const TEN_YEARS = 10 * 365 * 24 * 3600;

/** Makes a fresh set of secrets (random 48-byte secret, keys valid ten years). */
export async function generateSecrets(): Promise<GatewaySecrets> {
	const jwtSecret = randomBytes(48).toString('base64url');
	const iat = Math.floor(Date.now() / 1000);
	const key = (role: string) => signJwt({ iss: 'supabase', ref: 'embedded', role, iat, exp: iat + TEN_YEARS }, jwtSecret);
	return { jwtSecret, anonKey: await key('anon'), serviceRoleKey: await key('service_role') };
}

/**
 * Reads `<dataDir>/gateway-secrets.json`, creating it (mode 0600) on first start.
 * @param dataDir the installation's data folder; `undefined` gives throw-away secrets (in-memory databases)
 */
export async function loadOrCreateSecrets(dataDir: string | undefined): Promise<GatewaySecrets> {
	if (!dataDir) return generateSecrets();
	const file = join(dataDir, 'gateway-secrets.json');
	try {
		return JSON.parse(await readFile(file, 'utf8')) as GatewaySecrets;
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
	}
	const secrets = await generateSecrets();
	await mkdir(dataDir, { recursive: true });
	await writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600, flag: 'wx' });
	return secrets;
}
