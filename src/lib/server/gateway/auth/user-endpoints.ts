import { requireUser } from './authenticate.ts';
import { nowIso, type AuthContext } from './context.ts';
import { AuthError, json, validationFailed } from './errors.ts';
import { assertAcceptablePassword, hashPasswordSql, passwordMatchesSql } from './passwords.ts';
import { objectField, readJsonObject, stringField } from './request-body.ts';
import { endSessions, type LogoutScope } from './sessions.ts';
import { AUDIENCE, findUserById, mergeMetadataSql, normaliseEmail, type User } from './users.ts';

/** `GET /user`: the caller's user JSON (GoTrue `UserGet`). */
export async function getUserEndpoint(ctx: AuthContext, request: Request): Promise<Response> {
	const { user, claims } = await requireUser(ctx, request);
	const aud = Array.isArray(claims.aud) ? claims.aud[0] : claims.aud;
	if (aud !== (request.headers.get('x-jwt-aud') ?? AUDIENCE))
		throw validationFailed("Token audience doesn't match request audience");
	return json(200, user.json);
}

/**
 * `PUT /user` (GoTrue `UserUpdate`, supabase-contract §4.6): new password and/or `data` merged into
 * user_metadata. Email and phone changes are refused: they need a mailer / SMS sender to confirm the new address,
 * which this server does not have — an administrator changes them through the admin API instead.
 */
export async function updateUserEndpoint(ctx: AuthContext, request: Request): Promise<Response> {
	const caller = await requireUser(ctx, request);
	const body = await readJsonObject(request);
	const password = stringField(body, 'password');
	const email = stringField(body, 'email');
	const phone = stringField(body, 'phone');
	const data = objectField(body, 'data');

	if (email && normaliseEmail(email) !== caller.user.email)
		throw new AuthError(
			422,
			'email_address_not_authorized',
			'Changing the email address is not supported (no mailer to confirm it); ask an administrator'
		);
	if (phone && phone !== caller.user.phone)
		throw new AuthError(422, 'phone_provider_disabled', 'Changing the phone number is not supported');
	if (password !== undefined) assertAcceptablePassword(password, ctx.minPasswordLength);
	// Only admins may touch app_metadata: it carries roles the app trusts (GoTrue `isAdmin` check).
	if (objectField(body, 'app_metadata'))
		throw new AuthError(403, 'not_admin', 'Updating app_metadata requires admin privileges');

	const user = await ctx.db.transaction(async (tx) => {
		const id = caller.user.id;
		if (password !== undefined) {
			const { rows } = await tx.query<{ same: boolean }>(
				`select ${passwordMatchesSql('$2')} as same from auth.users u where u.id = $1::uuid`,
				[id, password]
			);
			if (rows[0]?.same)
				throw new AuthError(422, 'same_password', 'New password should be different from the old password.');
			await tx.query(
				`update auth.users set encrypted_password = ${hashPasswordSql('$2')}, updated_at = $3::timestamptz
				where id = $1::uuid`,
				[id, password, nowIso(ctx)]
			);
			// A password change must lock out whoever else holds a session (GoTrue `LogoutAllExceptMe`).
			await endSessions(tx, id, caller.sessionId, 'others');
		}
		if (data) {
			await tx.query(
				`update auth.users set raw_user_meta_data = ${mergeMetadataSql('raw_user_meta_data', '$2')},
					updated_at = $3::timestamptz where id = $1::uuid`,
				[id, JSON.stringify(data), nowIso(ctx)]
			);
		}
		return (await findUserById(tx, id)) as User;
	});
	return json(200, user.json);
}

const SCOPES: LogoutScope[] = ['global', 'local', 'others'];

/** `POST /logout?scope=global|local|others` → 204 (GoTrue `Logout`). */
export async function logoutEndpoint(ctx: AuthContext, request: Request): Promise<Response> {
	const caller = await requireUser(ctx, request);
	const requested = new URL(request.url).searchParams.get('scope') ?? 'global';
	const scope = SCOPES.find((s) => s === requested);
	if (!scope) throw validationFailed(`Unsupported logout scope ${JSON.stringify(requested)}`);
	await ctx.db.transaction((tx) => endSessions(tx, caller.user.id, caller.sessionId, scope));
	return new Response(null, { status: 204 });
}
