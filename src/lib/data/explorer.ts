// The explorer's data access, in one module (architecture §4 "Scale"): when the listings outgrow one GeoJSON, this
// is where the switch to server-side clusters or vector tiles happens.
import type { ApiClient } from './api';
import type { Lang } from '$lib/i18n';
import { selectionRef, type ExplorerState, type Selection } from '$lib/state/explorer-url';
import { eventWindow, LIST_PAGE, MAX_LIST_ROWS } from '$lib/state/explorer-url';
import { ApiError } from './catalogue';
import type { ListingDetail, ListingSummary, MapSummary, PlaceDetail, PlacesCollection } from './types';

/** Arguments of map_features / map_summary for an explorer state (shared, so map, list and counts agree). */
export interface ExplorerFilterArgs {
	p_sectors?: string[];
	p_kinds?: string[];
	p_q?: string;
	p_event_from?: string;
	p_event_to?: string;
}

/** The API filter arguments of a state; date presets are resolved against `today`. */
export function explorerFilterArgs(state: ExplorerState, today: Date): ExplorerFilterArgs {
	const { from, to } = eventWindow(state, today);
	const args: ExplorerFilterArgs = {};
	if (state.sectors.length) args.p_sectors = [...state.sectors];
	if (state.kinds.length) args.p_kinds = [...state.kinds];
	if (state.q.trim()) args.p_q = state.q.trim();
	if (from) args.p_event_from = from;
	if (to) args.p_event_to = to;
	return args;
}

/** Arguments of map_summary: the filters, and the language whose names order the list. */
export type ListArgs = ExplorerFilterArgs & { p_lang: Lang };

/** The list's arguments for an explorer state: its filters (see explorerFilterArgs) and its language. */
export function explorerListArgs(state: ExplorerState, today: Date): ListArgs {
	return { ...explorerFilterArgs(state, today), p_lang: state.lang };
}

/**
 * The URL of the filtered listings GeoJSON (PostgREST GET on map_features), for MapLibre to fetch and parse in
 * its worker — the main thread never holds the features. Arrays use PostgREST's `{a,b}` literal.
 * @param supabaseUrl the Supabase base URL (the site's origin for the embedded backend)
 * @param version the data version map_summary reported: the API then lets browsers cache the response for good
 */
export function mapFeaturesUrl(supabaseUrl: string, args: ExplorerFilterArgs, version?: number): string {
	const url = new URL('rest/v1/rpc/map_features', supabaseUrl.endsWith('/') ? supabaseUrl : `${supabaseUrl}/`);
	for (const [name, value] of Object.entries(args)) {
		url.searchParams.set(name, Array.isArray(value) ? `{${value.join(',')}}` : String(value));
	}
	if (version !== undefined) url.searchParams.set('p_v', String(version));
	return url.href;
}

/** The list's page size. */
const PAGE_SIZE = LIST_PAGE;

// ---- requests sent ahead of a navigation ----------------------------------------------------------------------
// The explorer sends the requests of the state it is about to navigate to at once, and the navigation's load takes
// them (same client and arguments) instead of sending its own. SvelteKit starts that load a task later (it imports
// the page's code again, which resolves asynchronously), and the browser draws a frame in between: tens of ms with a
// map on the page, which every keystroke of a search, and every click on a listing, waited for.

/** Older than this, a request sent ahead that no load took is not trusted to still be current. */
const AHEAD_MAX_AGE_MS = 10_000;
/** The requests sent ahead, one per kind (the list's first page, the selected item), browser-only. */
const ahead = new Map<'summary' | 'selection', { client: ApiClient; key: string; at: number; result: Promise<unknown> }>();

function sendAhead(kind: 'summary' | 'selection', client: ApiClient, key: string, result: Promise<unknown>): void {
	result.catch(() => undefined); // handled by the load that takes it; this only keeps it from counting as unhandled
	ahead.set(kind, { client, key, at: Date.now(), result });
}

/** The request sent ahead for these arguments if there is one, still fresh; either way there is none left after. */
function takeAhead<T>(kind: 'summary' | 'selection', client: ApiClient, key: string): Promise<T> | null {
	const sent = ahead.get(kind);
	ahead.delete(kind);
	return sent?.client === client && sent.key === key && Date.now() - sent.at < AHEAD_MAX_AGE_MS ? (sent.result as Promise<T>) : null;
}

/** Counts and one page of the list for the filters (the first page may already be on its way: see startMapSummary). */
export function loadMapSummary(client: ApiClient, args: ListArgs, offset = 0, limit = PAGE_SIZE): Promise<MapSummary> {
	const sent = offset === 0 && limit === PAGE_SIZE ? takeAhead<MapSummary>('summary', client, JSON.stringify(args)) : null;
	return sent ?? requestMapSummary(client, args, offset, limit);
}

