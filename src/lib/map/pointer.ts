// One pointer handler per map for all interactive layers, instead of MapLibre's per-layer mouse events.
// Each per-layer `mousemove`/`mouseleave` listener runs its own queryRenderedFeatures on every mouse move (six per
// move for the explorer's three interactive layers), and a point over a district highlighted and selected both.
// Here one query per move finds the topmost feature, and only its layer's owner hears about it.
// https://maplibre.org/maplibre-gl-js/docs/API/classes/Map/#queryrenderedfeatures
import type { Map as MapLibreMap, MapGeoJSONFeature, MapMouseEvent, PointLike } from 'maplibre-gl';

export interface PointerTarget {
	/** The layers this target answers for. */
	layers: readonly string[];
	/** The topmost feature under the pointer when it is in one of `layers`, else null (called on changes only). */
	hover?: (feature: MapGeoJSONFeature | null) => void;
	/** A click on the topmost feature; `event` says where (features drawn beneath it are under the same point). */
	click?: (feature: MapGeoJSONFeature, event: MapMouseEvent) => void;
}

interface Registry {
	targets: Set<PointerTarget>;
	hovered: { target: PointerTarget; feature: MapGeoJSONFeature } | null;
}

const registries = new WeakMap<MapLibreMap, Registry>();

/** Registers a target on the map's shared pointer handler; returns the function that removes it. */
export function addPointerTarget(map: MapLibreMap, target: PointerTarget): () => void {
	let registry = registries.get(map);
	if (!registry) {
		registry = listen(map);
		registries.set(map, registry);
	}
	const { targets } = registry;
	targets.add(target);
	return () => {
		targets.delete(target);
		if (registry.hovered?.target === target) registry.hovered = null;
	};
}

/** The topmost feature at `point` in any target's layers, and its target. */
function hit(map: MapLibreMap, targets: Set<PointerTarget>, point: PointLike) {
	const layers = [...targets].flatMap((target) => target.layers).filter((id) => map.getLayer(id));
	if (!layers.length) return null;
	// queryRenderedFeatures returns the features of several layers topmost first
	const feature = map.queryRenderedFeatures(point, { layers })[0];
	const target = feature && [...targets].find((candidate) => candidate.layers.includes(feature.layer.id));
	return target ? { target, feature } : null;
}

function listen(map: MapLibreMap): Registry {
	const registry: Registry = { targets: new Set(), hovered: null };
	const canvas = map.getCanvas();

	const setHovered = (next: Registry['hovered']) => {
		const previous = registry.hovered;
		registry.hovered = next;
		if (previous && previous.target !== next?.target) previous.target.hover?.(null);
		// the same feature again (the pointer moved within it): nothing changes
		if (next && (previous?.target !== next.target || !sameFeature(previous.feature, next.feature))) next.target.hover?.(next.feature);
		// only our own cursor is replaced: a drawing tool's crosshair stays
		if (canvas.style.cursor === '' || canvas.style.cursor === 'pointer') canvas.style.cursor = next ? 'pointer' : '';
	};

	// The hover query runs in a task of its own after the mouse move, not in the move's handler: the browser hands
	// mouse moves to the page in the same task as the next frame, so a query and the highlight it sets there made
	// one task of input handling, MapLibre's render and the frame's commit (over 50 ms in software WebGL, a freeze
	// the user feels). Moves that arrive before the query runs only update its point.
	let pendingPoint: PointLike | null = null;
	let pendingQuery: ReturnType<typeof setTimeout> | undefined;
	const cancelQuery = () => {
		clearTimeout(pendingQuery);
		pendingQuery = undefined;
		pendingPoint = null;
	};
	const queryHovered = () => {
		const point = pendingPoint;
		pendingQuery = undefined;
		pendingPoint = null;
		if (point) setHovered(hit(map, registry.targets, point));
	};
	map.on('mousemove', (event: MapMouseEvent) => {
		// no hover queries while a button is held: the map is being dragged, and each query costs a frame's time
		if (event.originalEvent.buttons) return cancelQuery();
		pendingPoint = event.point;
		pendingQuery ??= setTimeout(queryHovered, 0);
	});
	map.on('mouseout', () => {
		cancelQuery();
		setHovered(null);
	});
	map.on('remove', cancelQuery); // a removed map has no layers left to query
	map.on('click', (event: MapMouseEvent) => {
		const found = hit(map, registry.targets, event.point);
		found?.target.click?.(found.feature, event);
	});
	return registry;
}

function sameFeature(a: MapGeoJSONFeature, b: MapGeoJSONFeature): boolean {
	return a.layer.id === b.layer.id && (a.id ?? a.properties?.id) === (b.id ?? b.properties?.id);
}
