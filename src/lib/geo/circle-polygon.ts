import { circle } from '@turf/circle';
import type { Polygon } from 'geojson';

/**
 * A circle on the ground as a polygon (Turf's circle, 64 steps), to draw a radius on the map. Which listings lie
 * in the circle is decided by distance (isPointInCircle, and the API's haversine), not by this outline.
 *
 * @param center `[lon, lat]` in WGS84
 * @param radiusM radius in metres
 * @returns a GeoJSON Polygon
 * @example circlePolygon([114.13, 22.58], 1000).coordinates[0].length; // 65
 */
export function circlePolygon(center: [number, number], radiusM: number, options: { steps?: number } = {}): Polygon {
	return circle(center, radiusM, { units: 'meters', steps: options.steps ?? 64 }).geometry;
}
