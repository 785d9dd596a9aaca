import { distance } from '@turf/distance';
import type { Position } from 'geojson';

/**
 * Whether a point lies within `radiusM` metres of a centre (great-circle distance, as the API computes it).
 *
 * @param point `[lon, lat]`
 * @param center `[lon, lat]`
 * @param radiusM radius in metres
 * @returns true when the distance is at most the radius
 * @example isPointInCircle([114.13, 22.585], [114.13, 22.58], 1000); // true (about 556 m)
 */
export function isPointInCircle(point: Position, center: Position, radiusM: number): boolean {
	return distance(point, center, { units: 'meters' }) <= radiusM;
}
