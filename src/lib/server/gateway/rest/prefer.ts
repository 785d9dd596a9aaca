export type CountPreference = 'exact' | 'planned' | 'estimated';

/**
 * The `count=` preference of a request. PostgREST v14 reads every `Prefer` header, comma-separated, and the first
 * value of each kind wins; `return=…`, `tx=…` and the rest do not apply to RPC here.
 */
export function preferredCount(request: Request): CountPreference | undefined {
	const values = (request.headers.get('prefer') ?? '').split(',').map((v) => v.trim());
	const count = values.find((v) => v.startsWith('count='))?.slice('count='.length);
	return count === 'exact' || count === 'planned' || count === 'estimated' ? count : undefined;
}
