import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expression, featureFilter, latest, type StylePropertySpecification } from '@maplibre/maplibre-gl-style-spec';
import type { Lang } from '$lib/i18n';
import { placeInSectorFilter } from '$lib/data/types';
import { faded, mapLabelName, placeFillPaint, placeLabelFilter, placeLabelLayout, placeLinePaint, placePointPaint, pointLabelLayout } from './styles';

// Evaluated by MapLibre's own expression engine (the style spec package MapLibre GL JS is built on). `rootKey` names
// the property in the style JSON (its error messages say where), `state` is the feature's feature-state.
function evaluate(
	spec: unknown,
	properties: Record<string, unknown>,
	zoom = 12,
	propertySpec: StylePropertySpecification | null = null,
	rootKey = 'text-field',
	state: Record<string, unknown> = {}
): unknown {
	const parsed = expression.createExpression(spec, rootKey, propertySpec);
	if (parsed.result !== 'success') throw new Error(parsed.value.map((e) => e.message).join('; '));
	return parsed.value.evaluate({ zoom }, { type: 'Point', properties } as never, state);
}
const label = (lang: Lang, properties: Record<string, unknown>) => evaluate(mapLabelName(lang), properties);

describe('place and listing labels on the map', () => {
	it('leave out the explanation in brackets at the end of a name, in either language', () => {
		// names as in data/places.geojson
		expect(label('zh', { name_zh: '观澜红木家具产业带（裕新路）' })).toBe('观澜红木家具产业带');
		expect(label('en', { name_en: 'Henggang Glasses City (eyewear district on Longgang Avenue, Henggang section)' })).toBe('Henggang Glasses City');
	});

	it('keep names without a trailing bracketed part whole', () => {
		expect(label('zh', { name_zh: '后海商业区', name_en: 'Houhai Business Area' })).toBe('后海商业区');
		expect(label('en', { name_zh: '后海商业区', name_en: 'Houhai Business Area' })).toBe('Houhai Business Area');
		expect(label('zh', { name_zh: 'A（B）C' })).toBe('A（B）C'); // the bracket is not at the end
		expect(label('en', { name_en: '(A)' })).toBe('(A)'); // nothing before it
	});

	it('keep only the first of two names given with " / "', () => {
		// names as in data/places.geojson
		expect(label('en', { name_en: 'Dalang Fashion Street / Dalang Fashion Town consumption area' })).toBe('Dalang Fashion Street');
		expect(label('zh', { name_zh: '光明时间谷 / 光明钟表基地（马田街道马山头社区）' })).toBe('光明时间谷');
		expect(label('en', { name_en: ' / A' })).toBe(' / A'); // nothing before it
		// a " / " inside the brackets is not a second name; brackets before the " / " go too
		expect(label('zh', { name_zh: '大浪时尚小镇（深圳服装产业集聚基地 / 大浪时尚创意城）' })).toBe('大浪时尚小镇');
		expect(label('en', { name_en: 'Shenzhen International Furniture Exhibition (SIFE) / Shenzhen Creative Week' })).toBe('Shenzhen International Furniture Exhibition');
	});

	it('shorten the other language too when the name is missing in this one', () => {
		expect(label('zh', { name_en: 'Futian Central Business Area (Futian CBD)' })).toBe('Futian Central Business Area');
	});

	it('give every real place and listing a non-empty label that starts its full name', () => {
		const places = JSON.parse(readFileSync('data/places.geojson', 'utf8')) as { features: { properties: Record<string, string> }[] };
		const listings = JSON.parse(readFileSync('data/listings.json', 'utf8')) as Record<string, string>[];
		expect(listings.length).toBeGreaterThan(0);
		let shortened = 0;
		for (const properties of [...places.features.map((f) => f.properties), ...listings]) {
			for (const [lang, name] of [['zh', properties.name_zh], ['en', properties.name_en]] as const) {
				const text = label(lang, properties) as string;
				expect(text.length).toBeGreaterThan(0);
				expect(name!.startsWith(text)).toBe(true);
				expect(text).not.toMatch(/[)）]$/);
				if (text !== name) shortened += 1;
			}
		}
		expect(shortened).toBeGreaterThan(0);
	});

	it('is a valid text-field for MapLibre: districts from the city view, all places from the towns zoom', () => {
		const textField = placeLabelLayout('zh')['text-field'];
		// the spec's JSON leaves out `transition` for layout properties (they never transition)
		const spec = latest.layout_symbol['text-field'] as unknown as StylePropertySpecification;
		const district = { kind: 'consumption_district', name_zh: '后海商业区' };
		const town = { kind: 'industry_town', name_zh: '观澜红木家具产业带（裕新路）' };
		const text = (properties: Record<string, unknown>, zoom: number) => String(evaluate(textField, properties, zoom, spec));
		expect(text(district, 9)).toBe('后海商业区');
		expect(text(town, 9)).toBe('');
		expect(text(town, 12)).toBe('观澜红木家具产业带');
	});

	it('is a valid text-field for MapLibre on listing points too', () => {
		const spec = latest.layout_symbol['text-field'] as unknown as StylePropertySpecification;
		const chic = { name_zh: 'CHIC深圳（大湾区国际纺织服装服饰博览会）', name_en: 'CHIC Shenzhen / Greater Bay Area International Textile & Apparel Expo' };
		expect(String(evaluate(pointLabelLayout('zh')['text-field'], chic, 15, spec))).toBe('CHIC深圳');
		expect(String(evaluate(pointLabelLayout('en')['text-field'], chic, 15, spec))).toBe('CHIC Shenzhen');
	});
});

