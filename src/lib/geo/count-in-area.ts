import type { Position } from 'geojson';
import { filterSectors } from '../data/types.ts';
import type { AreaSpec } from '../state/explorer-url.ts';
import { isPointInArea } from './is-point-in-area.ts';
import { isPointInCircle } from './is-point-in-circle.ts';

/** What counting needs of a listing. */
export interface CountablePoint {
	kind: string;
	sectors: string[];
	lon: number | null;
	lat: number | null;
	place_id?: string | null;
	district_code?: string | null;
}

export interface AreaCounts {
	total: number;
	by_kind: Record<string, number>;
	by_sector: Record<string, number>;
}

/**
 * Counts listings in an area with Turf only, by the same rules as the API's atlas.area_listings: inside a drawn
 * polygon (edges count as inside) or circle (great-circle distance); in a place = inside its outline or tied to it
 * (`place_id`); in a district = owned by it. A listing counts once in each of its sectors (filterSectors: one that
 * names none under `multi`).
 *
 * @param points listings with kind, sectors and `lon`/`lat` (null when unlocated)
 * @param area the area; a place needs its outline passed as `options.outline` (null when it has none)
 * @returns total, by_kind and by_sector — zeros for an empty area
 * @example countInArea([{ kind: 'event', sectors: ['apparel'], lon: 114.05, lat: 22.55 }], square) // { total: 1, … }
 */
export function countInArea(
	points: CountablePoint[],
	area: AreaSpec,
	options: { outline?: { type: 'Polygon'; coordinates: Position[][] } | null } = {}
): AreaCounts {
	const inside = (p: CountablePoint): boolean => {
		const located = p.lon !== null && p.lat !== null;
		switch (area.type) {
			case 'district':
				return p.district_code === area.code;
			case 'circle':
				return located && isPointInCircle([p.lon!, p.lat!], area.center, area.radius_m);
			case 'Polygon':
				return located && isPointInArea([p.lon!, p.lat!], area);
			case 'place':
				return p.place_id === area.id || (located && !!options.outline && isPointInArea([p.lon!, p.lat!], options.outline));
		}
	};
	const counts: AreaCounts = { total: 0, by_kind: {}, by_sector: {} };
	for (const point of points) {
		if (!inside(point)) continue;
		counts.total += 1;
		counts.by_kind[point.kind] = (counts.by_kind[point.kind] ?? 0) + 1;
		for (const sector of filterSectors(point.sectors)) counts.by_sector[sector] = (counts.by_sector[sector] ?? 0) + 1;
	}
	return counts;
}
