import { RestError } from './errors.ts';
import { closestMatch } from './fuzzy.ts';
import type { Payload } from './payload.ts';
import type { Routine, SchemaCache } from './schema-cache.ts';

/** The argument names a payload supplies (PostgREST's key set K). */
export function argumentKeys(payload: Payload): string[] {
	if (payload.kind === 'json') return payload.keys;
	if (payload.kind === 'text') return [...payload.args.keys()];
	return [];
}

// PostgREST v14 `findProc`: a function matches when every required parameter is supplied and every supplied
// key is a parameter, so overloads are told apart by argument names, never by types.
function matchesKeys(routine: Routine, keys: Set<string>): boolean {
	const names = new Set(routine.params.map((p) => p.name));
	return routine.params.every((p) => !p.required || keys.has(p.name)) && [...keys].every((k) => names.has(k));
}

const SINGLE_PARAM_TYPES: Record<Payload['kind'], string[]> = { json: ['json', 'jsonb'], plain: ['text'], text: [] };

/** A function taking one unnamed parameter receives the whole body when its type suits the Content-Type. */
const takesWholeBody = (routine: Routine, payload: Payload) =>
	routine.params.length === 1 &&
	routine.params[0]!.name === '' &&
	SINGLE_PARAM_TYPES[payload.kind].includes(routine.params[0]!.type);

const paramList = (names: string[]) => `(${[...names].sort().join(', ')})`;

/** 404 PGRST202 with PostgREST v14's exact texts and its "Perhaps you meant…" hint. */
export function routineNotFound(
	cache: SchemaCache,
	schema: string,
	name: string,
	keys: string[] = [],
	payload: Payload = { kind: 'text', args: new Map() }
): RestError {
	const func = `${schema}.${name}`;
	const sorted = [...keys].sort();
	const withParams = sorted.length === 0
		? ' without parameters'
		: ` with parameter${sorted.length > 1 ? 's' : ''} ${sorted.join(', ')}`;
	if (payload.kind === 'plain') {
		return new RestError(404, 'PGRST202', `Could not find the function ${func} in the schema cache`,
			`Searched for the function ${func} with a single unnamed text parameter, but no matches were found in the schema cache.`);
	}
	const orJson = payload.kind === 'json' ? ' or with a single unnamed json/jsonb parameter' : '';
	const overloads = cache.get(schema)?.get(name) ?? [];
	// The hint suggests the closest overload's parameters, or else the closest function name of the schema.
	const suggestion = overloads.length > 0
		? closestMatch(paramList(sorted), overloads.map((o) => paramList(o.params.map((p) => p.name))))
		: closestMatch(name, cache.get(schema)?.keys() ?? []);
	const hint = suggestion === undefined
		? null
		: `Perhaps you meant to call the function ${schema}.${overloads.length > 0 ? name : ''}${suggestion}`;
	return new RestError(404, 'PGRST202',
		`Could not find the function ${func}${sorted.length === 0 ? withParams : `(${sorted.join(', ')})`} in the schema cache`,
		`Searched for the function ${func}${withParams}${orJson}, but no matches were found in the schema cache.`,
		hint);
}

function ambiguous(candidates: Routine[]): RestError {
	const signatures = candidates.map(
		(r) => `${r.schema}.${r.name}(${r.params.map((p) => `${p.name} => ${p.type}`).join(', ')})`
	);
	return new RestError(300, 'PGRST203', `Could not choose the best candidate function between: ${signatures.join(', ')}`,
		null, 'Try renaming the parameters or the function itself in the database so function overloading can be resolved');
}

/**
 * Picks the function a call means, PostgREST v14 style: the overloads whose parameter names fit the supplied
 * keys, else the single-unnamed-parameter function suiting the body's Content-Type.
 * @throws RestError 404 PGRST202 (none) or 300 PGRST203 (more than one)
 */
export function findRoutine(cache: SchemaCache, schema: string, name: string, payload: Payload): Routine {
	const overloads = cache.get(schema)?.get(name) ?? [];
	const keys = argumentKeys(payload);
	const keySet = new Set(keys);
	const exact = payload.kind === 'plain' ? [] : overloads.filter((r) => matchesKeys(r, keySet));
	const candidates = exact.length > 0 ? exact : overloads.filter((r) => takesWholeBody(r, payload));
	if (candidates.length === 1) return candidates[0]!;
	throw candidates.length === 0 ? routineNotFound(cache, schema, name, keys, payload) : ambiguous(candidates);
}
