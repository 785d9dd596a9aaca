import { describe, expect, test } from 'vitest';
import { parseImportFile } from './rows';

describe('parseImportFile', () => {
	test('CSV rows become listing values; lists split on ; or whitespace; errors per row', () => {
		const csv =
			'kind,name_zh,name_en,sectors,lon,lat,precision,source_urls\n' +
			'enterprise,水贝,Shuibei,jewellery;watches,114.12,22.57,street,https://a.example https://b.example\n' +
			'event,,,apparel,,,,\n';
		const result = parseImportFile('listings.csv', csv);
		if (!('rows' in result)) throw new Error('expected rows');
		expect(result.rows).toHaveLength(2);
		expect(result.rows[0]!.fields).toMatchObject({ sectors: ['jewellery', 'watches'], lon: 114.12, source_urls: ['https://a.example', 'https://b.example'] });
		expect(result.rows[0]!.source).toBe('2');
		expect(result.rows[1]!.errors.map((e) => e.field).sort()).toEqual(['name_zh', 'source_urls']);
	});

	test('GeoJSON Point features: coordinates become lon/lat', () => {
		const geojson = JSON.stringify({
			type: 'FeatureCollection',
			features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [114.05, 22.54] }, properties: { kind: 'platform', name_en: 'Hub', precision: 'address', source_urls: ['https://x.example'] } }]
		});
		const result = parseImportFile('rows.geojson', geojson);
		if (!('rows' in result)) throw new Error('expected rows');
		expect(result.rows[0]!.fields).toMatchObject({ kind: 'platform', lon: 114.05, lat: 22.54, name_en: 'Hub' });
	});

	test('refuses other geometries, malformed files and files without known columns', () => {
		const line = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'LineString', coordinates: [] }, properties: {} }] });
		expect(parseImportFile('a.geojson', line)).toEqual({ problem: { reason: 'not_points', line: 1 } });
		expect(parseImportFile('a.geojson', '{nope')).toEqual({ problem: { reason: 'not_geojson' } });
		expect(parseImportFile('a.csv', 'foo,bar\n1,2')).toEqual({ problem: { reason: 'no_known_columns' } });
		expect(parseImportFile('a.csv', 'kind\n"open')).toEqual({ problem: { reason: 'unterminated_quote', line: 2 } });
	});
});
