import { randomUUID } from 'node:crypto';
import { isDbError, type Sql } from '../../db/database.ts';
import { AuthError, validationFailed } from './errors.ts';
import { assertAcceptablePassword, hashPasswordSql, passwordMatchesSql } from './passwords.ts';
import type { JsonObject } from './request-body.ts';

/** GoTrue's single-tenant instance id and the audience of its users. */
export const NIL_UUID = '00000000-0000-0000-0000-000000000000';
export const AUDIENCE = 'authenticated';

/** A user as the endpoints need it, plus the exact JSON GoTrue would send for it. */
export interface User {
	id: string;
	aud: string;
	role: string;
	email: string;
	phone: string;
	appMetadata: JsonObject;
	userMetadata: JsonObject;
	isAnonymous: boolean;
	emailConfirmed: boolean;
	bannedUntilMs: number | null;
	/** `models.User` JSON (supabase-contract §4.2). */
	json: JsonObject;
}

/** True while a ban is in force (GoTrue `IsBanned`). */
export const isBanned = (user: User, nowMs: number) => user.bannedUntilMs !== null && user.bannedUntilMs > nowMs;

// Go marshals time.Time as RFC3339 with up to 9 fractional digits and no trailing zeros: 2024-01-01T10:00:00.1234Z.
const rfc3339 = (column: string) =>
	`regexp_replace(to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), '\\.?0+Z$', 'Z')`;

// Optional user fields in GoTrue's field order; Go omits them when empty (`omitempty`).
const OPTIONAL_TIMESTAMPS = [
	'email_confirmed_at',
	'invited_at',
	'phone_confirmed_at',
	'confirmation_sent_at',
	'confirmed_at',
	'recovery_sent_at',
	'new_email',
	'email_change_sent_at',
	'new_phone',
	'phone_change_sent_at',
	'reauthentication_sent_at',
	'last_sign_in_at'
] as const;

// `extra` adds columns computed in the same statement (the sign-in password check).
const selectUser = (extra = '') => `
	select u.id::text as id, coalesce(u.aud, '') as aud, coalesce(u.role, '') as role,
		coalesce(u.email, '') as email, coalesce(u.phone, '') as phone,
		${rfc3339('u.email_confirmed_at')} as email_confirmed_at, ${rfc3339('u.invited_at')} as invited_at,
		${rfc3339('u.phone_confirmed_at')} as phone_confirmed_at,
		${rfc3339('u.confirmation_sent_at')} as confirmation_sent_at, ${rfc3339('u.confirmed_at')} as confirmed_at,
		${rfc3339('u.recovery_sent_at')} as recovery_sent_at, nullif(u.email_change, '') as new_email,
		${rfc3339('u.email_change_sent_at')} as email_change_sent_at, nullif(u.phone_change, '') as new_phone,
		${rfc3339('u.phone_change_sent_at')} as phone_change_sent_at,
		${rfc3339('u.reauthentication_sent_at')} as reauthentication_sent_at,
		${rfc3339('u.last_sign_in_at')} as last_sign_in_at,
		coalesce(u.raw_app_meta_data, '{}')::text as app_metadata,
		coalesce(u.raw_user_meta_data, '{}')::text as user_metadata,
		(select coalesce(json_agg(json_build_object(
			'identity_id', i.id, 'id', i.provider_id, 'user_id', i.user_id, 'identity_data', i.identity_data,
			'provider', i.provider, 'last_sign_in_at', ${rfc3339('i.last_sign_in_at')},
			'created_at', ${rfc3339('i.created_at')}, 'updated_at', ${rfc3339('i.updated_at')}, 'email', i.email
		) order by i.created_at), '[]')::text from auth.identities i where i.user_id = u.id) as identities,
		${rfc3339('u.created_at')} as created_at, ${rfc3339('u.updated_at')} as updated_at,
		${rfc3339('u.banned_until')} as banned_until, ${rfc3339('u.deleted_at')} as deleted_at,
		u.is_anonymous, (extract(epoch from u.banned_until) * 1000)::float8 as banned_until_ms ${extra}
	from auth.users u`;

