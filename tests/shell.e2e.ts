import { expect, test } from './fixtures';
import type { Page } from '@playwright/test';
import { applyFromSlots, SLOTS_PAGE, uniqueN } from './support/apply';

/** After a control reloaded the page (a language change): until the app answers clicks again. */
const hydrated = (page: Page) => page.locator('html[data-hydrated]').waitFor({ state: 'attached' });

const MODES = [
	{ locale: 'zh', elder: false, nav: '主导航' },
	{ locale: 'zh', elder: true, nav: '主导航' },
	{ locale: 'en', elder: false, nav: 'Main navigation' },
	{ locale: 'en', elder: true, nav: 'Main navigation' }
];
const GUIDE = '/matters/individual-business-registration';

test.describe('on a 360 × 640 screen', () => {
	test.use({ viewport: { width: 360, height: 640 } });

	for (const mode of MODES) {
		test(`the top bar and the tab bar take at most 120 px, and hide no content (${mode.locale}${mode.elder ? ', large text' : ''})`, async ({
			page,
			context,
			baseURL
		}) => {
			await context.addCookies([
				{ name: 'ow_locale', value: mode.locale, url: baseURL! },
				{ name: 'ow_elder', value: mode.elder ? '1' : '0', url: baseURL! }
			]);
			for (const path of ['/', '/search', GUIDE, SLOTS_PAGE, '/applications', '/me']) {
				await page.goto(path);
				const top = (await page.getByRole('banner').boundingBox())!;
				const tabs = (await page.getByRole('navigation', { name: mode.nav }).boundingBox())!;
				expect(top.y, path).toBe(0);
				expect(tabs.y + tabs.height, path).toBeCloseTo(640, 0);
				expect(
					top.height + tabs.height,
					`${path}: ${top.height} + ${tabs.height}`
				).toBeLessThanOrEqual(120);

				// The top bar stays put while the page scrolls.
				await page.evaluate(() => scrollTo(0, 400));
				expect((await page.getByRole('banner').boundingBox())!.y, path).toBe(0);
				// Scrolled to its end, the page's last line comes out above the tab bar: below it the
				// page keeps at least the tab bar's height of room (measured at one moment, as the
				// page may still grow).
				const room = await page.getByRole('contentinfo').evaluate((footer) => {
					const last = footer.lastElementChild!.getBoundingClientRect().bottom + scrollY;
					return document.documentElement.scrollHeight - last;
				});
				expect(room, path).toBeGreaterThanOrEqual(tabs.height);
			}
		});
	}
});

