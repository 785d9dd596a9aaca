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
			{ colour: CHOROPLETH_COLOURS[0], from: 1, to: 4 },
			{ colour: CHOROPLETH_COLOURS[1], from: 4, to: null }
		]);
	});
});