async function requestMapSummary(client: ApiClient, args: ListArgs, offset: number, limit: number): Promise<MapSummary> {
	const { data, error } = await client.rpc('map_summary', { ...args, p_limit: limit, p_offset: offset });
	if (error) throw new ApiError('map_summary', error);
	return data as MapSummary;
}


/**
 * Where a listing stands in the list for these filters and language: its 0-based row, or null when the filters
 * leave it out (or it is not published).
 */
export async function listPosition(client: ApiClient, args: ListArgs, slug: string): Promise<number | null> {
	const { data, error } = await client.rpc('list_position', { ...args, p_slug: slug });
	if (error) throw new ApiError('list_position', error);
	return data as number | null;
}

/**
 * The rows of the list after the `loaded` ones, up to and including the listing's (whole pages), or null when it is
 * among the loaded ones, not listed, or more than MAX_LIST_ROWS rows further.
 */
export async function loadRowsThrough(client: ApiClient, args: ListArgs, slug: string, loaded: number): Promise<ListingSummary[] | null> {
	const position = await listPosition(client, args, slug);
	if (position === null || position < loaded) return null;
	const limit = Math.ceil((position + 1 - loaded) / PAGE_SIZE) * PAGE_SIZE;
	if (limit > MAX_LIST_ROWS) return null;
	return (await requestMapSummary(client, args, loaded, limit)).rows;
}

/**
 * Sends the request for the list's first page of the state the explorer is about to navigate to, ahead of its load.
 * When the filters and the language stay the same (an item is selected or closed, a view opened), the list on screen
 * is handed to the load instead of asking for it again: the same object, so the rows the user paged in stay listed.
 * @param current the arguments and list of the state on screen
 */
export function startMapSummary(client: ApiClient, args: ListArgs, current?: { args: ListArgs; summary: MapSummary | null }): void {
	const key = JSON.stringify(args);
	const onScreen = current && JSON.stringify(current.args) === key ? current.summary : null;
	sendAhead('summary', client, key, onScreen ? Promise.resolve(onScreen) : requestMapSummary(client, args, 0, PAGE_SIZE));
}

/** The selected item's details, as the explorer's load gives them to the page. */
export type SelectionDetail = { type: 'place'; place: PlaceDetail } | { type: 'listing'; listing: ListingDetail };

/**
 * Sends the request for the details of the item the explorer is about to select, ahead of its load (getPlace and
 * getListing take it). When the item stays selected (the filters change under an open panel), its details on screen
 * are handed to the load instead of asking for them again.
 * @param current the selection on screen and its details
 */
export function startSelection(client: ApiClient, next: Selection | null, current?: { ref: Selection | null; detail: SelectionDetail | null }): void {
	if (!next) return;
	const key = selectionRef(next);
	const same = current?.ref && selectionRef(current.ref) === key ? current.detail : null;
	const onScreen = same?.type === 'place' ? same.place : same?.type === 'listing' ? same.listing : null;
	const detail = onScreen ? Promise.resolve(onScreen) : next.type === 'place' ? requestPlace(client, next.id) : requestListing(client, next.id);
	sendAhead('selection', client, key, detail);
}

/** The plan's places as GeoJSON (outlines where known, else points). */
export async function loadMapPlaces(client: ApiClient): Promise<PlacesCollection> {
	const { data, error } = await client.rpc('map_places');
	if (error) throw new ApiError('map_places', error);
	return data as PlacesCollection;
}

/** One place with its listings and counts; null when there is no such place (see startSelection). */
export function getPlace(client: ApiClient, id: string): Promise<PlaceDetail | null> {
	return takeAhead<PlaceDetail | null>('selection', client, selectionRef({ type: 'place', id })) ?? requestPlace(client, id);
}

async function requestPlace(client: ApiClient, id: string): Promise<PlaceDetail | null> {
	const { data, error } = await client.rpc('get_place', { p_slug: id });
	if (error) throw new ApiError('get_place', error);
	return data as PlaceDetail | null;
}

/** One listing (by slug or id); null when not found or not visible to the caller (see startSelection). */
export function getListing(client: ApiClient, idOrSlug: string): Promise<ListingDetail | null> {
	return takeAhead<ListingDetail | null>('selection', client, selectionRef({ type: 'listing', id: idOrSlug })) ?? requestListing(client, idOrSlug);
}

async function requestListing(client: ApiClient, idOrSlug: string): Promise<ListingDetail | null> {
	const { data, error } = await client.rpc('get_listing', { p_id: idOrSlug });
	if (error) throw new ApiError('get_listing', error);
	return data as ListingDetail | null;
}

export type { ListingSummary };
