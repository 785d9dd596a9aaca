// The baseline of the map benchmark: a bare MapLibre page that renders the same listings the explorer does, from
// the same map_features URL (same origin, same server), with the same clustering and equivalent layers (the
// explorer's own expressions from src/lib/map/styles.ts) on the same offline style and camera. No framework, no
// list, no places layer, no controls: what MapLibre alone costs for these points.
import type { LayerSpecification } from 'maplibre-gl';
import { offlineStyle } from '../../src/lib/map/basemap.ts';
import * as styles from '../../src/lib/map/styles.ts';

export interface BareConfig {
	sectors: { code: string; colour: string }[];
	/** The explorer's default camera (src/routes/+page.svelte SHENZHEN) and bounds (src/lib/map/MapView.svelte). */
	center: [number, number];
	zoom: number;
}

/** The files the page needs next to it (copied from node_modules/maplibre-gl/dist). */
export const BARE_ASSETS = ['maplibre-gl.mjs', 'maplibre-gl-worker.mjs', 'maplibre-gl.css'];

/**
 * index.html of the bare page. Query: `w`, `h` (map size in CSS px, to match the explorer's map), `key` (the anon
 * key, sent as the explorer sends it), `data` (the listings URL, default: all listings on this origin).
 */
export function barePageHtml(config: BareConfig): string {
	const source = { type: 'geojson', cluster: true, clusterRadius: 45, clusterMaxZoom: 14, promoteId: 'id', buffer: 0 };
	// Same ids, filters, paint and layout as src/lib/map/layers/ListingsLayer.svelte.
	const layers = [
		{ id: 'listings-clusters', type: 'circle', source: 'listings', filter: styles.clusterFilter, paint: styles.clusterPaint },
		{ id: 'listings-cluster-count', type: 'symbol', source: 'listings', filter: styles.clusterFilter, layout: styles.clusterCountLayout, paint: styles.CLUSTER_COUNT_PAINT },
		{ id: 'listings-points', type: 'circle', source: 'listings', filter: styles.pointFilter, paint: styles.pointPaint(config.sectors as never) },
		{ id: 'listings-label', type: 'symbol', source: 'listings', minzoom: 14, filter: styles.pointFilter, layout: styles.pointLabelLayout('zh'), paint: styles.LABEL_PAINT }
	] as LayerSpecification[];
	const settings = {
		style: offlineStyle(),
		center: config.center,
		zoom: config.zoom,
		maxBounds: [[112.9, 21.9], [115.4, 23.4]],
		source,
		layers
	};
	return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>bare MapLibre (benchmark baseline)</title>
<link rel="stylesheet" href="./maplibre-gl.css">
<style>html, body { margin: 0; height: 100%; } #map { position: absolute; left: 0; top: 0; }</style>
</head>
<body>
<div id="map" data-testid="map"></div>
<script type="module">
import { Map, setWorkerUrl } from './maplibre-gl.mjs';
const settings = ${JSON.stringify(settings)};
const query = new URLSearchParams(location.search);
const key = query.get('key') ?? '';
const rest = new URL('/rest/v1/', location.origin).href;
const container = document.getElementById('map');
container.style.width = (query.get('w') ?? '900') + 'px';
container.style.height = (query.get('h') ?? '740') + 'px';
setWorkerUrl(new URL('./maplibre-gl-worker.mjs', import.meta.url).href);
const map = new Map({
	container,
	style: settings.style,
	center: settings.center,
	zoom: settings.zoom,
	minZoom: 8,
	maxBounds: settings.maxBounds,
	attributionControl: false,
	transformRequest: (url) => (url.startsWith(rest) ? { url, headers: { apikey: key, Authorization: 'Bearer ' + key } } : { url })
});
window.__sfmMap = map;
map.on('load', () => {
	map.addSource('listings', { ...settings.source, data: query.get('data') ?? new URL('rpc/map_features', rest).href });
	for (const layer of settings.layers) map.addLayer(layer);
});
</script>
</body>
</html>
`;
}
