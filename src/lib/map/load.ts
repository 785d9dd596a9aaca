// Loading the map lazily: its component (with MapLibre, ~440 kB) and MapLibre's stylesheet (controls, attribution,
// popups; 70 kB) together. The stylesheet is not imported as CSS because SvelteKit links the CSS of a lazily imported
// component in the page's <head>, where it blocked the first paint of the explorer before the map was even asked for.
import stylesheetUrl from 'maplibre-gl/dist/maplibre-gl.css?url';

let stylesheet: Promise<void> | undefined;

/** Adds MapLibre's stylesheet to the document (once); resolves when it has loaded or failed to. */
export function loadMapStylesheet(): Promise<void> {
	stylesheet ??= new Promise((resolve) => {
		const link = document.createElement('link');
		link.rel = 'stylesheet';
		link.href = stylesheetUrl;
		link.onload = () => resolve();
		link.onerror = () => {
			// the map works without it; only its controls look plain
			console.warn(`[map] could not load ${stylesheetUrl}`);
			resolve();
		};
		document.head.append(link);
	});
	return stylesheet;
}

let firstPaint: Promise<void> | undefined;

/**
 * Resolves once the page has painted its first content (the server-rendered shell and list), so that MapLibre's
 * download and start-up never compete with it. Resolves at once when that has already happened.
 */
export function afterFirstPaint(): Promise<void> {
	firstPaint ??= new Promise((resolve) => {
		if (typeof PerformanceObserver === 'undefined' || !PerformanceObserver.supportedEntryTypes?.includes('paint')) {
			// no Paint Timing: a frame has been drawn once the next task after an animation frame runs
			requestAnimationFrame(() => setTimeout(resolve));
			return;
		}
		// Painted already (the usual case: the page's code arrives after the server's HTML is on screen): at once,
		// rather than when the observer's buffered entries are delivered, a low-priority task that can come late.
		if (performance.getEntriesByName('first-contentful-paint').length) {
			resolve();
			return;
		}
		const observer = new PerformanceObserver((entries) => {
			if (!entries.getEntriesByName('first-contentful-paint').length) return;
			observer.disconnect();
			resolve();
		});
		observer.observe({ type: 'paint', buffered: true });
	});
	return firstPaint;
}

/**
 * Loads a map component and MapLibre's stylesheet in parallel once the page has painted; resolves with the component
 * once both are here, so the map never shows unstyled controls.
 * @example loadMapComponent(() => import('./ExplorerMap.svelte'))
 */
export async function loadMapComponent<T>(load: () => Promise<{ default: T }>): Promise<T> {
	await afterFirstPaint();
	const [module] = await Promise.all([load(), loadMapStylesheet()]);
	return module.default;
}
