import { randomBytes } from 'node:crypto';
import type { Sql } from '../../db/database.ts';
import { requireAdmin } from './authenticate.ts';
import { nowIso, type AuthContext } from './context.ts';
import { AuthError, json, validationFailed } from './errors.ts';
import { parseGoDuration } from './durations.ts';
import { assertAcceptablePassword, hashPasswordSql } from './passwords.ts';
import { booleanField, objectField, readJsonObject, stringField } from './request-body.ts';
import {
	AUDIENCE,
	emailExists,
	findUserById,
	insertUser,
	listUsers,
	mergeMetadataSql,
	normaliseEmail,
	type User
} from './users.ts';

/*
 * The admin user API of GoTrue (`internal/api/admin.go`) that auth-js's `auth.admin.*` calls, for the service-role
 * key only. Email accounts only: phone numbers, roles other than `authenticated`, soft deletion, MFA factors and
 * the audit log are not offered.
 */

/** `POST /admin/users` (auth-js `admin.createUser`) → 200 user JSON. */
export async function adminCreateUser(ctx: AuthContext, request: Request): Promise<Response> {
	await requireAdmin(ctx, request);
	const body = await readJsonObject(request);
	const email = stringField(body, 'email') ?? '';
	if (stringField(body, 'phone')) throw new AuthError(422, 'phone_provider_disabled', 'Phone users are not supported');
	if (email === '')
		throw new AuthError(422, 'validation_failed', 'Cannot create a user without either an email or phone');
	const normalised = normaliseEmail(email);
	// Like GoTrue, a user created without a password gets an unguessable one (it can be reset by an admin).
	const password = stringField(body, 'password') || randomBytes(48).toString('base64url');
	assertAcceptablePassword(password, ctx.minPasswordLength);
	const banDuration = stringField(body, 'ban_duration');
	const id = await insertUser(
		ctx.db,
		{
			email: normalised,
			password,
			emailConfirmed: booleanField(body, 'email_confirm'),
			userMetadata: objectField(body, 'user_metadata'),
			appMetadata: objectField(body, 'app_metadata'),
			bannedUntil: banDuration ? banUntil(ctx, banDuration) : null
		},
		nowIso(ctx)
	);
	return json(200, ((await findUserById(ctx.db, id)) as User).json);
}

const DEFAULT_PER_PAGE = 50;

/** `GET /admin/users?page=&per_page=` → `{users, aud}` with GoTrue's `X-Total-Count` and `Link` headers. */
export async function adminListUsers(ctx: AuthContext, request: Request): Promise<Response> {
	await requireAdmin(ctx, request);
	const url = new URL(request.url);
	const page = positiveInt(url.searchParams.get('page'), 1);
	const perPage = positiveInt(url.searchParams.get('per_page'), DEFAULT_PER_PAGE);
	const { users, total } = await listUsers(ctx.db, page, perPage);
	const lastPage = Math.ceil(total / perPage);
	const link = (n: number) => `<${url.origin}${url.pathname}?page=${n}&per_page=${perPage}>`;
	const links = [...(page < lastPage ? [`${link(page + 1)}; rel="next"`] : []), `${link(lastPage)}; rel="last"`];
	return json(
		200,
		{ users: users.map((u) => u.json), aud: AUDIENCE },
		{ 'X-Total-Count': String(total), Link: links.join(', ') }
	);
}

/** Pagination parameter: empty means the default (auth-js sends `page=&per_page=` when not given). */
function positiveInt(value: string | null, fallback: number): number {
	if (value === null || value === '') return fallback;
	if (!/^\d+$/.test(value) || Number(value) < 1)
		throw validationFailed(`Bad Pagination Parameters: ${JSON.stringify(value)} is not a positive integer`);
	return Number(value);
}

/** `GET /admin/users/<id>`. */
export async function adminGetUser(ctx: AuthContext, request: Request, id: string): Promise<Response> {
	await requireAdmin(ctx, request);
	return json(200, (await loadUser(ctx.db, id)).json);
}

/**
 * `PUT /admin/users/<id>` (auth-js `admin.updateUserById`): email, password, email_confirm, user_metadata and
 * app_metadata (merged), ban_duration ("none" lifts a ban, e.g. "876000h" disables the account for good).
 */
