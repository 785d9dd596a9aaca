import { describe, expect, it } from 'vitest';
import { coveredByPanel, extentOf, inUncoveredView, isBottomSheet, type ScreenBox } from './frame';

const box = (left: number, top: number, width: number, height: number): ScreenBox => ({ left, top, width, height, right: left + width, bottom: top + height });

describe('the part of the map a panel covers', () => {
	const desktopMap = box(0, 60, 900, 740);
	const phoneMap = box(0, 0, 390, 600);

	it('tells a bottom sheet (as wide as the map) from a side panel', () => {
		expect(isBottomSheet(box(0, 320, 390, 524), phoneMap)).toBe(true);
		expect(isBottomSheet(box(500, 60, 400, 740), desktopMap)).toBe(false);
	});

	it('measures a side panel from the right edge and a sheet from the bottom edge', () => {
		expect(coveredByPanel(desktopMap, box(500, 60, 400, 740))).toEqual({ right: 400, bottom: 0, width: 900, height: 740 });
		expect(coveredByPanel(phoneMap, box(0, 400, 390, 444))).toEqual({ right: 0, bottom: 200, width: 390, height: 600 });
	});

	it('leaves a third of the map to aim at, however much the panel covers', () => {
		expect(coveredByPanel(phoneMap, box(0, 50, 390, 794))).toEqual({ right: 0, bottom: 400, width: 390, height: 600 });
		expect(coveredByPanel(desktopMap, box(100, 60, 800, 740)).right).toBe(600);
	});

	it('covers nothing with no panel, an empty one, or one beside the map', () => {
		const none = { right: 0, bottom: 0, width: 900, height: 740 };
		expect(coveredByPanel(desktopMap, undefined)).toEqual(none);
		expect(coveredByPanel(desktopMap, box(0, 0, 0, 0))).toEqual(none);
		expect(coveredByPanel(desktopMap, box(950, 60, 300, 740))).toEqual(none);
	});

	it('counts a point as in view only clear of the panel and the edges (16 px, room for the highlighted symbol)', () => {
		const covered = { right: 400, bottom: 0, width: 900, height: 740 };
		expect(inUncoveredView({ x: 250, y: 370 }, covered)).toBe(true);
		expect(inUncoveredView({ x: 484, y: 370 }, covered)).toBe(true);
		expect(inUncoveredView({ x: 485, y: 370 }, covered)).toBe(false); // under the panel's edge
		expect(inUncoveredView({ x: 15, y: 370 }, covered)).toBe(false);
		expect(inUncoveredView({ x: 250, y: 725 }, covered)).toBe(false);
	});
});

describe('extentOf', () => {
	it('is the box around the points, [west, south, east, north], or null for none', () => {
		expect(extentOf([[114.1, 22.6], [114.05, 22.65], [114.2, 22.55]])).toEqual([114.05, 22.55, 114.2, 22.65]);
		expect(extentOf([[114.1, 22.6]])).toEqual([114.1, 22.6, 114.1, 22.6]);
		expect(extentOf([])).toBeNull();
	});
});
