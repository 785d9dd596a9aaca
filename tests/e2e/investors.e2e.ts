// Issue #6 (investors) in Chromium against the built site: the cluster view with its choropleth, a comparison
// whose URL restores the same areas and measures in a fresh browser, drawing an area for its statistics, and the
// refusal of a polygon that crosses itself.
import type { FeatureCollection, Point } from 'geojson';
import type { GeoJSONSource } from 'maplibre-gl';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSite, type SiteServer } from '../support/site-server.ts';
import { collectErrors, launchBrowser, recordMapCalls, shownListings, waitForMapIdle } from './browser.ts';

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

async function open(path: string, viewport = { width: 1280, height: 900 }) {
	const context = await browser.newContext({ viewport }); // a fresh browser profile: no state but the URL
	const page = await context.newPage();
	const errors = collectErrors(page);
	await page.goto(`${site.url}${path}`);
	await waitForMapIdle(page);
	return { page, errors, close: () => context.close() };
}

/** What the comparison shows: column headings and every row's cells, as text. */
async function comparison(page: Page) {
	const table = page.getByTestId('compare-table');
	await table.waitFor();
	const headings = (await table.locator('thead th').allTextContents()).map((t) => t.replace('×', '').trim());
	const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent?.trim())));
	return { headings, rows };
}

/** Clicks the map at a WGS84 position. */
async function clickMap(page: Page, lngLat: [number, number], options: { double?: boolean } = {}) {
	const point = await page.evaluate((ll) => window.__sfmMap.project(ll as [number, number]), lngLat);
	const box = (await page.locator('[data-testid="map"] canvas').boundingBox())!;
	if (options.double) await page.mouse.dblclick(box.x + point.x, box.y + point.y);
	else await page.mouse.click(box.x + point.x, box.y + point.y);
}

