import { explorerFilterArgs, getListing, getPlace, loadMapSummary } from '$lib/data/explorer';
import type { ListingDetail, MapSummary, PlaceDetail } from '$lib/data/types';
import { parseExplorerState } from '$lib/state/explorer-url';
import type { PageLoad } from './$types';

export type SelectionDetail = { type: 'place'; place: PlaceDetail } | { type: 'listing'; listing: ListingDetail } | null;

// Universal load: on the server it renders the list and the selected item into the HTML (readable without
// JavaScript); in the browser it asks the API directly when filters change, with no extra server hop.
export const load: PageLoad = async ({ data, url, parent }) => {
	const { supabase } = await parent();
	const state = parseExplorerState(url);
	const args = explorerFilterArgs(state, new Date());
	let summary: MapSummary | null = null;
	let selection: SelectionDetail = null;
	let listError = data.backendError;
	try {
		const [loadedSummary, detail] = await Promise.all([
			loadMapSummary(supabase, args),
			state.selection?.type === 'place'
				? getPlace(supabase, state.selection.id)
				: state.selection?.type === 'listing'
					? getListing(supabase, state.selection.id)
					: Promise.resolve(null)
		]);
		summary = loadedSummary;
		if (detail && state.selection?.type === 'place') selection = { type: 'place', place: detail as PlaceDetail };
		if (detail && state.selection?.type === 'listing') selection = { type: 'listing', listing: detail as ListingDetail };
	} catch (error) {
		console.error('[explorer] loading the list failed:', error);
		listError = true;
	}
	return { ...data, state, args, summary, selection, listError };
};
