import { describe, expect, it } from 'vitest';
import { figureKind, figureNumber, measureValue, pickFigure } from './figures';
import type { Figure } from './types';

const figure = (metric: string, value: number | string, unit: string | null, year: number | null): Figure => ({ metric, value, unit, year, source: 'https://example.org' });

describe('published figures as measures', () => {
	it('classifies metrics by an explicit list, leaving district-wide ones out', () => {
		expect(figureKind('fashion_enterprises')).toBe('enterprises');
		expect(figureKind('output_value_cny')).toBe('output');
		expect(figureKind('area_ha')).toBe('area');
		expect(figureKind('luohu_jewellery_enterprises')).toBeNull();
		expect(figureKind('futian_retail_sales_cny')).toBeNull();
	});

	it('picks the most recent figure of a kind; no year comes last', () => {
		const figures = [figure('enterprises_2021', '>7000', null, 2021), figure('enterprises', '~9000', null, 2025), figure('enterprises_2014', '~360', null, null)];
		expect(pickFigure(figures, 'enterprises')?.value).toBe('~9000');
		expect(pickFigure(figures, 'brands')).toBeNull();
	});

	it('reads an ordering number from published text', () => {
		expect(figureNumber(figure('output_value_cny', '110 billion (1100亿元)', 'CNY', 2021))).toBe(110e9);
		expect(figureNumber(figure('industry_scale_cny', '>7.8 billion', 'CNY', 2024))).toBeCloseTo(7.8e9);
		expect(figureNumber(figure('enterprises', '800+', null, 2022))).toBe(800);
		expect(figureNumber(figure('area_ha', 537.06, 'ha', 2023))).toBeCloseTo(5.3706);
		expect(figureNumber(figure('core_area_m2', 566300, 'm2', null))).toBeCloseTo(0.5663);
		expect(figureNumber(figure('own_brands', 'many', null, null))).toBeNull();
	});

	it('gives counts and figures as measures', () => {
		const area = { counts: { total: 5, by_kind: { event: 2 } }, figures: [figure('own_brands', '~300', null, 2025)] };
		expect(measureValue(area, 'total')).toBe(5);
		expect(measureValue(area, 'event')).toBe(2);
		expect(measureValue(area, 'platform')).toBe(0);
		expect(measureValue(area, 'fig_brands')).toBe(300);
		expect(measureValue(area, 'fig_output')).toBeNull();
	});
});
