// Accounts of the district governments, through the Auth admin API (GoTrue `/admin/users`), which needs the
// service-role key.
//
// Threat: the service-role key bypasses RLS and may create, change or disable any account. It therefore lives on the
// server only (this module is under lib/server, which SvelteKit never ships to browsers), and every guarded helper
// below first asks the database AS THE SIGNED-IN USER whether they may manage that district or account
// (public.can_manage_members / public.can_manage_user) — the same rules RLS applies to memberships — before it
// touches the admin API. The embedded backend's key is `embedded.secrets.serviceRoleKey`; a Supabase project's is
// SUPABASE_SERVICE_ROLE_KEY (lib/server/env.ts).
import { randomBytes } from 'node:crypto';
import type { SupabaseClient, User } from '@supabase/supabase-js';

export type MemberRole = 'city_admin' | 'district_admin' | 'district_editor';

/** An account as the management pages list it. */
export interface Account {
	id: string;
	email: string;
	disabled: boolean;
	createdAt: string;
	lastSignInAt: string | null;
	/** True until the user has set a password of their own (set when created with a temporary one). */
	mustChangePassword: boolean;
}

/** A refused or failed account operation: `status` follows HTTP (403 not allowed, 422 e.g. email taken). */
export class AccountError extends Error {
	readonly status: number;
	readonly code: string;
	constructor(status: number, code: string, message: string) {
		super(message);
		this.name = 'AccountError';
		this.status = status;
		this.code = code;
	}
}

/** `ban_duration` that disables an account for good (100 years); "none" lifts the ban. */
const DISABLED_FOR = '876000h';

/**
 * A random temporary password: 18 bytes of entropy as base64url (24 characters), well within bcrypt's 72 bytes.
 * @returns the password, to hand to the new user once (it is not stored anywhere in clear)
 */
export function temporaryPassword(): string {
	return randomBytes(18).toString('base64url');
}

const toAccount = (user: User): Account => ({
	id: user.id,
	email: user.email ?? '',
	disabled: Boolean(user.banned_until && Date.parse(user.banned_until) > Date.now()),
	createdAt: user.created_at,
	lastSignInAt: user.last_sign_in_at ?? null,
	mustChangePassword: user.user_metadata?.must_change_password === true
});

const failed = (what: string, error: { status?: number; code?: string; message: string }) =>
	new AccountError(error.status ?? 500, error.code ?? 'unexpected_failure', `${what}: ${error.message}`);

/**
 * Creates a confirmed email/password account with a temporary password (the user is asked to change it).
 * @param admin a supabase-js client with the service-role key
 * @param input the email; the password defaults to a fresh temporary one
 * @returns the account and the temporary password to pass on to its owner
 * @throws AccountError 422 `email_exists` when the email is taken, 400/422 for an invalid email or password
 */
export async function createAccount(
	admin: SupabaseClient,
	input: { email: string; password?: string }
): Promise<{ account: Account; temporaryPassword: string }> {
	const password = input.password ?? temporaryPassword();
	const { data, error } = await admin.auth.admin.createUser({
		email: input.email,
		password,
		email_confirm: true,
		user_metadata: { must_change_password: true }
	});
	if (error) throw failed('createUser', error);
	return { account: toAccount(data.user), temporaryPassword: password };
}

/**
 * Disables (banned until further notice: sign-in and token refresh are refused) or re-enables an account.
 * @param admin a supabase-js client with the service-role key
 */
export async function setAccountDisabled(admin: SupabaseClient, userId: string, disabled: boolean): Promise<Account> {
	const { data, error } = await admin.auth.admin.updateUserById(userId, { ban_duration: disabled ? DISABLED_FOR : 'none' });
	if (error) throw failed('updateUserById', error);
	return toAccount(data.user);
}

/**
 * Gives an account a new temporary password (e.g. when its owner forgot theirs).
 * @param admin a supabase-js client with the service-role key
 * @returns the new temporary password
 */
export async function resetPassword(admin: SupabaseClient, userId: string): Promise<string> {
	const password = temporaryPassword();
	const { error } = await admin.auth.admin.updateUserById(userId, {
		password,
		user_metadata: { must_change_password: true }
	});
	if (error) throw failed('updateUserById', error);
	return password;
}

/**
 * One page of all accounts, newest first. Filter with `list_members` / `can_manage_user` before showing them to a
 * district administrator: this list is not scoped.
 * @param admin a supabase-js client with the service-role key
 */
export async function listAccounts(admin: SupabaseClient, page = 1, perPage = 100): Promise<Account[]> {
	const { data, error } = await admin.auth.admin.listUsers({ page, perPage });
	if (error) throw failed('listUsers', error);
	return data.users.map(toAccount);
}

/** The signed-in user's client (RLS as them) and the service-role client. */
export interface AccountClients {
	asUser: SupabaseClient;
	admin: SupabaseClient;
}

async function ask(client: SupabaseClient, fn: string, args: Record<string, unknown>): Promise<boolean> {
	const { data, error } = await client.rpc(fn, args);
	if (error) throw failed(fn, { status: 500, code: error.code, message: error.message });
	return data === true;
}

/**
 * Creates an account and makes it a member of a district, if the signed-in user may manage that district's
 * members (city admins: any role anywhere; district admins: editors of their district). The membership is granted
 * AS THE USER, so the database's rules decide; if it refuses, the new account is deleted again.
 * @param district null with role city_admin
 * @returns the account and its temporary password
 * @throws AccountError 403 `not_allowed` when the user may not manage the district or grant the role
 */
export async function createMemberAccount(
	clients: AccountClients,
	input: { email: string; district: string | null; role: MemberRole }
): Promise<{ account: Account; temporaryPassword: string }> {
	if (!(await ask(clients.asUser, 'can_manage_members', { p_district: input.district })))
		throw new AccountError(403, 'not_allowed', 'You may not manage the members of this district.');
	const created = await createAccount(clients.admin, { email: input.email });
	const { error } = await clients.asUser.rpc('grant_membership', {
		p_user_id: created.account.id,
		p_district: input.district,
		p_role: input.role
	});
	if (error) {
		await clients.admin.auth.admin.deleteUser(created.account.id);
		throw new AccountError(error.code === '42501' ? 403 : 400, error.code || 'grant_failed', error.message);
	}
	return created;
}

/**
 * Disables or re-enables an account if the signed-in user may manage it (public.can_manage_user).
 * @throws AccountError 403 `not_allowed` otherwise
 */
export async function setMemberDisabled(clients: AccountClients, userId: string, disabled: boolean): Promise<Account> {
	if (!(await ask(clients.asUser, 'can_manage_user', { p_user_id: userId })))
		throw new AccountError(403, 'not_allowed', 'You may not manage this account.');
	return setAccountDisabled(clients.admin, userId, disabled);
}

/**
 * Gives an account a new temporary password if the signed-in user may manage it.
 * @throws AccountError 403 `not_allowed` otherwise
 */
export async function resetMemberPassword(clients: AccountClients, userId: string): Promise<string> {
	if (!(await ask(clients.asUser, 'can_manage_user', { p_user_id: userId })))
		throw new AccountError(403, 'not_allowed', 'You may not manage this account.');
	return resetPassword(clients.admin, userId);
}
