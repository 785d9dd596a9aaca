// Basemaps (see the team's basemap notes): OpenFreeMap by default (keyless vector tiles), Tianditu for
// deployments in mainland China (CGCS2000 ≈ WGS84, so our WGS84 data lines up with no GCJ-02 shift; used
// unmodified, its 审图号 covers the basemap), and an offline style with only our own layers.
import type { StyleSpecification } from 'maplibre-gl';
import type { Lang } from '$lib/i18n';

export type BasemapKind = 'openfreemap' | 'tianditu' | 'offline';

export interface BasemapConfig {
	kind: BasemapKind;
	tiandituToken?: string;
}

const OPENFREEMAP_STYLE = 'https://tiles.openfreemap.org/styles/positron';
/**
 * The land colour under our own styles. The map region paints it in CSS (MapView) and our styles draw no
 * `background` layer: MapLibre clears its canvas to transparent each frame, so a background layer is one more
 * full-screen pass per frame for the same pixels (~8 ms of a ~50 ms frame where WebGL is rendered in software).
 */
export const BASEMAP_BACKGROUND = '#eef0ee';

/**
 * A style with no sources and, on purpose, no `glyphs`: MapLibre then draws every label with local fonts. No layers
 * either: the land is the map region's CSS background (BASEMAP_BACKGROUND).
 */
export function offlineStyle(): StyleSpecification {
	return { version: 8, sources: {}, layers: [] };
}

/** Tianditu raster vector map with Chinese (cva) or English (eva) labels; `_w` = Web Mercator tiles. */
export function tiandituStyle(token: string, lang: Lang): StyleSpecification {
	const layer = (name: string) => ({
		type: 'raster' as const,
		tileSize: 256,
		maxzoom: 18,
		// MapLibre has no {s} placeholder: list the eight subdomains
		tiles: [0, 1, 2, 3, 4, 5, 6, 7].map(
			(i) =>
				`https://t${i}.tianditu.gov.cn/${name}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${name}` +
				`&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(token)}`
		),
		attribution: '© <a href="https://www.tianditu.gov.cn/">天地图 Tianditu</a> · 审图号见天地图网站'
	});
	const labels = lang === 'zh' ? 'cva' : 'eva';
	return {
		version: 8,
		sources: { 'tianditu-vec': layer('vec'), [`tianditu-${labels}`]: layer(labels) },
		// where a tile is missing or still loading, the map region's CSS background shows (BASEMAP_BACKGROUND)
		layers: [
			{ id: 'tianditu-vec', type: 'raster', source: 'tianditu-vec' },
			{ id: `tianditu-${labels}`, type: 'raster', source: `tianditu-${labels}` }
		]
	};
}

/** The configured basemap as a MapLibre style (URL or object); Tianditu without a token falls back to offline. */
export function basemapStyle(config: BasemapConfig, lang: Lang): string | StyleSpecification {
	if (config.kind === 'tianditu' && config.tiandituToken) return tiandituStyle(config.tiandituToken, lang);
	if (config.kind === 'openfreemap') return OPENFREEMAP_STYLE;
	return offlineStyle();
}

/** Whether the style fetches fonts from a glyph server (then our labels must use a font it has). */
export const basemapHasGlyphs = (config: BasemapConfig) => config.kind === 'openfreemap';

/** Attribution we always show for our own data, whatever the basemap. */
export const DATA_ATTRIBUTION = '数据来源见各条目 · Sources on each entry';
