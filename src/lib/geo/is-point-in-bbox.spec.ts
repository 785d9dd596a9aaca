import { describe, expect, it } from 'vitest';
import { isPointInBbox } from './is-point-in-bbox.ts';
import { SHENZHEN_BBOX } from './shenzhen-bbox.ts';

describe('isPointInBbox', () => {
	it('accepts a point in Shenzhen, as a position or a Point', () => {
		expect(isPointInBbox([114.12861, 22.5777], SHENZHEN_BBOX)).toBe(true);
		expect(isPointInBbox({ type: 'Point', coordinates: [114.12861, 22.5777] }, SHENZHEN_BBOX)).toBe(true);
	});

	it('rejects swapped lon/lat and points elsewhere', () => {
		expect(isPointInBbox([22.5777, 114.12861], SHENZHEN_BBOX)).toBe(false);
		expect(isPointInBbox([116.4, 39.9], SHENZHEN_BBOX)).toBe(false);
	});

	it('rejects positions that are not two finite numbers', () => {
		expect(isPointInBbox([Number.NaN, 22.5], SHENZHEN_BBOX)).toBe(false);
	});

	it('widens the box by the margin', () => {
		expect(isPointInBbox([114.66, 22.5], SHENZHEN_BBOX)).toBe(false);
		expect(isPointInBbox([114.66, 22.5], SHENZHEN_BBOX, { margin: 0.02 })).toBe(true);
	});
});