describe('investors (issue #6)', () => {
	test('the cluster view lists the areas with counts and colours the map by the chosen measure, with a legend', async () => {
		const { page, errors, close } = await open('/?view=clusters');
		const rows = page.getByTestId('cluster-table').locator('tbody tr');
		expect(await rows.count()).toBeGreaterThanOrEqual(20);
		const layers = await page.evaluate(() => window.__sfmMap.getStyle().layers.map((l) => l.id));
		expect(layers).toEqual(expect.arrayContaining(['choropleth-fill', 'choropleth-point', 'places-fill', 'listings-points']));
		await page.getByTestId('map-legend').waitFor();
		// listing counts: each class names its own whole numbers ("0", "2–6", "7+"), none shared with the next class
		const ranges = (await page.getByTestId('map-legend').locator('li').allTextContents()).filter((r) => /\d/.test(r));
		const bounds = ranges.map((r) => /^(\d+)(?:–(\d+)|(\+))?$/.exec(r.trim())!).map((m): [number, number] => [Number(m[1]), m[3] ? Infinity : Number(m[2] ?? m[1])]);
		expect(bounds.length).toBeGreaterThan(1);
		for (let i = 1; i < bounds.length; i++) expect(bounds[i]![0]).toBe(bounds[i - 1]![1] + 1);
		await page.getByTestId('measure-select').selectOption('fig_output');
		await page.waitForURL(/measure=fig_output/);
		await expect.poll(() => page.getByTestId('map-legend').textContent()).toMatch(/产值/);
		// published figures: the numbers in the language's short form (亿, not ×10⁸), and the unit they are in
		expect(await page.getByTestId('map-legend').locator('.legend-unit').textContent()).toBe('单位：元');
		const outputs = (await page.getByTestId('map-legend').locator('li').allTextContents()).filter((r) => /\d/.test(r));
		for (const range of outputs) expect(range).toMatch(/^[\d.]+亿(–[\d.]+亿|\+)$/);
		await page.getByTestId('measure-select').selectOption('fig_area');
		await expect.poll(() => page.getByTestId('map-legend').locator('.legend-unit').textContent()).toBe('单位：平方公里');
		// sorting is in the URL too
		await page.getByRole('button', { name: '企业（条目）' }).click();
		await page.waitForURL(/sort=-enterprise/);
		// the listings give way to the coloured areas (their clusters' badges covered them), and come back with the map view
		const drawnListingLayers = () =>
			page.evaluate(() => window.__sfmMap.getStyle().layers.filter((l) => l.id.startsWith('listings') && l.layout?.visibility !== 'none').map((l) => l.id));
		expect(await drawnListingLayers()).toEqual([]);
		await page.getByRole('link', { name: '地图与列表' }).click();
		await page.waitForURL((url) => !url.searchParams.has('view'));
		await expect.poll(drawnListingLayers).toEqual(expect.arrayContaining(['listings-clusters', 'listings-points']));
		expect(errors).toEqual([]);
		await close();
	});

	test('filtered to one sector, the cluster view colours the areas with its listings apart from those without, under their names', async () => {
		// few areas have eyewear listings: most share the lowest value, 0, which once left no class breaks at all
		const legend = async (page: Page) => (await page.getByTestId('map-legend').locator('li').allTextContents()).map((r) => r.trim()).filter((r) => /\d/.test(r));
		for (const how of ['link', 'chip'] as const) {
			const { page, errors, close } = await open(how === 'link' ? '/?view=clusters&sectors=eyewear&lang=en' : '/?view=clusters&lang=en');
			if (how === 'chip') {
				await page.getByRole('button', { name: /^Eyewear/ }).click();
				await page.waitForURL(/sectors=eyewear/);
			}
			await expect.poll(() => legend(page)).toContain('0');
			const classes = await legend(page);
			expect(classes[0]).toBe('0');
			expect(classes.length).toBeGreaterThan(1);
			// the fill follows those classes (MapLibre refused the step without stops it was given) …
			const fill = await page.evaluate(() => JSON.stringify(window.__sfmMap.getPaintProperty('choropleth-fill', 'fill-color')));
			expect(fill).toContain('"step"');
			// … and nothing is mistaken for a missing basemap (this site's is offline on purpose)
			expect(await page.getByRole('status').filter({ hasText: 'basemap could not be loaded' }).count()).toBe(0);
			// the areas' names are drawn over their colours
			const order = await page.evaluate(() => window.__sfmMap.getStyle().layers.map((l) => l.id));
			for (const layer of ['choropleth-fill', 'choropleth-outline', 'choropleth-point']) expect(order.indexOf(layer)).toBeLessThan(order.indexOf('places-label'));
			expect(errors).toEqual([]);
			await close();
		}
	});

	test('sorting the cluster table re-sends and re-styles nothing on the map; another measure re-sends the choropleth only', async () => {
		// an area drawn as an outline, shown on the map as the area being looked at
		const first = await open('/');
		const outlined = await first.page.evaluate(async () => {
			const places = (await (window.__sfmMap.getSource('places') as GeoJSONSource).getData()) as FeatureCollection;
			return places.features.find((f) => f.geometry.type === 'Polygon')?.properties?.id as string | undefined;
		});
		await first.close();
		expect(outlined).toBeTruthy();

		const { page, errors, close } = await open(`/?view=clusters&area=${outlined}`);
		const mapCalls = await recordMapCalls(page, ['choropleth', 'draw', 'places']);
		expect(await page.evaluate(() => ['choropleth', 'draw'].map((id) => !!window.__sfmMap.getSource(id)))).toEqual([true, true]);

		await page.getByRole('button', { name: '企业（条目）' }).click();
		await page.waitForURL(/sort=-enterprise/);
		await waitForMapIdle(page);
		expect(await mapCalls()).toEqual([]);

		await page.getByTestId('measure-select').selectOption('fig_output');
		await page.waitForURL(/measure=fig_output/);
		await waitForMapIdle(page);
		expect(new Set((await mapCalls()).filter((call) => !call.startsWith('paint choropleth')))).toEqual(new Set(['data choropleth']));
		expect(errors).toEqual([]);
		await close();
	});

	test('the cluster table keeps its column headings in view while its rows scroll', async () => {
		const { page, errors, close } = await open('/?view=clusters&lang=en');
		const table = page.getByTestId('cluster-table');
		await table.locator('tbody tr').first().waitFor();
		// a reader scrolls down the table with the wheel, from its top, to its last rows
		await table.evaluate((element) => element.parentElement!.scrollIntoView({ block: 'start' }));
		const box = (await table.boundingBox())!;
		await page.mouse.move(box.x + 200, box.y + 200);
		for (let i = 0; i < 15; i++) await page.mouse.wheel(0, 200);
		const first = table.locator('tbody tr').first();
		await expect.poll(async () => (await first.boundingBox())!.y).toBeLessThan(0); // the first rows have gone by
		// the headings are still there, drawn over the rows
		const heading = (await table.locator('thead th').nth(2).boundingBox())!;
		expect(heading.y).toBeGreaterThanOrEqual(0);
		expect(heading.y + heading.height).toBeLessThanOrEqual(800);
		expect(await page.evaluate(([x, y]) => document.elementFromPoint(x!, y!)?.closest('thead') !== null, [heading.x + 5, heading.y + heading.height / 2])).toBe(true);
		expect(errors).toEqual([]);
		await close();
	});

	test('a shared comparison URL restores the same areas and measures in a fresh browser', async () => {
		const { page, errors, close } = await open('/?view=clusters&lang=en');
		for (const name of [/Shuibei/, /Dalang Fashion Street/, /Henggang Glasses City/]) {
			await page.getByRole('checkbox', { name }).check();
		}
		await page.waitForURL(/compare=[^&]+%2C[^&]+%2C[^&]+|compare=[^&]+,[^&]+,[^&]+/);
		const shown = await comparison(page);
		expect(shown.headings.slice(1).join(' | ')).toMatch(/Dalang Fashion Street.*Shuibei.*Henggang|Shuibei.*Dalang.*Henggang|Dalang.*Henggang.*Shuibei/);
		expect(shown.rows.find((r) => r[0] === 'All listings')).toHaveLength(4);
		expect(shown.rows.some((r) => r[0] === 'Output value (published)' && /billion/.test(r.join(' ')))).toBe(true);
		// the charts' area names fit left of their bars (long English names are shortened, not cut off)
		const labelsOutside = await page
			.getByTestId('compare-panel')
			.locator('svg text.label')
			.evaluateAll((labels) => labels.filter((label) => (label as SVGTextElement).getBBox().x < 0).map((label) => label.textContent));
		expect(labelsOutside).toEqual([]);
		const shared = page.url();
		expect(errors).toEqual([]);
		await close();

		const fresh = await open(shared.slice(site.url.length));
		expect(await comparison(fresh.page)).toEqual(shown);
		expect(fresh.errors).toEqual([]);
		// Escape closes the comparison, as it does the other panels
		await fresh.page.keyboard.press('Escape');
		await fresh.page.getByTestId('compare-panel').waitFor({ state: 'detached' });
		await fresh.page.waitForURL((url) => !url.searchParams.has('compare'));
		await fresh.close();
	});

	test('on a phone, the tables keep each row’s name in view while their columns scroll sideways', async () => {
		const { page, close } = await open('/?view=clusters&lang=en&compare=shuibei-buxin-jewellery-cluster,dalang-fashion-street,henggang-glasses-city', { width: 390, height: 844 });
		// scrolled to their last column, the name of each row still lies inside the table's visible box
		for (const [table, name] of [['cluster-table', 'tbody tr:first-child th'], ['compare-table', 'tbody tr:first-child th']] as const) {
			const scroller = page.getByTestId(table).locator('xpath=..');
			await scroller.evaluate((box) => (box.scrollLeft = box.scrollWidth));
			expect(await scroller.evaluate((box) => box.scrollLeft), table).toBeGreaterThan(100); // it did scroll
			const [seen, cell] = [(await scroller.boundingBox())!, (await page.getByTestId(table).locator(name).boundingBox())!];
			expect(cell.x, table).toBeGreaterThanOrEqual(seen.x - 0.5);
			expect(cell.x + cell.width, table).toBeLessThanOrEqual(seen.x + seen.width + 0.5);
		}
		await close();
	});

	test('a comparison link naming an area that does not exist still compares the others and says which was left out', async () => {
		const { page, errors, close } = await open('/?view=clusters&lang=en&compare=shuibei-buxin-jewellery-cluster,no-such-place,dalang-fashion-street,henggang-glasses-city');
		const shown = await comparison(page);
		expect(shown.headings).toHaveLength(4); // the measure column and the three areas found
		expect(shown.headings.slice(1).join(' | ')).toMatch(/^Shuibei.* \| Dalang Fashion Street.* \| Henggang Glasses City/);
		expect(await page.getByTestId('compare-refused').textContent()).toMatch(/left out of the comparison: no-such-place$/);
		const rows = page.getByTestId('cluster-table').locator('tbody tr');
		expect(await rows.count()).toBeGreaterThanOrEqual(20);
		// three areas are compared, so a fourth can still be ticked (the missing one does not count)
		expect(await rows.locator('input[type="checkbox"]:not(:checked):disabled').count()).toBe(0);

		// the next change of the comparison drops the missing area from the link, and the notice goes
		await page.getByRole('button', { name: /Remove Dalang Fashion Street/ }).click();
		await page.waitForURL((url) => url.searchParams.get('compare') === 'shuibei-buxin-jewellery-cluster,henggang-glasses-city');
		await page.getByTestId('compare-refused').waitFor({ state: 'detached' });
		expect(errors).toEqual([]);
		await close();
	});

	test('with four areas ticked the other boxes are off, and the cluster view says why', async () => {
		const { page, errors, close } = await open('/?view=clusters&lang=en&compare=shuibei-buxin-jewellery-cluster,dalang-fashion-street,henggang-glasses-city');
		await comparison(page);
		const rows = page.getByTestId('cluster-table').locator('tbody tr');
		expect(await page.getByTestId('compare-full').count()).toBe(0);
		await rows.locator('input[type="checkbox"]:not(:checked)').first().check();
		await page.waitForURL((url) => url.searchParams.get('compare')?.split(',').length === 4);
		expect(await page.getByTestId('compare-full').textContent()).toBe('Compare at most 4 areas');
		expect(await rows.locator('input[type="checkbox"]:not(:checked):not(:disabled)').count()).toBe(0);
		expect(errors).toEqual([]);
		await close();
	});

	test('when the cluster statistics cannot be loaded, the cluster view says so instead of showing an empty table', async () => {
		const { page, close } = await open('/?lang=en');
		// the data service stops answering this one call (the cluster view's); the rest of the page keeps working
		await page.route(/\/rest\/v1\/rpc\/area_summaries/, (route) => route.abort('connectionrefused'));
		await page.getByTestId('view-clusters').click();
		await page.waitForURL(/view=clusters/);
		expect(await page.getByTestId('clusters-failed').textContent()).toBe('The cluster statistics cannot be loaded right now; please try again shortly.');
		expect(await page.getByTestId('cluster-view').count()).toBe(0);
		await close();
	});

	test('the comparison’s counts stay dated when its first area counts no listing', async () => {
		// with the eyewear filter, the Shuibei jewellery cluster (first) counts no listing, Henggang's glasses city some
		const { page, errors, close } = await open('/?view=clusters&lang=en&sectors=eyewear&compare=shuibei-buxin-jewellery-cluster,henggang-glasses-city');
		await page.getByTestId('compare-table').waitFor();
		const totals = await page.getByTestId('compare-table').getByRole('row', { name: /^All listings/ }).getByRole('cell').allTextContents();
		expect(totals.map((n) => n.trim())).toEqual(['0', expect.stringMatching(/^[1-9]\d*$/)]);
		expect(await page.getByTestId('compare-source').textContent()).toMatch(/^Source: Shenzhen Fashion Map listings, as of \w{3} \d{1,2}, \d{4}$/);
		expect(errors).toEqual([]);
		await close();
	});

	test('a district and size no area has: the cluster view says 0 areas and offers to show them all', async () => {
		const { page, errors, close } = await open('/?view=clusters&lang=en&adistrict=440307&amin=1000');
		await expect.poll(() => page.getByTestId('cluster-count').textContent()).toBe('0 areas');
		await page.getByRole('button', { name: 'Show all areas' }).click();
		await page.waitForURL((url) => !url.searchParams.has('adistrict') && !url.searchParams.has('amin'));
		// the button goes away: the keyboard goes on from the district menu, not from the page's top
		await expect.poll(() => page.evaluate(() => document.activeElement?.closest('label')?.textContent?.trim().startsWith('District') ?? false)).toBe(true);
		await expect.poll(async () => Number(/\d+/.exec((await page.getByTestId('cluster-count').textContent()) ?? '')?.[0])).toBeGreaterThan(10);
		expect(await page.getByRole('button', { name: 'Show all areas' }).count()).toBe(0);
		expect(errors).toEqual([]);
		await close();
	});

	test('a radius picked while a circle is shown resizes that circle, and its statistics follow', async () => {
		const { page, errors, close } = await open('/?lang=en&area=c:114.1286,22.5777,1000');
		await page.getByTestId('area-stats').waitFor();
		expect(await page.locator('#area-stats-title').textContent()).toContain('1 km');
		// the area tools are open already, showing the area of the link
		expect(await page.locator('details', { has: page.getByRole('heading', { name: 'Statistics for any area' }) }).evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
		const radius = page.getByRole('combobox', { name: /^Radius/ });
		expect(await radius.inputValue()).toBe('1000');
		await radius.selectOption('5000');
		await page.waitForURL(/area=c(%3A|:)114\.1286(%2C|,)22\.5777(%2C|,)5000/);
		await expect.poll(() => page.locator('#area-stats-title').textContent()).toContain('5 km');
		expect(await radius.inputValue()).toBe('5000');
		expect(errors).toEqual([]);
		await close();
	});

	test('a link’s circle sets the radius: the menu shows it, also one not in its list, and the next circle drawn takes it', async () => {
		const { page, errors, close } = await open('/?lang=en&area=c:114.1286,22.5777,1500#map=13.00/22.5777/114.1286');
		await page.getByTestId('area-stats').waitFor();
		const radius = page.getByRole('combobox', { name: /^Radius/ });
		expect(await radius.inputValue()).toBe('1500');
		expect(await radius.locator('option:checked').textContent()).toBe('1.5 km');
		await page.getByRole('button', { name: 'Draw a radius' }).click();
		await clickMap(page, [114.12, 22.57]);
		await page.waitForURL(/area=c(%3A|:)114\.1\d*(%2C|,)22\.5\d*(%2C|,)1500(&|#|$)/); // centred where the click was
		expect(errors).toEqual([]);
		await close();
	});

	test('an area’s panel lists its listings, saying “first 50” only when it has more', async () => {
		const heading = async (area: string) => {
			const { page, close } = await open(`/?lang=en&area=${area}`);
			const panel = page.getByTestId('area-stats');
			await panel.waitFor();
			const total = Number(/\d+/.exec((await page.getByTestId('area-total').textContent()) ?? '')?.[0]);
			const listed = await panel.locator('.listings li').count();
			const text = await panel.getByRole('heading', { level: 3, name: /^Listings inside/ }).textContent();
			await close();
			return { total, listed, text };
		};
		const shuibei = await heading('shuibei-buxin-jewellery-cluster');
		expect(shuibei.listed).toBe(shuibei.total);
		expect(shuibei.text).toBe('Listings inside');
		// a box around all Shenzhen holds more listings than the panel is sent
		const city = await heading('p:113.7,22.4,114.7,22.4,114.7,22.9,113.7,22.9');
		expect(city.total).toBeGreaterThan(50);
		expect([city.listed, city.text]).toEqual([50, 'Listings inside (first 50)']);
	});

	test('drawing a polygon gives the statistics of what lies inside; the area is in the URL', async () => {
		const { page, errors, close } = await open('/#map=13.00/22.5777/114.1286');
		// the drawing's source is on the map only while there is something to draw: an empty one still has its tiles
		// made in MapLibre's worker on every load, queued with the listings'
		const drawSource = () => page.evaluate(() => !!window.__sfmMap.getSource('draw'));
		expect(await drawSource()).toBe(false);
		await page.getByText('任意区域统计').click();
		await page.getByTestId('draw-polygon').click();
		await clickMap(page, [114.115, 22.565]);
		expect(await drawSource()).toBe(true);
		await clickMap(page, [114.145, 22.565]);
		await clickMap(page, [114.145, 22.59]);
		await clickMap(page, [114.115, 22.59]);
		await page.keyboard.press('Enter');
		await page.waitForURL(/area=p/);
		await page.getByTestId('area-stats').waitFor();
		expect(await page.getByTestId('area-total').textContent()).toMatch(/区域内 \d+ 个条目|没有符合条件/);
		await page.getByTestId('sector-chart').locator('table').waitFor();
		// in the side panel the chart takes the panel's width, so its labels are drawn no smaller than written (11 px)
		const drawnPx = await page
			.getByTestId('sector-chart')
			.locator('svg text.label')
			.first()
			.evaluate((text: SVGTextElement) => text.getScreenCTM()!.a * parseFloat(getComputedStyle(text).fontSize));
		expect(drawnPx).toBeGreaterThanOrEqual(11);
		// closing the statistics takes the area, and the drawing's source, off the map
		await page.keyboard.press('Escape');
		await page.waitForURL((url) => !url.searchParams.has('area'));
		await expect.poll(drawSource).toBe(false);
		expect(errors).toEqual([]);
		await close();
	});

	test('an area with nothing in it says so, without charts of zeros or an export of nothing', async () => {
		// a circle out in the Pearl River estuary
		const { page, errors, close } = await open('/?lang=en&area=c:113.8,22.45,500');
		await page.getByTestId('area-stats').waitFor();
		expect(await page.getByTestId('area-total').textContent()).toBe('No listings matching the filters lie in this area.');
		expect(await page.getByTestId('area-stats').getByRole('table').count()).toBe(0);
		expect(await page.getByTestId('area-stats').getByRole('link', { name: /export/i }).count()).toBe(0);
		// an area with listings has both (Nanshan)
		await page.goto(`${site.url}/?lang=en&area=440305`);
		await page.getByTestId('sector-chart').locator('table').waitFor();
		expect(await page.getByTestId('area-stats').getByRole('link', { name: /export/i }).count()).toBe(1);
		expect(errors).toEqual([]);
		await close();
	});

	test('in the cluster view’s narrower panel, an area’s charts still draw their labels no smaller than written (11 px)', async () => {
		const { page, errors, close } = await open('/?view=clusters&lang=en&area=dalang-fashion-street');
		const chart = page.getByTestId('sector-chart');
		await chart.locator('table').waitFor();
		const drawn = () => chart.locator('svg text.label').first().evaluate((text: SVGTextElement) => text.getScreenCTM()!.a * parseFloat(getComputedStyle(text).fontSize));
		await expect.poll(drawn).toBeGreaterThanOrEqual(11);
		expect(await drawn()).toBeLessThan(11.5); // and no larger: one unit per pixel
		expect(errors).toEqual([]);
		await close();
	});

	test('the arrow keys step a select through its choices without acting on each; Enter (or leaving it) applies the choice', async () => {
		const { page, errors, close } = await open('/?view=clusters&lang=en');
		const entries = () => page.evaluate(() => history.length);
		const before = await entries();
		const measure = page.getByTestId('measure-select');
		await measure.focus();
		for (let i = 0; i < 3; i++) await measure.press('ArrowDown');
		const chosen = await measure.inputValue();
		expect(chosen).not.toBe('total');
		await page.waitForTimeout(500); // nothing is on its way
		expect(new URL(page.url()).searchParams.has('measure')).toBe(false);
		expect(await entries()).toBe(before);
		await measure.press('Enter');
		await page.waitForURL((url) => url.searchParams.get('measure') === chosen);
		expect(await entries()).toBe(before + 1);
		// stepped away and back, then left: nothing to apply, no new entry
		await measure.press('ArrowDown');
		await measure.press('ArrowUp');
		await measure.press('Tab');
		await page.waitForTimeout(500);
		expect([new URL(page.url()).searchParams.get('measure'), await entries()]).toEqual([chosen, before + 1]);
		// stepped, then left with Tab: applied as focus leaves
		const pick = page.getByTestId('pick-area');
		if (!(await pick.isVisible())) await page.getByText('Statistics for any area').click();
		await pick.focus();
		await pick.press('ArrowDown');
		await pick.press('ArrowDown');
		const area = await pick.inputValue();
		expect(new URL(page.url()).searchParams.has('area')).toBe(false);
		await pick.press('Tab');
		await page.waitForURL((url) => url.searchParams.get('area') === area);
		// a choice made with the pointer (or a phone's picker) applies at once
		await page.getByTestId('measure-select').selectOption('total');
		await page.waitForURL((url) => !url.searchParams.has('measure'));
		expect(errors).toEqual([]);
		await close();
	});

	test('while drawing, keys typed into the search box are the box’s: Backspace deletes text, not a corner', async () => {
		const { page, close } = await open('/#map=13.00/22.5777/114.1286');
		await page.getByText('任意区域统计').click();
		await page.getByTestId('draw-polygon').click();
		await clickMap(page, [114.115, 22.565]);
		await clickMap(page, [114.145, 22.565]);
		await clickMap(page, [114.145, 22.59]);
		const box = page.getByRole('searchbox');
		await box.click();
		await page.keyboard.type('zz');
		await page.keyboard.press('Backspace');
		expect(await box.inputValue()).toBe('z');
		// Escape closes the area suggestions (which lie over the map), and is not taken as "stop drawing"
		await page.keyboard.press('Escape');
		await page.getByTestId('area-matches').waitFor({ state: 'hidden' });
		// still drawing, with all three corners: a fourth, then Enter on the map, makes a four-cornered area
		await clickMap(page, [114.115, 22.59]);
		await page.keyboard.press('Enter');
		await page.waitForURL(/area=p/);
		const area = new URL(page.url()).searchParams.get('area')!;
		expect(area.slice(2).split(',')).toHaveLength(8);
		await close();
	});

	test('Escape while drawing stops the drawing and leaves an open panel; the next Escape closes the panel', async () => {
		const { page, close } = await open('/?sel=place:shuibei-buxin-jewellery-cluster#map=13.00/22.5777/114.1286');
		await page.locator('#panel-title').waitFor();
		await page.getByText('任意区域统计').click();
		await page.getByTestId('draw-polygon').click();
		await clickMap(page, [114.115, 22.565]);
		await clickMap(page, [114.145, 22.565]);
		await page.keyboard.press('Escape');
		await expect.poll(() => page.getByTestId('draw-polygon').getAttribute('aria-pressed')).toBe('false');
		expect(await page.locator('#panel-title').isVisible()).toBe(true);
		await page.keyboard.press('Escape');
		await page.locator('#panel-title').waitFor({ state: 'detached' });
		expect(page.url()).not.toContain('sel=');
		await close();
	});

	test('a figure’s source on a mirror site says whose article it copies, in the cluster table and the comparison', async () => {
		const { page, close } = await open('/?view=clusters&lang=en&compare=shuibei-buxin-jewellery-cluster,dalang-fashion-street');
		await comparison(page);
		for (const table of ['cluster-table', 'compare-table']) {
			const labels = await page.getByTestId(table).locator('a.src').evaluateAll((links) => links.map((a) => a.getAttribute('aria-label') ?? ''));
			const copy = labels.filter((label) => label.includes('takajo-isoku.com'));
			expect(copy.length, table).toBeGreaterThan(0);
			for (const label of copy) expect(label, table).toMatch(/\(A copy; original: 人民网深圳 \(sz\.people\.com\.cn\), 2021-05-21\)$/);
		}
		await close();
	});

	test('the plan’s support measures say what kind each source is in the page’s language', async () => {
		const { page, close } = await open('/?view=clusters');
		const text = await page.getByTestId('policy-measures').evaluate((section) => section.textContent ?? '');
		expect(text).toMatch(/\((官方发布|转载)\)/);
		expect(text).not.toMatch(/\((re-post|official)\)/); // the data's own words for it
		await close();
	});

	test('a link to the statistics of an area that does not exist says so in the page’s language', async () => {
		for (const [lang, text] of [['en', 'There is no such area to count.'], ['zh', '找不到这个区域，无法统计。']] as const) {
			const { page, errors, close } = await open(`/?lang=${lang}&area=no-such-place`);
			expect(await page.getByTestId('area-problem').textContent()).toBe(text);
			expect(errors).toEqual([]);
			await close();
		}
	});

	test('a double-click finishes a polygon, also on the corner just placed', async () => {
		for (const lastCorner of ['double-click', 'click, then double-click'] as const) {
			const { page, close } = await open('/?lang=en#map=13.00/22.5777/114.1286');
			await page.getByText('Statistics for any area').click();
			await page.getByTestId('draw-polygon').click();
			await clickMap(page, [114.115, 22.565]);
			await clickMap(page, [114.145, 22.565]);
			await clickMap(page, [114.145, 22.59]);
			if (lastCorner === 'click, then double-click') await clickMap(page, [114.115, 22.59]);
			await clickMap(page, [114.115, 22.59], { double: true });
			await page.waitForURL(/area=p/);
			expect(new URL(page.url()).searchParams.get('area')!.slice(2).split(','), lastCorner).toHaveLength(8); // 4 corners
			expect(await page.getByTestId('area-problem').count()).toBe(0);
			await close();
		}
	});

	test('a polygon that crosses itself is refused with a clear message, shown on the map it was drawn on', async () => {
		for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
			const { page, close } = await open('/?lang=en#map=13.00/22.5777/114.1286', viewport);
			await page.getByText('Statistics for any area').click();
			await page.getByTestId('draw-polygon').click();
			await page.getByTestId('map').scrollIntoViewIfNeeded(); // on a phone the area tools are below the map
			// a bow tie around the map's centre, in pixels (so that it fits a phone's map too)
			const corners = await page.evaluate(() => {
				const map = window.__sfmMap;
				const { x, y } = map.project(map.getCenter());
				return ([[-80, 60], [80, -60], [80, 60], [-80, -60]] as const).map(([dx, dy]) => map.unproject([x + dx, y + dy]).toArray() as [number, number]);
			});
			for (const corner of corners.slice(0, -1)) await clickMap(page, corner);
			await clickMap(page, corners.at(-1)!, { double: true });
			await expect.poll(() => page.getByTestId('area-problem').textContent(), { timeout: 5000 }).toMatch(/cross each other/);
			expect(page.url()).not.toContain('area=');
			// where the user is looking: on the map, on screen (on a phone the area tools' message is out of sight)
			const notice = page.getByTestId('map-draw-problem');
			expect(await notice.textContent()).toMatch(/cross each other/);
			const box = (await notice.boundingBox())!;
			expect(box.y, `${viewport.width} px wide`).toBeGreaterThanOrEqual(0);
			expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
			// the drawing tools' next use clears it
			await page.getByTestId('draw-polygon').click();
			await expect.poll(() => notice.count()).toBe(0);
			await close();
		}
	});

	test('on a phone, starting to draw brings the map, below which the tools sit, into view, saying on it what to do', async () => {
		const { page, errors, close } = await open('/?lang=en', { width: 390, height: 844 });
		await page.getByText('Statistics for any area').click();
		const drawCircle = page.getByRole('button', { name: 'Draw a radius' });
		await drawCircle.scrollIntoViewIfNeeded();
		const mapBox = async () => (await page.getByTestId('map').boundingBox())!;
		expect((await mapBox()).y + (await mapBox()).height, 'the map starts above the screen').toBeLessThan(0);
		await drawCircle.click();
		await expect.poll(async () => { const box = await mapBox(); return box.y >= -1 && box.y + box.height <= 845; }).toBe(true); // (sub-pixel rounding)
		const hint = page.getByTestId('map-draw-hint');
		expect(await hint.textContent()).toBe('Click the map to place the centre. Esc cancels.');
		const hintBox = (await hint.boundingBox())!;
		expect(hintBox.y).toBeGreaterThanOrEqual(0);
		expect(hintBox.y + hintBox.height).toBeLessThanOrEqual(844);
		// cancelling the drawing takes the hint away
		await page.keyboard.press('Escape');
		await expect.poll(() => hint.count()).toBe(0);
		expect(errors).toEqual([]);
		await close();
	});

	test('a picked district is brought into view beside its statistics: its listings, on a desktop and above a phone’s sheet', async () => {
		// a desktop whose link's camera is far from the district (Guangming, in the north-west): the area moves the map;
		// a phone showing all Shenzhen (the district in view already): the page scrolls back up to the map
		for (const [path, viewport] of [['/?lang=en#map=14.00/22.5400/114.1200', { width: 1280, height: 900 }], ['/?lang=en', { width: 390, height: 844 }]] as const) {
			const { page, close } = await open(path, viewport);
			await page.getByText('Statistics for any area').click();
			await page.getByTestId('pick-area').selectOption('440311');
			await page.getByTestId('area-stats').waitFor();
			const slugs = await page.getByTestId('area-stats').locator('.listings a').evaluateAll((links) => links.map((a) => a.getAttribute('href')!.replace(/^\/listing\/|\?.*$/g, '')));
			const points = (await shownListings(page)).features.filter((f) => slugs.includes(f.properties!.slug)).map((f) => (f.geometry as Point).coordinates);
			expect(points.length, 'Guangming has located listings in the seed').toBeGreaterThan(0);
			const outOfView = () =>
				page.evaluate((points) => {
					const map = window.__sfmMap;
					if (map.isMoving()) return ['moving'];
					const box = map.getContainer().getBoundingClientRect();
					const panel = document.querySelector('.panel-slot')!.getBoundingClientRect();
					const sheet = panel.width >= box.width - 1; // a phone's bottom sheet, else a side panel
					if (sheet && !(box.bottom > 0 && box.top < panel.top - 100)) return [`the map is off screen (${Math.round(box.top)}–${Math.round(box.bottom)})`];
					return points
						.map((p) => map.project(p as [number, number]))
						.filter((p) => p.x < 0 || p.y < 0 || (sheet ? box.top + p.y > panel.top : box.left + p.x > panel.left) || p.y > box.height)
						.map((p) => `${Math.round(p.x)},${Math.round(p.y)}`);
				}, points);
			await expect.poll(outOfView, { timeout: 10_000 }).toEqual([]);
			await close();
		}
	});

	test('picking a district from the list (keyboard alternative to drawing) shows its statistics', async () => {
		const { page, close } = await open('/');
		// the tools' heading shows it opens and closes: a marker pointing right when closed, down when open
		const marker = () => page.locator('summary', { hasText: '任意区域统计' }).evaluate((summary) => {
			const before = getComputedStyle(summary, '::before');
			return { drawn: before.content !== 'none' && parseFloat(before.width) > 0, turn: before.transform };
		});
		const closed = await marker();
		expect(closed.drawn).toBe(true);
		await page.getByText('任意区域统计').click();
		await expect.poll(async () => (await marker()).turn).not.toBe(closed.turn);
		await page.getByTestId('pick-area').selectOption('440303');
		await page.waitForURL(/area=440303/);
		await page.getByTestId('area-stats').waitFor();
		expect(await page.locator('#area-stats-title').textContent()).toContain('罗湖');
		// the map brings the district into view at a district's scale, not at street level on its listings' one spot
		await page.waitForFunction(() => !window.__sfmMap.isMoving());
		const zoom = await page.evaluate(() => window.__sfmMap.getZoom());
		expect(zoom).toBeLessThanOrEqual(12);
		expect(zoom).toBeGreaterThan(10); // it did move: the map opens at 9.6, the whole city
		// its listings in the reader's order: by pinyin in Chinese, by the English name in English
		const names = (p: Page) => p.getByTestId('area-stats').locator('.listings a').allTextContents();
		const inOrder = (names: string[], locale: string) => [...names].sort(new Intl.Collator(locale, { sensitivity: 'base', ignorePunctuation: true }).compare);
		const zh = await names(page);
		expect(zh.length).toBeGreaterThan(3);
		expect(zh).toEqual(inOrder(zh, 'zh-CN'));
		// Escape closes it, as it does the selection panel; the tools the user opened stay open
		await page.keyboard.press('Escape');
		await page.getByTestId('area-stats').waitFor({ state: 'detached' });
		expect(page.url()).not.toContain('area=');
		expect(await page.locator('details.tools').evaluate((details: HTMLDetailsElement) => details.open)).toBe(true);
		await close();

		const english = await open('/?lang=en&area=440303');
		await english.page.getByTestId('area-stats').waitFor();
		const en = await names(english.page);
		expect(en).toHaveLength(zh.length);
		expect(en).toEqual(inOrder(en, 'en'));
		// the chart's English sector names are whole ("Watches & Clocks", "Gold & Jewellery"), not cut short
		const labels = await english.page.getByTestId('sector-chart').locator('svg text.label').allTextContents();
		expect(labels).toContain('Gold & Jewellery');
		expect(labels.filter((label) => label.endsWith('…'))).toEqual([]);
		await english.close();
	});
});
