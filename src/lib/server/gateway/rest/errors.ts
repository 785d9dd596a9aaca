/** An error answered in PostgREST's shape: `{code, details, hint, message}` plus a status and extra headers. */
export class RestError extends Error {
	readonly status: number;
	readonly code: string;
	readonly details: string | null;
	readonly hint: string | null;
	readonly headers: Record<string, string>;
	/** PostgREST v14 uses the message as reason phrase for `PTxyz` and custom `PGRST` errors. */
	readonly statusText: string | undefined;

	constructor(
		status: number,
		code: string,
		message: string,
		details: string | null = null,
		hint: string | null = null,
		headers: Record<string, string> = {},
		statusText?: string
	) {
		super(message);
		this.status = status;
		this.code = code;
		this.details = details;
		this.hint = hint;
		this.headers = headers;
		this.statusText = statusText;
	}
}

/** 400 PGRST100: the query string could not be parsed. */
export function queryParseError(message: string, details: string | null = null): RestError {
	return new RestError(400, 'PGRST100', message, details);
}

/** 400 PGRST102: the request body could not be read as the arguments. */
export function invalidBodyError(message: string): RestError {
	return new RestError(400, 'PGRST102', message);
}

// Reason phrases and header values must be valid HTTP text or the Response/Headers constructors throw.
const FIELD_TEXT = /^[\t\x20-\x7e\x80-\xff]*$/;
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Whether a header chosen by SQL (custom errors, `response.headers`) can be sent at all. */
export function isValidHeader(name: string, value: string): boolean {
	return TOKEN.test(name) && FIELD_TEXT.test(value);
}

/** Serialises an error the way PostgREST v14 does (keys in aeson's alphabetical order, `Proxy-Status`). */
export function errorResponse(error: RestError): Response {
	const body = JSON.stringify({ code: error.code, details: error.details, hint: error.hint, message: error.message });
	const headers = new Headers(error.headers);
	headers.set('Content-Type', 'application/json; charset=utf-8');
	headers.set('Content-Length', String(new TextEncoder().encode(body).byteLength));
	headers.set('Proxy-Status', `PostgREST; error=${error.code}`);
	const statusText = error.statusText && FIELD_TEXT.test(error.statusText) ? error.statusText : undefined;
	// A custom status such as PT204 may forbid a body; the Response constructor would throw.
	const nullBody = [204, 205, 304].includes(error.status);
	return new Response(nullBody ? null : body, { status: error.status, statusText, headers });
}
