import { SignJWT, jwtVerify, errors as joseErrors, type JWTPayload } from 'jose';

/** Claims of an access token or API key as PostgREST and Supabase Auth read them. */
export type Claims = JWTPayload & { role?: string; [claim: string]: unknown };

/** Why a bearer token was refused, in PostgREST's terms (PGRST301 = undecodable/bad signature, PGRST303 = claims). */
export class JwtError extends Error {
	readonly code: 'PGRST301' | 'PGRST303';
	readonly details: string | null;
	constructor(code: 'PGRST301' | 'PGRST303', message: string, details: string | null = null) {
		super(message);
		this.code = code;
		this.details = details;
	}
}

const CLOCK_SKEW_SECONDS = 30; // PostgREST allows 30 s of skew on exp/nbf/iat

const encoder = new TextEncoder();
const keyOf = (secret: string) => encoder.encode(secret);

/** Signs HS256 claims with the installation's secret. */
export async function signJwt(claims: Claims, secret: string): Promise<string> {
	return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(keyOf(secret));
}

/**
 * Verifies an HS256 JWT the way PostgREST v14 does and returns its claims.
 * @throws JwtError with PostgREST's code and message
 */
export async function verifyJwt(token: string, secret: string): Promise<Claims> {
	if (token === '') throw new JwtError('PGRST301', 'Empty JWT is sent in Authorization header');
	const parts = token.split('.').length;
	if (parts !== 3) throw new JwtError('PGRST301', `Expected 3 parts in JWT; got ${parts}`);
	try {
		const { payload } = await jwtVerify(token, keyOf(secret), {
			algorithms: ['HS256'],
			clockTolerance: CLOCK_SKEW_SECONDS
		});
		return payload as Claims;
	} catch (error) {
		if (error instanceof joseErrors.JWTExpired) throw new JwtError('PGRST303', 'JWT expired');
		if (error instanceof joseErrors.JWTClaimValidationFailed) {
			const claim = error.claim;
			if (claim === 'nbf') throw new JwtError('PGRST303', 'JWT not yet valid');
			if (claim === 'iat') throw new JwtError('PGRST303', 'JWT issued at future');
			throw new JwtError('PGRST303', 'Parsing claims failed');
		}
		if (error instanceof joseErrors.JOSEAlgNotAllowed || error instanceof joseErrors.JOSENotSupported)
			throw new JwtError('PGRST301', 'Wrong or unsupported encoding algorithm');
		if (error instanceof joseErrors.JWSSignatureVerificationFailed)
			throw new JwtError('PGRST301', 'No suitable key or wrong key type', 'None of the keys was able to decode the JWT');
		throw new JwtError('PGRST301', 'JWT cryptographic operation failed');
	}
}
