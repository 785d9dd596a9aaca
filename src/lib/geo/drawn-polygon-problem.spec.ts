import { describe, expect, it } from 'vitest';
import { drawnPolygonProblem } from './drawn-polygon-problem.ts';

const square = (): [number, number][] => [[114, 22.5], [114.1, 22.5], [114.1, 22.6], [114, 22.6]];

describe('drawnPolygonProblem', () => {
	it('accepts a simple polygon, open or closed, either winding', () => {
		expect(drawnPolygonProblem(square())).toBeNull();
		expect(drawnPolygonProblem([...square(), [114, 22.5]])).toBeNull();
		expect(drawnPolygonProblem(square().reverse())).toBeNull();
	});

	it('refuses a bow tie (edges that cross)', () => {
		expect(drawnPolygonProblem([[114, 22.5], [114.1, 22.6], [114.1, 22.5], [114, 22.6]])).toBe('self-intersection');
	});

	it('refuses fewer than three distinct corners', () => {
		expect(drawnPolygonProblem([[114, 22.5], [114.1, 22.5]])).toBe('too-few-points');
		expect(drawnPolygonProblem([[114, 22.5], [114.1, 22.5], [114.1, 22.5]])).toBe('too-few-points');
		expect(drawnPolygonProblem([])).toBe('too-few-points');
	});

	it('takes a GeoJSON Polygon too', () => {
		expect(drawnPolygonProblem({ type: 'Polygon', coordinates: [[...square(), [114, 22.5]]] })).toBeNull();
	});
});
