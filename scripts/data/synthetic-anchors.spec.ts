import { describe, expect, it } from 'vitest';
import { generateSyntheticListings } from '../lib/synthetic-listings.ts';
import { anchorsFromData } from './synthetic-anchors.ts';

const place = (id: string, lon: number | null, lat: number | null, radius_m: number | null = null) => ({
	properties: { id, lon, lat, sectors: ['jewellery'], district_codes: ['440303'], radius_m }
});

describe('anchorsFromData', () => {
	it('anchors located places, weighted by their tied listings, spread by their radius', () => {
		const anchors = anchorsFromData(
			{ features: [place('shuibei', 114.12861, 22.5777, 800), place('nowhere', null, null), place('yantian', 114.23, 22.56)] },
			[{ place_id: 'shuibei' }, { place_id: 'shuibei' }, { place_id: null }]
		);
		expect(anchors).toEqual([
			{ lon: 114.12861, lat: 22.5777, sectors: ['jewellery'], districtCode: '440303', weight: 3, spreadKm: 0.8 },
			{ lon: 114.23, lat: 22.56, sectors: ['jewellery'], districtCode: '440303', weight: 1 }
		]);
	});
});

describe('generateSyntheticListings', () => {
	const anchors = () => anchorsFromData({ features: [place('a', 114.12, 22.57, 500), place('b', 114.0, 22.7)] }, [{ place_id: 'a' }]);

	it('is reproducible for a seed and differs between seeds', () => {
		expect(generateSyntheticListings(50, anchors(), 7)).toEqual(generateSyntheticListings(50, anchors(), 7));
		expect(generateSyntheticListings(50, anchors(), 7)).not.toEqual(generateSyntheticListings(50, anchors(), 8));
	});

	it('marks every listing synthetic and keeps it in Shenzhen', () => {
		const listings = generateSyntheticListings(200, anchors());
		expect(listings.every((l) => l.synthetic === true && l.slug.startsWith('synthetic-'))).toBe(true);
		expect(listings.every((l) => l.lon > 113.75 && l.lon < 114.65 && l.lat > 22.39 && l.lat < 22.87)).toBe(true);
	});

	it('places more listings around the heavier anchor', () => {
		const listings = generateSyntheticListings(1000, anchors());
		const nearA = listings.filter((l) => Math.abs(l.lat - 22.57) < 0.06).length;
		expect(nearA).toBeGreaterThan(550); // weight 2 of 3
	});
});
