import { isDbError, type DbError } from '../../db/database.ts';
import { JwtError } from '../jwt.ts';
import { isValidHeader, RestError } from './errors.ts';

// SQLSTATE classes with their own status; every class not listed (22 data, 23 integrity, 42 syntax…) is 400.
const STATUS_OF_CLASS: Record<string, number> = {
	'08': 503, // connection exception
	'09': 500,
	'0L': 403,
	'0P': 403,
	'25': 500,
	'28': 403,
	'2D': 500,
	'38': 500,
	'39': 500,
	'3B': 500,
	'40': 500, // v14 would silently retry 40001; we run READ COMMITTED, where functions rarely see it
	'53': 503,
	'54': 500,
	'55': 500,
	'57': 500,
	'58': 500,
	F0: 500,
	HV: 500,
	P0: 500,
	XX: 500
};

/**
 * HTTP status of a PostgreSQL error, PostgREST v14 `pgErrorStatus` (supabase-contract §3.2).
 * @param authed whether the request's role is not the anonymous role (42501 → 403 instead of 401)
 */
export function statusOfSqlState(code: string, message: string, authed: boolean): number {
	switch (code) {
		case '23503':
		case '23505':
			return 409;
		case '25006':
			return 405;
		case '21000':
			// pg-safeupdate's refusal is the client's fault; other cardinality violations are the function's
			return message.endsWith('requires a WHERE clause') ? 400 : 500;
		case '22023':
			// v13.0.1+: a JWT naming a role that does not exist is an authentication failure
			return /^role ".*" does not exist$/s.test(message) ? 401 : 400;
		case '53400':
			return 500;
		case '57P01':
			return 503;
		case '42883':
			return message.startsWith('function xmlagg(') ? 406 : 404;
		case '42P01':
			return 404;
		case '42P17':
			return 500;
		case '42501':
			return authed ? 403 : 401;
		case 'P0001':
			return 400;
	}
	if (code.startsWith('PT')) {
		const status = Number(code.slice(2));
		return Number.isInteger(status) && status >= 200 && status <= 599 ? status : 500;
	}
	return STATUS_OF_CLASS[code.slice(0, 2)] ?? 400;
}

interface CustomErrorBody {
	code: string;
	message: string;
	details?: string;
	hint?: string;
}

interface CustomErrorDetail {
	status: number;
	status_text?: string;
	headers: Record<string, string>;
}

const parseJsonObject = (text: string | undefined): Record<string, unknown> | null => {
	try {
		const value: unknown = JSON.parse(text ?? '');
		return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
	} catch {
		return null;
	}
};

const isBody = (v: Record<string, unknown> | null): v is Record<string, unknown> & CustomErrorBody =>
	!!v &&
	typeof v.code === 'string' &&
	typeof v.message === 'string' &&
	['string', 'undefined'].includes(typeof v.details) &&
	['string', 'undefined'].includes(typeof v.hint);

const isDetail = (v: Record<string, unknown> | null): v is Record<string, unknown> & CustomErrorDetail =>
	!!v &&
	Number.isInteger(v.status) &&
	(v.status as number) >= 200 &&
	(v.status as number) <= 599 &&
	['string', 'undefined'].includes(typeof v.status_text) &&
	!!v.headers &&
	typeof v.headers === 'object' &&
	Object.entries(v.headers).every(([name, value]) => typeof value === 'string' && isValidHeader(name, value));

/**
 * `RAISE SQLSTATE 'PGRST' USING message = '<json>', detail = '<json>'` gives the function full control over the
 * response (PostgREST v14 `parseRaisePGRST`); anything unparsable is a 500 PGRST121.
 */
function customError(error: DbError): RestError {
	const body = parseJsonObject(error.message);
	const detail = parseJsonObject(error.detail);
	const unparsable = (details: string, hint: string) =>
		new RestError(500, 'PGRST121', `Could not parse JSON in the "RAISE SQLSTATE 'PGRST'" error`, details, hint);
	if (!isBody(body)) {
		return unparsable(`Invalid JSON value for MESSAGE: '${error.message}'`,
			"MESSAGE must be a JSON object with obligatory keys: 'code', 'message' and optional keys: 'details', 'hint'.");
	}
	if (!isDetail(detail)) {
		return unparsable(
			error.detail === undefined ? 'DETAIL is missing in the RAISE statement' : `Invalid JSON value for DETAIL: '${error.detail}'`,
			"DETAIL must be a JSON object with obligatory keys: 'status', 'headers' and optional key: 'status_text'.");
	}
	return new RestError(detail.status, body.code, body.message, body.details ?? null, body.hint ?? null, detail.headers,
		detail.status_text);
}

/** Turns a SQL error into PostgREST's response: SQLSTATE/message/detail/hint map 1:1 to the body. */
export function sqlError(error: DbError & { code: string }, authed: boolean): RestError {
	if (error.code === 'PGRST') return customError(error);
	const status = statusOfSqlState(error.code, error.message, authed);
	// PostgREST v14: a 401 from the database asks the client to authenticate
	const headers: Record<string, string> = status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {};
	const statusText = error.code.startsWith('PT') ? error.message : undefined;
	return new RestError(status, error.code, error.message, error.detail ?? null, error.hint ?? null, headers, statusText);
}

/** A refused bearer token: 401 with `WWW-Authenticate: Bearer error="invalid_token"` (PostgREST `invalidTokenHeader`). */
export function jwtError(error: JwtError): RestError {
	return new RestError(401, error.code, error.message, error.details, null, {
		'WWW-Authenticate': `Bearer error="invalid_token", error_description=${JSON.stringify(error.message)}`
	});
}

const PROGRAMMING_ERRORS = [TypeError, RangeError, ReferenceError, SyntaxError];

/**
 * Maps anything thrown while serving a request to a RestError.
 * Errors without a SQLSTATE come from the driver: the database is unreachable or the connection broke (503).
 */
export function toRestError(error: unknown, authed: boolean): RestError {
	if (error instanceof RestError) return error;
	if (error instanceof JwtError) return jwtError(error);
	if (isDbError(error)) return sqlError(error, authed);
	if (PROGRAMMING_ERRORS.some((kind) => error instanceof kind)) {
		console.error('[rest] unexpected error:', error);
		return new RestError(500, 'PGRSTX00', 'Internal server error');
	}
	const message = error instanceof Error ? error.message : String(error);
	// Socket-level failures carry an errno code (ECONNREFUSED…); anything else is the driver giving up.
	const code = (error as { code?: unknown } | null)?.code;
	return typeof code === 'string' && code.startsWith('E')
		? new RestError(503, 'PGRST000', 'Database connection error. Retrying the connection.', message)
		: new RestError(503, 'PGRST001', 'Database client error. Retrying the connection.', message);
}
