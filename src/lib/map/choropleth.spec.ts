import { describe, expect, it } from 'vitest';
import { CHOROPLETH_COLOURS, NO_DATA_COLOUR, choroplethBreaks, choroplethClass, choroplethColour, choroplethLegend } from './choropleth';

describe('choropleth', () => {
	it('splits values into quantile classes with distinct breaks', () => {
		expect(choroplethBreaks([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toEqual([3, 5, 7, 9]);
		expect(choroplethBreaks([0, 0, 0, 5])).toEqual([5]);
		expect(choroplethBreaks([null, null])).toEqual([]);
	});

	it('classes values and builds a step expression with grey for no data', () => {
		expect(choroplethClass(6, [3, 5, 7, 9])).toBe(2);
		const expression = choroplethColour([3, 5]) as unknown[];
		expect(expression[2]).toBe(NO_DATA_COLOUR);
		expect(expression[3]).toEqual(['step', ['to-number', ['get', 'value']], CHOROPLETH_COLOURS[0], 3, CHOROPLETH_COLOURS[1], 5, CHOROPLETH_COLOURS[2]]);
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
