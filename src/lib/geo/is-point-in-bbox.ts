import type { Point, Position } from 'geojson';

/**
 * Whether a point lies inside (or on the edge of) a bounding box.
 *
 * @param point a `[lon, lat]` position or a GeoJSON Point
 * @param bbox `[west, south, east, north]` in the point's coordinate system (WGS84 degrees here)
 * @param options.margin widen the box by this many degrees on every side (default 0)
 * @returns true when the point is inside the box; false for a position that is not two finite numbers
 * @example
 * isPointInBbox([114.12, 22.57], [113.75, 22.39, 114.65, 22.87]); // true
 * isPointInBbox([22.57, 114.12], [113.75, 22.39, 114.65, 22.87]); // false: lon/lat swapped
 */
export function isPointInBbox(
	point: Position | Point,
	bbox: readonly [number, number, number, number],
	options: { margin?: number } = {}
): boolean {
	const margin = options.margin ?? 0;
	const [lon, lat] = Array.isArray(point) ? point : point.coordinates;
	if (!Number.isFinite(lon) || !Number.isFinite(lat)) return false;
	const [west, south, east, north] = bbox;
	return lon! >= west - margin && lon! <= east + margin && lat! >= south - margin && lat! <= north + margin;
}
