// Framing what the explorer opens (a listing, an area) in the part of the map its panel leaves visible: the panel
// lies over the map, along its right edge on a desktop and as a bottom sheet on a phone.
import type { Map as MapLibreMap } from 'maplibre-gl';

/** A box on screen, as getBoundingClientRect gives it. */
export type ScreenBox = Pick<DOMRectReadOnly, 'left' | 'top' | 'right' | 'bottom' | 'width' | 'height'>;

/** How much of the map's right and bottom edges the panel covers, and the map's size, in pixels. */
export interface Covered {
	right: number;
	bottom: number;
	width: number;
	height: number;
}

/** A box in longitude and latitude: [west, south, east, north]. */
export type LngLatBox = [number, number, number, number];

/** The box around some points (`[lon, lat]`), or null for none. */
export function extentOf(points: readonly number[][]): LngLatBox | null {
	if (points.length === 0) return null;
	const lons = points.map((p) => p[0]!);
	const lats = points.map((p) => p[1]!);
	return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
}

/**
 * A listing located no closer than this (its radius, in metres) is shown as the area it lies somewhere in: framed
 * whole and outlined, rather than zoomed to street level as if its point were exact.
 */
export const APPROXIMATE_FROM_M = 500;

/** Room kept between what is framed and the edges of the visible map: the highlighted symbol is 14 px in radius (styles.ts). */
const EDGE_MARGIN_PX = 16;

/**
 * Whether the panel is the phone's bottom sheet: it spans the map rather than lying along its right edge.
 * @param panel the panel's box on screen
 * @param map the map's box on screen
 * @returns true for a bottom sheet
 */
export const isBottomSheet = (panel: ScreenBox, map: ScreenBox): boolean => panel.width >= map.width * 0.9;

/**
 * How much of the map the open panel covers, keeping at least a third of the map's width and height in view to aim
 * at (a phone's sheet can cover most of the map).
 * @param map the map's box on screen
 * @param panel the panel's box on screen; none, or an empty one, covers nothing
 * @returns the covered part of the map's right and bottom edges, and the map's size
 */
export function coveredByPanel(map: ScreenBox, panel: ScreenBox | undefined): Covered {
	const { width, height } = map;
	if (!panel || panel.width === 0) return { right: 0, bottom: 0, width, height };
	const sheet = isBottomSheet(panel, map);
	const right = sheet ? 0 : Math.max(0, map.right - panel.left);
	const bottom = sheet ? Math.max(0, map.bottom - panel.top) : 0;
	return { right: Math.min(right, (width * 2) / 3), bottom: Math.min(bottom, (height * 2) / 3), width, height };
}

/**
 * Whether a point on the map (in pixels) lies in the part the panel leaves visible, far enough from its edges for
 * the highlighted symbol to show whole.
 * @param point a point in the map's pixels
 * @param covered what the panel covers (coveredByPanel)
 * @returns true when the point shows whole
 */
export function inUncoveredView(point: { x: number; y: number }, covered: Covered): boolean {
	return (
		point.x >= EDGE_MARGIN_PX &&
		point.y >= EDGE_MARGIN_PX &&
		point.x <= covered.width - covered.right - EDGE_MARGIN_PX &&
		point.y <= covered.height - covered.bottom - EDGE_MARGIN_PX
	);
}

/** The box's north-west and south-east corners in the map's pixels. */
function cornersOnScreen(map: MapLibreMap, [w, s, e, n]: LngLatBox) {
	return [map.project([w, n]), map.project([e, s])] as const;
}

/**
 * Whether the whole box lies in the part of the map the panel leaves visible (as inUncoveredView for its corners).
 * @param map the map
 * @param box the box to test
 * @param covered what the panel covers
 * @returns true when all of it shows
 */
export function boxInUncoveredView(map: MapLibreMap, box: LngLatBox, covered: Covered): boolean {
	const [northWest, southEast] = cornersOnScreen(map, box);
	return inUncoveredView(northWest, covered) && inUncoveredView(southEast, covered);
}

/**
 * Whether any of the box shows in the part of the map the panel leaves visible.
 * @param map the map
 * @param box the box to test
 * @param covered what the panel covers
 * @returns true when some of it shows
 */
export function boxTouchesUncoveredView(map: MapLibreMap, box: LngLatBox, covered: Covered): boolean {
	const [northWest, southEast] = cornersOnScreen(map, box);
	return northWest.x < covered.width - covered.right && southEast.x > 0 && northWest.y < covered.height - covered.bottom && southEast.y > 0;
}

/**
 * Moves the map to show the box beside the panel: with a margin of up to 60 px around it, less where the panel
 * leaves little map, and no closer than `maxZoom` (street level unless told).
 * @param map the map
 * @param box the box to show
 * @param covered what the panel covers
 * @param maxZoom the closest zoom to show it at
 */
export function fitBoxBeside(map: MapLibreMap, box: LngLatBox, covered: Covered, maxZoom = 15): void {
	const x = Math.min(60, (covered.width - covered.right) / 4);
	const y = Math.min(60, (covered.height - covered.bottom) / 4);
	map.fitBounds(box, { padding: { top: y, left: x, right: x + covered.right, bottom: y + covered.bottom }, maxZoom });
}

/**
 * Moves the map to show a point beside the panel, at `minZoom` at least. A point already drawn where the user sees it
 * (say, just clicked on the map) stays where it is: moving the map under the pointer would only lose the user's place.
 * @param map the map
 * @param target the point
 * @param covered what the panel covers
 * @param minZoom the zoom to show it at, at least
 */
export function showPointBeside(map: MapLibreMap, target: [number, number], covered: Covered, minZoom: number): void {
	const point = map.project(target);
	const atMinZoom = map.getZoom() >= minZoom;
	if (atMinZoom && inUncoveredView(point, covered)) return;
	// an offset, not padding: padding would stay on the map and shift every later camera (and the URL's)
	const camera = { center: target, zoom: Math.max(map.getZoom(), minZoom), offset: [-covered.right / 2, -covered.bottom / 2] as [number, number] };
	// On screen at that zoom (under the panel, say): a pan. A flight's arc zooms out and back in, which over a short
	// hop only draws (and loads tiles for) other zoom levels: frames of over 50 ms each in software WebGL, where a
	// pan's stay under it. Anywhere else it flies, over the city rather than along the streets.
	const onScreen = point.x >= 0 && point.y >= 0 && point.x <= covered.width && point.y <= covered.height;
	if (atMinZoom && onScreen) map.easeTo(camera);
	else map.flyTo(camera);
}

/**
 * On a phone, what opens from the list below the map would be shown on a map out of sight: the page scrolls back up
 * to the map, above the bottom sheet. A map the user can still see, say the one they just tapped, stays where it is.
 * (Closing the sheet takes focus, and so the page, back to the row: see src/routes/return-focus.ts.)
 * @param map the map's container
 * @param panel the panel's element
 */
export function scrollMapAboveSheet(map: HTMLElement, panel: HTMLElement | undefined): void {
	const panelBox = panel?.getBoundingClientRect();
	const mapBox = map.getBoundingClientRect();
	if (!panelBox || !isBottomSheet(panelBox, mapBox)) return;
	const seen = Math.min(mapBox.bottom, panelBox.top) - Math.max(mapBox.top, 0);
	if (seen < mapBox.height / 4) map.scrollIntoView({ block: 'start' });
}
