import type { ApiClient } from './api';
import type { PlaceKind, PlaceSummary, Sector } from './types';

/**
 * The nine sectors of the plan, in display order.
 * @param client a Supabase client (server `locals.supabase` or the browser's)
 */
export async function listSectors(client: ApiClient): Promise<Sector[]> {
	const { data, error } = await client.rpc('list_sectors');
	if (error) throw new ApiError('list_sectors', error);
	return data as Sector[];
}

/**
 * The plan's areas (consumption districts and industry towns), optionally of one kind.
 * @param client a Supabase client
 */
export async function listPlaces(client: ApiClient, kind?: PlaceKind): Promise<PlaceSummary[]> {
	const { data, error } = await client.rpc('list_places', kind ? { p_kind: kind } : {});
	if (error) throw new ApiError('list_places', error);
	return data as PlaceSummary[];
}

/** An API call that failed; keeps PostgREST's error code for logs without showing its message to users. */
export class ApiError extends Error {
	readonly code: string;
	constructor(fn: string, error: { code?: string; message: string }) {
		super(`${fn} failed: ${error.code ?? ''} ${error.message}`);
		this.code = error.code ?? '';
	}
}
