import { booleanClockwise } from '@turf/boolean-clockwise';
import { polygon as polygonFeature } from '@turf/helpers';
import { kinks } from '@turf/kinks';
import type { Feature, Polygon, Position } from 'geojson';

/** One way a polygon breaks the GeoJSON rules: which ring (0 = exterior) and what is wrong. */
export interface PolygonProblem {
	rule: 'ring-too-short' | 'ring-not-closed' | 'exterior-clockwise' | 'hole-counter-clockwise' | 'self-intersection';
	ring: number | null;
	message: string;
}

const samePosition = (a: Position | undefined, b: Position | undefined) =>
	a !== undefined && b !== undefined && a[0] === b[0] && a[1] === b[1];

/**
 * The ways a GeoJSON Polygon breaks RFC 7946 §3.1.6 (each ring closed with ≥ 4 positions; exterior ring
 * counter-clockwise, holes clockwise — the right-hand rule) or is not simple (a ring crosses itself or another).
 * An empty list means the polygon is valid. Winding is checked only on closed rings, and self-intersection only
 * when every ring is closed, since Turf's answers are undefined otherwise.
 *
 * @param polygon a GeoJSON Polygon or a Feature holding one (WGS84 `[lon, lat]`)
 * @param options.checkWinding also report wrong winding (default true; RFC 7946 parsers must accept either, but
 *   this project's data follows the rule so every consumer can rely on it)
 * @returns the problems found, in ring order, then self-intersections
 * @example
 * const clockwise = { type: 'Polygon', coordinates: [[[114, 22.5], [114, 22.6], [114.1, 22.6], [114.1, 22.5], [114, 22.5]]] };
 * polygonProblems(clockwise); // [{ rule: 'exterior-clockwise', ring: 0, message: 'exterior ring is clockwise; …' }]
 */
export function polygonProblems(
	polygon: Polygon | Feature<Polygon>,
	options: { checkWinding?: boolean } = {}
): PolygonProblem[] {
	const checkWinding = options.checkWinding ?? true;
	const geometry = polygon.type === 'Feature' ? polygon.geometry : polygon;
	const rings = Array.isArray(geometry?.coordinates) ? geometry.coordinates : [];
	if (rings.length === 0) return [{ rule: 'ring-too-short', ring: null, message: 'polygon has no rings' }];

	const problems: PolygonProblem[] = [];
	rings.forEach((ring, index) => {
		const name = index === 0 ? 'exterior ring' : `hole ${index}`;
		if (!samePosition(ring[0], ring.at(-1))) {
			problems.push({ rule: 'ring-not-closed', ring: index, message: `${name} is not closed (first position ≠ last)` });
		} else if (ring.length < 4) {
			problems.push({ rule: 'ring-too-short', ring: index, message: `${name} has ${ring.length} positions; a ring needs ≥ 4` });
		} else if (checkWinding && booleanClockwise(ring) === (index === 0)) {
			problems.push(
				index === 0
					? { rule: 'exterior-clockwise', ring: 0, message: 'exterior ring is clockwise; RFC 7946 wants it counter-clockwise' }
					: { rule: 'hole-counter-clockwise', ring: index, message: `${name} is counter-clockwise; RFC 7946 wants holes clockwise` }
			);
		}
	});
	if (problems.some((p) => p.rule === 'ring-not-closed' || p.rule === 'ring-too-short')) return problems;

	for (const crossing of kinks(polygonFeature(rings)).features) {
		const [lon, lat] = crossing.geometry.coordinates;
		problems.push({ rule: 'self-intersection', ring: null, message: `rings cross themselves or each other at [${lon}, ${lat}]` });
	}
	return problems;
}
