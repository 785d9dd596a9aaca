import { describe, expect, it } from 'vitest';
import { circlePolygon } from './circle-polygon.ts';
import { isPointInCircle } from './is-point-in-circle.ts';

describe('circlePolygon', () => {
	it('gives a closed ring of 65 positions around the centre', () => {
		const ring = circlePolygon([114.13, 22.58], 1000).coordinates[0]!;
		expect(ring).toHaveLength(65);
		expect(ring[0]).toEqual(ring.at(-1));
	});
});

describe('isPointInCircle', () => {
	it('uses the great-circle distance in metres', () => {
		expect(isPointInCircle([114.13, 22.585], [114.13, 22.58], 1000)).toBe(true); // ~556 m north
		expect(isPointInCircle([114.14, 22.58], [114.13, 22.58], 1000)).toBe(false); // ~1027 m east
	});
});
