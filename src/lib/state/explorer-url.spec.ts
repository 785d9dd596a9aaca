import { describe, expect, test } from 'vitest';
import { cameraHash, eventWindow, explorerReturn, explorerSearch, listRows, parseCameraHash, parseExplorerState } from './explorer-url';

const state = (query: string) => parseExplorerState(new URL(`http://x/${query}`));

describe('explorer state in the URL', () => {
	test('round-trips filters, search, selection and language', () => {
		const query = '?lang=en&sectors=apparel,jewellery&kinds=event&from=2026-11-01&to=2026-11-30&q=%E6%B0%B4%E8%B4%9D&sel=place%3Ashuibei-buxin-jewellery-cluster';
		const parsed = state(query);
		expect(parsed).toEqual({
			lang: 'en',
			sectors: ['apparel', 'jewellery'],
			kinds: ['event'],
			datePreset: null,
			from: '2026-11-01',
			to: '2026-11-30',
			q: '水贝',
			selection: { type: 'place', id: 'shuibei-buxin-jewellery-cluster' }
		});
		expect(state(explorerSearch(parsed))).toEqual(parsed);
	});

	test('defaults give an empty query string, and junk is ignored', () => {
		expect(explorerSearch(state(''))).toBe('');
		const junk = state('?sectors=apparel,nonsense,apparel&kinds=shop&from=2026-13-45&sel=user:1&dates=year');
		expect(junk).toMatchObject({ sectors: ['apparel'], kinds: [], from: null, datePreset: null, selection: null });
	});

	test('a date the calendar does not have is ignored, like any junk (the database would refuse it)', () => {
		expect(state('?from=2024-02-30&to=2023-02-29')).toMatchObject({ from: null, to: null });
		expect(state('?from=2024-04-31&to=2024-02-29')).toMatchObject({ from: null, to: '2024-02-29' });
	});

	test('the listings of several sectors are a sector filter of their own (multi), in a round trip', () => {
		const parsed = state('?sectors=multi,jewellery');
		expect(parsed.sectors).toEqual(['jewellery', 'multi']);
		expect(state(explorerSearch(parsed))).toEqual(parsed);
	});

	test('a date window given backwards in a link is read as that window, in order', () => {
		expect(state('?from=2026-12-31&to=2026-11-01')).toMatchObject({ from: '2026-11-01', to: '2026-12-31' });
		expect(state('?from=2026-11-01&to=2026-12-31')).toMatchObject({ from: '2026-11-01', to: '2026-12-31' });
		expect(state('?from=2026-12-31')).toMatchObject({ from: '2026-12-31', to: null });
	});

	test('date presets resolve against today: ISO week from Monday, calendar month', () => {
		const thursday = new Date('2026-11-26T10:00:00Z');
		expect(eventWindow({ datePreset: 'week', from: null, to: null }, thursday)).toEqual({ from: '2026-11-23', to: '2026-11-29' });
		expect(eventWindow({ datePreset: 'month', from: null, to: null }, thursday)).toEqual({ from: '2026-11-01', to: '2026-11-30' });
		expect(eventWindow({ datePreset: null, from: '2026-01-01', to: null }, thursday)).toEqual({ from: '2026-01-01', to: null });
	});

	test('camera hash round-trips and rejects impossible values', () => {
		const hash = cameraHash({ zoom: 12.5, lat: 22.5777, lng: 114.1286 });
		expect(hash).toBe('#map=12.50/22.5777/114.1286');
		expect(parseCameraHash(hash)).toEqual({ zoom: 12.5, lat: 22.5777, lng: 114.1286 });
		expect(parseCameraHash('#map=40/95/200')).toBeNull();
		expect(parseCameraHash('')).toBeNull();
	});
});

describe('listRows', () => {
	const rows = (query: string) => listRows(new URL(`http://x/${query}`));
	test('whole pages of 50, from one page to 500 rows; anything else is one page', () => {
		expect([rows(''), rows('?rows=100'), rows('?rows=75'), rows('?rows=9999'), rows('?rows=abc'), rows('?rows=-5'), rows('?rows=0')]).toEqual([50, 100, 100, 500, 50, 50, 50]);
	});
});

describe('explorerReturn', () => {
	const left = new URL('http://x/?sectors=jewellery&kinds=event&q=%E6%B0%B4%E8%B4%9D&view=clusters&sel=listing%3Aother#map=12.50/22.55/114.1');
	test('keeps the filters, search, investor view and camera the visitor left, and selects the detail page’s record', () => {
		const back = new URL(explorerReturn(left, { type: 'place', id: 'shuibei-buxin-jewellery-cluster' }, 'en'), 'http://x');
		expect(parseExplorerState(back)).toEqual({
			...parseExplorerState(left),
			lang: 'en',
			selection: { type: 'place', id: 'shuibei-buxin-jewellery-cluster' }
		});
		expect(back.hash).toBe('#map=12.50/22.55/114.1');
	});
	test('in Chinese, with no filters and no camera: only the selection', () => {
		expect(explorerReturn(new URL('http://x/?lang=en'), { type: 'listing', id: 'a' }, 'zh')).toBe('/?sel=listing%3Aa');
	});
});
