import { json } from '@sveltejs/kit';
import { getSupabaseEndpoint } from '$lib/server/backend';
import type { RequestHandler } from './$types';

/** Liveness of the data path: the site is up AND the data API answers a real query. 503 when it does not. */
export const GET: RequestHandler = async ({ locals }) => {
	const endpoint = await getSupabaseEndpoint().catch(() => null);
	const backend = !endpoint ? 'unavailable' : endpoint.embedded ? `embedded-${endpoint.embedded.db.kind}` : 'supabase';
	const started = performance.now();
	const { error } = endpoint ? await locals.supabase.rpc('list_sectors') : { error: { message: 'backend did not start' } };
	const latencyMs = Math.round(performance.now() - started);
	const body = { status: error ? 'error' : 'ok', backend, database: error ? 'unreachable' : 'ok', latencyMs };
	return json(body, { status: error ? 503 : 200, headers: { 'cache-control': 'no-store' } });
};
