import type { Database } from './db/database.ts';
import { createUser } from './gateway/auth/index.ts';

/** The first city administrator, from FIRST_ADMIN_EMAIL / FIRST_ADMIN_PASSWORD (see env.ts). */
export interface FirstAdmin {
	email: string | undefined;
	password: string | undefined;
}

export type FirstAdminOutcome = 'unset' | 'created' | 'ensured';

/*
 * Threat: a city_admin can do everything, so this account must never come from a built-in default. It exists only
 * when the operator configured an email (and, the first time, a password of their own); the password is never
 * logged, and a later start never resets it (the account may have changed it since).
 */

/**
 * Makes sure the configured first city administrator exists and holds the city-wide `city_admin` membership, on the
 * embedded backend's database (as its owner). Idempotent: an existing account is kept as is (its password is not
 * changed) and only gains the membership if it lacks it; a second start creates nothing.
 * @param db the embedded backend's database
 * @param admin the configured email and password; nothing happens when the email is unset
 * @returns 'unset' (not configured), 'created' (new account) or 'ensured' (the account already existed)
 * @throws Error when the account does not exist yet and no password is configured, or the password is too short
 */
export async function ensureFirstAdmin(db: Database, admin: FirstAdmin): Promise<FirstAdminOutcome> {
	const email = admin.email?.trim();
	if (!email) return 'unset';
	return db.transaction(async (tx) => {
		const existing = await tx.query<{ id: string }>(
			'select id::text as id from auth.users where lower(email) = lower($1) and is_sso_user = false',
			[email]
		);
		let userId = existing.rows[0]?.id;
		let outcome: FirstAdminOutcome = 'ensured';
		if (!userId) {
			if (!admin.password) {
				throw new Error(
					'FIRST_ADMIN_EMAIL is set but FIRST_ADMIN_PASSWORD is not: set a password for the first city administrator.'
				);
			}
			({ id: userId } = await createUser(tx, { email, password: admin.password }));
			outcome = 'created';
		}
		await tx.query(
			`insert into atlas.memberships (user_id, district_code, role) values ($1::uuid, null, 'city_admin')
			 on conflict (user_id, district_code) do update set role = 'city_admin'`,
			[userId]
		);
		return outcome;
	});
}