export async function adminUpdateUser(ctx: AuthContext, request: Request, id: string): Promise<Response> {
	await requireAdmin(ctx, request);
	const body = await readJsonObject(request);
	if (stringField(body, 'phone')) throw new AuthError(422, 'phone_provider_disabled', 'Phone users are not supported');
	const email = stringField(body, 'email');
	const password = stringField(body, 'password');
	const banDuration = stringField(body, 'ban_duration');
	const userMetadata = objectField(body, 'user_metadata');
	const appMetadata = objectField(body, 'app_metadata');
	const bannedUntil = banDuration ? banUntil(ctx, banDuration) : undefined;
	if (password !== undefined) assertAcceptablePassword(password, ctx.minPasswordLength);
	const now = nowIso(ctx);

	const user = await ctx.db.transaction(async (tx) => {
		const user = await loadUser(tx, id);
		const set = (assignment: string, ...params: unknown[]) =>
			tx.query(`update auth.users set ${assignment}, updated_at = $2::timestamptz where id = $1::uuid`, [
				user.id,
				now,
				...params
			]);
		if (bannedUntil !== undefined) await set('banned_until = $3::timestamptz', bannedUntil);
		if (booleanField(body, 'email_confirm')) await confirmEmail(tx, user.id, now);
		if (password !== undefined) await set(`encrypted_password = ${hashPasswordSql('$3')}`, password);
		if (email) await changeEmail(tx, user, normaliseEmail(email), now);
		if (appMetadata)
			await set(`raw_app_meta_data = ${mergeMetadataSql('raw_app_meta_data', '$3')}`, JSON.stringify(appMetadata));
		if (userMetadata)
			await set(`raw_user_meta_data = ${mergeMetadataSql('raw_user_meta_data', '$3')}`, JSON.stringify(userMetadata));
		return loadUser(tx, user.id);
	});
	return json(200, user.json);
}

/** `DELETE /admin/users/<id>` → 200 `{}`; the user's identities, sessions and refresh tokens go with it. */
export async function adminDeleteUser(ctx: AuthContext, request: Request, id: string): Promise<Response> {
	await requireAdmin(ctx, request);
	const body = await readJsonObject(request);
	if (body.should_soft_delete === true) throw validationFailed('Soft deletion is not supported');
	await ctx.db.transaction(async (tx) => {
		const user = await loadUser(tx, id);
		await tx.query('delete from auth.refresh_tokens where user_id = $1', [user.id]);
		await tx.query('delete from auth.users where id = $1::uuid', [user.id]);
	});
	return json(200, {});
}

async function loadUser(sql: Sql, id: string): Promise<User> {
	const user = await findUserById(sql, id);
	if (!user) throw new AuthError(404, 'user_not_found', 'User not found');
	return user;
}

/** GoTrue `Ban`: "none" or a zero duration lifts the ban, anything else bans until now + duration. */
function banUntil(ctx: AuthContext, banDuration: string): string | null {
	const ms = banDuration === 'none' ? 0 : parseGoDuration(banDuration);
	if (ms === null) throw validationFailed(`invalid format for ban duration: ${JSON.stringify(banDuration)}`);
	return ms === 0 ? null : new Date(ctx.now() + ms).toISOString();
}

/** GoTrue `Confirm`: confirmation time (kept if already set) and `email_verified` in metadata and identity. */
async function confirmEmail(sql: Sql, userId: string, now: string): Promise<void> {
	await sql.query(
		`update auth.users set email_confirmed_at = coalesce(email_confirmed_at, $2::timestamptz),
			raw_user_meta_data = coalesce(raw_user_meta_data, '{}'::jsonb) || '{"email_verified": true}'::jsonb,
			updated_at = $2::timestamptz
		where id = $1::uuid`,
		[userId, now]
	);
	await sql.query(
		`update auth.identities set identity_data = identity_data || '{"email_verified": true}'::jsonb,
			updated_at = $2::timestamptz
		where user_id = $1::uuid and provider = 'email'`,
		[userId, now]
	);
}

/** An admin may change an email directly (no confirmation mail); the email identity follows. */
async function changeEmail(sql: Sql, user: User, email: string, now: string): Promise<void> {
	if (email === user.email) return;
	const taken = await sql.query(
		'select 1 from auth.users where lower(email) = $1 and aud = $2 and is_sso_user = false and id <> $3::uuid',
		[email, AUDIENCE, user.id]
	);
	if (taken.rows.length > 0) throw emailExists();
	await sql.query('update auth.users set email = $2, updated_at = $3::timestamptz where id = $1::uuid', [
		user.id,
		email,
		now
	]);
	await sql.query(
		`update auth.identities set identity_data = identity_data || jsonb_build_object('email', $2::text),
			updated_at = $3::timestamptz
		where user_id = $1::uuid and provider = 'email'`,
		[user.id, email, now]
	);
}
