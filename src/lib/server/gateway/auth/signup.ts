import { nowIso, type AuthContext } from './context.ts';
import { AuthError, json, validationFailed } from './errors.ts';
import { assertAcceptablePassword } from './passwords.ts';
import { objectField, readJsonObject, stringField } from './request-body.ts';
import { clientOf, startSession } from './sessions.ts';
import { insertUser, normaliseEmail } from './users.ts';

/**
 * `POST /signup` (GoTrue `Signup`, supabase-contract §4.7). Off by default: in this product accounts are made by
 * administrators. When on, accounts are confirmed at once (there is no mailer), so the answer is a session.
 */
export async function signupEndpoint(ctx: AuthContext, request: Request, clientAddress: string): Promise<Response> {
	if (!ctx.signupEnabled) throw new AuthError(422, 'signup_disabled', 'Signups not allowed for this instance');
	const body = await readJsonObject(request);
	const email = stringField(body, 'email') ?? '';
	const password = stringField(body, 'password') ?? '';
	if (email === '' && (stringField(body, 'phone') ?? '') === '')
		throw new AuthError(422, 'anonymous_provider_disabled', 'Anonymous sign-ins are disabled');
	if (email === '') throw new AuthError(422, 'phone_provider_disabled', 'Phone signups are disabled');
	if (password === '') throw validationFailed('Signup requires a valid password');
	assertAcceptablePassword(password, ctx.minPasswordLength);
	const normalised = normaliseEmail(email);

	const session = await ctx.db.transaction(async (tx) => {
		try {
			const id = await insertUser(
				tx,
				{ email: normalised, password, emailConfirmed: true, userMetadata: objectField(body, 'data') },
				nowIso(ctx)
			);
			return await startSession(ctx, request, tx, id, clientOf(request, clientAddress));
		} catch (error) {
			// With autoconfirm GoTrue says so plainly (auth-js tests expect /^User already registered/).
			if (error instanceof AuthError && error.code === 'email_exists')
				throw new AuthError(422, 'user_already_exists', 'User already registered');
			throw error;
		}
	});
	return json(200, session);
}
