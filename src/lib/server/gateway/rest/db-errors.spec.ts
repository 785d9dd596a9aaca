import { describe, expect, it, vi } from 'vitest';
import { JwtError } from '../jwt.ts';
import { sqlError, statusOfSqlState, toRestError } from './db-errors.ts';

const dbError = (code: string, message: string, detail?: string) => Object.assign(new Error(message), { code, detail });

describe('statusOfSqlState', () => {
	it.each([
		['23505', 409],
		['23503', 409],
		['23502', 400],
		['22P02', 400],
		['25006', 405],
		['42883', 404],
		['42P01', 404],
		['P0001', 400],
		['P0004', 500],
		['40001', 500],
		['57014', 500],
		['57P01', 503],
		['08006', 503],
		['28P01', 403],
		['PT418', 418],
		['PTabc', 500],
		['XX000', 500]
	])('%s → %i', (code, status) => {
		expect(statusOfSqlState(code, 'x', false)).toBe(status);
	});

	it('answers 401 for anon and 403 for signed-in roles on 42501', () => {
		expect(statusOfSqlState('42501', 'permission denied', false)).toBe(401);
		expect(statusOfSqlState('42501', 'permission denied', true)).toBe(403);
	});

	it('treats a missing JWT role as an authentication failure', () => {
		expect(statusOfSqlState('22023', 'role "ghost" does not exist', true)).toBe(401);
		expect(statusOfSqlState('22023', 'invalid parameter', true)).toBe(400);
	});
});

describe('sqlError', () => {
	it('answers PGRST121 for a PGRST error that is not JSON', () => {
		const error = sqlError(dbError('PGRST', 'not json'), false);
		expect(error).toMatchObject({ status: 500, code: 'PGRST121', details: "Invalid JSON value for MESSAGE: 'not json'" });
		const noDetail = sqlError(dbError('PGRST', '{"code":"1","message":"m"}'), false);
		expect(noDetail).toMatchObject({ code: 'PGRST121', details: 'DETAIL is missing in the RAISE statement' });
		const badHeader = sqlError(dbError('PGRST', '{"code":"1","message":"m"}', '{"status":400,"headers":{"a b":"c"}}'), false);
		expect(badHeader).toMatchObject({ code: 'PGRST121' });
	});
});

describe('toRestError', () => {
	it('maps JWT errors to 401 with an invalid_token challenge', () => {
		const error = toRestError(new JwtError('PGRST303', 'JWT expired'), false);
		expect(error).toMatchObject({ status: 401, code: 'PGRST303', message: 'JWT expired' });
		expect(error.headers['WWW-Authenticate']).toBe('Bearer error="invalid_token", error_description="JWT expired"');
	});

	it('maps driver failures to 503 and programming errors to 500', () => {
		vi.spyOn(console, 'error').mockImplementation(() => undefined);
		expect(toRestError(new Error('PGlite is closed'), false)).toMatchObject({ status: 503, code: 'PGRST001' });
		expect(toRestError(new TypeError('x is undefined'), false)).toMatchObject({ status: 500, code: 'PGRSTX00' });
	});
});
