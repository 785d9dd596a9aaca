// The cluster view's choropleth (issue #6): class breaks and the colour expression. Plain builders, no Svelte.
import type { ExpressionSpecification } from 'maplibre-gl';

/** Sequential, colour-blind-safe (ColorBrewer Oranges, 5 classes); grey for "no data". */
export const CHOROPLETH_COLOURS = ['#feedde', '#fdbe85', '#fd8d3c', '#e6550d', '#a63603'] as const;
export const NO_DATA_COLOUR = '#c8c8c8';

/**
 * Quantile class breaks of the values (nulls ignored): the lower bound of each class after the first, ascending and
 * distinct, so equal values never split across classes. Fewer classes when there are few distinct values. When the
 * lowest value would fill a class or more by itself (the many areas with no listing of a filtered sector, say), it
 * keeps the first class and the values above it share the others: an area with one listing is never coloured as one
 * with none.
 * @example choroplethBreaks([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5) // [3, 5, 7, 9]
 * @example choroplethBreaks([0, 0, 0, 0, 0, 0, 0, 1, 2, 3], 5) // [1, 2, 3]
 */
export function choroplethBreaks(values: (number | null)[], classes = CHOROPLETH_COLOURS.length): number[] {
	const sorted = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
	const lowest = sorted[0];
	const above = sorted.filter((v) => v > lowest!);
	if (above.length === 0) return [];
	const lowestAlone = sorted.length - above.length >= sorted.length / classes;
	const [pool, poolClasses] = lowestAlone ? [above, classes - 1] : [sorted, classes];
	const breaks: number[] = lowestAlone ? [above[0]!] : [];
	for (let i = 1; i < poolClasses; i++) {
		const value = pool[Math.floor((i * pool.length) / poolClasses)]!;
		if (value > lowest! && !breaks.includes(value)) breaks.push(value);
	}
	return breaks;
}

/** The class (0…breaks.length) of a value. */
export const choroplethClass = (value: number, breaks: number[]) => breaks.filter((b) => value >= b).length;

/** A `step` colour on the feature's `value` property (one colour with no breaks); features whose value is null are grey. */
export function choroplethColour(breaks: number[]): ExpressionSpecification {
	// MapLibre refuses a `step` without a stop
	const colour = breaks.length === 0
		? CHOROPLETH_COLOURS[0]
		: ['step', ['to-number', ['get', 'value']], CHOROPLETH_COLOURS[0], ...breaks.flatMap((b, i) => [b, CHOROPLETH_COLOURS[i + 1]!])];
	return ['case', ['==', ['get', 'value'], null], NO_DATA_COLOUR, colour] as unknown as ExpressionSpecification;
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
