import AxeBuilder from '@axe-core/playwright';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FeatureCollection, Point } from 'geojson';
import type { GeoJSONSource } from 'maplibre-gl';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSite, type SiteServer } from '../support/site-server.ts';
import { collectErrors, launchBrowser, recordMapCalls, shownListings, shownListingsSource, waitForMapIdle } from './browser.ts';

let site: SiteServer;
let browser: Browser;

beforeAll(async () => {
	site = await startSite({ PUBLIC_EXPOSE_MAP: '1' });
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
	await site?.stop();
});

async function open(path: string, viewport = { width: 1280, height: 800 }): Promise<{ page: Page; errors: string[] }> {
	const page = await browser.newPage({ viewport });
	const errors = collectErrors(page);
	await page.goto(`${site.url}${path}`);
	await waitForMapIdle(page);
	return { page, errors };
}

/** The largest group of listings on the map that share one spot (in the seed, a venue's firms and events). */
async function largestStack(page: Page): Promise<{ at: [number, number]; names: string[] }> {
	const groups = new Map<string, { at: [number, number]; names: string[] }>();
	for (const feature of (await shownListings(page)).features) {
		const at = (feature.geometry as Point).coordinates as [number, number];
		const group = groups.get(String(at)) ?? { at, names: [] };
		group.names.push(String(feature.properties?.name_en));
		groups.set(String(at), group);
	}
	return [...groups.values()].sort((a, b) => b.names.length - a.names.length)[0]!;
}

/** What the map's listings source holds, what the list shows and what the counter says. */
async function mapListAndCount(page: Page) {
	await waitForMapIdle(page);
	const mapFeatures = (await shownListings(page)).features.length;
	const counter = await page.getByTestId('listing-count').textContent();
	const unlocatedNote = page.locator('text=/没有已知位置，未在地图上显示|ha(?:s|ve) no known location/');
	const unlocatedText = (await unlocatedNote.count()) > 0 ? ((await unlocatedNote.first().textContent()) ?? '') : '';
	const total = Number(/\d+/.exec(counter ?? '')?.[0]);
	const unlocated = Number(/\d+/.exec(unlocatedText)?.[0] ?? 0);
	const rows = await page.getByTestId('listing-list').locator('li').count().catch(() => 0);
	return { mapFeatures, total, unlocated, rows };
}

