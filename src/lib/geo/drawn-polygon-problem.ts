import type { Polygon, Position } from 'geojson';
import { polygonProblems } from './polygon-problems.ts';

/** Why a drawn polygon cannot be used: too few corners, or edges that cross (the API refuses both too). */
export type DrawnPolygonProblem = 'too-few-points' | 'self-intersection';

/**
 * Checks a polygon drawn on the map before asking for its statistics. A polygon whose edges cross has no clear
 * inside (point-in-polygon answers would depend on the algorithm), so it is refused rather than guessed; winding
 * does not matter for a drawing. The server checks again (atlas.area_spec_problem): never trust the client.
 *
 * @param polygon a GeoJSON Polygon, or the corners of its ring (`[lon, lat]`, closed or not)
 * @returns the problem, or null when the polygon can be used
 * @example
 * drawnPolygonProblem([[114, 22.5], [114.1, 22.6], [114.1, 22.5], [114, 22.6]]); // 'self-intersection' (a bow tie)
 * drawnPolygonProblem([[114, 22.5], [114.1, 22.5], [114.1, 22.6]]); // null
 */
export function drawnPolygonProblem(polygon: Polygon | Position[]): DrawnPolygonProblem | null {
	const ring = Array.isArray(polygon) ? polygon : (polygon.coordinates[0] ?? []);
	const first = ring[0];
	const last = ring.at(-1);
	const closed = first && last && first[0] === last[0] && first[1] === last[1] && ring.length > 1 ? ring : first ? [...ring, first] : [];
	if (new Set(closed.slice(0, -1).map((p) => `${p[0]},${p[1]}`)).size < 3) return 'too-few-points';
	const problems = polygonProblems({ type: 'Polygon', coordinates: [closed] }, { checkWinding: false });
	return problems.some((p) => p.rule === 'self-intersection') ? 'self-intersection' : problems.length ? 'too-few-points' : null;
}
