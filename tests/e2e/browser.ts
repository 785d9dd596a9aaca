import type { FeatureCollection } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { chromium, type Browser, type Page } from 'playwright-core';

declare global {
	interface Window {
		/** The explorer's map, exposed when the site runs with PUBLIC_EXPOSE_MAP=1 (tests and benchmarks only). */
		__sfmMap: MapLibreMap;
	}
}

/**
 * Debian's Chromium as root, offline: no sandbox (root), and no background networking, which this machine's closed
 * network would refuse over and over. WebGL runs in software (SwiftShader).
 */
export const CHROMIUM_FLAGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--use-angle=swiftshader',
	'--enable-unsafe-swiftshader'
];

/** Debian's Chromium, headless, with CHROMIUM_FLAGS. */
export async function launchBrowser(): Promise<Browser> {
	return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS });
}

/** Collects uncaught errors and console errors of a page, so a test can assert there were none. */
export function collectErrors(page: Page): string[] {
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
	page.on('console', (message) => {
		if (message.type() === 'error') errors.push(`console: ${message.text()}`);
	});
	return errors;
}

/**
 * Waits until the map has drawn everything it was asked to (MapLibre's `idle`), including listings still loading
 * into the hidden one of the explorer's two listings sources (aria-busy on the map; MapLibre counts a source no
 * visible layer uses as loaded).
 */
export async function waitForMapIdle(page: Page): Promise<void> {
	await page.locator('[data-testid="map"][data-ready="true"]:not([aria-busy="true"])').waitFor({ timeout: 60_000 });
	await page.waitForFunction(() => {
		const map = window.__sfmMap as MapLibreMap | undefined;
		return !!map && map.loaded() && map.areTilesLoaded();
	});
}

/** The explorer's listings source on screen: its two sources take turns (src/lib/map/layers/ListingsLayer.svelte). */
export async function shownListingsSource(page: Page): Promise<string> {
	const shown = await page.evaluate(() =>
		['listings', 'listings-alt'].filter((source) => {
			const layer = window.__sfmMap.getLayer(`${source}-points`);
			return !!layer && layer.visibility !== 'none';
		})
	);
	if (shown.length !== 1) throw new Error(`expected one listings source on screen, found ${JSON.stringify(shown)}`);
	return shown[0]!;
}

/** What the explorer's listings source on screen holds. */
export async function shownListings(page: Page): Promise<FeatureCollection> {
	const source = await shownListingsSource(page);
	return page.evaluate(async (source) => (await (window.__sfmMap.getSource(source) as GeoJSONSource).getData()) as FeatureCollection, source);
}

/**
 * Records, from now on, the map calls that make MapLibre redraw or re-send data: every setPaintProperty
 * (`paint <layer> <property>`) and setData on the given sources (`data <source>`). Returns a function that hands
 * over the calls recorded since it was last called.
 */
export async function recordMapCalls(page: Page, sources: readonly string[] = []): Promise<() => Promise<string[]>> {
	await page.evaluate((sources) => {
		const map = window.__sfmMap;
		const calls: string[] = ((window as unknown as { __mapCalls: string[] }).__mapCalls = []);
		const apply = map.setPaintProperty.bind(map);
		map.setPaintProperty = (layer, name, value, options) => {
			calls.push(`paint ${layer} ${name}`);
			return apply(layer, name, value, options);
		};
		for (const id of sources) {
			const source = map.getSource(id) as GeoJSONSource;
			const setData = source.setData.bind(source);
			source.setData = (data) => {
				calls.push(`data ${id}`);
				return setData(data);
			};
		}
	}, sources);
	return () => page.evaluate(() => (window as unknown as { __mapCalls: string[] }).__mapCalls.splice(0));
}