describe('the map explorer in Chromium (offline basemap)', () => {
	test('loads with no console errors and shows the five consumption districts on the map', async () => {
		const { page, errors } = await open('/');
		const layers = await page.evaluate(() => window.__sfmMap.getStyle().layers.map((l) => l.id));
		expect(layers).toEqual(expect.arrayContaining(['places-fill', 'places-outline', 'listings-clusters', 'listings-points']));
		const districts = await page.evaluate(() =>
			window.__sfmMap.querySourceFeatures('places').filter((f) => f.properties.kind === 'consumption_district').map((f) => f.properties.id as string)
		);
		expect(new Set(districts).size).toBe(5);
		expect(errors).toEqual([]);
		await page.close();
	});

	test('without JavaScript the map says it needs it, and a search is still sent, in the page’s language', async () => {
		const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 800 } });
		const page = await context.newPage();
		await page.goto(`${site.url}/?lang=en`);
		// what the map's box says (Playwright's text search skips <noscript>, so the DOM is asked)
		const said = await page.locator('.map-slot p').evaluateAll((texts) => texts.filter((p) => p.checkVisibility()).map((p) => p.textContent));
		expect(said).toEqual(['The map needs JavaScript. The list of listings and each entry’s own page work without it.']);
		await page.getByRole('searchbox').fill('shuibei');
		await page.getByRole('searchbox').press('Enter');
		await page.waitForURL((url) => url.searchParams.get('q') === 'shuibei' && url.searchParams.get('lang') === 'en');
		expect(await page.locator('html').getAttribute('lang')).toBe('en');
		const names = await page.getByTestId('listing-list').locator('li .name').allTextContents();
		expect(names.length).toBeGreaterThan(0);
		expect(names.length).toBeLessThan(20); // the search's results, not the whole list
		expect(await page.getByRole('searchbox').inputValue()).toBe('shuibei'); // the page sent back says what it searched
		await context.close();
	});

	test('without JavaScript the sector and kind chips filter the list, keeping the search, the language and each other', async () => {
		const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 800 } });
		const page = await context.newPage();
		await page.goto(`${site.url}/?lang=en&q=shenzhen`);
		const count = async () => Number(/\d+/.exec((await page.getByTestId('listing-count').textContent()) ?? '')?.[0]);
		const query = () => Object.fromEntries(new URL(page.url()).searchParams);
		const searched = await count();
		await page.getByRole('button', { name: /^Gold & Jewellery/ }).click();
		await page.waitForURL((url) => url.searchParams.get('sectors') === 'jewellery');
		expect(query()).toEqual({ lang: 'en', q: 'shenzhen', sectors: 'jewellery' });
		expect(await page.getByRole('button', { name: /^Gold & Jewellery/ }).getAttribute('aria-pressed')).toBe('true');
		const jewellery = await count();
		expect(jewellery).toBeGreaterThan(0);
		expect(jewellery).toBeLessThan(searched);
		await page.getByRole('button', { name: /^Event/ }).click();
		await page.waitForURL((url) => url.searchParams.get('kinds') === 'event');
		expect(query()).toEqual({ lang: 'en', q: 'shenzhen', sectors: 'jewellery', kinds: 'event' });
		expect(await count()).toBeLessThan(jewellery);
		// pressed again, a chip is off: the jewellery filter goes, the others stay
		await page.getByRole('button', { name: /^Gold & Jewellery/ }).click();
		await page.waitForURL((url) => !url.searchParams.get('sectors'));
		expect(query()).toMatchObject({ lang: 'en', q: 'shenzhen', kinds: 'event' });
		expect(await page.getByRole('button', { name: /^Gold & Jewellery/ }).getAttribute('aria-pressed')).toBe('false');
		// and a search sent without JavaScript keeps the filters and the language
		await page.getByRole('searchbox').fill('shuibei');
		await page.getByRole('searchbox').press('Enter');
		await page.waitForURL((url) => url.searchParams.get('q') === 'shuibei');
		expect(query()).toEqual({ lang: 'en', q: 'shuibei', kinds: 'event' });
		await context.close();
	});

	test('without JavaScript “Show more” shows the next rows, with the filters kept, at the first new row', async () => {
		const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 800 } });
		const page = await context.newPage();
		await page.goto(`${site.url}/?lang=en&kinds=enterprise,platform`);
		const rows = page.getByTestId('listing-list').locator('li');
		const first = await rows.count();
		const total = Number(/\d+/.exec((await page.getByTestId('listing-count').textContent()) ?? '')?.[0]);
		expect(first).toBe(50);
		expect(total).toBeGreaterThan(50);
		await page.getByRole('button', { name: /^Show more/ }).click();
		await page.waitForURL((url) => url.searchParams.get('rows') === '100');
		const url = new URL(page.url());
		expect([url.searchParams.get('lang'), url.searchParams.get('kinds'), url.hash]).toEqual(['en', 'enterprise,platform', '#row-51']);
		expect(await rows.count()).toBe(Math.min(100, total));
		// the same list, longer: its first rows unchanged, the 51st in view
		expect(await rows.nth(0).getAttribute('data-slug')).toBeTruthy();
		const row51 = (await rows.nth(50).boundingBox())!;
		expect(row51.y).toBeGreaterThanOrEqual(0);
		expect(row51.y).toBeLessThan(800);
		if (total <= 100) expect(await page.getByRole('button', { name: /^Show more/ }).count()).toBe(0);
		await context.close();
	});

	test('the land is the map region’s own colour: MapLibre draws no background layer over it', async () => {
		const { page } = await open('/');
		const spot = await page.evaluate(() => {
			const map = window.__sfmMap;
			const canvas = map.getCanvas();
			const box = canvas.getBoundingClientRect();
			// from the top-right corner inwards, the first spot no layer draws within 8 px of (labels, halos, edges)
			for (let y = 40; y < canvas.clientHeight - 40; y += 16) {
				for (let x = canvas.clientWidth - 40; x > 40; x -= 16) {
					if (map.queryRenderedFeatures([[x - 8, y - 8], [x + 8, y + 8]]).length === 0) return { x: box.left + x, y: box.top + y };
				}
			}
			return null;
		});
		expect(spot).not.toBeNull();
		expect(await page.evaluate(() => window.__sfmMap.getStyle().layers.filter((l) => l.type === 'background').length)).toBe(0);
		const png = await page.screenshot({ clip: { x: spot!.x, y: spot!.y, width: 1, height: 1 } });
		const rgb = await page.evaluate(async (base64) => {
			const image = new Image();
			image.src = `data:image/png;base64,${base64}`;
			await image.decode();
			const canvas = new OffscreenCanvas(1, 1);
			const context = canvas.getContext('2d')!;
			context.drawImage(image, 0, 0);
			return [...context.getImageData(0, 0, 1, 1).data.slice(0, 3)];
		}, png.toString('base64'));
		expect(rgb).toEqual([0xee, 0xf0, 0xee]);
		await page.close();
	});

	test('no stylesheet request blocks the first paint; MapLibre’s stylesheet comes with the map', async () => {
		// SvelteKit leaves inlined stylesheets as disabled <link>s; an enabled one would be fetched before the first paint
		const html = await (await fetch(`${site.url}/`)).text();
		const blocking = [...html.matchAll(/<link\b[^>]*\brel="stylesheet"[^>]*>/g)].map((m) => m[0]).filter((tag) => !/\bdisabled\b/.test(tag));
		expect(blocking).toEqual([]);

		const { page } = await open('/');
		// the zoom buttons are styled by maplibre-gl.css (a white, rounded control group)
		const group = await page.locator('.maplibregl-ctrl-group').first().evaluate((el) => {
			const style = getComputedStyle(el);
			return { background: style.backgroundColor, radius: style.borderTopLeftRadius };
		});
		expect(group).toEqual({ background: 'rgb(255, 255, 255)', radius: '4px' });
		await page.close();
	});

	test('MapLibre and its stylesheet are requested only after the server-rendered shell and list are painted', async () => {
		// MapLibre's chunk in the build: the one file with one of its error messages (its name is only a hash)
		const chunks = join('build', 'client', '_app', 'immutable', 'chunks');
		const maplibre = [];
		for (const name of await readdir(chunks)) {
			if (name.endsWith('.js') && (await readFile(join(chunks, name), 'utf8')).includes('Style is not done loading')) maplibre.push(name);
		}
		expect(maplibre).toHaveLength(1);

		const { page } = await open('/');
		const timing = await page.evaluate((chunk) => {
			const resources = performance.getEntriesByType('resource');
			return {
				firstPaint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
				script: resources.find((r) => r.name.endsWith(`/${chunk}`))?.startTime,
				stylesheet: resources.find((r) => /\/maplibre-gl\.[^/]*\.css$/.test(r.name))?.startTime
			};
		}, maplibre[0]!);
		expect(timing.firstPaint).toBeGreaterThan(0);
		expect(timing.script).toBeGreaterThanOrEqual(timing.firstPaint!);
		expect(timing.stylesheet).toBeGreaterThanOrEqual(timing.firstPaint!);
		await page.close();
	});

	test('the map page loads no sign-in code: it reads the API with PostgREST’s client alone', async () => {
		const { page } = await open('/');
		const scripts = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => r.name).filter((name) => /\.m?js(\?|$)/.test(name)));
		expect(scripts.length).toBeGreaterThan(0);
		const loaded: string[] = [];
		for (const url of scripts) {
			const code = await (await fetch(url)).text();
			// supabase-js's auth and realtime clients, by their class names (kept in the minified build)
			if (code.includes('GoTrueClient') || code.includes('RealtimeClient')) loaded.push(url);
		}
		expect(loaded).toEqual([]);
		// and it does read the API: the list came from map_summary, the map's listings from map_features
		expect(await page.getByTestId('listing-list').locator('li').count()).toBeGreaterThan(0);
		await page.close();
	});

	test('each filter changes map, list and counts consistently', async () => {
		const { page } = await open('/');
		const all = await mapListAndCount(page);
		expect(all.mapFeatures).toBe(all.total - all.unlocated);

		await page.getByRole('button', { name: /黄金珠宝/ }).click();
		await page.waitForURL(/sectors=jewellery/);
		const jewellery = await mapListAndCount(page);
		expect(jewellery.total).toBeLessThan(all.total);
		expect(jewellery.mapFeatures).toBe(jewellery.total - jewellery.unlocated);
		expect(jewellery.rows).toBe(Math.min(jewellery.total, 50));

		await page.getByRole('button', { name: /^活动/ }).click();
		await page.waitForURL(/kinds=event/);
		const events = await mapListAndCount(page);
		expect(events.total).toBeLessThanOrEqual(jewellery.total);
		expect(events.mapFeatures).toBe(events.total - events.unlocated);
		// the map draws exactly the listed jewellery events that have a location (the whole list fits on one page)
		expect(events.total).toBeLessThanOrEqual(50);
		const onMap = (await shownListings(page)).features.map((f) => ({ kind: f.properties!.kind as string, slug: f.properties!.slug as string }));
		const listed = await page.getByTestId('listing-list').locator('li').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-slug')));
		for (const feature of onMap) {
			expect(feature.kind).toBe('event');
			expect(listed).toContain(feature.slug);
		}

		await page.getByRole('radio', { name: '本月' }).click();
		await page.waitForURL(/dates=month/);
		const thisMonth = await mapListAndCount(page);
		expect(thisMonth.mapFeatures).toBe(thisMonth.total - thisMonth.unlocated);
		expect(thisMonth.total).toBeLessThanOrEqual(events.total);
		await page.close();
	});

	test('the listings of several sectors have a chip of their own: with every chip on, every listing is listed', async () => {
		const { page } = await open('/?lang=en');
		const all = await mapListAndCount(page);
		const chip = page.getByRole('button', { name: /^Several sectors/ });
		const count = Number(/\d+/.exec((await chip.textContent()) ?? '')?.[0]);
		expect(count).toBeGreaterThan(0);
		await chip.click();
		await page.waitForURL(/sectors=multi/);
		const several = await mapListAndCount(page);
		expect(several.total).toBe(count);
		expect(several.mapFeatures).toBe(several.total - several.unlocated);
		// each is said to be of several sectors in its row's panel, e.g. the first
		await page.getByTestId('listing-list').locator('li a').first().click();
		await expect.poll(() => page.locator('.panel-slot').textContent()).toContain('Several sectors');
		await page.keyboard.press('Escape');
		// the nine sectors' chips too: the whole list
		for (const name of ['Apparel', 'Furniture', 'Watches & Clocks', 'Gold & Jewellery', 'Lingerie', 'Leather', 'Eyewear', 'Cosmetics', 'Arts & Crafts']) {
			await page.getByRole('button', { name: new RegExp(`^${name}`) }).click(); // quick clicks build on each other
		}
		await page.waitForURL((url) => (url.searchParams.get('sectors') ?? '').split(',').length === 10);
		expect((await mapListAndCount(page)).total).toBe(all.total);
		await page.close();
	});

	test('a sector filter draws the places of other trades faint and unlabelled; clearing it draws them all alike again', async () => {
		const { page } = await open('/');
		const faintFor = () =>
			page.evaluate(() => {
				const map = window.__sfmMap;
				// the filtered codes each expression tests a place's `,a,b,` sectors for
				const codes = (value: unknown) => [...JSON.stringify(value ?? null).matchAll(/"in",",(\w+),"/g)].map((m) => m[1]).sort();
				return {
					fill: codes(map.getPaintProperty('places-fill', 'fill-opacity')),
					outline: codes(map.getPaintProperty('places-outline', 'line-color')),
					point: codes(map.getPaintProperty('places-point', 'circle-stroke-color')),
					label: codes(map.getFilter('places-label'))
				};
			});
		const none = { fill: [], outline: [], point: [], label: [] };
		expect(await faintFor()).toEqual(none);
		await page.getByRole('button', { name: /黄金珠宝/ }).click();
		await page.getByRole('button', { name: /眼镜/ }).click();
		await page.waitForURL(/sectors=jewellery(,|%2C)eyewear/);
		const both = ['eyewear', 'jewellery'];
		await expect.poll(faintFor).toEqual({ fill: both, outline: both, point: both, label: both });
		await page.getByRole('button', { name: '清除筛选' }).first().click();
		await page.waitForURL((url) => !url.search.includes('sectors'));
		await expect.poll(faintFor).toEqual(none);
		await page.close();
	});

	test('when nothing matches, the map says so where it is seen, naming the search, and its button clears the search and filters', async () => {
		const { page } = await open('/?lang=en&sectors=leather&q=%E6%B0%B4%E8%B4%9D'); // 水贝 has no leather listing
		const notice = page.getByTestId('map-empty');
		await expect.poll(() => notice.textContent()).toContain('No listings match “水贝”.');
		expect(await notice.getByRole('button').allTextContents()).toEqual(['Clear search', 'Clear the search and filters']);
		const empty = await mapListAndCount(page);
		expect(empty).toMatchObject({ mapFeatures: 0, total: 0 });
		// on screen without scrolling, over the map
		const box = (await notice.boundingBox())!;
		const map = (await page.getByTestId('map').boundingBox())!;
		expect(box.y + box.height).toBeLessThanOrEqual(800);
		expect(box.x).toBeGreaterThanOrEqual(map.x);

		await notice.getByRole('button', { name: 'Clear the search and filters' }).click();
		await page.waitForURL((url) => !url.search.includes('sectors') && !url.search.includes('q='));
		await notice.waitFor({ state: 'detached' });
		const all = await mapListAndCount(page);
		expect(all.total).toBeGreaterThan(0);
		expect(all.mapFeatures).toBe(all.total - all.unlocated);
		expect(page.url()).toContain('lang=en');
		await page.close();
	});

	test('Enter in the search box shows the results below the filters and areas; a search with none offers to clear just the search', async () => {
		for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
			const { page } = await open('/?lang=en&kinds=enterprise', viewport);
			const box = page.getByRole('searchbox');
			await box.fill('shuibie'); // a typo: nothing matches
			await box.press('Enter');
			const results = page.locator('#results');
			await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('results');
			const empty = results.locator('.empty');
			await expect.poll(() => empty.textContent()).toContain('No listings match “shuibie”.');
			// the results' heading is on screen (it was below the fold, under the filters and the areas)
			const heading = (await page.locator('.results-heading').boundingBox())!;
			expect(heading.y).toBeGreaterThanOrEqual(0);
			expect(heading.y + heading.height).toBeLessThanOrEqual(viewport.height);
			await empty.getByRole('button', { name: 'Clear search' }).click();
			await page.waitForURL((url) => !url.searchParams.has('q') && url.searchParams.get('kinds') === 'enterprise');
			await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('search-input');
			expect(await box.inputValue()).toBe('');
			expect((await mapListAndCount(page)).total).toBeGreaterThan(0);
			await page.close();
		}
	});

	test('a custom date window that ends before it starts is not applied, and says why; correcting it applies it', async () => {
		// the start date comes with the page (server-rendered fields, then hydrated), the end date is typed
		const { page, errors } = await open('/?lang=en&kinds=event&from=2026-06-30');
		const from = page.getByLabel('From', { exact: true });
		const to = page.getByLabel('To', { exact: true });
		expect(await from.inputValue()).toBe('2026-06-30');
		await to.fill('2026-06-01');
		expect(await page.getByTestId('dates-problem').textContent()).toBe('The start date cannot be after the end date.');
		expect(await to.getAttribute('aria-invalid')).toBe('true');
		expect(new URL(page.url()).searchParams.get('to')).toBeNull(); // not applied
		expect(await to.inputValue()).toBe('2026-06-01'); // nor lost

		await from.fill('2026-05-01');
		await page.waitForURL((url) => url.searchParams.get('from') === '2026-05-01' && url.searchParams.get('to') === '2026-06-01');
		expect(await page.getByTestId('dates-problem').count()).toBe(0);
		const shown = await mapListAndCount(page);
		expect(shown.mapFeatures).toBe(shown.total - shown.unlocated);
		expect(errors).toEqual([]);
		await page.close();
	});

	test('a date typed part by part is one step in the history, applied once its year is whole', async () => {
		const { page, errors } = await open('/?lang=en&kinds=event&to=2030-12-31');
		const from = page.getByLabel('From', { exact: true });
		const steps = await page.evaluate(() => history.length);
		await from.focus(); // its first part: the month (en-US: mm/dd/yyyy)
		await page.keyboard.type('03152024', { delay: 50 }); // the year passes through 0002, 0020 and 0202
		await page.waitForURL((url) => url.searchParams.get('from') === '2024-03-15');
		await page.getByTestId('listing-list').waitFor();
		expect(await page.evaluate(() => history.length)).toBe(steps + 1);
		// the month changed in the same visit to the field: still that one step
		await page.keyboard.press('ArrowLeft');
		await page.keyboard.press('ArrowLeft');
		await page.keyboard.type('04', { delay: 50 });
		await page.waitForURL((url) => url.searchParams.get('from') === '2024-04-15');
		expect(await page.evaluate(() => history.length)).toBe(steps + 1);
		await page.goBack();
		await page.waitForURL((url) => url.searchParams.get('from') === null && url.searchParams.get('to') === '2030-12-31');
		expect(errors).toEqual([]);
		await page.close();
	});

	test('the date chips show the dates in the URL (“Custom” stays open from “This week”, clearing the filters goes back to “Any time”) and are one radio group', async () => {
		const { page } = await open('/?lang=en&dates=week');
		const checked = () => page.locator('label:has(> input[name="date-mode"]:checked)').textContent();
		await page.getByRole('radio', { name: 'Custom' }).click();
		await page.waitForURL((url) => !url.searchParams.has('dates'));
		expect(await checked()).toBe('Custom');
		await page.getByLabel('From', { exact: true }).fill('2020-01-01');
		await page.getByLabel('To', { exact: true }).fill('2020-12-31');
		await page.waitForURL((url) => url.searchParams.get('to') === '2020-12-31');
		expect(await checked()).toBe('Custom');
		await page.locator('.side').getByRole('button', { name: 'Clear filters' }).first().click();
		await page.waitForURL((url) => !url.searchParams.has('from') && !url.searchParams.has('to'));
		await expect.poll(checked).toBe('Any time');
		expect(await page.getByLabel('From', { exact: true }).count()).toBe(0);
		// one group named by its legend, one Tab stop, and the arrow keys move the choice
		expect(await page.getByRole('group', { name: 'Event dates' }).getByRole('radio').count()).toBe(4);
		await page.getByRole('radio', { name: 'Any time' }).focus();
		await page.keyboard.press('ArrowRight');
		await page.waitForURL((url) => url.searchParams.get('dates') === 'week');
		expect(await checked()).toBe('This week');
		await page.keyboard.press('Tab');
		expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).not.toBe('date-mode');
		await page.close();
	});

	test('“Custom” and back, before a date is typed, add no step to the history: the URL is the same', async () => {
		const { page } = await open('/?lang=en');
		const checked = () => page.locator('label:has(> input[name="date-mode"]:checked)').textContent();
		const steps = await page.evaluate(() => history.length);
		for (const chip of ['Custom', 'Any time', 'Custom']) {
			await page.getByRole('radio', { name: chip }).click();
			await expect.poll(checked).toBe(chip);
		}
		await expect.poll(() => page.getByLabel('From', { exact: true }).count()).toBe(1);
		expect(await page.evaluate(() => history.length)).toBe(steps);
		// a preset is a step, as before
		await page.getByRole('radio', { name: 'This week' }).click();
		await page.waitForURL((url) => url.searchParams.get('dates') === 'week');
		expect(await page.evaluate(() => history.length)).toBe(steps + 1);
		await page.close();
	});

	test('going back to the filter before shows its listings again without loading them again', async () => {
		const { page } = await open('/');
		const all = await mapListAndCount(page);
		const fetched: string[] = [];
		page.context().on('request', (request) => {
			if (request.url().includes('/rpc/map_features')) fetched.push(request.url());
		});
		const jewelleryButton = page.getByRole('button', { name: /黄金珠宝/ });

		await jewelleryButton.click();
		await page.waitForURL(/sectors=jewellery/);
		const jewellery = await mapListAndCount(page);
		expect(jewellery.mapFeatures).toBe(jewellery.total - jewellery.unlocated);
		expect(jewellery.mapFeatures).toBeLessThan(all.mapFeatures);
		expect(fetched).toHaveLength(1);
		expect(fetched[0]).toContain('jewellery');

		// off and on again: each time the map shows the set it held before, from the source that still holds it
		for (const [expected, pattern] of [[all, /^(?!.*sectors=)/], [jewellery, /sectors=jewellery/]] as const) {
			await jewelleryButton.click();
			await page.waitForURL(pattern);
			expect(await mapListAndCount(page)).toEqual(expected);
		}
		expect(fetched).toHaveLength(1);
		await page.close();
	});

	test('a selected listing stays highlighted through filter changes that keep it on the map, which do not ask for it again', async () => {
		const { page } = await open('/?sel=listing:chic-shenzhen');
		const detailRequests: string[] = [];
		page.on('request', (request) => {
			if (request.url().includes('/rpc/get_listing')) detailRequests.push(request.url());
		});
		const highlighted = async () => {
			const source = await shownListingsSource(page);
			return page.evaluate((source) => {
				const map = window.__sfmMap;
				const [feature] = map.querySourceFeatures(source, { filter: ['==', ['get', 'slug'], 'chic-shenzhen'] });
				return { source, selected: feature ? map.getFeatureState({ source, id: feature.id! }).selected === true : 'not on the map' };
			}, source);
		};
		expect(await highlighted()).toEqual({ source: 'listings', selected: true });
		const apparel = page.getByRole('button', { name: /^服装/ });
		await apparel.click();
		await page.waitForURL(/sectors=apparel/);
		await waitForMapIdle(page);
		expect(await highlighted()).toEqual({ source: 'listings-alt', selected: true });
		await apparel.click();
		await page.waitForURL((url) => !url.search.includes('sectors='));
		await waitForMapIdle(page);
		expect(await highlighted()).toEqual({ source: 'listings', selected: true });
		expect(detailRequests).toEqual([]); // the panel on screen is the listing's
		await page.close();
	});

	test('a view whose code cannot be downloaded keeps the page and says so in view, on a desktop and on a phone; “Try again” loads it', async () => {
		// the connection drops: no more of the site's code can be fetched
		const offline = (route: import('playwright-core').Route) => route.abort('internetdisconnected');
		const inViewport = (page: Page) =>
			page.getByTestId('panel-failed').evaluate((notice) => {
				const box = notice.getBoundingClientRect();
				return box.top >= 0 && box.left >= 0 && box.bottom <= innerHeight && box.right <= innerWidth && box.height > 0;
			});

		const { page } = await open('/?lang=en');
		await page.route(/\/_app\/immutable\/.*\.js$/, offline);
		await page.getByTestId('view-clusters').click();
		await page.waitForURL(/view=clusters/);
		await expect.poll(() => page.getByTestId('panel-failed').textContent()).toContain('could not be loaded');
		expect(await inViewport(page)).toBe(true);
		expect(await page.getByTestId('map').isVisible()).toBe(true);
		expect(await page.getByTestId('cluster-table').count()).toBe(0);
		await page.unroute(/\/_app\/immutable\/.*\.js$/, offline);
		await page.getByTestId('panel-failed').getByRole('button', { name: 'Try again' }).click();
		await page.getByTestId('cluster-table').waitFor();
		expect(await page.getByTestId('panel-failed').count()).toBe(0);
		await page.close();

		// a phone, scrolled down to the side column below the map: the statistics panel of a district picked there
		// cannot come, and the notice is on screen
		const phone = await open('/', { width: 390, height: 844 });
		await phone.page.route(/\/_app\/immutable\/.*\.js$/, offline);
		await phone.page.getByText('任意区域统计').click();
		await phone.page.getByTestId('pick-area').selectOption('440303');
		await phone.page.waitForURL(/area=440303/);
		await expect.poll(() => phone.page.getByTestId('panel-failed').textContent()).toContain('未能加载');
		expect(await phone.page.evaluate(() => scrollY)).toBeGreaterThan(0);
		expect(await inViewport(phone.page)).toBe(true);
		await phone.page.unroute(/\/_app\/immutable\/.*\.js$/, offline);
		await phone.page.getByTestId('panel-failed').getByRole('button', { name: '重试' }).click();
		await phone.page.getByTestId('area-stats').waitFor();
		expect(await phone.page.getByTestId('panel-failed').count()).toBe(0);
		await phone.page.close();
	});

	test('while the map loads the listings of new filters, it says so; the notice goes once they are shown', async () => {
		const { page } = await open('/');
		let release = () => undefined as void;
		const held = new Promise<void>((resolve) => (release = resolve));
		await page.context().route(/\/rpc\/map_features\?.*jewellery/, async (route) => {
			await held;
			await route.fallback();
		});
		const updating = page.getByTestId('map-updating');
		expect(await updating.count()).toBe(0);

		await page.getByRole('button', { name: /黄金珠宝/ }).click();
		await page.waitForURL(/sectors=jewellery/);
		await updating.waitFor();
		expect(await updating.textContent()).toBe('正在加载地图上的条目…');
		expect(await page.getByTestId('map').getAttribute('aria-busy')).toBe('true');

		release();
		await updating.waitFor({ state: 'detached' });
		const jewellery = await mapListAndCount(page);
		expect(jewellery.mapFeatures).toBe(jewellery.total - jewellery.unlocated);
		await page.close();
	});

	test('listings that failed to load are asked for again when their filter comes back', async () => {
		const { page, errors } = await open('/');
		const all = await mapListAndCount(page);
		let refused = 0;
		await page.context().route(/\/rpc\/map_features\?.*jewellery/, (route) => (refused++ === 0 ? route.abort() : route.fallback()));
		const jewelleryButton = page.getByRole('button', { name: /黄金珠宝/ });

		await jewelleryButton.click();
		await page.waitForURL(/sectors=jewellery/);
		await expect.poll(() => refused).toBe(1);
		await expect.poll(() => errors.some((e) => e.includes('[map] data layer failed'))).toBe(true);
		// the page says the map has not caught up, rather than passing the previous listings off as the filter's
		await page.getByText('地图上的条目无法加载').waitFor();
		expect(await page.getByTestId('map-updating').count()).toBe(0);

		await jewelleryButton.click();
		await page.waitForURL(/^(?!.*sectors=)/);
		expect(await mapListAndCount(page)).toEqual(all);
		expect(await page.getByText('地图上的条目无法加载').count()).toBe(0);
		await jewelleryButton.click();
		await page.waitForURL(/sectors=jewellery/);
		const jewellery = await mapListAndCount(page);
		expect(refused).toBe(2);
		expect(await page.getByText('地图上的条目无法加载').count()).toBe(0);
		expect(jewellery.mapFeatures).toBe(jewellery.total - jewellery.unlocated);
		expect(jewellery.mapFeatures).toBeLessThan(all.mapFeatures);
		await page.close();
	});

	test('a filter change reloads only the listings: the map keeps its style and places', async () => {
		const { page } = await open('/');
		// A new style object makes MapLibre diff the whole style, each source's GeoJSON included.
		await page.evaluate(() => {
			const map = window.__sfmMap;
			const calls: string[] = [];
			(window as unknown as { __calls: string[] }).__calls = calls;
			const setStyle = map.setStyle.bind(map);
			map.setStyle = (...args: Parameters<typeof setStyle>) => (calls.push('setStyle'), setStyle(...args));
			const places = map.getSource('places') as GeoJSONSource;
			const setData = places.setData.bind(places);
			places.setData = (data) => (calls.push('places.setData'), setData(data));
		});
		await page.getByRole('button', { name: /黄金珠宝/ }).click();
		await page.waitForURL(/sectors=jewellery/);
		await page.getByRole('searchbox').fill('水贝');
		await page.waitForURL(/q=/);
		await waitForMapIdle(page);
		expect((await shownListings(page)).features.length).toBeGreaterThan(0);
		expect(await page.evaluate(() => (window as unknown as { __calls: string[] }).__calls)).toEqual([]);
		await page.close();
	});

	test.each(['shuibei', 'sb', '水贝'])('searching %s finds the Shuibei cluster', async (q) => {
		const { page } = await open('/');
		await page.getByRole('searchbox').fill(q);
		const match = page.getByTestId('area-matches').getByRole('button', { name: /水贝/ });
		await match.waitFor();
		await match.click();
		await page.waitForURL(/sel=place%3Ashuibei-buxin-jewellery-cluster|sel=place:shuibei-buxin-jewellery-cluster/);
		await expect.poll(() => page.locator('#panel-title').textContent()).toContain('水贝');
		await page.close();
	});

	test('area suggestions open over the page, the map keeps its size; Escape closes them (also from a suggestion), the arrow keys reach them', async () => {
		const { page } = await open('/');
		const mapBox = () => page.locator('.map-slot').boundingBox();
		const before = await mapBox();
		const box = page.getByRole('searchbox');
		await box.fill('shuibei');
		const suggestions = page.getByTestId('area-matches');
		await suggestions.waitFor();
		expect(await mapBox()).toEqual(before);
		// a drop-down below the box, reaching over the page below the header
		const input = (await box.boundingBox())!;
		const dropdown = (await suggestions.boundingBox())!;
		expect(dropdown.y).toBeGreaterThanOrEqual(input.y + input.height);
		expect(dropdown.y + dropdown.height).toBeGreaterThan(before!.y);

		await box.press('Escape');
		await suggestions.waitFor({ state: 'hidden' });
		expect(await box.inputValue()).toBe('shuibei'); // Escape closed the suggestions, it did not clear the search

		await box.press('ArrowDown');
		await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[data-testid="area-matches"]')?.textContent ?? '')).toContain('水贝');
		// Escape on a suggestion closes them too, at once, and gives the keyboard back to the box
		await page.keyboard.press('Escape');
		await suggestions.waitFor({ state: 'hidden' });
		expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-input');
		await box.press('ArrowDown'); // and the arrow opens them again
		await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[data-testid="area-matches"]')?.textContent ?? '')).toContain('水贝');
		await page.keyboard.press('Enter');
		await page.waitForURL(/sel=place(%3A|:)shuibei-buxin-jewellery-cluster/);
		await suggestions.waitFor({ state: 'hidden' });

		// back in the box, with the place's panel open: Escape closes the suggestions, not the panel too
		await box.click();
		await suggestions.waitFor();
		await box.press('Escape');
		await suggestions.waitFor({ state: 'hidden' });
		await expect.poll(() => page.getByTestId('selection-panel').isVisible()).toBe(true);
		expect(page.url()).toContain('sel=place');
		await page.close();
	});

	test('area suggestions are announced as they appear, with how to reach them (on a touch screen, where they are)', async () => {
		const { page } = await open('/?lang=en');
		const status = page.getByTestId('area-matches-status');
		expect(await status.getAttribute('role')).toBe('status');
		expect(await status.textContent()).toBe('');
		await page.getByRole('searchbox').pressSequentially('shuibei', { delay: 50 });
		const shown = await page.getByTestId('area-matches').getByRole('button').count();
		expect(shown).toBeGreaterThan(0);
		await expect.poll(() => status.textContent()).toBe(shown === 1 ? '1 area matches: press Down to reach it' : `${shown} areas match: press Down to reach them`);
		await page.getByRole('searchbox').press('Escape'); // the suggestions close, and so does the message
		await expect.poll(() => status.textContent()).toBe('');
		await page.close();

		// a touch screen has no Down key: it is told where the suggestions are instead
		const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
		const touchPage = await phone.newPage();
		await touchPage.goto(`${site.url}/?lang=en`);
		await waitForMapIdle(touchPage);
		await touchPage.getByRole('searchbox').pressSequentially('shuibei', { delay: 50 });
		const touchShown = await touchPage.getByTestId('area-matches').getByRole('button').count();
		expect(touchShown).toBe(shown);
		await expect.poll(() => touchPage.getByTestId('area-matches-status').textContent()).toBe(shown === 1 ? '1 area matches, listed below the search box' : `${shown} areas match, listed below the search box`);
		await phone.close();
	});

	test('typing a search is one step in the history: Back returns to the view before it, not further', async () => {
		const { page } = await open('/?lang=en');
		const query = () => new URL(page.url()).search;
		await page.getByRole('button', { name: /^Gold & Jewellery/ }).click();
		await page.waitForURL(/sectors=jewellery/);
		const entries = await page.evaluate(() => history.length);
		await page.getByRole('searchbox').pressSequentially('shuibei', { delay: 100 });
		await page.waitForURL((url) => url.searchParams.get('q') === 'shuibei');
		await page.getByTestId('listing-count').filter({ hasText: /\d/ }).waitFor();
		expect(await page.evaluate(() => history.length)).toBe(entries + 1);
		await page.goBack();
		await page.waitForURL((url) => !url.searchParams.has('q'));
		expect(query()).toBe('?lang=en&sectors=jewellery');
		await expect.poll(() => page.getByRole('searchbox').inputValue()).toBe('');
		await page.goForward();
		await page.waitForURL((url) => url.searchParams.get('q') === 'shuibei');
		// a new search after another change is a step of its own; emptying the box first is one too
		await page.getByRole('button', { name: /^Event/ }).click();
		await page.waitForURL(/kinds=event/);
		await page.getByRole('searchbox').fill('');
		await page.waitForURL((url) => !url.searchParams.has('q'));
		await page.getByRole('searchbox').pressSequentially('sb', { delay: 100 });
		await page.waitForURL((url) => url.searchParams.get('q') === 'sb');
		await page.goBack();
		await page.waitForURL((url) => !url.searchParams.has('q'));
		expect(query()).toBe('?lang=en&sectors=jewellery&kinds=event');
		await page.goBack();
		await page.waitForURL((url) => url.searchParams.get('q') === 'shuibei');
		expect(query()).toBe('?lang=en&sectors=jewellery&kinds=event&q=shuibei');
		// back and forward end a search's step too: typing on makes a new one
		await page.goForward();
		await page.waitForURL((url) => !url.searchParams.has('q'));
		await page.goForward();
		await page.waitForURL((url) => url.searchParams.get('q') === 'sb');
		await expect.poll(() => page.getByRole('searchbox').inputValue()).toBe('sb');
		await page.getByRole('searchbox').press('End');
		await page.getByRole('searchbox').pressSequentially('x', { delay: 100 });
		await page.waitForURL((url) => url.searchParams.get('q') === 'sbx');
		await page.goBack();
		await page.waitForURL((url) => url.searchParams.get('q') === 'sb');
		// clearing the search with the box's × is a step of its own: Back brings the search back
		await page.getByLabel('Clear search').click();
		await page.waitForURL((url) => !url.searchParams.has('q'));
		await page.goBack();
		await page.waitForURL((url) => url.searchParams.get('q') === 'sb');
		await page.close();
	});

	test('typing a search asks for each list once, as the key is pressed (the navigation then uses that answer), and for nothing else', async () => {
		const { page } = await open('/');
		const asked: { q: string | undefined; offset: number }[] = [];
		const others: string[] = [];
		page.on('request', (request) => {
			const { pathname } = new URL(request.url());
			// besides the list and the map layer, only the site's code may load (a view's lazy parts); the icon,
			// asked for again after every history change when it was a link, is inline
			if (!/^\/(rest\/v1\/rpc\/map_(summary|features)$|_app\/immutable\/)/.test(pathname)) others.push(pathname);
			if (!request.url().includes('/rpc/map_summary')) return;
			const body = request.postDataJSON() as { p_q?: string; p_offset: number };
			asked.push({ q: body.p_q, offset: body.p_offset });
		});
		await page.getByRole('searchbox').pressSequentially('shuibei', { delay: 150 });
		await page.waitForURL(/q=shuibei/);
		await expect.poll(() => page.getByTestId('listing-list').locator('li').count()).toBeGreaterThan(0);
		const terms = asked.map((a) => a.q);
		expect(terms.at(-1)).toBe('shuibei');
		expect(asked.every((a) => a.offset === 0)).toBe(true);
		// one request per term sent: a second one would be the navigation's own
		expect(new Set(terms).size).toBe(terms.length);
		expect(others).toEqual([]);
		await page.close();
	});

	test('a search, a selection and closing it re-style nothing on the map; a sector toggle re-styles the places only', async () => {
		// Every setPaintProperty makes MapLibre repaint the whole map (50–100 ms per frame in software WebGL at 100k
		// listings); the page used to re-apply all of them after each navigation, so on every keystroke.
		const { page } = await open('/');
		const paintCalls = await recordMapCalls(page);

		await page.getByRole('searchbox').pressSequentially('shuibei', { delay: 100 });
		await page.waitForURL(/q=shuibei/);
		await waitForMapIdle(page);
		await page.getByTestId('listing-list').locator('li a').first().click();
		await page.locator('#panel-title').waitFor();
		await page.keyboard.press('Escape');
		await page.locator('#panel-title').waitFor({ state: 'detached' });
		await waitForMapIdle(page);
		expect(await paintCalls()).toEqual([]);

		await page.getByRole('button', { name: /黄金珠宝/ }).click();
		await page.waitForURL(/sectors=jewellery/);
		await waitForMapIdle(page);
		const layers = new Set((await paintCalls()).map((call) => call.split(' ')[1]));
		expect([...layers].sort()).toEqual(['places-fill', 'places-outline', 'places-point']);
		await page.close();
	});

	test('the list marks each kind with its own symbol, all of one size, so the names line up', async () => {
		const { page } = await open('/?kinds=enterprise,platform');
		const rows = await page.getByTestId('listing-list').locator('li a').evaluateAll((links) =>
			links.map((a) => {
				const swatch = a.querySelector('.swatch')!.getBoundingClientRect();
				return { kind: [...a.querySelector('.swatch')!.classList].find((c) => c.startsWith('kind-')), size: `${swatch.width}x${swatch.height}`, nameX: a.querySelector('.name')!.getBoundingClientRect().x };
			})
		);
		expect(new Set(rows.map((r) => r.kind))).toEqual(new Set(['kind-enterprise', 'kind-platform']));
		expect(new Set(rows.map((r) => r.size)).size).toBe(1);
		expect(new Set(rows.map((r) => Math.round(r.nameX))).size).toBe(1);
		await page.close();
	});

	test('a deep link restores camera, filters and selection', async () => {
		const { page } = await open('/?sectors=jewellery&sel=place:shuibei-buxin-jewellery-cluster#map=13.00/22.5777/114.1286');
		const camera = await page.evaluate(() => ({ ...window.__sfmMap.getCenter(), zoom: window.__sfmMap.getZoom() }));
		expect(camera.zoom).toBeCloseTo(13, 1);
		expect(camera.lat).toBeCloseTo(22.5777, 3);
		expect(camera.lng).toBeCloseTo(114.1286, 3);
		expect(await page.getByRole('button', { name: /黄金珠宝/ }).getAttribute('aria-pressed')).toBe('true');
		expect(await page.locator('#panel-title').textContent()).toContain('水贝');
		await page.close();
	});

	test('a camera typed into the address bar’s #map= moves the map; one beyond the map’s limits is written back as shown', async () => {
		const { page, errors } = await open('/?lang=en');
		const camera = () => page.evaluate(() => ({ ...window.__sfmMap.getCenter(), zoom: window.__sfmMap.getZoom() }));
		await page.evaluate(() => (location.hash = '#map=13.00/22.580/114.130'));
		await expect.poll(async () => (await camera()).zoom).toBeCloseTo(13, 1);
		expect((await camera()).lat).toBeCloseTo(22.58, 3);
		expect((await camera()).lng).toBeCloseTo(114.13, 3);
		// zoom 3 is below the map's least (8): the map shows zoom 8, and the URL says so once it is there
		await page.evaluate(() => (location.hash = '#map=3.00/22.550/114.050'));
		await expect.poll(async () => (await camera()).zoom).toBeCloseTo(8, 1);
		await expect.poll(() => new URL(page.url()).hash).toMatch(/^#map=8\.00\//);
		// Back, twice, to the page's first entry, which had no camera: its first view again
		const first = await open('/?lang=en').then(async ({ page: other }) => { const c = await other.evaluate(() => window.__sfmMap.getZoom()); await other.close(); return c; });
		await page.goBack();
		await page.goBack();
		await expect.poll(() => new URL(page.url()).hash).toBe('');
		await expect.poll(async () => (await camera()).zoom).toBeCloseTo(first, 1);
		expect(errors).toEqual([]);
		await page.close();
	});

	test('back and forward return to each step’s view: camera, selection and panel', async () => {
		// the page's first view: a history entry without a camera in its URL
		const { page } = await open('/?lang=en');
		const camera = () => page.evaluate(() => ({ ...window.__sfmMap.getCenter(), zoom: window.__sfmMap.getZoom(), moving: window.__sfmMap.isMoving() }));
		const still = async () => {
			await expect.poll(async () => (await camera()).moving, { timeout: 15_000 }).toBe(false);
			await waitForMapIdle(page);
			return camera();
		};
		const before = await still();
		// a point on screen, clicked: the map flies to it (street zoom, or the whole area of one located only roughly)
		// and its panel opens
		const point = await page.evaluate((source) => {
			const map = window.__sfmMap;
			const [feature] = map.queryRenderedFeatures({ layers: [`${source}-points`] });
			const xy = map.project((feature!.geometry as Point).coordinates as [number, number]);
			const box = map.getContainer().getBoundingClientRect();
			return { x: box.left + xy.x, y: box.top + xy.y };
		}, await shownListingsSource(page));
		await page.mouse.click(point.x, point.y);
		await page.waitForURL(/sel=listing/);
		await expect.poll(async () => (await camera()).zoom, { timeout: 15_000 }).toBeGreaterThan(before.zoom + 1);
		const selected = await still();
		const title = await page.locator('#panel-title').textContent();

		await page.goBack();
		await page.locator('#panel-title').waitFor({ state: 'detached' });
		const back = await still();
		expect(back.zoom).toBeCloseTo(before.zoom, 1);
		expect(back.lat).toBeCloseTo(before.lat, 3);
		expect(back.lng).toBeCloseTo(before.lng, 3);

		await page.goForward();
		await page.locator('#panel-title').waitFor();
		expect(await page.locator('#panel-title').textContent()).toBe(title);
		const forward = await still();
		expect(forward.zoom).toBeCloseTo(selected.zoom, 1);
		expect(forward.lat).toBeCloseTo(selected.lat, 3);
		expect(forward.lng).toBeCloseTo(selected.lng, 3);
		await page.close();
	});

	test('back to a listing left before the map reached it (the next one was picked mid-flight) shows that listing', async () => {
		const { page } = await open('/?lang=en');
		const located = page.getByTestId('listing-list').locator('li').filter({ hasNotText: 'No known location' });
		const [first, second] = [located.nth(2), located.nth(12)];
		const slugs = [await first.getAttribute('data-slug'), await second.getAttribute('data-slug')] as const;
		const moving = () => page.evaluate(() => window.__sfmMap.isMoving());
		await first.locator('a').click();
		await page.waitForURL(new RegExp(`sel=listing%3A${slugs[0]}`));
		await expect.poll(moving).toBe(true); // flying to the first
		await second.locator('a').click();
		await page.waitForURL(new RegExp(`sel=listing%3A${slugs[1]}`));
		await expect.poll(moving, { timeout: 15_000 }).toBe(false);

		await page.goBack();
		await page.waitForURL(new RegExp(`sel=listing%3A${slugs[0]}`));
		// the first listing, at street zoom (a single point), where the panel leaves the map visible; or, located only
		// roughly, the whole area it lies somewhere in
		const source = await shownListingsSource(page);
		const shown = () =>
			page.evaluate(
				([slug, source]) => {
					const map = window.__sfmMap;
					if (map.isMoving() || !map.loaded()) return 'moving';
					const panel = document.querySelector('.panel-slot')!.getBoundingClientRect();
					const box = map.getContainer().getBoundingClientRect();
					const visible = (p: { x: number; y: number }) => p.x >= 0 && p.y >= 0 && box.left + p.x < panel.left && p.y <= box.height;
					const [area] = map.getSource('listings-selected-area') ? map.querySourceFeatures('listings-selected-area') : [];
					if (area) {
						const ring = (area.geometry as GeoJSON.Polygon).coordinates[0]!;
						return ring.every((c) => visible(map.project(c as [number, number]))) ? 'shown' : 'its area is not wholly in view';
					}
					const [feature] = map.querySourceFeatures(source, { filter: ['==', ['get', 'slug'], slug] });
					if (!feature || map.getZoom() < 15) return `not drawn as a point at zoom ${map.getZoom().toFixed(1)}`;
					const p = map.project((feature.geometry as Point).coordinates as [number, number]);
					return visible(p) ? 'shown' : `at ${Math.round(p.x)},${Math.round(p.y)}`;
				},
				[slugs[0], source] as const
			);
		await expect.poll(shown, { timeout: 15_000 }).toBe('shown');
		await page.close();
	});

	test('a map move that ends while a search is loading is kept in the URL once it has loaded', async () => {
		const { page } = await open('/?lang=en');
		await page.route(/\/rest\/v1\/rpc\/map_summary/, async (route) => {
			await new Promise((resolve) => setTimeout(resolve, 1500)); // a slow connection
			await route.continue();
		});
		const asked = page.waitForRequest(/\/rest\/v1\/rpc\/map_summary/);
		await page.getByRole('searchbox').fill('jewel');
		await asked;
		await page.waitForTimeout(200); // the navigation waits for that answer
		await page.evaluate(() => window.__sfmMap.jumpTo({ center: [114.1, 22.55], zoom: 12.5 }));
		await page.waitForURL(/q=jewel/);
		await expect.poll(() => page.evaluate(() => location.hash)).toBe('#map=12.50/22.5500/114.1000');
		await page.close();
	});

	test('a link to a listing that is not there says so; selecting something else clears the notice', async () => {
		const { page, errors } = await open('/?lang=en&sectors=jewellery&sel=listing:no-such-listing');
		expect(await page.getByTestId('selection-missing').textContent()).toBe('What this link points to was not found; it may have been removed.');
		expect(await page.getByRole('button', { name: /Gold & Jewellery/ }).getAttribute('aria-pressed')).toBe('true'); // the rest of the link holds
		await page.getByTestId('listing-list').locator('li a').first().click();
		await page.locator('#panel-title').waitFor();
		expect(await page.getByTestId('selection-missing').count()).toBe(0);
		expect(errors).toEqual([]);
		await page.close();
	});

	test('switching language changes UI text and data, and is kept in the URL', async () => {
		const { page } = await open('/');
		// MapLibre's own controls too: their tooltips and names, and the canvas's
		const mapLabels = () =>
			page.evaluate(() => ['.maplibregl-ctrl-zoom-in', '.maplibregl-ctrl-zoom-out', '.maplibregl-ctrl-attrib-button', 'canvas'].map((selector) => {
				const element = document.querySelector(`[data-testid="map"] ${selector}`);
				return `${element?.getAttribute('aria-label')}|${selector === 'canvas' ? '' : element?.getAttribute('title')}`;
			}));
		expect(await mapLabels()).toEqual(['放大|放大', '缩小|缩小', '显示或隐藏数据来源|显示或隐藏数据来源', '地图|']);
		const firstRowZh = await page.getByTestId('listing-list').locator('li .name').first().textContent();
		await page.getByRole('link', { name: 'English', exact: true }).click();
		await page.waitForURL(/lang=en/);
		await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
		expect(await page.locator('h1').textContent()).toBe('Shenzhen Fashion Map');
		const firstRowEn = await page.getByTestId('listing-list').locator('li .name').first().textContent();
		expect(firstRowEn).not.toBe(firstRowZh);
		expect(firstRowEn).toMatch(/[A-Za-z]/);
		// ordered for an English reader, by the English names (it was by the Chinese names' code points)
		const namesEn = await page.getByTestId('listing-list').locator('li .name').allTextContents();
		expect(namesEn.length).toBeGreaterThan(20);
		const english = new Intl.Collator('en', { sensitivity: 'base', ignorePunctuation: true });
		expect(namesEn.slice(1).filter((name, i) => english.compare(namesEn[i]!, name) > 0)).toEqual([]);
		expect(await mapLabels()).toEqual(['Zoom in|Zoom in', 'Zoom out|Zoom out', 'Show or hide the sources|Show or hide the sources', 'Map|']);
		await page.close();
	});

	test('English text is set in a Latin font and Chinese text in a Chinese one, whichever the page language', async () => {
		// a Chinese font draws ’ “ ” full-width ("site’ s"); the fonts actually used to draw each element, as Chromium reports them
		const fontsOf = async (page: Page, selector: string) => {
			const cdp = await page.context().newCDPSession(page);
			const { root } = await cdp.send('DOM.getDocument');
			const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
			await cdp.send('CSS.enable');
			const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
			await cdp.detach();
			return fonts.map((font) => font.familyName);
		};
		const en = (await open('/?lang=en')).page;
		expect(await fontsOf(en, 'h1 a')).toHaveLength(1);
		expect(await fontsOf(en, 'h1 a')).not.toContain('Noto Sans CJK SC');
		// the list's Chinese names in the English page are marked so (their font, and a screen reader's voice)
		expect(await en.getByTestId('listing-list').locator('.other').first().getAttribute('lang')).toBe('zh-CN');
		expect(await fontsOf(en, '.lang')).toEqual(['Noto Sans CJK SC']); // "中文", marked lang="zh-CN"
		await en.close();
		const zh = (await open('/')).page;
		expect(await fontsOf(zh, 'h1 a')).toEqual(['Noto Sans CJK SC']);
		expect(await fontsOf(zh, '.lang')).toHaveLength(1);
		expect(await fontsOf(zh, '.lang')).not.toContain('Noto Sans CJK SC'); // "English"
		await zh.close();
	});

	test('a listing picked in the list is labelled with its own name as soon as the map arrives, while basemap tiles still load', async () => {
		const { page } = await open('/?q=shuibei');
		// a basemap whose tiles never come (as online, where they take seconds): the map does not go idle
		await page.route('**/held-tiles/**', () => undefined);
		await page.evaluate((url) => {
			const map = window.__sfmMap;
			map.addSource('held', { type: 'raster', tiles: [`${url}/held-tiles/{z}/{x}/{y}.png`], tileSize: 256 });
			map.addLayer({ id: 'held', type: 'raster', source: 'held' }, map.getStyle().layers[1]?.id);
		}, site.url);
		// 水贝珠宝集团 shares its spot with six other listings, whose labels the map drew there before
		await page.getByTestId('listing-list').getByText('水贝珠宝集团').click();
		await page.waitForFunction(() => window.__sfmMap.getZoom() >= 15 && !window.__sfmMap.isMoving(), undefined, { timeout: 30_000 });
		await expect
			.poll(() => page.evaluate(() => window.__sfmMap.queryRenderedFeatures({ layers: ['listings-selected-label'] }).map((f) => f.properties.name_zh)), { timeout: 10_000 })
			.toEqual(['水贝珠宝集团']);
		expect(await page.evaluate(() => window.__sfmMap.areTilesLoaded())).toBe(false); // the held tiles are still on their way
		await page.close();
	});

	test('listings a click cannot tell apart (one spot) are offered in a popup, at any zoom; the one picked is selected and labelled', async () => {
		const { page, errors } = await open('/?lang=en');
		const { at, names } = await largestStack(page);
		expect(names.length).toBeGreaterThan(3);
		const canvasBox = (await page.locator('.maplibregl-canvas').boundingBox())!;
		const clickAt = async (zoom: number) => {
			await page.evaluate(({ at, zoom }) => window.__sfmMap.jumpTo({ center: at, zoom }), { at, zoom });
			await waitForMapIdle(page);
			const p = await page.evaluate((at) => window.__sfmMap.project(at), at);
			await page.mouse.click(canvasBox.x + p.x, canvasBox.y + p.y);
		};
		const stack = page.getByTestId('listing-stack');
		const listed = () => stack.locator('li .name').allTextContents();

		// at city zoom they are a cluster that no zoom splits: a click lists them, in English order, instead of zooming
		await clickAt(12);
		await stack.waitFor();
		expect(await stack.getByRole('heading').textContent()).toBe(`${names.length} listings here`);
		const english = new Intl.Collator('en', { sensitivity: 'base', ignorePunctuation: true });
		expect(await listed()).toEqual([...names].sort(english.compare));
		// each marked with its kind's symbol, as the list and the map mark it (a ring for a platform…)
		const marks = await stack.locator('li button').evaluateAll((buttons) =>
			buttons.map((b) => {
				const mark = getComputedStyle(b.querySelector('.listing-mark')!);
				return { kind: b.querySelector('.kind')!.textContent, ring: mark.backgroundColor === 'rgb(255, 255, 255)', black: mark.borderTopColor === 'rgb(31, 31, 31)' };
			})
		);
		expect(new Set(marks.map((m) => m.kind)).size).toBeGreaterThan(1); // the seed stacks listings of several kinds here
		for (const mark of marks) expect(mark, mark.kind ?? '').toMatchObject({ ring: mark.kind === 'Public service platform', black: mark.kind === 'Event' });
		expect(await page.evaluate(() => window.__sfmMap.getZoom())).toBe(12);
		// the keyboard is in the popup; Escape closes it and leaves the keyboard on the map
		expect(await page.evaluate(() => !!document.activeElement?.closest('[data-testid="listing-stack"]'))).toBe(true);
		await page.keyboard.press('Escape');
		await expect.poll(() => stack.count()).toBe(0);
		expect(await page.evaluate(() => document.activeElement?.classList.contains('maplibregl-canvas'))).toBe(true);

		// at street zoom they are points drawn over each other: a click lists them too
		await clickAt(16);
		await stack.waitFor();
		expect((await listed()).sort()).toEqual([...names].sort());
		const picked = (await listed())[2]!;
		await stack.getByRole('button', { name: picked }).click();
		await page.waitForURL(/sel=listing/);
		await expect.poll(() => stack.count()).toBe(0);
		await expect.poll(() => page.locator('.panel-slot h2').first().textContent(), { timeout: 5000 }).toBe(picked);

		// the one label at that spot is the picked listing's, not another of the venue's
		await waitForMapIdle(page);
		const labelsAt = (at: [number, number]) =>
			page.evaluate((at) => {
				const map = window.__sfmMap;
				const layers = ['listings-selected-label', 'listings-label', 'listings-alt-label'].filter((id) => map.getLayer(id));
				const p = map.project(at);
				return map.queryRenderedFeatures([[p.x - 60, p.y - 5], [p.x + 60, p.y + 40]], { layers }).map((f) => f.properties.name_en as string);
			}, at);
		await expect.poll(() => labelsAt(at), { timeout: 5000 }).toEqual([picked]);

		// with the panel open, a popup opened beside it is drawn above it, its close button too (it was under it)
		const panelLeft = await page.locator('.panel-slot').evaluate((panel) => panel.getBoundingClientRect().left);
		await page.evaluate(({ at, x }) => {
			const map = window.__sfmMap;
			map.panBy([map.project(at).x - (x - map.getContainer().getBoundingClientRect().left), 0], { animate: false });
		}, { at, x: panelLeft - 60 });
		await waitForMapIdle(page);
		const spot = await page.evaluate((at) => window.__sfmMap.project(at), at);
		await page.mouse.click(canvasBox.x + spot.x, canvasBox.y + spot.y);
		await stack.waitFor();
		const closeOnTop = await stack.getByRole('button', { name: 'Close' }).evaluate((button) => {
			const box = button.getBoundingClientRect();
			return button.contains(document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2));
		});
		expect(closeOnTop).toBe(true);
		await stack.getByRole('button', { name: 'Close' }).click();
		await expect.poll(() => stack.count()).toBe(0);

		// filters that leave the selected listing out take its label away with its point (its panel stays)
		const kind = await page.evaluate(() => (window.__sfmMap.queryRenderedFeatures({ layers: ['listings-points', 'listings-alt-points'].filter((id) => window.__sfmMap.getLayer(id)) })
			.find((f) => f.state.selected)?.properties.kind as string) ?? '');
		expect(kind).not.toBe('');
		const otherKind = kind === 'event' ? 'Enterprise' : 'Event';
		await page.getByRole('button', { name: new RegExp(`^${otherKind}`) }).click();
		await page.waitForURL(/kinds=/);
		await waitForMapIdle(page);
		await expect.poll(() => labelsAt(at), { timeout: 5000 }).not.toContain(picked);
		expect(errors).toEqual([]);
		await page.close();
	});

	test('a selected listing the filters leave out says so in its panel, with a way to clear them', async () => {
		// TTF is a jewellery enterprise: the apparel filter leaves it out of the list and off the map
		const { page } = await open('/?lang=en&sectors=apparel&sel=listing:ttf');
		const note = page.getByTestId('left-out');
		await expect.poll(() => note.textContent()).toContain('The current filters leave this listing out: it is not on the map or in the list.');
		expect(await note.locator('xpath=..').getAttribute('role')).toBe('status'); // said as it appears
		expect(await page.getByTestId('listing-list').locator('li[data-slug="ttf"]').count()).toBe(0);
		await note.getByRole('button', { name: 'Clear filters' }).click();
		await page.waitForURL((url) => !url.searchParams.has('sectors') && url.searchParams.get('sel') === 'listing:ttf');
		await expect.poll(() => note.count()).toBe(0);
		// a filter that keeps it: no note (nor for the filters' own sake)
		await page.goto(`${site.url}/?lang=en&sectors=jewellery&kinds=enterprise&sel=listing:ttf`);
		await page.locator('#panel-title').waitFor();
		await waitForMapIdle(page);
		expect(await note.count()).toBe(0);
		await page.close();
	});

	test('the pointer on the map: hover highlights the topmost feature, a click selects it, a cluster click zooms in', async () => {
		const { page } = await open('/');
		const canvasBox = (await page.locator('.maplibregl-canvas').boundingBox())!;
		const at = (p: { x: number; y: number }) => [canvasBox.x + p.x, canvasBox.y + p.y] as const;

		// a listing drawn over a district or town outline, at street zoom where listings are single points, alone at
		// its spot (a click on several listings drawn over each other offers them all: the test above)
		const coordinates = (await shownListings(page)).features.map((f) => (f.geometry as Point).coordinates as [number, number]);
		let target: { x: number; y: number; listingId: string; slug: string; placeId: string } | null = null;
		for (const lngLat of coordinates.slice(0, 60)) {
			await page.evaluate((center) => window.__sfmMap.jumpTo({ center, zoom: 16 }), lngLat);
			await waitForMapIdle(page);
			target = await page.evaluate((lngLat) => {
				const map = window.__sfmMap;
				const p = map.project(lngLat);
				const listings = map.queryRenderedFeatures(p, { layers: ['listings-points'] });
				const listing = listings.length === 1 ? listings[0] : undefined;
				const place = map.queryRenderedFeatures(p, { layers: ['places-fill'] })[0];
				return listing && place ? { x: p.x, y: p.y, listingId: listing.properties.id, slug: listing.properties.slug, placeId: place.properties.id } : null;
			}, lngLat);
			if (target) break;
		}
		expect(target, 'a listing inside an area outline in the seed data').not.toBeNull();
		const { x, y, listingId, slug, placeId } = target!;
		const hoverOf = () =>
			page.evaluate(
				([listingId, placeId]) => ({
					listing: window.__sfmMap.getFeatureState({ source: 'listings', id: listingId }).hover === true,
					place: window.__sfmMap.getFeatureState({ source: 'places', id: placeId }).hover === true,
					cursor: window.__sfmMap.getCanvas().style.cursor
				}),
				[listingId, placeId] as const
			);

		// The hover query runs in a task after the mouse move, not inside its handler: the browser hands a move to the
		// page in the same task as the next frame, so a query and its highlight there made one long task of it all.
		await page.evaluate(() => {
			const map = window.__sfmMap;
			const queries: boolean[] = ((window as unknown as { __queriesInMove: boolean[] }).__queriesInMove = []);
			let inMove = false;
			window.addEventListener('mousemove', () => (inMove = true), true); // before the map's own listeners
			window.addEventListener('mousemove', () => (inMove = false)); // after them (the event bubbles up)
			const query = map.queryRenderedFeatures.bind(map) as (...args: unknown[]) => unknown;
			map.queryRenderedFeatures = ((...args: unknown[]) => {
				queries.push(inMove);
				return query(...args);
			}) as typeof map.queryRenderedFeatures;
		});

		// over the point: only the point (the topmost feature) is highlighted
		await page.mouse.move(...at({ x, y }));
		await expect.poll(hoverOf).toEqual({ listing: true, place: false, cursor: 'pointer' });
		const queriesInMove = await page.evaluate(() => (window as unknown as { __queriesInMove: boolean[] }).__queriesInMove);
		expect(queriesInMove.length).toBeGreaterThan(0);
		expect(queriesInMove).not.toContain(true);

		// over the area beside it: the area is, the point no longer
		const beside = await page.evaluate(([x, y]) => {
			const map = window.__sfmMap;
			for (let d = 20; d <= 200; d += 10)
				for (const [dx, dy] of [[d, 0], [-d, 0], [0, d], [0, -d]] as const) {
					const p: [number, number] = [x + dx, y + dy];
					if (map.queryRenderedFeatures(p, { layers: ['listings-points', 'listings-clusters', 'places-point'] }).length) continue;
					if (map.queryRenderedFeatures(p, { layers: ['places-fill'] }).length) return { x: p[0], y: p[1] };
				}
			return null;
		}, [x, y] as const);
		expect(beside).not.toBeNull();
		await page.mouse.move(...at(beside!));
		await expect.poll(hoverOf).toEqual({ listing: false, place: true, cursor: 'pointer' });

		// leaving the map clears both
		await page.mouse.move(canvasBox.x + canvasBox.width + 200, canvasBox.y - 50);
		await expect.poll(hoverOf).toEqual({ listing: false, place: false, cursor: '' });

		// a click on the point selects the listing, not the area under it, and highlights it where it is: the point is
		// in view beside the panel, so the map does not move under the pointer
		const camera = () => page.evaluate(() => ({ ...window.__sfmMap.getCenter().toArray(), zoom: window.__sfmMap.getZoom() }));
		const before = await camera();
		await page.mouse.click(...at({ x, y }));
		await page.waitForURL(new RegExp(`sel=listing%3A${slug}|sel=listing:${slug}`));
		await page.getByTestId('selection-panel').waitFor();
		await expect.poll(() => page.evaluate((id) => window.__sfmMap.getFeatureState({ source: 'listings', id }).selected === true, listingId)).toBe(true);
		await waitForMapIdle(page);
		expect(await page.evaluate(() => window.__sfmMap.isMoving())).toBe(false);
		expect(await camera()).toEqual(before);
		await page.keyboard.press('Escape');
		await page.getByTestId('selection-panel').waitFor({ state: 'detached' });

		// a click on a cluster zooms in (one of listings at more than one spot: one spot's are offered, see above)
		await page.evaluate(() => window.__sfmMap.jumpTo({ center: [114.06, 22.6], zoom: 10 }));
		await waitForMapIdle(page);
		const cluster = await page.evaluate(async () => {
			const map = window.__sfmMap;
			const source = map.getSource('listings') as GeoJSONSource;
			for (const feature of map.queryRenderedFeatures({ layers: ['listings-clusters'] })) {
				const leaves = await source.getClusterLeaves(feature.properties.cluster_id as number, Infinity, 0);
				const spots = new Set(leaves.map((leaf) => String((leaf.geometry as Point).coordinates)));
				if (spots.size > 1) return map.project((feature.geometry as Point).coordinates as [number, number]);
			}
			return null;
		});
		expect(cluster).not.toBeNull();
		await page.mouse.click(...at(cluster!));
		await expect.poll(() => page.evaluate(() => window.__sfmMap.getZoom()), { timeout: 10_000 }).toBeGreaterThan(10.5);
		await page.close();
	});

	test('a sector filter narrows the side column’s areas to those the map draws in full', async () => {
		const { page } = await open('/?lang=en');
		const towns = () => page.getByTestId('industry-towns').locator('a').allTextContents(); // (its group is closed)
		const all = await towns();
		await page.getByRole('button', { name: /^Watches & Clocks/ }).click();
		await page.waitForURL(/sectors=watches/);
		await expect.poll(async () => (await towns()).length).toBeLessThan(all.length);
		const watches = await towns();
		expect(watches.length).toBeGreaterThan(0);
		expect(watches.every((name) => all.includes(name))).toBe(true);
		// each group's count says how many it lists
		const districts = await page.getByTestId('consumption-districts').locator('a').count();
		expect(await page.locator('details.areas summary .n').allTextContents()).toEqual([String(districts), String(watches.length)]);
		// an area of another sector that is selected stays listed (its row is where the keyboard comes back to)
		await page.goto(`${site.url}/?lang=en&sectors=watches&sel=place:dalang-fashion-town`);
		await page.getByTestId('selection-panel').waitFor();
		expect(await towns()).toContain(await page.locator('#panel-title').textContent());
		expect(await towns()).toHaveLength(watches.length + 1);
		await page.close();
	});

	test('an area group the user opened stays open through a selection; closing the panel goes back to the area’s link', async () => {
		const { page } = await open('/?lang=en');
		const groupsOpen = () => page.locator('details.areas').evaluateAll((groups) => groups.map((g) => (g as HTMLDetailsElement).open));
		expect(await groupsOpen()).toEqual([true, false]);
		await page.locator('details.areas summary').nth(1).click();
		const area = page.getByTestId('industry-towns').getByRole('link').first();
		const areaHref = await area.getAttribute('href');
		await area.click();
		await page.waitForURL(/sel=place/);
		await page.getByTestId('selection-panel').waitFor();
		expect(await groupsOpen()).toEqual([true, true]); // it was closed again by the page's update
		await page.keyboard.press('Escape');
		await page.getByTestId('selection-panel').waitFor({ state: 'detached' });
		expect(await groupsOpen()).toEqual([true, true]);
		expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe(areaHref);
		await page.close();
	});

	test('on a phone, an area’s published figures fit the bottom sheet: long values and source names wrap', async () => {
		const { page } = await open('/?lang=en&sel=place:dalang-fashion-town', { width: 390, height: 844 });
		const figures = page.getByTestId('selection-panel').locator('table.figures');
		await figures.waitFor();
		// a host name kept whole (intertextile-shenzhen.hk.messefrankfurt.com) widened every row past the sheet's edge
		const overflow = await figures.evaluate((table) => {
			const panel = table.closest('[data-testid="selection-panel"]')!.getBoundingClientRect();
			return Math.max(...[...table.querySelectorAll('tr, th, td')].map((cell) => cell.getBoundingClientRect().right)) - panel.right;
		});
		expect(overflow).toBeLessThanOrEqual(0);
		await page.close();
	});

	test('on a phone the bottom sheet lowers to its first lines for the map (a tap, a drag or the keyboard on its handle) and raises again', async () => {
		const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
		const page = await context.newPage();
		const errors = collectErrors(page);
		await page.goto(`${site.url}/?lang=en&sel=place:dalang-fashion-town`);
		await waitForMapIdle(page);
		const sheet = page.locator('#sheet');
		const handle = page.getByTestId('sheet-handle');
		const height = async () => Math.round((await sheet.boundingBox())!.height);
		const raised = await height();
		expect(raised).toBeGreaterThan(400);
		expect([await handle.getAttribute('aria-label'), await handle.getAttribute('aria-expanded')]).toEqual(['Panel (lower it to see the map)', 'true']);
		const centre = async () => { const box = (await handle.boundingBox())!; return { x: box.x + box.width / 2, y: box.y + box.height / 2 }; };
		await page.touchscreen.tap((await centre()).x, (await centre()).y);
		await expect.poll(height).toBeLessThan(150);
		expect(await handle.getAttribute('aria-expanded')).toBe('false');
		const title = (await page.locator('#panel-title').boundingBox())!;
		expect(title.y).toBeLessThan(844 - 60); // the item's name still shows (its first lines of a long one)
		// a finger's drag up raises it, down lowers it (a phone sends no click after a finger moved)
		const cdp = await context.newCDPSession(page);
		const drag = async (dy: number) => {
			const { x, y } = await centre();
			await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
			for (let step = 1; step <= 5; step++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: y + (dy * step) / 5 }] });
			await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
		};
		await drag(-120);
		await expect.poll(height).toBe(raised);
		await drag(80);
		await expect.poll(height).toBeLessThan(150);
		// no tap or drag reached the map the sheet uncovered (a click there would select something else)
		expect(new URL(page.url()).searchParams.get('sel')).toBe('place:dalang-fashion-town');
		await handle.focus();
		await page.keyboard.press('Enter');
		await expect.poll(height).toBe(raised);
		// lowered, then another item chosen (in the list below the map): it opens raised
		await page.keyboard.press('Enter');
		await expect.poll(height).toBeLessThan(150);
		await page.getByTestId('listing-list').locator('li a').first().tap();
		await page.waitForURL(/sel=listing/);
		await expect.poll(height).toBeGreaterThan(300);
		// beside the map on a wide screen: no handle
		await page.setViewportSize({ width: 1280, height: 800 });
		expect(await handle.isVisible()).toBe(false);
		expect(errors).toEqual([]);
		await context.close();
	});

	test('a date window with no events in it says so, and why enterprises and platforms are still listed', async () => {
		const { page } = await open('/?lang=en&from=2030-01-01&to=2030-01-31');
		const note = page.getByTestId('no-events');
		expect(await note.textContent()).toBe('No events in this period. Enterprises and platforms are listed whatever the dates.');
		expect(await page.getByTestId('listing-count').textContent()).not.toMatch(/^0 /); // the firms are listed
		// a window with events: no note; nor when events are not asked for at all
		await page.goto(`${site.url}/?lang=en&from=2000-01-01&to=2030-12-31`);
		await page.getByTestId('listing-list').waitFor();
		expect(await note.count()).toBe(0);
		await page.goto(`${site.url}/?lang=en&from=2030-01-01&to=2030-01-31&kinds=enterprise`);
		await page.getByTestId('listing-list').waitFor();
		expect(await note.count()).toBe(0);
		await page.close();
	});

	test('links inside the panel select on the map: an area’s listing, then that listing’s area; the links still point at the items’ pages', async () => {
		const { page } = await open('/?lang=en&sel=place:dalang-fashion-town');
		const panel = page.getByTestId('selection-panel');
		await panel.waitFor();
		const link = panel.getByTestId('place-listings').getByRole('link').first();
		const [name, href] = [await link.textContent(), await link.getAttribute('href')];
		expect(href).toMatch(/^\/listing\//); // the item's own page, for a new tab and without JavaScript
		await link.scrollIntoViewIfNeeded();
		expect(await panel.evaluate((el) => el.scrollTop)).toBeGreaterThan(0); // the area's listings are further down
		await link.click();
		await page.waitForURL(/sel=listing/);
		expect(new URL(page.url()).pathname).toBe('/'); // it was /listing/…: the map, filters and camera were gone
		await expect.poll(() => panel.locator('#panel-title').textContent()).toBe(name);
		expect(await panel.evaluate((el) => el.scrollTop)).toBe(0); // the listing opens at its top, not scrolled down
		await panel.getByRole('link', { name: /Dalang Fashion Town/ }).click();
		await page.waitForURL(/sel=place%3Adalang-fashion-town|sel=place:dalang-fashion-town/);
		expect(new URL(page.url()).pathname).toBe('/');
		await page.close();
	});

	test('the way back to the map from a detail page keeps the filters and camera the visitor left, with that page’s record selected', async () => {
		const { page } = await open('/?lang=en&sectors=jewellery&sel=place:shuibei-buxin-jewellery-cluster');
		await page.waitForURL(/#/); // the camera, written once the map has framed the selection
		const left = new URL(page.url());
		await page.getByTestId('selection-panel').locator('a.page-link').click();
		await page.waitForURL(/\/place\/shuibei-buxin-jewellery-cluster/);
		// back to the map and forward again: the way back is still the map as left
		await page.goBack();
		await page.waitForURL((url) => url.pathname === '/');
		await page.goForward();
		await page.waitForURL(/\/place\/shuibei-buxin-jewellery-cluster/);
		// on from the area's page to one of its listings' pages
		const listing = page.locator('main a[href^="/listing/"]').first();
		const slug = decodeURIComponent(/^\/listing\/([^?]+)/.exec((await listing.getAttribute('href'))!)![1]!);
		await listing.click();
		await page.waitForURL(/\/listing\//);
		await page.locator('a.site-name').click();
		await page.waitForURL((url) => url.pathname === '/');
		const back = new URL(page.url());
		expect(back.searchParams.get('lang')).toBe('en');
		expect(back.searchParams.get('sectors')).toBe('jewellery');
		expect(back.searchParams.get('sel')).toBe(`listing:${slug}`);
		expect(back.hash).toBe(left.hash);
		// a detail page opened from a shared link: the map with only its record selected
		const fresh = await browser.newPage();
		await fresh.goto(`${site.url}/listing/${encodeURIComponent(slug)}?lang=en`);
		expect(await fresh.locator('a.site-name').getAttribute('href')).toBe(`/?lang=en&sel=listing:${slug}`);
		await fresh.close();
		await page.close();
	});

	test('Escape in the search box does one thing at a time: suggestions, then the text, then the open panel', async () => {
		const { page } = await open('/?lang=en&q=shuibei&sel=listing:tellus');
		const panel = page.getByTestId('selection-panel');
		await panel.waitFor();
		const box = page.locator('#search-input');
		await box.click();
		await page.locator('.search-box .areas button').first().waitFor(); // the area suggestions
		await page.keyboard.press('Escape');
		await expect.poll(() => page.locator('.search-box .areas button').count()).toBe(0);
		expect(await box.inputValue()).toBe('shuibei');
		await page.keyboard.press('Escape'); // the browser clears the box; the panel stays (it closed too)
		await page.waitForURL((url) => !url.searchParams.has('q'));
		expect(await box.inputValue()).toBe('');
		expect(await panel.isVisible()).toBe(true);
		await page.keyboard.press('Escape');
		await panel.waitFor({ state: 'detached' });
		await page.close();
	});

	test('closing a panel opened from the map’s popup gives the keyboard back to the map, and one opened from an area suggestion to the search box', async () => {
		const { page } = await open('/?lang=en');
		const { at, names } = await largestStack(page);
		await page.evaluate((at) => window.__sfmMap.jumpTo({ center: at, zoom: 16 }), at);
		await waitForMapIdle(page);
		const canvasBox = (await page.locator('.maplibregl-canvas').boundingBox())!;
		const p = await page.evaluate((at) => window.__sfmMap.project(at), at);
		await page.mouse.click(canvasBox.x + p.x, canvasBox.y + p.y);
		const stack = page.getByTestId('listing-stack');
		await stack.getByRole('button', { name: names[0]! }).click();
		const panel = page.locator('.panel-slot');
		await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest('.panel-slot'))).toBe(true);
		await page.keyboard.press('Escape');
		await panel.waitFor({ state: 'detached' });
		expect(await page.evaluate(() => document.activeElement?.className)).toContain('maplibregl-canvas');

		const box = page.locator('#search-input');
		await box.fill('shuibei');
		await page.locator('.search-box .areas button').first().click();
		await page.waitForURL(/sel=place/);
		await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest('.panel-slot'))).toBe(true);
		await page.keyboard.press('Escape');
		await panel.waitFor({ state: 'detached' });
		expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-input');
		await page.close();
	});

	test('keyboard only: tab to the list, open an item, close it, and go on from its row', async () => {
		const { page } = await open('/');
		let focusedInList = false;
		for (let i = 0; i < 40 && !focusedInList; i++) {
			await page.keyboard.press('Tab');
			focusedInList = await page.evaluate(() => !!document.activeElement?.closest('[data-testid="listing-list"]'));
		}
		expect(focusedInList).toBe(true);
		const focusedRow = () => page.evaluate(() => document.activeElement?.closest('[data-testid="listing-list"] li')?.getAttribute('data-slug'));
		const slugs = await page.getByTestId('listing-list').locator('li').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-slug')));
		const row = await focusedRow();
		const name = await page.evaluate(() => document.activeElement?.querySelector('.name')?.textContent);
		await page.keyboard.press('Enter');
		await page.getByTestId('selection-panel').waitFor();
		await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('panel-title');
		expect(await page.locator('#panel-title').textContent()).toBe(name);
		await page.keyboard.press('Escape');
		await page.getByTestId('selection-panel').waitFor({ state: 'detached' });
		expect(page.url()).not.toContain('sel=');
		// focus is back on the row it was opened from, not on the page (where Tab would start again at the top)
		expect(await focusedRow()).toBe(row);
		await page.keyboard.press('Tab');
		expect(await focusedRow()).toBe(slugs[slugs.indexOf(row!) + 1]);
		// the same with the panel's close button
		await page.keyboard.press('Enter');
		await page.getByTestId('selection-panel').waitFor();
		await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('panel-title');
		await page.keyboard.press('Tab');
		expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('关闭');
		await page.keyboard.press('Enter');
		await page.getByTestId('selection-panel').waitFor({ state: 'detached' });
		expect(await focusedRow()).toBe(slugs[slugs.indexOf(row!) + 1]);
		await page.close();
	});

	test('keyboard only: “Show more” hands focus to the first row it brought, and clearing the filters to the list', async () => {
		const { page } = await open('/?lang=en');
		const more = page.getByRole('button', { name: /^Show more/ });
		await more.focus();
		await page.keyboard.press('Enter');
		await expect.poll(() => page.getByTestId('listing-list').locator('li').count()).toBeGreaterThan(50);
		const focusedRow = () => page.evaluate(() => document.activeElement?.closest('[data-testid="listing-list"] li')?.getAttribute('data-slug'));
		const slugs = await page.getByTestId('listing-list').locator('li').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-slug')));
		await expect.poll(focusedRow).toBe(slugs[50]);
		await page.keyboard.press('Tab');
		expect(await focusedRow()).toBe(slugs[51]);
		expect(new URL(page.url()).searchParams.has('rows')).toBe(false); // added here: the page was not reloaded

		// a filter, then its clear button (which goes away with it)
		await page.getByRole('button', { name: /^Apparel/ }).click();
		await page.waitForURL(/sectors=apparel/);
		await page.locator('.side').getByRole('button', { name: 'Clear filters' }).first().focus();
		await page.keyboard.press('Enter');
		await page.waitForURL((url) => !url.searchParams.has('sectors'));
		await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('results');
		await page.keyboard.press('Tab');
		expect(await page.evaluate(() => !!document.activeElement?.closest('#results'))).toBe(true);
		await page.close();
	});

	test('focus moves to a panel the user opens, not to the one a shared link opens, nor when the language changes', async () => {
		const { page } = await open('/?sel=place:shuibei-buxin-jewellery-cluster');
		await page.getByTestId('selection-panel').waitFor();
		expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);

		await page.locator('header a.lang').focus();
		await page.keyboard.press('Enter');
		await expect.poll(() => page.locator('#panel-title').textContent()).toContain('Shuibei');
		expect(await page.evaluate(() => document.activeElement?.classList.contains('lang'))).toBe(true);

		const row = page.locator('[data-testid="listing-list"] li a').first();
		const name = await row.locator('.name').textContent();
		await row.click();
		await expect.poll(() => page.locator('#panel-title').textContent()).toBe(name);
		await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('panel-title');
		await page.close();
	});

	test('axe finds no serious or critical violations on the map page (also with the area suggestions open), the cluster view with an area’s statistics open, and an area page', async () => {
		const seriousViolations = async (page: Page, label: string) => {
			const results = await new AxeBuilder({ page }).analyze();
			return results.violations
				.filter((v) => v.impact === 'serious' || v.impact === 'critical')
				.map((v) => `${label}: ${v.id} (${v.nodes.length}) ${v.nodes[0]?.target.join(' ')}`);
		};
		for (const path of ['/', '/place/shuibei-buxin-jewellery-cluster', '/?view=clusters&lang=en&area=shuibei-buxin-jewellery-cluster']) {
			// axe needs a page of an explicit browser context
			const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
			const page = await context.newPage();
			await page.goto(`${site.url}${path}`);
			if (path !== '/place/shuibei-buxin-jewellery-cluster') await waitForMapIdle(page);
			// the cluster view's support measures and the area panel's, each a region named by its own heading
			if (path.includes('area=')) await page.getByTestId('policy-measures').nth(1).waitFor();
			// ids are unique (an aria-labelledby with a twin names the wrong thing; axe calls that minor)
			const twins = await page.evaluate(() => {
				const ids = [...document.querySelectorAll('[id]')].map((element) => element.id);
				return ids.filter((id, index) => ids.indexOf(id) !== index);
			});
			expect(twins, path).toEqual([]);
			expect(await seriousViolations(page, path)).toEqual([]);
			if (path === '/') {
				await page.getByRole('searchbox').fill('shuibei');
				await page.getByTestId('area-matches').waitFor();
				expect(await seriousViolations(page, `${path} with suggestions`)).toEqual([]);
			}
			await context.close();
		}
	});

	test('the side column’s sections are headings, for a screen reader’s list of headings, with their summaries still opening them; the list is a region', async () => {
		const { page, errors } = await open('/?lang=en');
		const outline = await page.getByRole('heading').evaluateAll((headings) => headings.map((h) => `${h.tagName} ${h.textContent?.replace(/\s+/g, ' ').trim()}`));
		expect(outline).toEqual([
			'H1 Shenzhen Fashion Map',
			'H2 Filters',
			'H2 Statistics for any area',
			'H2 Fashion consumption districts 5',
			'H2 Industry clusters 15',
			expect.stringMatching(/^H2 List \d+ listings$/)
		]);
		// landmarks: the list is a region named by its heading; none is named "Filters" while holding the rest too
		expect(await page.getByRole('region', { name: /^List \d+ listings$/ }).getByTestId('listing-list').count()).toBe(1);
		expect(await page.getByRole('region', { name: 'Filters' }).count()).toBe(0);
		// the heading is the summary's content: a click on it still opens and closes its section
		const clusters = page.locator('details', { has: page.getByRole('heading', { name: /^Industry clusters/ }) });
		const wasOpen = await clusters.evaluate((details) => (details as HTMLDetailsElement).open);
		await page.getByRole('heading', { name: /^Industry clusters/ }).click();
		expect(await clusters.evaluate((details) => (details as HTMLDetailsElement).open)).toBe(!wasOpen);
		expect(errors).toEqual([]);
		await page.close();
	});

	test('a selection scrolls the list to its row in the side column; a link’s leaves the page where it is (a phone keeps the map in view)', async () => {
		const first = await open('/');
		const slugs = await first.page.locator('[data-testid="listing-list"] li').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-slug')));
		await first.page.close();
		// rows far below the filters and the areas, among rows never drawn yet (content-visibility), whose real
		// heights, once drawn, pushed the row out of view again (the 26th and 31st did)
		for (const slug of [slugs[25]!, slugs[30]!, slugs[40]!]) {
			const desktop = await open(`/?sel=listing:${slug}`);
			const row = desktop.page.locator(`[data-testid="listing-list"] li[data-slug="${slug}"]`);
			const inSideColumn = () =>
				row.evaluate((li) => {
					const [r, side] = [li.getBoundingClientRect(), li.closest('.side')!.getBoundingClientRect()];
					return r.top >= side.top - 1 && r.bottom <= side.bottom + 1; // scroll offsets are whole pixels
				});
			await expect.poll(inSideColumn).toBe(true);
			await desktop.page.waitForTimeout(1000); // and it stays there once the rows around it are drawn
			expect(await inSideColumn(), slug).toBe(true);
			expect(await desktop.page.evaluate(() => scrollY)).toBe(0);
			await desktop.page.close();
		}
		const slug = slugs[40]!;
		const phone = await open(`/?sel=listing:${slug}`, { width: 390, height: 844 });
		await phone.page.locator('.panel-slot').waitFor();
		expect(await phone.page.evaluate(() => scrollY)).toBe(0);
		await phone.page.close();
	});

	test('on a phone, a listing picked in the list below the map is shown on the map above the sheet; closing the sheet goes back to its row', async () => {
		const { page } = await open('/?lang=en', { width: 390, height: 844 });
		// a row well down the list, of a listing with a location
		const slug = await page
			.getByTestId('listing-list')
			.locator('li')
			.evaluateAll((rows) => rows.slice(6).find((row) => !row.textContent?.includes('No known location'))?.getAttribute('data-slug'));
		if (!slug) throw new Error('no located listing below the sixth row');
		const row = page.locator(`[data-testid="listing-list"] li[data-slug="${slug}"]`);
		await row.scrollIntoViewIfNeeded();
		expect(await page.getByTestId('map').evaluate((map) => map.getBoundingClientRect().bottom)).toBeLessThan(0);
		await row.locator('a').click();
		await page.locator('.panel-slot').waitFor();
		// most of the map is on screen above the sheet, and the listing lands there
		const shown = () =>
			page.evaluate((slug) => {
				const map = window.__sfmMap;
				const mapBox = map.getContainer().getBoundingClientRect();
				const sheet = document.querySelector('.panel-slot')!.getBoundingClientRect();
				const seen = (Math.min(mapBox.bottom, sheet.top) - Math.max(mapBox.top, 0)) / mapBox.height;
				const [feature] = map.querySourceFeatures('listings', { filter: ['==', ['get', 'slug'], slug] });
				if (!feature || feature.geometry.type !== 'Point' || map.isMoving()) return 'not yet';
				const point = map.project(feature.geometry.coordinates as [number, number]);
				const y = mapBox.top + point.y;
				return seen > 0.5 && y >= Math.max(mapBox.top, 0) && y <= sheet.top ? 'shown' : `map ${Math.round(seen * 100)}% seen, listing at y ${Math.round(y)}`;
			}, slug);
		await expect.poll(shown, { timeout: 10_000 }).toBe('shown');
		await page.getByRole('button', { name: 'Close' }).click();
		await page.locator('.panel-slot').waitFor({ state: 'detached' });
		// back at the row, which has focus
		expect(await page.evaluate(() => document.activeElement?.closest('li')?.getAttribute('data-slug'))).toBe(slug);
		const box = (await row.boundingBox())!;
		expect(box.y).toBeGreaterThanOrEqual(0);
		expect(box.y + box.height).toBeLessThanOrEqual(844);

		// a listing with no known location is nowhere on the map: the page stays at its row (it scrolled up to the map)
		const unlocated = page.getByTestId('listing-list').locator('li', { hasText: 'No known location' }).first();
		await unlocated.scrollIntoViewIfNeeded();
		const before = await page.evaluate(() => scrollY);
		await unlocated.locator('a').click();
		await page.locator('.panel-slot').waitFor();
		await page.waitForTimeout(500);
		expect(await page.evaluate(() => scrollY)).toBe(before);
		await page.close();
	});

	test('a listing clicked on the map whose row is not loaded yet: the list loads the rows up to it and scrolls to it; so does a link to it', async () => {
		const { page, errors } = await open('/?lang=en');
		const list = page.getByTestId('listing-list').locator('li');
		const loaded = new Set(await list.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-slug'))));
		const total = Number(/\d+/.exec((await page.getByTestId('listing-count').textContent()) ?? '')?.[0]);
		expect(total).toBeGreaterThan(loaded.size); // the seed fills more than the first page
		// a listing past the first page, alone under the pointer at street zoom
		const candidates = (await shownListings(page)).features
			.filter((f) => !loaded.has(f.properties!.slug))
			.map((f) => ({ slug: f.properties!.slug as string, lngLat: (f.geometry as Point).coordinates as [number, number] }));
		let target: { x: number; y: number; slug: string } | null = null;
		for (const { slug, lngLat } of candidates.slice(0, 30)) {
			await page.evaluate((center) => window.__sfmMap.jumpTo({ center, zoom: 16 }), lngLat);
			await waitForMapIdle(page);
			target = await page.evaluate(
				([lngLat, slug]) => {
					const p = window.__sfmMap.project(lngLat);
					const under = window.__sfmMap.queryRenderedFeatures(p, { layers: ['listings-points'] });
					return under.length === 1 && under[0]!.properties.slug === slug ? { x: p.x, y: p.y, slug } : null;
				},
				[lngLat, slug] as const
			);
			if (target) break;
		}
		expect(target, 'a lone listing past the first page in the seed data').not.toBeNull();
		const positions: string[] = [];
		page.on('request', (request) => {
			if (request.url().includes('/rpc/list_position')) positions.push(request.url());
		});
		const canvas = (await page.locator('.maplibregl-canvas').boundingBox())!;
		await page.mouse.click(canvas.x + target!.x, canvas.y + target!.y);
		await page.waitForURL(new RegExp(`sel=listing%3A${target!.slug}`));
		const row = page.locator(`[data-testid="listing-list"] li[data-slug="${target!.slug}"]`);
		await expect.poll(() => row.locator('a').getAttribute('aria-current'), { timeout: 5000 }).toBe('true');
		const inSideColumn = (slug: string, p: Page) =>
			p.locator(`[data-testid="listing-list"] li[data-slug="${slug}"]`).evaluate((li) => {
				const [r, side] = [li.getBoundingClientRect(), li.closest('.side')!.getBoundingClientRect()];
				return r.top >= side.top - 1 && r.bottom <= side.bottom + 1;
			});
		await expect.poll(() => inSideColumn(target!.slug, page)).toBe(true);
		// whole pages, in the list's order: the rows before it are all there, and "Show more" counts the rest
		const rows = await list.count();
		expect(rows % 50 === 0 || rows === total).toBe(true);
		expect(positions).toHaveLength(1);
		if (rows < total) await expect.poll(() => page.getByRole('button', { name: /^Show more/ }).textContent()).toContain(String(total - rows));
		expect(errors).toEqual([]);
		await page.close();

		// a shared link to it
		const linked = await open(`/?lang=en&sel=listing:${target!.slug}`);
		await expect.poll(() => linked.page.locator(`[data-testid="listing-list"] li[data-slug="${target!.slug}"] a`).getAttribute('aria-current')).toBe('true');
		await expect.poll(() => inSideColumn(target!.slug, linked.page)).toBe(true);
		await linked.page.close();
	});

	test('a new list in a side column scrolled down into the old one starts at its top; toggling a filter at the top stays there', async () => {
		const { page } = await open('/?lang=en');
		const side = page.locator('.side');
		const resultsTopInColumn = () =>
			page.evaluate(() => Math.round(document.getElementById('results')!.getBoundingClientRect().top - document.querySelector('.side')!.getBoundingClientRect().top));
		await side.evaluate((column) => column.scrollTo(0, 3000)); // down among the rows
		expect(await resultsTopInColumn()).toBeLessThan(-1000);
		// a search that still lists a page of 50 (on the old offset the column would stay among its rows)
		await page.getByRole('searchbox').fill('shenzhen');
		await expect.poll(() => page.getByTestId('listing-count').textContent()).not.toBe('111 listings');
		expect(await page.getByTestId('listing-list').locator('li').count()).toBe(50);
		await expect.poll(async () => Math.abs(await resultsTopInColumn())).toBeLessThanOrEqual(1);
		// at the filters, a chip toggled: the column does not move
		await side.evaluate((column) => column.scrollTo(0, 0));
		await page.getByRole('button', { name: /^Eyewear/ }).click();
		await page.waitForURL(/sectors=eyewear/);
		await page.waitForTimeout(300);
		expect(await side.evaluate((column) => column.scrollTop)).toBe(0);
		await page.close();
	});

	test('selecting a listing from a later page of the list, and closing it, keeps the rows paged in and asks for no new list', async () => {
		const { page } = await open('/?lang=en');
		const list = page.getByTestId('listing-list').locator('li');
		const firstPage = await list.count();
		await page.getByRole('button', { name: /^Show more/ }).click();
		await expect.poll(() => list.count()).toBeGreaterThan(firstPage);
		const paged = await list.count();
		const lists: string[] = [];
		const details: string[] = [];
		page.on('request', (request) => {
			if (request.url().includes('/rpc/map_summary')) lists.push(request.url());
			if (request.url().includes('/rpc/get_listing')) details.push(request.url());
		});
		const row = list.nth(paged - 1); // on the second page
		const slug = (await row.getAttribute('data-slug'))!;
		await row.getByRole('link').click();
		await page.waitForURL(new RegExp(`sel=listing%3A${slug}`));
		await page.locator('.panel-slot').waitFor();
		await expect.poll(() => page.locator(`[data-testid="listing-list"] li[data-slug="${slug}"] a`).getAttribute('aria-current')).toBe('true');
		expect(await list.count()).toBe(paged);
		await page.keyboard.press('Escape');
		await page.waitForURL((url) => !url.searchParams.has('sel'));
		expect(await list.count()).toBe(paged);
		expect(lists).toEqual([]);
		expect(details).toHaveLength(1); // the listing's, asked for once
		await page.close();
	});

	test('a selected listing lands in the part of the map the panel leaves visible, on a desktop and on a phone', async () => {
		for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
			const { page } = await open('/?sel=listing:chic-shenzhen', viewport);
			await page.locator('.panel-slot').waitFor();
			const visible = () =>
				page.evaluate(() => {
					const map = window.__sfmMap;
					const [feature] = map.querySourceFeatures('listings', { filter: ['==', ['get', 'slug'], 'chic-shenzhen'] });
					if (!feature || feature.geometry.type !== 'Point' || map.isMoving()) return 'not yet';
					const point = map.project(feature.geometry.coordinates as [number, number]);
					const mapBox = map.getContainer().getBoundingClientRect();
					const [x, y] = [mapBox.left + point.x, mapBox.top + point.y];
					const panel = document.querySelector('.panel-slot')!.getBoundingClientRect();
					const underPanel = x >= panel.left && x <= panel.right && y >= panel.top && y <= panel.bottom;
					const onMap = x >= mapBox.left && x <= mapBox.right && y >= mapBox.top && y <= mapBox.bottom;
					return onMap && !underPanel ? 'visible' : `hidden at ${Math.round(x)},${Math.round(y)}`;
				});
			await expect.poll(visible, { timeout: 10_000 }).toBe('visible');
			await page.close();
		}
	});

	test('a listing located only roughly is shown as the area it lies somewhere in, outlined, not at street zoom; an exact one at street zoom', async () => {
		for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
			const { page } = await open('/?lang=en&q=china%20print%20museum', viewport);
			const cityZoom = await page.evaluate(() => window.__sfmMap.getZoom());
			await page.getByTestId('listing-list').getByText('China Printmaking Museum').click(); // within about 4,000 m
			await page.waitForURL(/sel=listing/);
			// the framing has run and ended (idle alone can come mid-animation: every tile may be loaded then)
			await expect
				.poll(() => page.evaluate((from) => !!window.__sfmMap.getSource('listings-selected-area') && window.__sfmMap.getZoom() !== from && !window.__sfmMap.isMoving(), cityZoom), { timeout: 15_000 })
				.toBe(true);
			await waitForMapIdle(page);
			const shown = await page.evaluate(async () => {
				const map = window.__sfmMap;
				const area = map.querySourceFeatures('listings-selected-area');
				const ring = (area[0]?.geometry as GeoJSON.Polygon | undefined)?.coordinates[0] ?? [];
				const px = ring.map((c) => map.project(c as [number, number]));
				const box = map.getContainer().getBoundingClientRect();
				const panel = document.querySelector('.panel-slot')!.getBoundingClientRect();
				return {
					zoom: map.getZoom(),
					drawn: map.queryRenderedFeatures({ layers: ['listings-selected-area-line'] }).length > 0,
					// the outline lies in the part of the map the panel leaves visible
					inView: px.every((p) => p.x >= 0 && p.y >= 0 && p.x <= box.width && p.y <= box.height && (panel.width >= box.width * 0.9 ? box.top + p.y <= panel.top : box.left + p.x <= panel.left))
				};
			});
			expect(shown.drawn).toBe(true);
			expect(shown.inView).toBe(true);
			expect(shown.zoom).toBeLessThan(14);
			// framed: on a desktop it zoomed in from the whole city to the area (a phone's map above its sheet is small)
			if (viewport.width > 900) expect(shown.zoom).toBeGreaterThan(cityZoom + 0.5);
			await page.close();
		}
		// a listing at a street address: street zoom, and no area drawn
		const { page } = await open('/?lang=en&sel=listing:design-shenzhen');
		await waitForMapIdle(page);
		expect(await page.evaluate(() => window.__sfmMap.getZoom())).toBeGreaterThanOrEqual(15);
		expect(await page.evaluate(() => !!window.__sfmMap.getSource('listings-selected-area'))).toBe(false);
		await page.close();
	});

	test('at street zoom, a listing clicked where the panel will cover it is panned into view without zooming out; one off screen is flown to', async () => {
		const { page } = await open('/');
		// a listing alone at its spot (events share their venue's), as a single point near the right edge of the map,
		// where the panel opens
		const { slug, coordinates } = await page.evaluate(async () => {
			const listings = (await (window.__sfmMap.getSource('listings') as GeoJSONSource).getData()) as FeatureCollection;
			const at = (f: (typeof listings.features)[number]) => (f.geometry as Point).coordinates.join();
			const alone = listings.features.find((f) => listings.features.filter((g) => at(g) === at(f)).length === 1)!;
			return { slug: alone.properties!.slug as string, coordinates: (alone.geometry as Point).coordinates as [number, number] };
		});
		await page.evaluate((center) => {
			const map = window.__sfmMap;
			map.jumpTo({ center, zoom: 16 });
			map.panBy([-(map.getCanvas().clientWidth / 2 - 60), 0], { animate: false });
		}, coordinates);
		await waitForMapIdle(page);
		const point = await page.evaluate((lngLat) => {
			const map = window.__sfmMap;
			const zooms: number[] = ((window as unknown as { __zooms: number[] }).__zooms = []);
			map.on('move', () => zooms.push(map.getZoom()));
			const p = map.project(lngLat);
			const box = map.getCanvas().getBoundingClientRect();
			return { x: box.left + p.x, y: box.top + p.y };
		}, coordinates);
		await page.mouse.click(point.x, point.y);
		await page.waitForURL((url) => url.searchParams.get('sel') === `listing:${slug}`);
		await page.locator('.panel-slot').waitFor();
		await expect.poll(() => page.evaluate(() => (window as unknown as { __zooms: number[] }).__zooms.length > 0 && !window.__sfmMap.isMoving())).toBe(true);
		const { zooms, x, panelLeft } = await page.evaluate((lngLat) => {
			const map = window.__sfmMap;
			return {
				zooms: (window as unknown as { __zooms: number[] }).__zooms,
				x: map.getCanvas().getBoundingClientRect().left + map.project(lngLat).x,
				panelLeft: document.querySelector('.panel-slot')!.getBoundingClientRect().left
			};
		}, coordinates);
		expect(x).toBeLessThan(panelLeft); // in view beside the panel
		expect(Math.min(...zooms)).toBeCloseTo(16, 6); // a pan: every frame at street zoom

		// a listing off screen, picked from the list: the map flies there (out over the city and back in)
		const farSlug = await page.evaluate(async () => {
			const map = window.__sfmMap;
			const listings = (await (map.getSource('listings') as GeoJSONSource).getData()) as FeatureCollection;
			const inList = new Set([...document.querySelectorAll('[data-testid="listing-list"] li a')].map((a) => new URL((a as HTMLAnchorElement).href).pathname));
			const far = listings.features.find((f) => inList.has(`/listing/${f.properties!.slug}`) && !map.getBounds().contains((f.geometry as Point).coordinates as [number, number]));
			return far?.properties!.slug as string | undefined;
		});
		expect(farSlug).toBeTruthy();
		await page.evaluate(() => ((window as unknown as { __zooms: number[] }).__zooms.length = 0));
		await page.getByTestId('listing-list').locator(`a[href^="/listing/${farSlug}"]`).click();
		await page.waitForURL((url) => url.searchParams.get('sel') === `listing:${farSlug}`);
		// a flight across the city takes seconds in software WebGL
		await expect.poll(() => page.evaluate(() => (window as unknown as { __zooms: number[] }).__zooms.length > 0 && !window.__sfmMap.isMoving()), { timeout: 20_000 }).toBe(true);
		expect(Math.min(...(await page.evaluate(() => (window as unknown as { __zooms: number[] }).__zooms)))).toBeLessThan(15.5);
		await page.close();
	});

	test('an open panel scrolls inside itself, under its title bar: the page never scrolls on a desktop screen', async () => {
		const { page } = await open('/?sel=place:shuibei-buxin-jewellery-cluster');
		await page.getByTestId('figures').waitFor();
		expect(await page.evaluate(() => document.scrollingElement!.scrollHeight)).toBeLessThanOrEqual(800);
		// scrolled under the panel's sticky title bar, the figures table stays under it
		const onTop = await page.evaluate(() => {
			const panel = document.querySelector<HTMLElement>('[data-testid="selection-panel"]')!;
			const table = document.querySelector<HTMLElement>('[data-testid="figures"]')!;
			panel.scrollTop += table.getBoundingClientRect().top - panel.getBoundingClientRect().top;
			const title = document.getElementById('panel-title')!.getBoundingClientRect();
			return document.elementFromPoint(title.left + 10, title.top + title.height / 2)?.closest('.bar') !== null;
		});
		expect(onTop).toBe(true);
		await page.close();
	});

	test('without a camera in the link, a phone or a tablet shows the same stretch of Shenzhen as a desktop, zoomed out to fit, with district names (all five on a desktop)', async () => {
		const span = async (viewport?: { width: number; height: number }, lang = 'zh') => {
			const { page } = await open(lang === 'zh' ? '/' : `/?lang=${lang}`, viewport);
			const bounds = await page.evaluate(() => {
				const b = window.__sfmMap.getBounds();
				// symbols MapLibre placed (drawn) on screen, not merely present in the data
				const named = window.__sfmMap
					.queryRenderedFeatures({ layers: ['places-label'] })
					.filter((f) => f.properties.kind === 'consumption_district');
				return { west: b.getWest(), east: b.getEast(), zoom: window.__sfmMap.getZoom(), districtLabels: named.length };
			});
			await page.close();
			return bounds;
		};
		const desktop = await span();
		// a tablet in portrait: a narrow map taller than wide, which the map's pan limits must still let zoom out
		for (const viewport of [{ width: 390, height: 844 }, { width: 820, height: 1180 }]) {
			const narrow = await span(viewport);
			expect(narrow.zoom).toBeLessThan(desktop.zoom);
			expect(narrow.west).toBeCloseTo(desktop.west, 1);
			expect(narrow.east).toBeCloseTo(desktop.east, 1);
			expect(narrow.districtLabels, `${viewport.width}×${viewport.height}`).toBeGreaterThan(0);
		}
		// on a desktop every one of the five is named, in either language
		expect(desktop.districtLabels).toBe(5);
		expect((await span(undefined, 'en')).districtLabels).toBe(5);
	});

	test('a place is named once on the map, also where its outline crosses a tile boundary', async () => {
		// at zoom 14 tile edges cut Futian's outline in four (lon 114.0601, lat 22.5329): labelled by polygon, MapLibre
		// drew its name once per piece; this camera is centred on the place's own point
		const { page } = await open('/?lang=en#map=14.50/22.5335/114.0548');
		const names = await page.evaluate(() => window.__sfmMap.queryRenderedFeatures({ layers: ['places-label'] }).map((f) => f.properties.id as string));
		expect(names.filter((id) => id === 'futian-central-business-area')).toHaveLength(1);
		expect(names).toHaveLength(new Set(names).size);
		await page.close();
	});

	test('on a touch screen every control of the page is at least 44 px each way, also in the clusters view', async () => {
		const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
		for (const path of ['/?lang=en', '/?view=clusters', '/?lang=en&sel=place:dalang-fashion-town']) {
			const page = await context.newPage();
			await page.goto(`${site.url}${path}`);
			await waitForMapIdle(page);
			// open every section, so that what it holds is measured too
			await page.locator('details:not([open]) > summary').evaluateAll((toggles) => toggles.forEach((toggle) => (toggle as HTMLElement).click()));
			const small = await page
				.locator('button, summary, select, input:not([type="hidden"]), .exports a, [data-testid="listing-list"] a, .top a, .views a')
				.evaluateAll((controls) =>
					controls
						.filter((control) => control.checkVisibility() && !control.closest('.maplibregl-ctrl-attrib'))
						// a checkbox's label is its tap target
						.map((control) => ({ control, box: (control.matches('[type="checkbox"]') ? (control.closest('label') ?? control) : control).getBoundingClientRect() }))
						.filter(({ box }) => box.width < 44 - 0.5 || box.height < 44 - 0.5)
						.map(({ control, box }) => `${control.tagName.toLowerCase()} “${(control.textContent || control.getAttribute('aria-label') || '').trim().slice(0, 30)}” ${Math.round(box.width)}×${Math.round(box.height)}`)
				);
			expect(small, path).toEqual([]);
			await page.close();
		}
		await context.close();
	});

	test('on a phone, what the keyboard focuses behind an open bottom sheet is scrolled up above it, the last links too', async () => {
		const { page } = await open('/?lang=en', { width: 390, height: 844 });
		const rows = page.getByTestId('listing-list').locator('li a');
		await rows.nth(3).focus();
		await page.keyboard.press('Enter');
		await page.locator('#panel-title').waitFor();
		const sheetTop = (await page.locator('.panel-slot').boundingBox())!.y;
		// back out of the panel, through the rows and links behind it (the page's last links among them)
		const hidden: string[] = [];
		for (let i = 0; i < 8; i++) {
			await page.keyboard.press('Shift+Tab');
			// (the page scrolls smoothly: once it has stopped)
			let [before, after] = [-1, await page.evaluate(() => scrollY)];
			while (before !== after) [before, after] = [after, await page.waitForTimeout(100).then(() => page.evaluate(() => scrollY))];
			const focused = await page.evaluate(() => {
				const el = document.activeElement as HTMLElement;
				const box = el.getBoundingClientRect();
				return { inSheet: !!el.closest('.panel-slot'), text: `${el.tagName} ${(el.textContent ?? '').trim().slice(0, 40)}`, top: box.top, bottom: box.bottom };
			});
			// a link or button whole above the sheet; the map (a large box) at least in part
			const shown = focused.bottom - focused.top > 200 ? focused.top < sheetTop : focused.top >= 0 && focused.bottom <= sheetTop + 1;
			if (!focused.inSheet && !shown) hidden.push(`${focused.text} at ${Math.round(focused.top)}–${Math.round(focused.bottom)}`);
		}
		expect(hidden, `sheet top ${Math.round(sheetTop)}`).toEqual([]);
		await page.close();
	});

	test('phone viewport: header, map, list and the bottom sheet do not overlap', async () => {
		// Shuibei's long name fills any panel; Dafen's short one showed a sheet shrunk to its content (Chromium
		// applies justify-self to fixed boxes)
		for (const place of ['shuibei-buxin-jewellery-cluster', 'dafen-oil-painting-village']) {
			const { page } = await open(`/?sel=place:${place}`, { width: 390, height: 844 });
			const box = async (selector: string) => (await page.locator(selector).boundingBox())!;
			const [top, map, side] = [await box('.top'), await box('.map-slot'), await box('.side')];
			const overlaps = (a: typeof top, b: typeof top) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
			expect(overlaps(top, map)).toBe(false);
			expect(overlaps(map, side)).toBe(false);
			for (const b of [top, map, side]) expect(b.x + b.width).toBeLessThanOrEqual(390 + 0.5);
			// the bottom sheet sits at the bottom, below the header, and fits the screen
			const sheet = await box('.panel-slot');
			expect(sheet.y).toBeGreaterThan(top.y + top.height);
			expect(sheet.y + sheet.height).toBeLessThanOrEqual(844 + 0.5);
			expect(sheet.x, place).toBeCloseTo(0, 0); // the full width of the screen, not the desktop side panel's share of it
			expect(sheet.width, place).toBeCloseTo(390, 0);
			// no horizontal scrolling
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
			// the scale stands clear above the attribution, whose text wraps to two lines here
			const [scale, attribution] = [await box('.maplibregl-ctrl-scale'), await box('.maplibregl-ctrl-attrib')];
			expect(scale.y + scale.height).toBeLessThanOrEqual(attribution.y);
			expect(attribution.y + attribution.height).toBeCloseTo(map.y + map.height, 0);
			await page.close();
		}
	});
});

