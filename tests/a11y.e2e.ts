import { expect, test } from './fixtures';
import { seriousViolations } from './support/axe';
import { counterPage } from './support/staff';
import { clerkPage, issueWalkIn, open } from './support/queue';
import { applyFromSlots, SLOTS_PAGE, uniqueN } from './support/apply';
import { smallTargets } from './support/targets';

const PAGES = [
	'/',
	'/search?q=gtgsh',
	'/search',
	'/matters/individual-business-registration',
	'/matters/individual-business-registration/points',
	'/matters/disability-certificate/points?bundle=disabled-person',
	'/points/chengxiang-centre',
	'/points/chengxiang-centre/slots?matter=individual-business-registration',
	'/apply?matter=individual-business-registration&point=chengxiang-centre',
	'/apply?bundle=disabled-person&matter=disability-certificate&point=chengxiang-centre',
	'/applications',
	'/outbox',
	'/agent',
	'/me'
];

const MODES = [
	{ locale: 'zh', elder: false },
	{ locale: 'zh', elder: true },
	{ locale: 'en', elder: false },
	{ locale: 'en', elder: true }
];

test.use({ viewport: { width: 360, height: 640 } });

for (const mode of MODES) {
	test(`pages fit 360 px, controls are 48 px or more, and pages pass axe (${mode.locale}${mode.elder ? ', elder mode' : ''})`, async ({
		page,
		context,
		baseURL
	}) => {
		test.setTimeout(300_000);
		await context.addCookies([
			{ name: 'ow_locale', value: mode.locale, url: baseURL! },
			{ name: 'ow_elder', value: mode.elder ? '1' : '0', url: baseURL! }
		]);
		for (const path of PAGES) {
			await page.goto(path);
			await expect(page.locator('html')).toHaveAttribute('lang', mode.locale);
			await expect(page.locator('html')).toHaveClass(mode.elder ? /elder/ : /^(?!.*elder)/);
			await page.waitForLoadState('networkidle');
			const width = await page.evaluate(() => ({
				scroll: document.documentElement.scrollWidth,
				client: document.documentElement.clientWidth
			}));
			expect(width.scroll, `${path} scrolls sideways`).toBeLessThanOrEqual(width.client);
			expect(await smallTargets(page), `${path}: controls under 48 px`).toEqual([]);
			expect(await seriousViolations(page, path)).toEqual([]);
		}
	});
}

test('counter pages and the hall display pass axe', async ({ page, browser, baseURL }) => {
	test.setTimeout(120_000);
	const check = async (p: typeof page, path: string) => {
		await p.goto(path);
		expect(await seriousViolations(p, path)).toEqual([]);
	};
	await check(page, '/staff/login');
	await check(page, '/display/chengxiang-centre');
	await page.goto(SLOTS_PAGE);
	await applyFromSlots(page, uniqueN());
	await expect(page.getByText('已提交', { exact: true })).toBeVisible({ timeout: 20_000 });
	const reference = (await page.getByTestId('reference').textContent())!.trim();
	const counter = await counterPage(browser, baseURL!);
	for (const path of ['/staff', '/staff/check-in', '/staff/queue', `/staff?q=${reference}`]) {
		await check(counter, path);
	}
	await check(
		counter,
		(await counter
			.getByRole('region', { name: /查找结果/ })
			.getByRole('link', { name: reference })
			.getAttribute('href'))!
	);
	await counter.context().close();
});

test('the queue and today pages fit a 1280×720 screen and an 800×1280 tablet, with 44 px controls, and pass axe', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	for (const viewport of [
		{ width: 1280, height: 720 },
		{ width: 800, height: 1280 }
	]) {
		const clerk = await clerkPage(browser, baseURL!, { viewport });
		// Someone called and someone waiting, so every control shows.
		await issueWalkIn(clerk);
		await issueWalkIn(clerk);
		await open(clerk, '/staff/queue');
		await clerk.getByRole('button', { name: /叫下一位/ }).click();
		await expect(clerk.getByText(/^正在办理：/)).toBeVisible();
		for (const path of ['/staff/queue', '/staff']) {
			await open(clerk, path);
			const size = `${path} at ${viewport.width}×${viewport.height}`;
			const width = await clerk.evaluate(() => ({
				scroll: document.documentElement.scrollWidth,
				client: document.documentElement.clientWidth
			}));
			expect(width.scroll, `${size} scrolls sideways`).toBeLessThanOrEqual(width.client);
			// Links within the tables' rows are text; every other control is a 44 px target.
			const small = await clerk.evaluate(() =>
				[
					...document.querySelectorAll<HTMLElement>(
						'button, select, input:not([type=hidden]), a:not(.skip):not(td a)'
					)
				]
					.map((el) => (el instanceof HTMLInputElement && el.closest('label')) || el)
					.filter((el) => el.getClientRects().length)
					.map((el) => ({ el, box: el.getBoundingClientRect() }))
					.filter(({ box }) => box.width < 44 || box.height < 44)
					.map(({ el, box }) => `${el.textContent?.trim() || el.id}: ${box.width}×${box.height}`)
			);
			expect(small, `${size}: small controls`).toEqual([]);
			expect(await seriousViolations(clerk, size)).toEqual([]);
		}
		await clerk.context().close();
	}
});