type UserRow = Record<(typeof OPTIONAL_TIMESTAMPS)[number], string | null> & {
	id: string;
	aud: string;
	role: string;
	email: string;
	phone: string;
	app_metadata: string;
	user_metadata: string;
	identities: string;
	created_at: string | null;
	updated_at: string | null;
	banned_until: string | null;
	deleted_at: string | null;
	is_anonymous: boolean;
	banned_until_ms: number | null;
};

function toUser(row: UserRow): User {
	const appMetadata = JSON.parse(row.app_metadata) as JsonObject;
	const userMetadata = JSON.parse(row.user_metadata) as JsonObject;
	const json: JsonObject = { id: row.id, aud: row.aud, role: row.role, email: row.email };
	for (const field of OPTIONAL_TIMESTAMPS.slice(0, 2)) if (row[field] !== null) json[field] = row[field];
	json.phone = row.phone;
	for (const field of OPTIONAL_TIMESTAMPS.slice(2)) if (row[field] !== null) json[field] = row[field];
	json.app_metadata = appMetadata;
	json.user_metadata = userMetadata;
	json.identities = (JSON.parse(row.identities) as JsonObject[]).map(withoutNulls);
	json.created_at = row.created_at;
	json.updated_at = row.updated_at;
	if (row.banned_until !== null) json.banned_until = row.banned_until;
	if (row.deleted_at !== null) json.deleted_at = row.deleted_at;
	json.is_anonymous = row.is_anonymous;
	return {
		id: row.id,
		aud: row.aud,
		role: row.role,
		email: row.email,
		phone: row.phone,
		appMetadata,
		userMetadata,
		isAnonymous: row.is_anonymous,
		emailConfirmed: row.email_confirmed_at !== null,
		bannedUntilMs: row.banned_until_ms,
		json
	};
}

const withoutNulls = (object: JsonObject) => Object.fromEntries(Object.entries(object).filter(([, v]) => v !== null));

/** True for a canonical UUID string (so a cast to uuid cannot fail). */
export const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

/** The user with this id, or null (also for a string that is not a UUID). */
export async function findUserById(sql: Sql, id: string): Promise<User | null> {
	if (!isUuid(id)) return null;
	const { rows } = await sql.query<UserRow>(`${selectUser()} where u.id = $1::uuid`, [id]);
	return rows[0] ? toUser(rows[0]) : null;
}

/** Users of the audience, newest first (GoTrue's default sort), with the total count. */
export async function listUsers(sql: Sql, page: number, perPage: number): Promise<{ users: User[]; total: number }> {
	const { rows } = await sql.query<UserRow>(
		`${selectUser()} where u.instance_id = $1 and u.aud = $2 order by u.created_at desc, u.id limit $3 offset $4`,
		[NIL_UUID, AUDIENCE, perPage, (page - 1) * perPage]
	);
	const count = await sql.query<{ total: number }>(
		'select count(*)::int as total from auth.users where instance_id = $1 and aud = $2',
		[NIL_UUID, AUDIENCE]
	);
	return { users: rows.map(toUser), total: count.rows[0]?.total ?? 0 };
}

/**
 * Finds the email/password user GoTrue would sign in (`FindUserByEmailAndAudience`) and checks the password in
 * the same statement. The boolean is false when the user has no usable password.
 */
export async function findUserForSignIn(
	sql: Sql,
	email: string,
	password: string
): Promise<{ user: User; passwordOk: boolean } | null> {
	const { rows } = await sql.query<UserRow & { password_ok: boolean }>(
		`${selectUser(`, ${passwordMatchesSql('$4')} as password_ok`)}
		where u.instance_id = $1 and lower(u.email) = lower($2) and u.aud = $3 and u.is_sso_user = false`,
		[NIL_UUID, email, AUDIENCE, password]
	);
	const row = rows[0];
	return row ? { user: toUser(row), passwordOk: row.password_ok } : null;
}

// GoTrue's validateEmail: an RFC 5322-ish local part, DNS labels, at most 255 characters.
const EMAIL_PATTERN =
	/^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

