import type { Sql } from '../../db/database.ts';
import { AuthError, validationFailed } from './errors.ts';

/** bcrypt only reads the first 72 bytes; GoTrue refuses longer passwords rather than silently truncating them. */
const MAX_PASSWORD_BYTES = 72;

/** Why a password fails the policy, in GoTrue's `WeakPasswordError` terms. */
export interface PasswordWeakness {
	message: string;
	reasons: string[];
}

/** GoTrue's `checkPasswordStrength` (length only: no required character sets, no HaveIBeenPwned). */
export function passwordWeakness(password: string, minLength: number): PasswordWeakness | null {
	// GoTrue measures bytes (Go `len`), so do we.
	if (Buffer.byteLength(password) >= minLength) return null;
	return { message: `Password should be at least ${minLength} characters.`, reasons: ['length'] };
}

/**
 * Refuses a password that cannot be stored: over 72 bytes → 400 `validation_failed`, under the policy →
 * 422 `weak_password` with its reasons.
 */
export function assertAcceptablePassword(password: string, minLength: number): void {
	if (Buffer.byteLength(password) > MAX_PASSWORD_BYTES)
		throw validationFailed(`Password cannot be longer than ${MAX_PASSWORD_BYTES} characters`);
	const weakness = passwordWeakness(password, minLength);
	if (weakness) throw new AuthError(422, 'weak_password', weakness.message, weakness.reasons);
}

/** SQL that bcrypt-hashes the parameter `param` (e.g. `$2`) as GoTrue does: `$2a$10$…` via pgcrypto. */
export const hashPasswordSql = (param: string) => `extensions.crypt(${param}, extensions.gen_salt('bf', 10))`;

/**
 * SQL that is true when parameter `param` matches `auth.users.encrypted_password`. The CASE keeps crypt()
 * away from empty or foreign hashes (it raises "invalid salt" on them); such users simply cannot sign in.
 */
export const passwordMatchesSql = (param: string) => `case when u.encrypted_password like '$2%'
	then u.encrypted_password = extensions.crypt(${param}, u.encrypted_password) else false end`;

/**
 * Spends one bcrypt computation for an unknown email, so the response time does not tell an attacker which
 * emails have accounts (timing-based account enumeration).
 */
export async function spendPasswordCheck(sql: Sql, password: string): Promise<void> {
	await sql.query(`select ${hashPasswordSql('$1')}`, [password]);
}
