// The editing workflow of issue #5 in Chromium, against the built site: the city admin creates a district admin and
// a district editor on the accounts page; the editor places a draft with the map picker and submits it; the admin
// approves it; it shows on the public map; the history records each step and a revert restores older values.
// Also: work is never lost (version conflict, expired session) and text is always rendered as text.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSite, type SiteServer } from '../support/site-server.ts';
import { collectErrors, launchBrowser, waitForMapIdle } from './browser.ts';

type MapHandle = {
	getSource(id: string): { getData(): Promise<{ features: { properties: Record<string, unknown> }[] }> };
	project(lngLat: [number, number]): { x: number; y: number };
	jumpTo(options: { center: [number, number]; zoom: number }): void;
	getCanvas(): HTMLCanvasElement;
};
// The test build's map (PUBLIC_EXPOSE_MAP=1) is cast where used, not declared on Window: other suites declare it
// with another type, and page.evaluate bodies run in the browser, where no helper of this file exists.

const CITY_ADMIN = { email: 'city.admin@example.org', password: 'first-admin-password-1' };
const LUOHU = '440303';
// Markup in a name must show as text, everywhere.
const NAME_ZH = '<script>window.__xss=1</script>测试珠宝<b>粗</b>';
const NAME_EN = 'Test Jewellery <img src=x onerror="window.__xss=1">';

let site: SiteServer;
let browser: Browser;
const accounts: Record<'admin' | 'editor', { email: string; password: string }> = {
	admin: { email: 'luohu.admin@example.org', password: '' },
	editor: { email: 'luohu.editor@example.org', password: '' }
};
let listingId = '';

beforeAll(async () => {
	site = await startSite({ PUBLIC_EXPOSE_MAP: '1', FIRST_ADMIN_EMAIL: CITY_ADMIN.email, FIRST_ADMIN_PASSWORD: CITY_ADMIN.password });
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
	await site?.stop();
});

/** Waits until the /manage page is interactive (typing earlier may be undone by hydration). */
async function hydrated(page: Page) {
	await page.locator('main[data-hydrated="true"]').waitFor();
}

/** A fresh browser context signed in as the user (through the sign-in form), with error collection. */
async function signIn(user: { email: string; password: string }): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
	const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
	const page = await context.newPage();
	const errors = collectErrors(page);
	await page.goto(`${site.url}/manage`);
	await page.waitForURL(/\/manage\/sign-in\?next=/);
	await hydrated(page);
	await page.getByLabel('电子邮箱').fill(user.email);
	await page.getByLabel('密码').fill(user.password);
	await page.getByRole('button', { name: '登录' }).click();
	await page.waitForURL(`${site.url}/manage`);
	await hydrated(page);
	return { context, page, errors };
}

/** The district admin in two browser contexts, both on `url`: one edits while the other still shows the old version. */
async function twoAdminTabs(url: string) {
	const tabs = [await signIn(accounts.admin), await signIn(accounts.admin)] as const;
	for (const tab of tabs) {
		await tab.page.goto(url);
		await hydrated(tab.page);
	}
	return tabs;
}

/** Creates an account on the accounts page and returns its one-time temporary password. */
async function createAccount(page: Page, email: string, role: string): Promise<string> {
	await page.goto(`${site.url}/manage/accounts`);
	await hydrated(page);
	const form = page.locator('form[action="?/create"]');
	await form.getByLabel('电子邮箱').fill(email);
	await form.getByLabel('角色').selectOption(role);
	await form.getByLabel('行政区').selectOption(LUOHU);
	await form.getByRole('button', { name: '创建账号' }).click();
	const password = (await page.getByTestId('temporary-password').textContent({ timeout: 20_000 }))?.trim() ?? '';
	expect(password.length).toBeGreaterThanOrEqual(16);
	return password;
}

/** Clicks the picker map at a position, as a user would. */
async function clickMapAt(page: Page, lngLat: [number, number]) {
	await waitForMapIdle(page);
	const point = await page.evaluate((position) => (window as unknown as { __sfmMap: MapHandle }).__sfmMap.project(position), lngLat);
	const box = await page.getByTestId('picker').locator('canvas').boundingBox();
	await page.mouse.click(box!.x + point.x, box!.y + point.y);
}

