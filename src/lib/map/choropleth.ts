// The cluster view's choropleth (issue #6): class breaks and the colour expression. Plain builders, no Svelte.
import type { ExpressionSpecification } from 'maplibre-gl';

/** Sequential, colour-blind-safe (ColorBrewer Oranges, 5 classes); grey for "no data". */
export const CHOROPLETH_COLOURS = ['#feedde', '#fdbe85', '#fd8d3c', '#e6550d', '#a63603'] as const;
export const NO_DATA_COLOUR = '#c8c8c8';

/**
 * Quantile class breaks of the values (nulls ignored): the lower bound of each class after the first, ascending and
 * distinct, so equal values never split across classes. Fewer classes when there are few distinct values.
 * @example choroplethBreaks([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5) // [3, 5, 7, 9]
 */
export function choroplethBreaks(values: (number | null)[], classes = CHOROPLETH_COLOURS.length): number[] {
	const sorted = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
	if (sorted.length === 0) return [];
	const breaks: number[] = [];
	for (let i = 1; i < classes; i++) {
		const value = sorted[Math.floor((i * sorted.length) / classes)]!;
		if (value > sorted[0]! && !breaks.includes(value)) breaks.push(value);
	}
	return breaks;
}

/** The class (0…breaks.length) of a value. */
export const choroplethClass = (value: number, breaks: number[]) => breaks.filter((b) => value >= b).length;

/** A `step` colour on the feature's `value` property; features whose value is null are grey. */
export function choroplethColour(breaks: number[]): ExpressionSpecification {
	const step = ['step', ['to-number', ['get', 'value']], CHOROPLETH_COLOURS[0], ...breaks.flatMap((b, i) => [b, CHOROPLETH_COLOURS[i + 1]!])];
	return ['case', ['==', ['get', 'value'], null], NO_DATA_COLOUR, step] as unknown as ExpressionSpecification;
}

export interface LegendEntry {
	colour: string;
	/** The class holds values from `from` up to, not including, `to` (null: no upper bound, the top class). */
	from: number;
	to: number | null;
	/** Whole-number measures (counts): the largest value the class can hold, so a legend can say "2–6", not "2–7". */
	last: number | null;
}

/** Legend entries, one per class, lowest first. */
export function choroplethLegend(values: (number | null)[], breaks: number[]): LegendEntry[] {
	const numbers = values.filter((v): v is number => v !== null && Number.isFinite(v));
	if (numbers.length === 0) return [];
	const whole = numbers.every(Number.isInteger) && breaks.every(Number.isInteger);
	const lows = [Math.min(...numbers), ...breaks];
	return lows.map((from, i) => {
		const to = i + 1 < lows.length ? lows[i + 1]! : null;
		return { colour: CHOROPLETH_COLOURS[i]!, from, to, last: whole && to !== null ? to - 1 : null };
	});
}
