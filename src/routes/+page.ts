import type { ApiClient } from '$lib/data/api';
import { explorerFilterArgs, explorerListArgs, getListing, getPlace, loadMapSummary, type SelectionDetail } from '$lib/data/explorer';
import type { ListingDetail, MapSummary, PlaceDetail } from '$lib/data/types';
import { listRows, parseAreaKey, parseExplorerState } from '$lib/state/explorer-url';
import {
	AreaRefused,
	listPolicyMeasures,
	loadAreaStats,
	loadAreaSummaries,
	loadCompareStats,
	type AreaStats,
	type AreaSummaries,
	type PolicyMeasure
} from '$lib/data/investors';
import { loadPanels } from './panels.svelte';
import type { PageLoad } from './$types';

// Universal load: on the server it renders the list and the selected item into the HTML (readable without
// JavaScript); in the browser it asks the API directly when filters change, with no extra server hop.
export const load: PageLoad = async ({ data, url, parent }) => {
	const { api } = await parent();
	const state = parseExplorerState(url);
	const today = new Date();
	const args = explorerFilterArgs(state, today);
	const listArgs = explorerListArgs(state, today);
	let summary: MapSummary | null = null;
	let selection: SelectionDetail | null = null;
	/** The link selects something that is not there (removed, unpublished or mistyped). */
	let selectionMissing = false;
	let listError = data.backendError;
	// Investors (issue #6), loaded beside the list: the cluster view's per-area counts, the chosen area's statistics
	// (or why the API refused the area), the compared areas, and the plan's measures.
	const investors = loadInvestorData(api, state, args).catch((error) => {
		console.error('[explorer] loading the investor data failed:', error);
		return { clusters: null, areaStats: null, areaProblem: null, compareStats: [], compareRefused: [], policies: [], investorError: true };
	});
	// The panels' code downloads beside the data. If it cannot (the connection dropped), the page stays as it is
	// and says so, rather than giving way to the error page; the next navigation tries again.
	const panelsFailed = loadPanels(state).then(
		() => false,
		(error) => {
			console.error('[explorer] loading a panel failed:', error);
			return true;
		}
	);
	try {
		const [loadedSummary, detail] = await Promise.all([
			loadMapSummary(api, listArgs, 0, listRows(url)),
			state.selection?.type === 'place'
				? getPlace(api, state.selection.id)
				: state.selection?.type === 'listing'
					? getListing(api, state.selection.id)
					: Promise.resolve(null)
		]);
		summary = loadedSummary;
		if (detail && state.selection?.type === 'place') selection = { type: 'place', place: detail as PlaceDetail };
		if (detail && state.selection?.type === 'listing') selection = { type: 'listing', listing: detail as ListingDetail };
		selectionMissing = !!state.selection && !detail;
	} catch (error) {
		console.error('[explorer] loading the list failed:', error);
		listError = true;
	}
	const [investorData, panelFailed] = await Promise.all([investors, panelsFailed]);
	return { ...data, state, args, listArgs, summary, selection, selectionMissing, listError, panelFailed, ...investorData };
};

async function loadInvestorData(
	api: ApiClient,
	state: ReturnType<typeof parseExplorerState>,
	args: ReturnType<typeof explorerFilterArgs>
) {
	const area = state.area ? parseAreaKey(state.area) : null;
	// said in the page's language (the API's reason is in English): no such area, or one that cannot be used as given
	let areaProblem: 'unknown' | 'invalid' | null = null;
	const [clusters, areaStats, compared, policies] = await Promise.all([
		state.view === 'clusters' ? loadAreaSummaries(api, args) : Promise.resolve(null as AreaSummaries | null),
		area
			? loadAreaStats(api, area, args, 50).catch((error) => {
					if (!(error instanceof AreaRefused)) throw error;
					areaProblem = error.unknown ? 'unknown' : 'invalid';
					return null;
				})
			: Promise.resolve(null as AreaStats | null),
		loadCompareStats(api, state.compare ?? [], args),
		state.view === 'clusters' || area ? listPolicyMeasures(api) : Promise.resolve([] as PolicyMeasure[])
	]);
	return { clusters, areaStats, areaProblem: areaProblem as 'unknown' | 'invalid' | null, compareStats: compared.stats, compareRefused: compared.refused, policies, investorError: false };
}
