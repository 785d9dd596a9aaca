import { describe, expect, test } from 'vitest';
import { areaKey, explorerSearch, parseAreaKey, parseExplorerState } from './explorer-url';

const state = (query: string) => parseExplorerState(new URL(`http://x/${query}`));

describe('investor state in the URL (issue #6)', () => {
	test('round-trips view, sort, measure, district, comparison and area', () => {
		const parsed = state('?view=clusters&sort=-enterprise&measure=fig_output&adistrict=440303&amin=10&compare=shuibei-buxin-jewellery-cluster,440304&area=c:114.13,22.58,2000');
		expect(parsed).toMatchObject({
			view: 'clusters',
			sort: '-enterprise',
			measure: 'fig_output',
			areaDistrict: '440303',
			areaMin: 10,
			compare: ['shuibei-buxin-jewellery-cluster', '440304'],
			area: 'c:114.13,22.58,2000'
		});
		expect(state(explorerSearch(parsed))).toEqual(parsed);
	});

	test('a plain explorer URL has none of them, and junk is dropped', () => {
		expect(state('?sectors=apparel')).toEqual(expect.not.objectContaining({ view: expect.anything() }));
		const junk = state('?view=tables&sort=DROP%20TABLE&compare=a,,A%20B,a,b,c,d,e&area=p:1,2');
		expect(junk.view).toBeUndefined();
		expect(junk.sort).toBeUndefined();
		expect(junk.compare).toEqual(['a', 'b', 'c', 'd']);
		expect(junk.area).toBeUndefined();
	});

	test('area keys: place, district, circle, polygon', () => {
		expect(parseAreaKey('dalang-fashion-street')).toEqual({ type: 'place', id: 'dalang-fashion-street' });
		expect(parseAreaKey('440303')).toEqual({ type: 'district', code: '440303' });
		const polygon = parseAreaKey('p:114,22.5,114.1,22.5,114.1,22.6');
		expect(polygon).toEqual({ type: 'Polygon', coordinates: [[[114, 22.5], [114.1, 22.5], [114.1, 22.6], [114, 22.5]]] });
		expect(areaKey(polygon!)).toBe('p:114,22.5,114.1,22.5,114.1,22.6');
		expect(areaKey({ type: 'circle', center: [114.123456789, 22.5], radius_m: 999.6 })).toBe('c:114.12346,22.5,1000');
		expect(parseAreaKey('c:114,22.5,0')).toBeNull();
		expect(parseAreaKey('p:200,22.5,114.1,22.5,114.1,22.6')).toBeNull();
	});

	test('an area outside the region the map shows, or a polygon without three distinct corners, is junk', () => {
		expect(parseAreaKey('c:0,0,100')).toBeNull();
		expect(parseAreaKey('c:114.5,23.8,1000')).toBeNull(); // north of the map's region
		expect(parseAreaKey('c:115.5,23.6,1000')).not.toBeNull(); // inside it, if far from the city
		expect(parseAreaKey('p:1,1,1,1,1,1')).toBeNull();
		expect(parseAreaKey('p:114,22.5,114,22.5,114,22.5')).toBeNull();
		expect(parseAreaKey('p:114,22.5,114,22.5,114.1,22.6')).toBeNull();
		expect(parseExplorerState(new URL('https://x.test/?area=c:0,0,100')).area).toBeUndefined();
	});
});
