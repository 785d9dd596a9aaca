// Whether the filters leave the selected listing out of the list (and so off the map), for its panel to say so:
// the map and list show only what the filters let through, the panel whatever was selected (a link, or a selection
// made before a filter changed). Loaded with the panel, not with the page.
import { eventWindow, type ExplorerState } from '$lib/state/explorer-url';
import { filterSectors, type ListingDetail, type ListingSummary } from './types';

/**
 * True when the filters leave the listing out, false when it is in the list, null when that cannot be told here
 * (a search of a list longer than its rows loaded: the search text is the database's).
 * @param listing the selected listing
 * @param view the filters (and search)
 * @param list the list's total and the rows loaded so far
 * @param today for the date presets ("this week")
 */
export function leftOutByFilters(
	listing: Pick<ListingDetail, 'id' | 'kind' | 'sectors' | 'event_start' | 'event_end'>,
	view: Pick<ExplorerState, 'sectors' | 'kinds' | 'datePreset' | 'from' | 'to'>,
	list: { total: number; rows: readonly Pick<ListingSummary, 'id'>[] },
	today: Date
): boolean | null {
	if (list.rows.some((row) => row.id === listing.id)) return false;
	if (list.rows.length >= list.total) return true; // the whole list is loaded, and it is not in it
	// the database's rules (atlas.explorer_keys_match), for the filters that need no search text
	if (view.sectors.length && !filterSectors(listing.sectors).some((sector) => (view.sectors as string[]).includes(sector))) return true;
	if (view.kinds.length && !view.kinds.includes(listing.kind)) return true;
	const { from, to } = eventWindow(view, today);
	if (listing.kind === 'event' && (from || to)) {
		const start = listing.event_start;
		if (!start || (to && start > to) || (from && (listing.event_end ?? start) < from)) return true;
	}
	return null;
}
