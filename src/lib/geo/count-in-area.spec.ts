import { describe, expect, it } from 'vitest';
import { countInArea, type CountablePoint } from './count-in-area.ts';

const square = () => ({ type: 'Polygon' as const, coordinates: [[[114, 22.5], [114.1, 22.5], [114.1, 22.6], [114, 22.6], [114, 22.5]]] as [number, number][][] });
const points = (): CountablePoint[] => [
	{ kind: 'enterprise', sectors: ['apparel'], lon: 114.05, lat: 22.55, place_id: null, district_code: '440303' },
	{ kind: 'event', sectors: ['apparel', 'jewellery'], lon: 114.09, lat: 22.59, place_id: null, district_code: '440303' },
	{ kind: 'platform', sectors: ['jewellery'], lon: 114.2, lat: 22.55, place_id: 'shuibei', district_code: '440304' },
	{ kind: 'enterprise', sectors: [], lon: null, lat: null, place_id: 'shuibei', district_code: null }
];

describe('countInArea', () => {
	it('counts points in a polygon by kind and sector', () => {
		expect(countInArea(points(), square())).toEqual({
			total: 2,
			by_kind: { enterprise: 1, event: 1 },
			by_sector: { apparel: 2, jewellery: 1 }
		});
	});

	it('gives zeros, not an error, for an area with nothing inside', () => {
		const empty = { type: 'Polygon' as const, coordinates: [[[113.8, 22.4], [113.81, 22.4], [113.81, 22.41], [113.8, 22.4]]] as [number, number][][] };
		expect(countInArea(points(), empty)).toEqual({ total: 0, by_kind: {}, by_sector: {} });
	});

	it('counts a place by outline and by tie, each listing once', () => {
		const counts = countInArea(points(), { type: 'place', id: 'shuibei' }, { outline: square() });
		expect(counts.total).toBe(4);
	});

	it('counts a listing that names no sector under multi (several sectors), as the API and the filter chips do', () => {
		expect(countInArea(points(), { type: 'place', id: 'shuibei' }, { outline: square() }).by_sector).toEqual({ apparel: 2, jewellery: 2, multi: 1 });
	});

	it('counts a circle by distance and a district by owner', () => {
		expect(countInArea(points(), { type: 'circle', center: [114.05, 22.55], radius_m: 100 }).total).toBe(1);
		expect(countInArea(points(), { type: 'district', code: '440303' }).total).toBe(2);
	});
});