test('the tabs lead to their pages and say which one is open; back leads back', async ({
	page
}) => {
	await page.goto('/');
	const tabs = page.getByRole('navigation', { name: '主导航' });
	await expect(tabs.getByRole('link', { name: '首页' })).toHaveAttribute('aria-current', 'page');

	await tabs.getByRole('link', { name: '办事' }).click();
	await expect(page).toHaveURL(/\/search$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('查找事项和服务点');
	await expect(tabs.getByRole('link', { name: '办事' })).toHaveAttribute('aria-current', 'page');
	await expect(tabs.getByRole('link', { name: '首页' })).not.toHaveAttribute('aria-current');

	// A page below a tab keeps its tab marked, and the top bar leads back.
	await page.getByRole('button', { name: /市场主体/ }).click();
	await page.getByRole('link', { name: '个体工商户登记', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('个体工商户登记');
	await expect(tabs.getByRole('link', { name: '办事' })).toHaveAttribute('aria-current', 'true');
	await page.getByRole('banner').getByRole('link', { name: '返回' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('查找事项和服务点');
	await expect(page.getByRole('combobox', { name: '分类' }).locator('option:checked')).toHaveText(
		'市场主体'
	);

	await tabs.getByRole('link', { name: '我的申请' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('我的申请');
	await expect(tabs.getByRole('link', { name: '我的申请' })).toHaveAttribute(
		'aria-current',
		'page'
	);
	await tabs.getByRole('link', { name: '我的', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('我的');
	await page.getByRole('link', { name: '代办员登录' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('代办员登录');
	await expect(tabs.getByRole('link', { name: '我的', exact: true })).toHaveAttribute(
		'aria-current',
		'true'
	);
});

test('the open tab is marked in its colour, its name too, and each name sits under its icon', async ({
	page
}) => {
	await page.goto('/me');
	const tabs = page.getByRole('navigation', { name: '主导航' });
	for (const name of ['首页', '办事', '我的申请', '我的']) {
		const tab = tabs.getByRole('link', { name, exact: true });
		const look = await tab.getByText(name, { exact: true }).evaluate((label) => {
			const tab = label.closest('a')!;
			const [icon, text] = [tab.querySelector('svg')!, label].map((e) => e.getBoundingClientRect());
			return {
				sameColour: getComputedStyle(label).color === getComputedStyle(tab).color,
				offCentre: Math.abs(icon!.x + icon!.width / 2 - (text!.x + text!.width / 2))
			};
		});
		expect(look.sameColour, name).toBe(true);
		expect(look.offCentre, name).toBeLessThan(1);
	}
});

test('opened straight on a page, back leads to the page above it', async ({ page }) => {
	await page.goto(SLOTS_PAGE);
	await page.getByRole('banner').getByRole('link', { name: '返回' }).click();
	await expect(page).toHaveURL(/\/matters\/individual-business-registration\/points$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(/个体工商户登记/);
});

test('an application waiting offline is counted on the 我的申请 tab until it is sent', async ({
	page,
	context,
	readyOffline
}) => {
	await page.goto(SLOTS_PAGE);
	await readyOffline(page);
	const tab = page
		.getByRole('navigation', { name: '主导航' })
		.getByRole('link', { name: /我的申请/ });
	await expect(page.getByTestId('outbox-badge')).toHaveCount(0);

	await context.setOffline(true);
	await applyFromSlots(page, uniqueN());
	await expect(page.getByTestId('outbox-badge')).toHaveText('1');
	await expect(tab).toHaveAccessibleName(/^我的申请\s*待发送 1 项$/);
	await expect(page.getByText('当前没有网络')).toBeVisible();

	// On every page, and after a reload.
	await page
		.getByRole('navigation', { name: '主导航' })
		.getByRole('link', { name: '首页' })
		.click();
	await expect(page.getByTestId('outbox-badge')).toHaveText('1');
	await page.reload();
	await expect(page.getByTestId('outbox-badge')).toHaveText('1');
	await tab.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('我的申请');

	await context.setOffline(false);
	await expect(page.getByTestId('outbox-badge')).toHaveCount(0, { timeout: 20_000 });
	await expect(tab).toHaveAccessibleName('我的申请');
});

test('the 我的 page switches the language and large text, and says what the device keeps', async ({
	page
}) => {
	await page.goto('/me');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('我的');
	const elder = page.getByRole('switch', { name: '长辈模式' });
	await expect(elder).toHaveAttribute('aria-checked', 'false');
	await elder.click();
	await expect(elder).toHaveAttribute('aria-checked', 'true');
	await expect(page.locator('html')).toHaveClass(/elder/);
	await page.reload();
	await expect(page.locator('html')).toHaveClass(/elder/);
	await expect(page.getByRole('switch', { name: '长辈模式' })).toHaveAttribute(
		'aria-checked',
		'true'
	);

	await expect(page.getByRole('link', { name: /待发送/ })).toContainText('没有等待发送的内容');
	await expect(page.getByText('办事目录已保存在本机，没有网络也能查看').first()).toBeVisible();

	const language = page.getByRole('group', { name: '语言' });
	await expect(language.getByRole('button', { name: '中文' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await language.getByRole('button', { name: 'English' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Me');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await hydrated(page);
	await page.getByRole('switch', { name: 'Large text' }).click();
	await expect(page.locator('html')).not.toHaveClass(/elder/);
	await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: '中文' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('我的');
});

test('while the catalogue is being checked, the 我的 page says so rather than that it is not saved', async ({
	page,
	context
}) => {
	let answer = () => {};
	const held = new Promise<void>((resolve) => (answer = resolve));
	await context.route(
		(url) => url.pathname === '/api/catalog',
		async (route) => {
			await held;
			await route.continue();
		}
	);
	await page.goto('/me');
	const facts = page.getByRole('region', { name: '离线与存储' });
	await expect(facts).toContainText('正在检查办事目录更新…');
	await expect(facts).not.toContainText('尚未保存到本机');
	answer();
	await expect(facts).toContainText('办事目录已保存在本机，没有网络也能查看', { timeout: 20_000 });
});

test('what the device keeps shows on the 我的 page as a card of facts, not as a status badge', async ({
	page
}) => {
	await page.goto('/me');
	const facts = page.getByRole('region', { name: '离线与存储' }).getByRole('list');
	await expect(facts.getByRole('listitem')).toHaveCount(3);
	// An application's status badge is a bold, rounded pill; this list is the app's plain card.
	const look = await facts.evaluate((list) => {
		const style = getComputedStyle(list);
		return { display: style.display, corners: style.borderRadius, weight: style.fontWeight };
	});
	expect(look).toEqual({ display: 'block', corners: '10px', weight: '400' });
});

test('large text and English are one tap from the home page', async ({ page }) => {
	await page.goto('/');
	const top = page.getByRole('banner');
	await top.getByRole('button', { name: '长辈模式' }).click();
	await expect(page.locator('html')).toHaveClass(/elder/);
	await expect(top.getByRole('button', { name: '长辈模式' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await top.getByRole('button', { name: 'English' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Town services of Laiyang');
	await expect(page.locator('html')).toHaveClass(/elder/);
	await hydrated(page);
	await page.getByRole('banner').getByRole('button', { name: 'Large text' }).click();
	await expect(page.locator('html')).not.toHaveClass(/elder/);
});
