/**
 * Supabase Auth (GoTrue) error responses (supabase-contract §4.8; GoTrue `internal/api/errors.go`
 * `HandleResponseError`).
 */

const API_VERSION_HEADER = 'X-Supabase-Api-Version';
const API_VERSION_2024 = '2024-01-01';

/** A failure with GoTrue's HTTP status, machine-readable code and human message. */
export class AuthError extends Error {
	readonly status: number;
	readonly code: string;
	/** Reasons of a `weak_password` error (`length`, `characters`, `pwned`). */
	readonly weakPasswordReasons: string[] | undefined;

	constructor(status: number, code: string, message: string, weakPasswordReasons?: string[]) {
		super(message);
		this.status = status;
		this.code = code;
		this.weakPasswordReasons = weakPasswordReasons;
	}
}

/** 400 `validation_failed`, GoTrue's answer to malformed input. */
export const validationFailed = (message: string) => new AuthError(400, 'validation_failed', message);

/** Plain JSON response as GoTrue's `sendJSON` writes it. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
	return new Response(JSON.stringify(body), {
		status,
		headers: { 'Content-Type': 'application/json', ...headers }
	});
}

/**
 * Serialises an error in the shape the caller asked for: clients sending `X-Supabase-Api-Version: 2024-01-01`
 * or later (auth-js always does) get `{code, message}` and the header echoed back — auth-js only reads `code`
 * when the response carries that header. Older clients get the legacy `{code: <status>, error_code, msg}`.
 * Anything that is not an AuthError is logged and becomes 500 `unexpected_failure` without leaking details.
 */
export function errorResponse(request: Request, error: unknown): Response {
	const authError =
		error instanceof AuthError
			? error
			: new AuthError(500, 'unexpected_failure', 'Unexpected failure, please check server logs for more information');
	if (!(error instanceof AuthError)) console.error('[auth] unexpected failure:', error);

	const headers: Record<string, string> = { 'x-sb-error-code': authError.code };
	const reasons = authError.weakPasswordReasons;
	const weakPassword = reasons ? { weak_password: { reasons } } : {};
	if (wantsDatedErrors(request)) {
		headers[API_VERSION_HEADER] = API_VERSION_2024;
		return json(authError.status, { code: authError.code, message: authError.message, ...weakPassword }, headers);
	}
	return json(
		authError.status,
		{ code: authError.status, error_code: authError.code, msg: authError.message, ...weakPassword },
		headers
	);
}

/** GoTrue picks the closest known API version not after the requested date; only 2024-01-01 changes the shape. */
function wantsDatedErrors(request: Request): boolean {
	const requested = request.headers.get(API_VERSION_HEADER)?.trim() ?? '';
	return /^\d{4}-\d{2}-\d{2}$/.test(requested) && requested >= API_VERSION_2024;
}
