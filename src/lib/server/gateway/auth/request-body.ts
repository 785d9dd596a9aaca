import { AuthError } from './errors.ts';

/** A decoded JSON request body. */
export type JsonObject = Record<string, unknown>;

const badJson = (detail: string) => new AuthError(400, 'bad_json', `Could not parse request body as JSON: ${detail}`);

/**
 * Reads the body as a JSON object, like GoTrue's `retrieveRequestParams`. An empty body counts as `{}` so that
 * body-less calls (auth-js sends none to `/logout`) work on every endpoint.
 */
export async function readJsonObject(request: Request): Promise<JsonObject> {
	const text = await request.text();
	if (text.trim() === '') return {};
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		throw badJson((error as Error).message);
	}
	if (value === null || typeof value !== 'object' || Array.isArray(value)) throw badJson('expected a JSON object');
	return value as JsonObject;
}

/** A string field; `undefined` when absent or null. Go's decoder rejects other types the same way. */
export function stringField(body: JsonObject, name: string): string | undefined {
	const value = body[name];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') throw badJson(`field "${name}" must be a string`);
	return value;
}

/** An object field (metadata); `undefined` when absent or null. */
export function objectField(body: JsonObject, name: string): JsonObject | undefined {
	const value = body[name];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'object' || Array.isArray(value)) throw badJson(`field "${name}" must be an object`);
	return value as JsonObject;
}

/** A boolean field; `false` when absent or null. */
export function booleanField(body: JsonObject, name: string): boolean {
	const value = body[name];
	if (value === undefined || value === null) return false;
	if (typeof value !== 'boolean') throw badJson(`field "${name}" must be a boolean`);
	return value;
}
