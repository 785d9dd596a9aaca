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

/**
 * Loads a map component and MapLibre's stylesheet in parallel; resolves with the component once both are here, so
 * the map never shows unstyled controls.
 * @example loadMapComponent(() => import('./ExplorerMap.svelte'))
 */
export async function loadMapComponent<T>(load: () => Promise<{ default: T }>): Promise<T> {
	const [module] = await Promise.all([load(), loadMapStylesheet()]);
	return module.default;
}
