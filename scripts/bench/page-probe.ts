// Instrumentation installed in every benchmarked page before its own scripts run (Playwright addInitScript), the
// same for the bare MapLibre page and for the explorer: main-thread long tasks, and the map's idle / data / render
// events, picked up when the page sets window.__sfmMap (the explorer does with PUBLIC_EXPOSE_MAP=1).
// Everything is timed with performance.now() in the page (0 = navigation start), so no CDP round trip is counted.

export interface Probe {
	longTasks: { start: number; duration: number }[];
	/** Map 'idle' events: time and whether the listings source was loaded then. */
	idles: { t: number; loaded: boolean }[];
	/** First idle with the listings source (and so every source) loaded: "navigation → map idle". */
	firstIdle: number;
	/** When the page exposed its map (right after creating it), and when the worker first had the 'listings' data. */
	mapCreated: number;
	firstListingsData: number;
	/** 'dataloading' / 'data' (metadata) events of a listings source (not its tiles): one per (re)load of its GeoJSON. */
	listingsLoading: number[];
	listingsData: number[];
	/** The explorer showing its other listings source (it has two that take turns): visibility changes. */
	listingsSwaps: number[];
	lastRender: number;
	/** Calls of a listings source's setData (by the page, after addSource): time and argument (URL). */
	setDataCalls: { t: number; data: string }[];
	/** Diagnostics: style changes the page makes (setData on any source, setPaintProperty, setLayoutProperty, setFilter). */
	styleCalls: { t: number; call: string; stack?: string }[];
	keydowns: number[];
	clicks: number[];
	mousemoves: number[];
	/** Mutations of the list + counter (#results). */
	resultsMutations: number[];
	/**
	 * Resolves with the first idle after the listings on screen changed after t0: a reload of a listings source,
	 * or the explorer swapping to the other one.
	 */
	listingsIdleAfter(t0: number, timeoutMs: number): Promise<number>;
	/** The listings source on screen: 'listings' on the bare page, either of the explorer's two. */
	shownListings(): string;
	/** Resolves when the map is loaded, still, and has not rendered for quietMs; with the last idle (or t0). */
	quiet(t0: number, quietMs: number, timeoutMs: number): Promise<number>;
}

