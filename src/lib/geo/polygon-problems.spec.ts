import type { Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { polygonProblems } from './polygon-problems.ts';

const polygon = (...rings: Position[][]): Polygon => ({ type: 'Polygon', coordinates: rings });
const counterClockwise = (): Position[] => [[114, 22.5], [114.1, 22.5], [114.1, 22.6], [114, 22.6], [114, 22.5]];
const rules = (p: Polygon) => polygonProblems(p).map((problem) => problem.rule);

describe('polygonProblems', () => {
	it('finds nothing wrong with a closed counter-clockwise ring', () => {
		expect(polygonProblems(polygon(counterClockwise()))).toEqual([]);
	});

	it('reports an exterior ring wound clockwise', () => {
		expect(rules(polygon(counterClockwise().reverse()))).toEqual(['exterior-clockwise']);
	});

	it('skips winding when asked', () => {
		expect(polygonProblems(polygon(counterClockwise().reverse()), { checkWinding: false })).toEqual([]);
	});

	it('reports a hole wound counter-clockwise', () => {
		const hole: Position[] = [[114.02, 22.52], [114.04, 22.52], [114.04, 22.54], [114.02, 22.54], [114.02, 22.52]];
		expect(rules(polygon(counterClockwise(), hole))).toEqual(['hole-counter-clockwise']);
		expect(rules(polygon(counterClockwise(), [...hole].reverse()))).toEqual([]);
	});

	it('reports a ring that is not closed, or too short', () => {
		expect(rules(polygon(counterClockwise().slice(0, -1)))).toEqual(['ring-not-closed']);
		expect(rules(polygon([[114, 22.5], [114.1, 22.5], [114, 22.5]]))).toEqual(['ring-too-short']);
	});

	it('reports a bow-tie that crosses itself, with where', () => {
		const bowTie: Position[] = [[114, 22.5], [114.1, 22.6], [114.1, 22.5], [114, 22.6], [114, 22.5]];
		const problems = polygonProblems(polygon(bowTie), { checkWinding: false });
		expect(problems.map((p) => p.rule)).toContain('self-intersection');
		expect(problems[0]!.message).toMatch(/114\.05/);
	});

	it('reads a Feature', () => {
		expect(polygonProblems({ type: 'Feature', properties: {}, geometry: polygon(counterClockwise()) })).toEqual([]);
	});
});
