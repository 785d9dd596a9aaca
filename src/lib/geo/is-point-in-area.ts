import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { Feature, MultiPolygon, Point, Polygon, Position } from 'geojson';

/**
 * Whether a point lies inside an area (a district outline, a place's outline). Points on the boundary count as
 * inside unless `ignoreBoundary` is set, since an outline drawn on landmarks is no sharper than its line.
 *
 * @param point a `[lon, lat]` position or a GeoJSON Point
 * @param area a GeoJSON Polygon or MultiPolygon, or a Feature holding one
 * @param options.ignoreBoundary treat points exactly on the boundary as outside (default false)
 * @returns true when the point is inside the area
 * @example
 * const square = { type: 'Polygon', coordinates: [[[114, 22.5], [114.1, 22.5], [114.1, 22.6], [114, 22.6], [114, 22.5]]] };
 * isPointInArea([114.05, 22.55], square); // true
 * isPointInArea([114.2, 22.55], square); // false
 */
export function isPointInArea(
	point: Position | Point,
	area: Polygon | MultiPolygon | Feature<Polygon | MultiPolygon>,
	options: { ignoreBoundary?: boolean } = {}
): boolean {
	const position = Array.isArray(point) ? point : point.coordinates;
	return booleanPointInPolygon(position, area, { ignoreBoundary: options.ignoreBoundary ?? false });
}