describe('editing listings at /manage (issue #5)', () => {
	test('anonymous visitors are sent to sign in, with a safe way back', async () => {
		const page = await browser.newPage();
		await page.goto(`${site.url}/manage/listings/new?lang=en`);
		await hydrated(page);
		expect(page.url()).toBe(`${site.url}/manage/sign-in?next=${encodeURIComponent('/manage/listings/new?lang=en')}&lang=en`);
		await page.getByLabel('Email').fill(CITY_ADMIN.email);
		await page.getByLabel('Password').fill('wrong password');
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect.poll(() => page.getByRole('alert').textContent()).toContain('not correct');
		await page.close();
	});

	test('the city admin creates a district admin and a district editor on the accounts page', async () => {
		const { context, page, errors } = await signIn(CITY_ADMIN);
		accounts.admin.password = await createAccount(page, accounts.admin.email, 'district_admin');
		accounts.editor.password = await createAccount(page, accounts.editor.email, 'district_editor');
		const members = await page.getByTestId('members').textContent();
		expect(members).toContain(accounts.admin.email);
		expect(members).toContain(accounts.editor.email);
		expect(errors).toEqual([]);
		await context.close();
	});

	test('pages for a signed-in user carry no session tokens in their HTML', async () => {
		const { context } = await signIn(CITY_ADMIN);
		const cookies = (await context.cookies()).map((c) => c.name);
		expect(cookies.some((name) => name.includes('auth-token'))).toBe(true); // signed in: the session cookie is set
		for (const path of ['/', '/manage', '/place/shuibei-buxin-jewellery-cluster']) {
			const response = await context.request.get(`${site.url}${path}`);
			expect(response.status()).toBe(200);
			const html = await response.text();
			expect(html).not.toMatch(/access_token|refresh_token/);
		}
		// /manage still knows it is signed in (its page data has the session's expiry, not the session)
		const manage = await context.request.get(`${site.url}/manage`);
		expect(await manage.text()).toContain(CITY_ADMIN.email);
		await context.close();
	});

	test('the editor creates a draft with the map picker and submits it for review', async () => {
		const { context, page, errors } = await signIn(accounts.editor);
		await page.getByRole('link', { name: '新建条目' }).first().click();
		await page.waitForURL(/\/manage\/listings\/new/);
		await hydrated(page);

		// Client-side validation first: an empty form is refused with a focused summary, nothing is sent.
		await page.getByRole('button', { name: '提交审核' }).click();
		const summary = page.getByTestId('error-summary');
		await expect.poll(() => summary.isVisible()).toBe(true);
		expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('error-summary');
		expect(await page.locator('#field-name_zh').getAttribute('aria-invalid')).toBe('true');
		expect(await page.locator('#field-name_zh').getAttribute('aria-describedby')).toContain('error-name_zh');

		await page.getByLabel('名称（中文）').fill(NAME_ZH);
		await page.getByLabel('名称（英文）').fill(NAME_EN);
		await page.getByLabel('黄金珠宝').check();
		await page.getByLabel('来源网址').fill('https://example.org/source');
		// A click outside Shenzhen's bounds is refused and explained; a click inside sets lon/lat.
		await waitForMapIdle(page);
		await page.evaluate(() => (window as unknown as { __sfmMap: MapHandle }).__sfmMap.jumpTo({ center: [114.0, 22.6], zoom: 8.5 }));
		await clickMapAt(page, [113.6, 22.6]);
		await expect.poll(() => page.getByTestId('picker-message').textContent()).toContain('深圳范围之外');
		expect(await page.locator('#field-lon').inputValue()).toBe('');
		await page.evaluate(() => (window as unknown as { __sfmMap: MapHandle }).__sfmMap.jumpTo({ center: [114.14, 22.58], zoom: 13 }));
		await clickMapAt(page, [114.14, 22.58]);
		await expect.poll(() => page.locator('#field-lon').inputValue()).toMatch(/^114\.1\d*/);
		expect(Number(await page.locator('#field-lat').inputValue())).toBeCloseTo(22.58, 2);
		await page.getByLabel('位置精度').selectOption('street');
		await page.getByRole('button', { name: '提交审核' }).click();
		await page.waitForURL(/\/manage\/listings\/[0-9a-f-]{36}\?notice=submitted/);
		listingId = /listings\/([0-9a-f-]{36})/.exec(page.url())![1]!;
		expect(await page.getByTestId('listing-status').textContent()).toContain('审核中');
		// the name is shown as typed, markup and all
		expect(await page.locator('#field-name_zh').inputValue()).toBe(NAME_ZH);
		expect(errors).toEqual([]);
		await context.close();
	});

	test('the district admin approves it in the review queue', async () => {
		const { context, page, errors } = await signIn(accounts.admin);
		expect(await page.getByTestId('review-count').textContent()).toContain('1');
		await page.goto(`${site.url}/manage/review`);
		await hydrated(page);
		const queue = page.getByTestId('review-queue');
		expect(await queue.textContent()).toContain(NAME_ZH);
		await queue.getByRole('button', { name: '通过并发布' }).click();
		await page.waitForURL(/notice=approved/);
		expect(await page.getByTestId('review-empty').isVisible()).toBe(true);
		expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
		expect(errors).toEqual([]);
		await context.close();
	});

	test('the approved listing is on the public map and in the list, its name as text', async () => {
		const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
		const errors = collectErrors(page);
		await page.goto(`${site.url}/?q=${encodeURIComponent('测试珠宝')}`);
		await waitForMapIdle(page);
		const list = page.getByTestId('listing-list');
		await expect.poll(() => list.textContent()).toContain(NAME_ZH);
		const names = await page.evaluate(async () => (await (window as unknown as { __sfmMap: MapHandle }).__sfmMap.getSource('listings').getData()).features.map((f) => f.properties.name_zh));
		expect(names).toContain(NAME_ZH);
		expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
		expect(errors).toEqual([]);
		await page.close();
	});

	test('history shows each step; a conflicting save keeps the input; a revert restores the old values', async () => {
		const editUrl = `${site.url}/manage/listings/${listingId}`;
		const [admin, other] = await twoAdminTabs(editUrl);

		// The admin changes the English name and publishes it (a change to a published listing, applied at once).
		await admin.page.getByLabel('名称（英文）').fill('Renamed Jewellery');
		await admin.page.getByRole('button', { name: '发布' }).click();
		await admin.page.waitForURL(/notice=published/);

		// The second tab still holds the old version: its save is a conflict that lists the change and keeps its text.
		await other.page.getByLabel('名称（中文）').fill('另一个名称');
		await other.page.getByRole('button', { name: '保存草稿' }).click();
		const conflict = other.page.getByTestId('conflict');
		await expect.poll(() => conflict.isVisible()).toBe(true);
		const conflictText = (await conflict.textContent()) ?? '';
		expect(conflictText).toContain('Renamed Jewellery');
		expect(conflictText).toContain(NAME_EN);
		expect(await other.page.locator('#field-name_zh').inputValue()).toBe('另一个名称');
		await other.page.getByRole('button', { name: '载入对方的版本' }).click();
		expect(await other.page.locator('#field-name_en').inputValue()).toBe('Renamed Jewellery');
		await other.context.close();

		await admin.page.goto(`${editUrl}/history`);
		await hydrated(admin.page);
		const history = admin.page.getByTestId('history');
		const text = (await history.textContent()) ?? '';
		for (const step of ['创建', '提交审核', '审核通过并发布', '发布']) expect(text).toContain(step);
		expect(text).toContain(accounts.editor.email);
		// Restore the values recorded when the editor's draft was approved (the entry with the original name).
		const approved = history.locator('li', { hasText: '审核通过并发布' }).first();
		await approved.getByRole('button', { name: /恢复到第/ }).click();
		await admin.page.waitForURL(/notice=reverted/);
		await admin.page.goto(editUrl);
		expect(await admin.page.locator('#field-name_en').inputValue()).toBe(NAME_EN);
		expect(admin.errors).toEqual([]);
		await admin.context.close();
	});

	test('an expired session keeps the unsaved form; after signing in again the save completes', async () => {
		const { context, page } = await signIn(accounts.editor);
		await page.goto(`${site.url}/manage/listings/new`);
		await hydrated(page);
		await page.getByLabel('名称（中文）').fill('会话过期测试');
		await page.getByLabel('来源网址').fill('https://example.org/expired');
		await context.clearCookies();
		await page.getByRole('button', { name: '保存草稿' }).click();
		await page.waitForURL(/\/manage\/sign-in\?next=%2Fmanage%2Flistings%2Fnew/);
		await hydrated(page);
		await page.getByLabel('电子邮箱').fill(accounts.editor.email);
		await page.getByLabel('密码').fill(accounts.editor.password);
		await page.getByRole('button', { name: '登录' }).click();
		await page.waitForURL(/\/manage\/listings\/new/);
		await expect.poll(() => page.getByTestId('restored').isVisible()).toBe(true);
		expect(await page.locator('#field-name_zh').inputValue()).toBe('会话过期测试');
		await page.getByRole('button', { name: '保存草稿' }).click();
		await page.waitForURL(/\/manage\/listings\/[0-9a-f-]{36}\?notice=saved/);
		expect(await page.locator('#field-name_zh').inputValue()).toBe('会话过期测试');
		await context.close();
	});

	test('a workflow step on a version someone else has changed is refused, and the page says why (in English too)', async () => {
		const [admin, other] = await twoAdminTabs(`${site.url}/manage/listings/${listingId}?lang=en`);
		await admin.page.getByLabel('Name (English)').fill('Renamed Once More');
		await admin.page.getByRole('button', { name: 'Publish' }).click();
		await admin.page.waitForURL(/notice=published/);

		// the second tab archives the version it was shown, which is no longer the listing's
		await other.page.getByRole('button', { name: 'Archive (take off the map)' }).click();
		const problem = other.page.locator('.workflow .error-summary');
		await expect.poll(() => problem.textContent()).toBe('The action did not go through. Someone else changed this listing; reload to see the latest version.');
		// and nothing was archived: the listing is still public under its new name
		const page = await (await fetch(`${site.url}/listing/${listingId}?lang=en`, { redirect: 'follow' })).text();
		expect(page).toContain('Renamed Once More');
		await admin.context.close();
		await other.context.close();
	});

	test('a listing that is not there says so in the page language, with the way back to the editing area', async () => {
		const { context, page } = await signIn(CITY_ADMIN);
		const response = await page.goto(`${site.url}/manage/listings/00000000-0000-4000-8000-000000000000?lang=en`);
		expect(response?.status()).toBe(404);
		await expect.poll(() => page.locator('main h1').textContent()).toBe('Page not found');
		expect(await page.locator('main').textContent()).toContain('No such listing');
		await page.getByRole('link', { name: 'Back to editing' }).click();
		await page.waitForURL(`${site.url}/manage?lang=en`);
		await context.close();
	});
});
