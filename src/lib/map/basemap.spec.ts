import { describe, expect, it } from 'vitest';
import { validateStyleMin, type RasterSourceSpecification } from '@maplibre/maplibre-gl-style-spec';
import { basemapHasGlyphs, basemapStyle, offlineStyle, tiandituStyle } from './basemap';

describe('basemaps', () => {
	it('offline: a valid style with no sources, no layers (the land is the map region’s CSS colour) and no glyphs, so every label uses local fonts', () => {
		const style = offlineStyle();
		expect(validateStyleMin(style)).toEqual([]);
		expect(style.sources).toEqual({});
		expect(style.layers).toEqual([]);
		expect(style).not.toHaveProperty('glyphs');
		expect(basemapHasGlyphs({ kind: 'offline' })).toBe(false);
	});

	it('Tianditu: vec_w with cva_w labels in Chinese, eva_w in English, the token on every tile URL, attribution', () => {
		for (const [lang, labels] of [['zh', 'cva'], ['en', 'eva']] as const) {
			const style = tiandituStyle('a token/with&odd chars', lang);
			expect(validateStyleMin(style)).toEqual([]);
			expect(Object.keys(style.sources)).toEqual(['tianditu-vec', `tianditu-${labels}`]);
			for (const source of Object.values(style.sources) as RasterSourceSpecification[]) {
				expect(source.tiles).toHaveLength(8);
				for (const url of source.tiles!) {
					expect(url).toMatch(/^https:\/\/t[0-7]\.tianditu\.gov\.cn\/(vec|cva|eva)_w\/wmts\?/);
					expect(new URL(url.replace(/\{[xyz]\}/g, '0')).searchParams.get('tk')).toBe('a token/with&odd chars');
				}
				expect(source.attribution).toContain('天地图');
			}
			expect(style.layers.map((l) => l.id)).toEqual(['tianditu-vec', `tianditu-${labels}`]);
		}
	});

	it('the configured kind picks the style; Tianditu without a token falls back to offline', () => {
		expect(basemapStyle({ kind: 'openfreemap' }, 'zh')).toBe('https://tiles.openfreemap.org/styles/positron');
		expect(basemapHasGlyphs({ kind: 'openfreemap' })).toBe(true);
		expect(basemapStyle({ kind: 'tianditu', tiandituToken: 'tk' }, 'en')).toEqual(tiandituStyle('tk', 'en'));
		expect(basemapStyle({ kind: 'tianditu' }, 'zh')).toEqual(offlineStyle());
		expect(basemapStyle({ kind: 'offline' }, 'en')).toEqual(offlineStyle());
	});
});
