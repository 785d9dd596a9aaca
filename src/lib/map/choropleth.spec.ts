import { describe, expect, it } from 'vitest';
import { CHOROPLETH_COLOURS, NO_DATA_COLOUR, choroplethBreaks, choroplethClass, choroplethColour, choroplethLegend } from './choropleth';

describe('choropleth', () => {
	it('splits values into quantile classes with distinct breaks', () => {
		expect(choroplethBreaks([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toEqual([3, 5, 7, 9]);
		expect(choroplethBreaks([0, 0, 0, 5])).toEqual([5]);
		expect(choroplethBreaks([null, null])).toEqual([]);
		expect(choroplethBreaks([4, 4, 4])).toEqual([]);
	});

	it('keeps the lowest value in a class of its own when it fills one: the areas above it are told apart from it', () => {
		// a filtered sector: 17 areas with none, 3 with 1, 2 and 3 listings (plain quantiles put all 20 in one class)
		expect(choroplethBreaks([...Array(17).fill(0), 3, 1, 2])).toEqual([1, 2, 3]);
		expect(choroplethBreaks([...Array(12).fill(0), 1, 1, 2, 4, 5, 8, 9, 30])).toEqual([1, 2, 5, 9]);
		expect(choroplethClass(1, choroplethBreaks([...Array(17).fill(0), 3, 1, 2]))).toBeGreaterThan(0);
	});

	it('classes values and builds a step expression with grey for no data', () => {
		expect(choroplethClass(6, [3, 5, 7, 9])).toBe(2);
		const expression = choroplethColour([3, 5]) as unknown[];
		expect(expression[2]).toBe(NO_DATA_COLOUR);
		expect(expression[3]).toEqual(['step', ['to-number', ['get', 'value']], CHOROPLETH_COLOURS[0], 3, CHOROPLETH_COLOURS[1], 5, CHOROPLETH_COLOURS[2]]);
		// no breaks (every area alike): one colour, not a step without stops, which MapLibre refuses
		expect(choroplethColour([])).toEqual(['case', ['==', ['get', 'value'], null], NO_DATA_COLOUR, CHOROPLETH_COLOURS[0]]);
	});

	it('describes the classes for the legend', () => {
		expect(choroplethLegend([1, 4, 9], [4])).toEqual([
			{ colour: CHOROPLETH_COLOURS[0], from: 1, to: 4, last: 3 },
			{ colour: CHOROPLETH_COLOURS[1], from: 4, to: null, last: null }
		]);
	});

	it('gives counts the last whole number of each class, and continuous measures none', () => {
		// counts 0…11 in classes from 0, 1, 2, 7: the legend can say 0, 1, 2–6, 7+ (a class holds values below its next break)
		const counts = [0, 0, 0, 1, 1, 2, 2, 3, 7, 11];
		expect(choroplethLegend(counts, [1, 2, 7]).map((e) => [e.from, e.last])).toEqual([[0, 0], [1, 1], [2, 6], [7, null]]);
		expect(choroplethLegend([0.4, 0.9, 1.1], [0.9]).map((e) => e.last)).toEqual([null, null]);
	});
});