/** Lower-cases a valid email; 400 `validation_failed` otherwise (GoTrue `validateEmail`). */
export function normaliseEmail(email: string): string {
	const trimmed = email.trim();
	if (trimmed === '') throw validationFailed('An email address is required');
	if (trimmed.length > 255 || !EMAIL_PATTERN.test(trimmed))
		throw validationFailed('Unable to validate email address: invalid format');
	return trimmed.toLowerCase();
}

/** The 422 GoTrue answers when an email belongs to another account (`DuplicateEmailMsg`). */
export const emailExists = () =>
	new AuthError(422, 'email_exists', 'A user with this email address has already been registered');

/** What a new email/password account is made of. */
export interface NewUser {
	email: string;
	password: string;
	emailConfirmed: boolean;
	userMetadata?: JsonObject;
	appMetadata?: JsonObject;
	/** ISO timestamp until which the account is disabled, or null. */
	bannedUntil?: string | null;
}

/**
 * Inserts the user and its `email` identity in one statement (so it is atomic even outside a transaction),
 * shaped like GoTrue's `NewUser` + `createNewIdentity`.
 * @param email already normalised
 * @throws AuthError 422 `email_exists` when the email is taken
 */
export async function insertUser(sql: Sql, input: NewUser, nowIso: string): Promise<string> {
	const id = randomUUID();
	const appMetadata = { provider: 'email', providers: ['email'], ...input.appMetadata };
	const userMetadata = { ...input.userMetadata, ...(input.emailConfirmed ? { email_verified: true } : {}) };
	const identityData = { sub: id, email: input.email, email_verified: input.emailConfirmed, phone_verified: false };
	const taken = await sql.query(
		'select 1 from auth.users where lower(email) = lower($1) and aud = $2 and is_sso_user = false',
		[input.email, AUDIENCE]
	);
	if (taken.rows.length > 0) throw emailExists();
	try {
		await sql.query(
			`with new_user as (
				insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
					raw_app_meta_data, raw_user_meta_data, banned_until, created_at, updated_at)
				values ($1, $2::uuid, $3, $3, $4, ${hashPasswordSql('$5')}, $6::timestamptz, $7::jsonb, $8::jsonb,
					$9::timestamptz, $10::timestamptz, $10::timestamptz)
				returning id
			)
			insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
			select id::text, id, $11::jsonb, 'email', $10::timestamptz, $10::timestamptz, $10::timestamptz from new_user`,
			[
				NIL_UUID,
				id,
				AUDIENCE,
				input.email,
				input.password,
				input.emailConfirmed ? nowIso : null,
				JSON.stringify(appMetadata),
				JSON.stringify(userMetadata),
				input.bannedUntil ?? null,
				nowIso,
				JSON.stringify(identityData)
			]
		);
	} catch (error) {
		// Two concurrent creations of the same email: the unique index decides.
		if (isDbError(error) && error.code === '23505') throw emailExists();
		throw error;
	}
	return id;
}

/**
 * SQL merging the JSON object parameter `param` into a jsonb `column` the way GoTrue's `UpdateUserMetaData`
 * does: keys are set, and a key set to null is removed.
 */
export const mergeMetadataSql = (column: string, param: string) =>
	`(coalesce(${column}, '{}'::jsonb) || ${param}::jsonb)
		- array(select key from jsonb_each(${param}::jsonb) where value = 'null'::jsonb)`;

/** Supabase's default minimum, applied to accounts created outside the HTTP API. */
const DEFAULT_MIN_PASSWORD_LENGTH = 8;

/**
 * Creates a confirmed email/password user directly in the database (first city admin from env, tests,
 * admin tooling). Applies the default password policy (8 to 72 bytes).
 * @throws AuthError `validation_failed` / `weak_password` / `email_exists`
 */
export async function createUser(
	db: Sql,
	input: { email: string; password: string; userMetadata?: JsonObject; appMetadata?: JsonObject }
): Promise<{ id: string; email: string }> {
	const email = normaliseEmail(input.email);
	assertAcceptablePassword(input.password, DEFAULT_MIN_PASSWORD_LENGTH);
	const id = await insertUser(db, { ...input, email, emailConfirmed: true }, new Date().toISOString());
	return { id, email };
}