/** The init script (self-contained: Playwright sends its source text). */
export function installProbe(): void {
	type MapLike = {
		on(type: string, listener: (event: { sourceId?: string; sourceDataType?: string; tile?: unknown }) => void): void;
		getSource(id: string): { setData(data: unknown): unknown } | undefined;
		addSource(id: string, spec: unknown): unknown;
		[method: string]: unknown;
		isSourceLoaded(id: string): boolean;
		getLayer(id: string): { visibility?: string } | undefined;
		loaded(): boolean;
		isMoving(): boolean;
	};
	const now = () => performance.now();
	// The explorer's listings sources (src/lib/map/layers/ListingsLayer.svelte LISTINGS_SOURCES); the bare page has one.
	const LISTINGS = ['listings', 'listings-alt'];
	let map: MapLike | undefined;
	const probe = {
		longTasks: [] as { start: number; duration: number }[],
		idles: [] as { t: number; loaded: boolean }[],
		firstIdle: Number.NaN,
		mapCreated: Number.NaN,
		firstListingsData: Number.NaN,
		listingsLoading: [] as number[],
		listingsData: [] as number[],
		listingsSwaps: [] as number[],
		lastRender: 0,
		setDataCalls: [] as { t: number; data: string }[],
		styleCalls: [] as { t: number; call: string; stack?: string }[],
		keydowns: [] as number[],
		clicks: [] as number[],
		mousemoves: [] as number[],
		resultsMutations: [] as number[],
		listingsIdleAfter(t0: number, timeoutMs: number): Promise<number> {
			const deadline = now() + timeoutMs;
			return new Promise((resolve) => {
				const check = () => {
					const loads = probe.listingsLoading.filter((t) => t >= t0).length;
					const datas = probe.listingsData.filter((t) => t >= t0);
					const swaps = probe.listingsSwaps.filter((t) => t >= t0);
					if ((loads > 0 || swaps.length > 0) && datas.length >= loads) {
						const lastChange = Math.max(t0, ...datas, ...swaps);
						const idle = probe.idles.find((i) => i.t >= lastChange && i.loaded);
						if (idle) return resolve(idle.t);
					}
					if (now() > deadline) return resolve(Number.NaN);
					setTimeout(check, 25);
				};
				check();
			});
		},
		shownListings(): string {
			const shown = LISTINGS.filter((id) => {
				const layer = map?.getLayer(`${id}-points`);
				return !!layer && layer.visibility !== 'none';
			});
			return shown[0] ?? 'listings';
		},
		quiet(t0: number, quietMs: number, timeoutMs: number): Promise<number> {
			const deadline = now() + timeoutMs;
			return new Promise((resolve) => {
				const check = () => {
					const t = now();
					const lastIdle = probe.idles.length ? probe.idles[probe.idles.length - 1]!.t : 0;
					const still = !!map && map.loaded() && !map.isMoving() && t - Math.max(t0, probe.lastRender) >= quietMs;
					if (still && (probe.lastRender < t0 || lastIdle >= probe.lastRender)) return resolve(Math.max(t0, lastIdle));
					if (t > deadline) return resolve(Number.NaN);
					setTimeout(check, 25);
				};
				check();
			});
		}
	};
	(window as unknown as { __bench: typeof probe }).__bench = probe;
	try {
		new PerformanceObserver((list) => {
			for (const entry of list.getEntries()) probe.longTasks.push({ start: entry.startTime, duration: entry.duration });
		}).observe({ type: 'longtask', buffered: true });
	} catch {
		// no Long Tasks API: the figures stay empty and the bench says so
	}
	const attach = (m: MapLike) => {
		m.on('idle', () => {
			const t = now();
			const sources = LISTINGS.filter((id) => m.getSource(id));
			const loaded = sources.length > 0 && sources.every((id) => m.isSourceLoaded(id));
			probe.idles.push({ t, loaded });
			if (loaded && Number.isNaN(probe.firstIdle)) probe.firstIdle = t;
		});
		m.on('dataloading', (e) => {
			if (LISTINGS.includes(e.sourceId ?? '') && !e.tile) probe.listingsLoading.push(now());
		});
		m.on('data', (e) => {
			if (!LISTINGS.includes(e.sourceId ?? '') || e.sourceDataType !== 'metadata') return;
			probe.listingsData.push(now());
			if (e.sourceId === 'listings' && Number.isNaN(probe.firstListingsData)) probe.firstListingsData = now();
		});
		m.on('render', () => (probe.lastRender = now()));
		const stack = () => (new Error().stack ?? '').split('\n').slice(3, 9).map((l) => l.trim().replace(/\(?https?:\/\/[^/]+/, '(')).join(' < ');
		for (const method of ['setPaintProperty', 'setLayoutProperty', 'setFilter']) {
			const original = (m[method] as (...args: unknown[]) => unknown).bind(m);
			m[method] = (...args: unknown[]) => {
				const t = now();
				probe.styleCalls.push({ t, call: `${method}(${args.slice(0, 2).map(String).join(', ')})` });
				if (method === 'setLayoutProperty' && args[1] === 'visibility' && LISTINGS.some((id) => args[0] === `${id}-points`)) probe.listingsSwaps.push(t);
				return original(...args);
			};
		}
		const addSource = m.addSource.bind(m);
		m.addSource = (id, spec) => {
			const result = addSource(id, spec);
			const source = m.getSource(id);
			if (source) {
				const setData = source.setData.bind(source);
				source.setData = (data) => {
					const t = now();
					const arg = typeof data === 'string' ? data : '(object)';
					if (LISTINGS.includes(id)) probe.setDataCalls.push({ t, data: arg });
					probe.styleCalls.push({ t, call: `${id}.setData(${arg.replace(/^.*\/rpc\//, '')})`, stack: stack() });
					return setData(data);
				};
			}
			return result;
		};
	};
	Object.defineProperty(window, '__sfmMap', {
		configurable: true,
		get: () => map,
		set(value: MapLike) {
			if (map === value) return;
			map = value;
			probe.mapCreated = now();
			attach(value);
		}
	});
	document.addEventListener('keydown', () => probe.keydowns.push(now()), true);
	document.addEventListener('click', () => probe.clicks.push(now()), true);
	document.addEventListener('mousemove', () => probe.mousemoves.push(now()), true);
	const observe = () => {
		const results = document.getElementById('results');
		if (!results) return;
		new MutationObserver(() => probe.resultsMutations.push(now())).observe(results, { subtree: true, childList: true, characterData: true });
	};
	if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', observe);
	else observe();
}