describe('places under a sector filter', () => {
	// map_places writes a place's sectors as `,a,b,` (supabase/migrations/…_create_map_functions.sql); the
	// consumption districts of every trade name none
	const shuibei = { sectors: ',jewellery,' };
	const dalangTown = { sectors: ',apparel,' };
	const futian = { sectors: ',,' };
	const twoTrades = { sectors: ',apparel,jewellery,' };
	const value = (spec: unknown, [name, property]: [string, StylePropertySpecification], properties: Record<string, unknown>, state: Record<string, unknown> = {}) =>
		evaluate(spec, properties, 11, property, `layers[0].paint.${name}`, state);
	const fillOpacity: [string, StylePropertySpecification] = ['fill-opacity', latest.paint_fill['fill-opacity'] as unknown as StylePropertySpecification];
	const textOpacity: [string, StylePropertySpecification] = ['text-opacity', latest.paint_symbol['text-opacity'] as unknown as StylePropertySpecification];

	it('are faint when they name only other trades, and never when they name none', () => {
		const opacity = (properties: Record<string, unknown>, state = {}) => value(placeFillPaint([], ['jewellery'])['fill-opacity'], fillOpacity, properties, state);
		expect(opacity(shuibei)).toBe(0.14);
		expect(opacity(twoTrades)).toBe(0.14);
		expect(opacity(futian)).toBe(0.14);
		expect(opacity(dalangTown)).toBe(0.04);
		// hovered or selected, a faint place is highlighted like any other
		expect(opacity(dalangTown, { hover: true })).toBe(0.35);
		// a code is matched whole: no sector code is part of another
		expect(value(placeFillPaint([], ['app'])['fill-opacity'], fillOpacity, dalangTown)).toBe(0.04);
	});

	it('match any of several filtered trades; outlines and rings faint in colour, labels left out', () => {
		const sectors = [
			{ code: 'apparel', colour: '#c2185b' },
			{ code: 'jewellery', colour: '#d4af37' }
		] as never[];
		const lineColour: [string, StylePropertySpecification] = ['line-color', latest.paint_line['line-color'] as unknown as StylePropertySpecification];
		const outline = (properties: Record<string, unknown>, state = {}) =>
			String(value(placeLinePaint(sectors, ['eyewear', 'jewellery'])['line-color'], lineColour, properties, state));
		const rgba = (hex: string) => `rgba(${[1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)).join(',')},1)`;
		expect(outline({ ...shuibei, sector: 'jewellery' })).toBe(rgba('#d4af37'));
		expect(outline({ ...dalangTown, sector: 'apparel' })).toBe(rgba(faded('#c2185b')));
		expect(outline({ ...dalangTown, sector: 'apparel' }, { selected: true })).toBe(rgba('#c2185b'));

		const filter = placeLabelFilter(['eyewear', 'apparel']);
		const shown = (properties: Record<string, unknown>) => {
			const parsed = featureFilter(filter, "layers[0].filter");
			return parsed.filter({ zoom: 11 } as never, { type: 1, properties } as never);
		};
		expect(shown(dalangTown)).toBe(true);
		expect(shown(futian)).toBe(true);
		expect(shown(shuibei)).toBe(false);
	});

	it('draw in full exactly the areas the side column lists under a sector filter (placeInSectorFilter)', () => {
		// every seed area, in the places layer's form of its sectors, under one, two and "several sectors" filters
		const places = (JSON.parse(readFileSync('data/places.geojson', 'utf8')) as { features: { properties: { sectors: string[] } }[] }).features
			.map((f) => ({ sectors: `,${f.properties.sectors.join(',')},` }));
		for (const active of [['watches'], ['eyewear', 'apparel'], ['multi'], []]) {
			const parsed = featureFilter(placeLabelFilter(active), 'layers[0].filter');
			const drawn = places.map((p) => parsed.filter({ zoom: 11 } as never, { type: 1, properties: p } as never));
			expect(places.map((p) => placeInSectorFilter(p.sectors, active)), active.join()).toEqual(drawn);
			if (active.length) expect(drawn.filter(Boolean).length, active.join()).toBeLessThan(places.length);
		}
	});

	it('fade a colour towards white, three parts in four', () => {
		expect(faded('#000000')).toBe('#bfbfbf');
		expect(faded('#ffffff')).toBe('#ffffff');
		expect(faded('#d4af37')).toBe('#f4ebcd');
	});

	it('keep their paints without a filter (constants stay constants: the layers keep their shader programs)', () => {
		expect(placePointPaint([])['circle-opacity']).toBe(0.75);
		expect(placeLinePaint([])['line-color']).toEqual(placeLinePaint([], [])['line-color']);
		expect(placeLabelFilter([])).toBeUndefined();
	});
});
