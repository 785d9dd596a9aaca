import type { AuthContext } from './context.ts';
import { AuthError, json, validationFailed } from './errors.ts';
import { passwordWeakness, spendPasswordCheck } from './passwords.ts';
import type { RateLimiter } from './rate-limit.ts';
import { readJsonObject, stringField } from './request-body.ts';
import { clientOf, refreshSession, startSession, type Client } from './sessions.ts';
import { findUserForSignIn, isBanned } from './users.ts';

/**
 * `POST /token`: the password and refresh_token grants (GoTrue `Token`). Both draw from one per-IP bucket, as in
 * GoTrue, which caps password guessing and refresh storms alike.
 */
export async function tokenEndpoint(
	ctx: AuthContext,
	limiter: RateLimiter,
	request: Request,
	clientAddress: string
): Promise<Response> {
	if (!limiter.take(clientAddress))
		throw new AuthError(429, 'over_request_rate_limit', 'Request rate limit reached');
	const client = clientOf(request, clientAddress);
	switch (new URL(request.url).searchParams.get('grant_type')) {
		case 'password':
			return json(200, await passwordGrant(ctx, request, client));
		case 'refresh_token':
			return json(200, await refreshTokenGrant(ctx, request, client));
		default:
			// Current GoTrue answers other grants (pkce, id_token, web3 are not offered here) with this 400.
			throw new AuthError(400, 'invalid_credentials', 'unsupported_grant_type');
	}
}

const invalidCredentials = () => new AuthError(400, 'invalid_credentials', 'Invalid login credentials');

/** GoTrue `ResourceOwnerPasswordGrant` for email accounts, with its order of checks (supabase-contract §4.1). */
async function passwordGrant(ctx: AuthContext, request: Request, client: Client) {
	const body = await readJsonObject(request);
	const email = stringField(body, 'email') ?? '';
	const phone = stringField(body, 'phone') ?? '';
	const password = stringField(body, 'password') ?? '';
	if (email !== '' && phone !== '')
		throw validationFailed('Only an email address or phone number should be provided on login.');
	if (phone !== '') throw new AuthError(422, 'phone_provider_disabled', 'Phone logins are disabled');
	if (email === '') throw validationFailed('missing email or phone');

	const found = await findUserForSignIn(ctx.db, email, password);
	if (!found) {
		await spendPasswordCheck(ctx.db, password);
		// Same answer as a wrong password: do not reveal which emails have accounts.
		throw invalidCredentials();
	}
	if (isBanned(found.user, ctx.now())) throw new AuthError(400, 'user_banned', 'User is banned');
	if (!found.passwordOk) throw invalidCredentials();
	if (!found.user.emailConfirmed) throw new AuthError(400, 'email_not_confirmed', 'Email not confirmed');

	// GoTrue still signs the user in when the password predates a stricter policy, and says so.
	const weakPassword = passwordWeakness(password, ctx.minPasswordLength);
	return ctx.db.transaction((tx) => startSession(ctx, request, tx, found.user.id, client, weakPassword));
}

async function refreshTokenGrant(ctx: AuthContext, request: Request, client: Client) {
	const body = await readJsonObject(request);
	const refreshToken = stringField(body, 'refresh_token') ?? '';
	if (refreshToken === '') throw validationFailed('refresh_token required');
	if (refreshToken.length < 12) throw validationFailed('Refresh token is not valid');
	return refreshSession(ctx, request, refreshToken, client);
}
