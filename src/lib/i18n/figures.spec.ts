import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { METRIC_NAMES, figureText, metricName, unitName, valueText } from './figures';

interface SeedFigure {
	metric: string;
	unit?: string | null;
}
const readSeed = (name: string) => JSON.parse(readFileSync(new URL(`../../../data/${name}`, import.meta.url), 'utf8'));
// every record of the seed that publishes figures: the places and the listings
const seedRecords: { id: string; figures: SeedFigure[] }[] = [
	...(readSeed('places.geojson').features as { properties: { id: string; figures?: SeedFigure[] | null } }[]).map((f) => ({
		id: f.properties.id,
		figures: f.properties.figures ?? []
	})),
	...(readSeed('listings.json') as { slug: string; figures?: SeedFigure[] | null }[]).map((l) => ({ id: l.slug, figures: l.figures ?? [] }))
];
const seedFigures = seedRecords.flatMap((r) => r.figures);
const seedMetrics = [...new Set(seedFigures.map((f) => f.metric))];

describe('metric names', () => {
	test('every metric of the seed data is named in Chinese and in English', () => {
		expect(seedMetrics.length).toBeGreaterThan(90);
		const unnamed = seedMetrics.filter((metric) => !Object.hasOwn(METRIC_NAMES, metric));
		expect(unnamed).toEqual([]);
		for (const metric of seedMetrics) {
			expect(metricName(metric, 'zh')).toEqual({ text: METRIC_NAMES[metric]!.zh, lang: 'zh' });
			expect(metricName(metric, 'en')).toEqual({ text: METRIC_NAMES[metric]!.en, lang: 'en' });
			expect(METRIC_NAMES[metric]!.zh, metric).toMatch(/\p{Script=Han}/u);
			expect(METRIC_NAMES[metric]!.en, metric).not.toMatch(/\p{Script=Han}/u);
		}
	});

	test('no area or listing shows two different metrics under one name', () => {
		for (const record of seedRecords) {
			const metrics = [...new Set(record.figures.map((f) => f.metric))];
			for (const lang of ['zh', 'en'] as const) {
				const names = metrics.map((metric) => metricName(metric, lang).text);
				expect(new Set(names).size, `${record.id} (${lang}): ${names.join(', ')}`).toBe(names.length);
			}
		}
	});

	test('a metric not in the table is spelled out in English, and says so', () => {
		expect(metricName('site_area_m2', 'zh')).toEqual({ text: 'Site area m²', lang: 'en' });
		expect(metricName('export_value_usd_2026', 'en')).toEqual({ text: 'Export value USD 2026', lang: 'en' });
		// inherited object keys are not names
		expect(metricName('constructor', 'zh')).toEqual({ text: 'Constructor', lang: 'en' });
	});
});

describe('units and values', () => {
	test('the seed\'s units have names in both languages; a value is shown as published, with its unit', () => {
		const units = new Set(seedFigures.map((f) => f.unit ?? '').filter(Boolean));
		for (const unit of units) {
			expect(unitName(unit, 'zh'), unit).toMatch(/\p{Script=Han}/u);
			expect(unitName(unit, 'en'), unit).not.toMatch(/\p{Script=Han}/u);
		}
		expect(figureText({ value: '110 billion (1100亿元)', unit: 'CNY' }, 'en')).toBe('110 billion (1100亿元) CNY');
		expect(figureText({ value: 0.9, unit: 'km2' }, 'en')).toBe('0.9 km²');
		expect(figureText({ value: 1460000, unit: 'm2' }, 'en')).toBe('1,460,000 m²');
		expect(figureText({ value: 2003, unit: null }, 'en')).toBe('2003'); // four digits may be a year
		// a value that says its unit itself is not given it again
		expect(figureText({ value: '1.1 million m2 (110万m2); >50% of national jewellery trade', unit: 'm2' }, 'en')).toBe('1.1 million m2 (110万m2); >50% of national jewellery trade');
		expect(figureText({ value: '1.1 million (110万)', unit: 'm2' }, 'en')).toBe('1.1 million (110万) m²');
		expect(figureText({ value: '~300', unit: null }, 'zh')).toBe('~300');
		// an unknown unit is kept as stored
		expect(figureText({ value: 12, unit: 'stalls' }, 'zh')).toBe('12 stalls');
		expect(unitName('constructor', 'en')).toBe('constructor');
	});
});

describe('large amounts in Chinese', () => {
	test('billions and millions are written with 亿 and 万: the same number, the point moved, nothing rounded', () => {
		expect(valueText('2.92 billion', 'zh')).toBe('29.2亿');
		expect(valueText('2.083 billion', 'zh')).toBe('20.83亿');
		expect(valueText('110 billion', 'zh')).toBe('1100亿');
		expect(valueText('125 million', 'zh')).toBe('1.25亿');
		expect(valueText('10 million', 'zh')).toBe('1000万');
		expect(valueText('0.5 million', 'zh')).toBe('50万');
		expect(valueText('>10 million', 'zh')).toBe('超过1000万');
		expect(valueText('~3 billion', 'zh')).toBe('约30亿');
	});

	test('the Chinese original in brackets says the same and is left out; a unit follows without a space', () => {
		expect(figureText({ value: '4.15 billion (41.5亿元)', unit: 'CNY' }, 'zh')).toBe('41.5亿元');
		expect(figureText({ value: '125 million (1.25亿副)', unit: 'pairs' }, 'zh')).toBe('1.25亿副');
		expect(figureText({ value: '3.1 billion', unit: 'USD' }, 'zh')).toBe('31亿美元');
	});

	test('English, and any other wording, stay exactly as published', () => {
		expect(valueText('2.92 billion', 'en')).toBe('2.92 billion');
		expect(valueText('224.2 billion (2242.04亿元), whole district', 'zh')).toBe('224.2 billion (2242.04亿元), whole district');
		expect(valueText('1.1 million m2 (110万m2)', 'zh')).toBe('1.1 million m2 (110万m2)');
		expect(valueText(2.92, 'zh')).toBe('2.92');
	});
});
