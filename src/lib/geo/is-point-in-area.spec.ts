import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { isPointInArea } from './is-point-in-area.ts';

const square = (): Polygon => ({
	type: 'Polygon',
	coordinates: [[[114, 22.5], [114.1, 22.5], [114.1, 22.6], [114, 22.6], [114, 22.5]]]
});

describe('isPointInArea', () => {
	it('finds a point inside and one outside', () => {
		expect(isPointInArea([114.05, 22.55], square())).toBe(true);
		expect(isPointInArea({ type: 'Point', coordinates: [114.2, 22.55] }, square())).toBe(false);
	});

	it('counts the boundary as inside unless told otherwise', () => {
		expect(isPointInArea([114, 22.55], square())).toBe(true);
		expect(isPointInArea([114, 22.55], square(), { ignoreBoundary: true })).toBe(false);
	});

	it('takes a Feature and a MultiPolygon', () => {
		const feature = { type: 'Feature' as const, properties: {}, geometry: square() };
		expect(isPointInArea([114.05, 22.55], feature)).toBe(true);
		const multi = { type: 'MultiPolygon' as const, coordinates: [square().coordinates] };
		expect(isPointInArea([114.05, 22.55], multi)).toBe(true);
	});
});
