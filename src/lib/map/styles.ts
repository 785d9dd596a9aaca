// Paint, layout and filter expressions of the explorer's layers (style.md §3 rule 4): plain builders, no Svelte.
import type { ExpressionSpecification, FilterSpecification } from 'maplibre-gl';
import type { VariableAnchorOffsetCollectionSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { Lang } from '$lib/i18n';
// relative, with its extension: the benchmark's bare page (scripts/bench/bare-page.ts) loads this file in plain Node
import { SEVERAL_SECTORS_COLOUR, type Sector } from '../data/types.ts';

const NEUTRAL = SEVERAL_SECTORS_COLOUR;

/**
 * `match` on a feature's `sector` property giving the sector's colour (grey for none); with `tone`, each colour
 * passed through it (e.g. `faded`).
 */
export function sectorColour(sectors: Sector[], tone: (hex: string) => string = (hex) => hex): ExpressionSpecification {
	if (sectors.length === 0) return ['literal', tone(NEUTRAL)] as unknown as ExpressionSpecification;
	return ['match', ['get', 'sector'], ...sectors.flatMap((s) => [s.code, tone(s.colour)]), tone(NEUTRAL)] as unknown as ExpressionSpecification;
}

/** A `#rrggbb` colour mixed with three parts of white: how a place outside the sector filter is drawn. */
export function faded(hex: string): string {
	const channels = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
	if (hex.length !== 7 || channels.some(Number.isNaN)) return hex;
	return `#${channels.map((c) => Math.round(c + (255 - c) * 0.75).toString(16).padStart(2, '0')).join('')}`;
}

/** The label in the current language, falling back to the other one. */
export const nameField = (lang: Lang): ExpressionSpecification =>
	lang === 'zh' ? ['coalesce', ['get', 'name_zh'], ['get', 'name_en']] : ['coalesce', ['get', 'name_en'], ['get', 'name_zh']];

/**
 * `text` without a trailing part in brackets opened by `open`: kept whole unless it ends with the closing bracket
 * and has text before the opening one.
 */
function withoutTrailingBrackets(text: ExpressionSpecification, open: '（' | ' ('): ExpressionSpecification {
	const close = open === '（' ? '）' : ')';
	return [
		'let',
		'text',
		text,
		[
			'let',
			'at',
			['index-of', open, ['var', 'text']],
			[
				'case',
				['all', ['>', ['var', 'at'], 0], ['==', ['slice', ['var', 'text'], ['-', ['length', ['var', 'text']], 1]], close]],
				['slice', ['var', 'text'], 0, ['var', 'at']],
				['var', 'text']
			]
		]
	];
}

/** `text` up to its first " / " (the research gives some places two names that way), if anything comes before it. */
function firstAlternative(text: ExpressionSpecification): ExpressionSpecification {
	return [
		'let',
		'text',
		text,
		['let', 'at', ['index-of', ' / ', ['var', 'text']], ['case', ['>', ['var', 'at'], 0], ['slice', ['var', 'text'], 0, ['var', 'at']], ['var', 'text']]]
	];
}

/**
 * A place's or listing's name on the map: its first name in the current language, without the explanation in
 * brackets at its end (横岗眼镜城 for 横岗眼镜城（…）, "Henggang Glasses City" for "Henggang Glasses City (eyewear
 * district on …)", "Dalang Fashion Street" for "Dalang Fashion Street / Dalang Fashion Town consumption area",
 * CHIC深圳 for CHIC深圳（大湾区国际纺织服装服饰博览会）). The full names crowd the map, on phones above all, and every
 * Chinese character of a label is drawn on the device; the panel, the list and the item's page show the full name.
 */
export const mapLabelName = (lang: Lang): ExpressionSpecification => {
	const withoutExplanation = (text: ExpressionSpecification) => withoutTrailingBrackets(withoutTrailingBrackets(text, '（'), ' (');
	// brackets first: a " / " inside them is not a second name; again after: "A (SIFE) / B" is labelled "A"
	return withoutExplanation(firstAlternative(withoutExplanation(nameField(lang))));
};

/** Fonts to ask a glyph server for; ignored by styles without `glyphs` (local fonts are used then). */
export const LABEL_FONT = ['Noto Sans Regular'];

/** feature-state flags that highlight without re-sending data (setFeatureState causes no long task). */
const highlighted: ExpressionSpecification = ['any', ['boolean', ['feature-state', 'hover'], false], ['boolean', ['feature-state', 'selected'], false]];

// ---- places -------------------------------------------------------------------------------------------------
export const placeOutlineFilter: FilterSpecification = ['==', ['geometry-type'], 'Polygon'];
export const placePointFilter: FilterSpecification = ['==', ['geometry-type'], 'Point'];

/**
 * The places outside a sector filter: they name sectors, and none of those is filtered for. A place that names none
 * (a consumption district of every trade) is never outside. `null` without a sector filter.
 * `sectors` is map_places' `,a,b,` string, so a code is found with its commas.
 */
export function outsideSectorFilter(active: readonly string[]): ExpressionSpecification | null {
	if (active.length === 0) return null;
	const named = active.map((code): ExpressionSpecification => ['in', `,${code},`, ['get', 'sectors']]);
	return ['all', ['!=', ['get', 'sectors'], ',,'], ['!', ['any', ...named]]];
}

/**
 * `value`, or `faint` for the places outside the sector filter (unless highlighted). Only properties that are
 * already per feature are made faint, and faint colours are colours: a property turned from a constant into a
 * per-feature value needs another shader program, compiled (tens of ms in software WebGL) as the filter is set.
 */
const faintOutside = <T extends number | string | ExpressionSpecification>(outside: ExpressionSpecification | null, faint: T, value: T): T | ExpressionSpecification =>
	outside ? (['case', highlighted, value, outside, faint, value] as ExpressionSpecification) : value;

/** Places are drawn faint outside the sector filter (`activeSectors`), so the filtered trades' places stand out. */
export const placeFillPaint = (sectors: Sector[], activeSectors: readonly string[] = []) => ({
	'fill-color': sectorColour(sectors),
	'fill-opacity': faintOutside<number | ExpressionSpecification>(outsideSectorFilter(activeSectors), 0.04, ['case', highlighted, 0.35, 0.14]),
	// the outline layer draws the edge; without this MapLibre compiles and runs a second shader for a 1 px outline
	'fill-antialias': false
});

export const placeLinePaint = (sectors: Sector[], activeSectors: readonly string[] = []) => ({
	'line-color': faintOutside(outsideSectorFilter(activeSectors), sectorColour(sectors, faded), sectorColour(sectors)),
	'line-width': ['case', ['boolean', ['feature-state', 'selected'], false], 3.5, highlighted, 2.5, 1.5] as ExpressionSpecification,
	// every outline in the reference is approximate: dashed says so on the map itself
	'line-dasharray': [3, 2]
});

export const placePointPaint = (sectors: Sector[], activeSectors: readonly string[] = []) => ({
	'circle-radius': ['case', highlighted, 13, 10] as ExpressionSpecification,
	// per feature (not a constant) on purpose: the layer then shares the listing points' shader program, one
	// compile fewer before the first idle (each costs tens of ms in software WebGL)
	'circle-color': ['case', highlighted, '#fff8e1', '#ffffff'] as ExpressionSpecification,
	'circle-opacity': 0.75,
	'circle-stroke-color': faintOutside(outsideSectorFilter(activeSectors), sectorColour(sectors, faded), sectorColour(sectors)),
	'circle-stroke-width': ['case', highlighted, 4, 2.5] as ExpressionSpecification
});

/**
 * Which place labels show: under a sector filter, those of the places it is about and of the consumption districts
 * (a layer filter: faint labels would need another shader program, see faintOutside).
 */
export const placeLabelFilter = (activeSectors: readonly string[] = []): FilterSpecification | undefined => {
	const outside = outsideSectorFilter(activeSectors);
	return outside ? ['!', outside] : undefined;
};

/**
 * Zoom from which the industry towns are labelled too. Below it only the five consumption districts are: at the
 * whole-city view twenty names mostly collide, and every Chinese character is drawn on the device (no glyph
 * server offline) — about 300 characters instead of 15 before the map can settle.
 */
export const TOWN_LABELS_FROM_ZOOM = 10.5;

export const placeLabelLayout = (lang: Lang) => {
	const name = mapLabelName(lang);
	return {
		'text-field': ['step', ['zoom'], ['case', ['==', ['get', 'kind'], 'consumption_district'], name, ''], TOWN_LABELS_FROM_ZOOM, name] as ExpressionSpecification,
		'text-font': LABEL_FONT,
		'text-size': 12,
		'text-max-width': 8,
		// below the place by preference, else above, left or right of it: with one fixed side, two of the five
		// district names collided with each other or a cluster's count at the desktop's first view and were dropped
		'text-variable-anchor-offset': ['top', [0, 1.2], 'bottom', [0, -1.2], 'left', [1.2, 0], 'right', [-1.2, 0]] as VariableAnchorOffsetCollectionSpecification,
		'text-optional': true
	};
};

/**
 * A 1 px halo, not wider: up to 1 px MapLibre draws a label's halo and its letters in one pass over the glyphs; a
 * wider halo takes a second pass. At street zoom in a dense town the glyph passes are a large part of a frame where
 * WebGL is rendered in software (a pass ~5 ms of ~50).
 */
export const LABEL_PAINT = { 'text-color': '#2b2b2b', 'text-halo-color': '#ffffff', 'text-halo-width': 1 };

// ---- listings -----------------------------------------------------------------------------------------------
/** The area a selected listing lies somewhere in, when its location is only approximate (its radius). */
export const SELECTED_AREA_FILL_PAINT = { 'fill-color': '#ad1457', 'fill-opacity': 0.08 };
export const SELECTED_AREA_LINE_PAINT = { 'line-color': '#ad1457', 'line-width': 1.5, 'line-dasharray': [2, 2] };
export const clusterFilter: FilterSpecification = ['has', 'point_count'];
export const pointFilter: FilterSpecification = ['!', ['has', 'point_count']];

/**
 * Clusters darken and get a heavier ring as they grow. Colour and ring are per feature (not constants), which also
 * lets this layer share the listing points' shader program: one compile fewer before the map settles (each costs
 * tens of ms on devices that render WebGL in software).
 */
export const clusterPaint = {
	'circle-color': ['step', ['get', 'point_count'], '#546e7a', 100, '#37474f', 1000, '#263238'] as ExpressionSpecification,
	'circle-opacity': 0.85,
	'circle-radius': ['step', ['get', 'point_count'], 13, 10, 17, 100, 22, 1000, 28] as ExpressionSpecification,
	'circle-stroke-color': ['step', ['get', 'point_count'], '#ffffff', 1000, '#eceff1'] as ExpressionSpecification,
	'circle-stroke-width': ['step', ['get', 'point_count'], 2, 100, 2.5, 1000, 3] as ExpressionSpecification
};

export const clusterCountLayout = {
	'text-field': ['get', 'point_count_abbreviated'] as ExpressionSpecification,
	'text-font': LABEL_FONT,
	'text-size': 12,
	'text-allow-overlap': true
};

export const CLUSTER_COUNT_PAINT = { 'text-color': '#ffffff' };

/**
 * One symbol per kind, drawn with circles so it needs no sprite or glyphs: enterprise = filled dot, platform =
 * ring, event = dot with a dark border. Colour = the first sector.
 */
export const pointPaint = (sectors: Sector[]) => ({
	'circle-radius': ['case', highlighted, 10, ['==', ['get', 'kind'], 'event'], 7, 6] as ExpressionSpecification,
	'circle-color': ['match', ['get', 'kind'], 'platform', '#ffffff', sectorColour(sectors)] as ExpressionSpecification,
	'circle-stroke-color': ['match', ['get', 'kind'], 'platform', sectorColour(sectors), 'event', '#1f1f1f', '#ffffff'] as ExpressionSpecification,
	'circle-stroke-width': ['case', highlighted, 4, ['match', ['get', 'kind'], 'platform', 3, 'event', 2.5, 1.5]] as ExpressionSpecification
});

export const pointLabelLayout = (lang: Lang) => ({
	'text-field': mapLabelName(lang),
	'text-font': LABEL_FONT,
	'text-size': 11,
	'text-offset': [0, 1.1] as [number, number],
	'text-anchor': 'top' as const,
	'text-optional': true,
	'text-max-width': 10
});

// ---- point picker (listing editor) --------------------------------------------------------------------------
/** The area a picked point must lie in: a faint fill so "outside" reads at a glance, a dashed edge (approximate). */
export const pickerOutlineFillPaint = { 'fill-color': '#1565c0', 'fill-opacity': 0.06 };
export const pickerOutlineLinePaint = { 'line-color': '#1565c0', 'line-width': 2, 'line-dasharray': [3, 2] as number[] };
