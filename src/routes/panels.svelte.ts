// The explorer's panels load with the view that shows them rather than with the page: most visits start on the map
// and the list, and the panels' code (every field of a listing or an area, the investors' tables and charts) is
// about a fifth of the page's JavaScript. The page's load waits for the panels its URL shows, so the server renders
// them and the browser hydrates them as before; a later click loads its panel as part of that navigation.
import type { ExplorerState } from '$lib/state/explorer-url';

/** A component imported on first use; `current` is null until it has loaded. */
class LazyComponent<T> {
	current: T | null = $state.raw(null);
	#loading: Promise<T> | null = null;
	readonly #importer: () => Promise<{ default: T }>;

	constructor(importer: () => Promise<{ default: T }>) {
		this.#importer = importer;
	}

	load(): Promise<T> {
		this.#loading ??= this.#importer().then(
			(module) => (this.current = module.default),
			(error) => {
				this.#loading = null; // a failed download (say, offline for a moment) is tried again next time
				throw error;
			}
		);
		return this.#loading;
	}
}

export const selectionPanel = new LazyComponent(() => import('./SelectionPanel.svelte'));
export const clusterView = new LazyComponent(() => import('./ClusterView.svelte'));
export const policyList = new LazyComponent(() => import('./PolicyList.svelte'));
export const areaStatsPanel = new LazyComponent(() => import('./AreaStatsPanel.svelte'));
export const comparePanel = new LazyComponent(() => import('./ComparePanel.svelte'));
/** The phone's bottom sheet's handle, which every panel has. */
export const sheetHandle = new LazyComponent(() => import('./SheetHandle.svelte'));

/** Loads the panels a view shows. */
export async function loadPanels(state: ExplorerState): Promise<void> {
	await Promise.all([
		state.selection && selectionPanel.load(),
		state.view === 'clusters' && Promise.all([clusterView.load(), policyList.load()]),
		state.area && areaStatsPanel.load(),
		state.compare?.length && comparePanel.load(),
		(state.selection || state.area || state.compare?.length) && sheetHandle.load()
	]);
}