describe('the map explorer when the default basemap (OpenFreeMap) cannot be reached', () => {
	let openfreemapSite: SiteServer;
	beforeAll(async () => {
		openfreemapSite = await startSite({ PUBLIC_EXPOSE_MAP: '1', PUBLIC_BASEMAP: 'openfreemap' });
	});
	afterAll(() => openfreemapSite?.stop());

	test('our districts and listings still show, and a notice says the basemap is missing', async () => {
		const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
		// refused here whatever this machine's network allows, so the test means the same everywhere
		await page.route(/^https:\/\/tiles\.openfreemap\.org\//, (route) => route.abort('internetdisconnected'));
		await page.goto(`${openfreemapSite.url}/`);
		await waitForMapIdle(page);
		await expect.poll(() => page.getByRole('status').filter({ hasText: '底图无法加载' }).count()).toBe(1);
		const shown = await page.evaluate(() => ({
			districts: new Set(
				window.__sfmMap.querySourceFeatures('places').filter((f) => f.properties.kind === 'consumption_district').map((f) => f.properties.id)
			).size,
			listings: window.__sfmMap.queryRenderedFeatures({ layers: ['listings-clusters', 'listings-points'] }).length
		}));
		expect(shown.districts).toBe(5);
		expect(shown.listings).toBeGreaterThan(0);
		await page.close();
	});

	test('the basemap notice stays readable: beside the cluster view’s legend on a phone, beside a panel on a desktop', async () => {
		const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
		await page.route(/^https:\/\/tiles\.openfreemap\.org\//, (route) => route.abort('internetdisconnected'));
		await page.goto(`${openfreemapSite.url}/?view=clusters&lang=en`);
		await waitForMapIdle(page);
		const notice = page.getByRole('status').filter({ hasText: 'basemap could not be loaded' });
		await expect.poll(() => notice.count()).toBe(1);
		const [a, b] = [(await notice.boundingBox())!, (await page.getByTestId('map-legend').boundingBox())!];
		expect(a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height).toBe(false);
		// on a desktop, with an area's panel over the map's right side, the notice ends where the panel begins
		await page.setViewportSize({ width: 1280, height: 800 });
		await page.goto(`${openfreemapSite.url}/?sel=place:dalang-fashion-street&lang=en`);
		await waitForMapIdle(page); // the notice comes once the basemap has failed, which on a busy machine takes a while
		await expect.poll(() => notice.count()).toBe(1);
		const [shown, panel] = [(await notice.boundingBox())!, (await page.locator('.panel-slot').boundingBox())!];
		expect(shown.x + shown.width).toBeLessThanOrEqual(panel.x);
		await page.close();
	});
});
