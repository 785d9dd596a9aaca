// The measures investors compare areas by (issue #6): live counts from the listings, and the places' published
// figures grouped into four kinds. Which published metric is which kind is an explicit list, reviewed by hand:
// figures about a whole district (Futian retail sales, all of Luohu's jewellery firms…) or about something else
// (floor area, pairs of glasses) are deliberately not in it, so an area is never credited with a wider figure.
import type { Figure, ListingKind } from './types';

export type FigureKind = 'enterprises' | 'output' | 'area' | 'brands';
export const FIGURE_KINDS: readonly FigureKind[] = ['enterprises', 'output', 'area', 'brands'];

const METRICS: Record<FigureKind, readonly string[]> = {
	enterprises: ['enterprises', 'fashion_enterprises', 'eyewear_enterprises', 'enterprises_2021', 'enterprises_2014', 'enterprises_in_base'],
	output: ['output_value_cny', 'industry_scale_cny', 'sales_cny', 'park_output_cny'],
	area: ['area_km2', 'area_km2_2025', 'area_km2_published', 'cluster_area_km2', 'core_area_km2', 'wider_area_km2', 'planned_area_km2', 'planned_total_area_km2', 'area_ha', 'core_area_m2', 'base_planned_area_m2', 'phase1_site_m2'],
	brands: ['own_brands']
};

/** The kind of a published metric, or null when it is none of the four. */
export function figureKind(metric: string): FigureKind | null {
	return FIGURE_KINDS.find((kind) => METRICS[kind].includes(metric)) ?? null;
}

/**
 * The figure of one kind to show for an area: the most recent (a figure without a year comes last); among
 * figures of the same year, the first listed. Null when the area publishes none.
 */
export function pickFigure(figures: Figure[], kind: FigureKind): Figure | null {
	const candidates = figures.filter((f) => figureKind(f.metric) === kind);
	const year = (f: Figure) => (f.year === null || f.year === undefined || f.year === '' ? -Infinity : Number(f.year));
	return candidates.reduce<Figure | null>((best, f) => (best === null || year(f) > year(best) ? f : best), null);
}

/**
 * A number for sorting and colouring, read from a published value that is often text (">7.8 billion", "~9000",
 * "800+"): the first number, scaled by "billion"/"million", output in yuan and area in km². It is an ordering key
 * only: the table always shows the value exactly as published.
 * @example figureNumber({ metric: 'output_value_cny', value: '110 billion (1100亿元)', unit: 'CNY', … }) // 110e9
 */
export function figureNumber(figure: Figure | null): number | null {
	if (!figure) return null;
	const text = String(figure.value);
	const match = /-?\d[\d,]*(?:\.\d+)?/.exec(text);
	if (!match) return null;
	let value = Number(match[0].replaceAll(',', ''));
	const after = text.slice(match.index + match[0].length, match.index + match[0].length + 12).toLowerCase();
	if (/^\s*(bn|billion)/.test(after)) value *= 1e9;
	else if (/^\s*million/.test(after)) value *= 1e6;
	const unit = (figure.unit ?? '').toLowerCase();
	if (figureKind(figure.metric) === 'area') {
		if (unit === 'm2') value /= 1e6;
		else if (unit === 'ha') value /= 100;
	}
	return Number.isFinite(value) ? value : null;
}

/** What the cluster view sorts by and the map colours by. */
export type Measure = 'total' | ListingKind | `fig_${FigureKind}`;
export const MEASURES: readonly Measure[] = ['total', 'enterprise', 'platform', 'event', 'fig_enterprises', 'fig_output', 'fig_area', 'fig_brands'];
export const isMeasure = (value: string | undefined): value is Measure => !!value && (MEASURES as readonly string[]).includes(value);

/** The value of a measure for an area: a live count, or the number read from a published figure (null = none). */
export function measureValue(
	area: { counts: { total: number; by_kind: Partial<Record<ListingKind, number>> }; figures?: Figure[] },
	measure: Measure
): number | null {
	if (measure === 'total') return area.counts.total;
	if (measure.startsWith('fig_')) return figureNumber(pickFigure(area.figures ?? [], measure.slice(4) as FigureKind));
	return area.counts.by_kind[measure as ListingKind] ?? 0;
}
