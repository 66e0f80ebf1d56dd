import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { SLOTS_PAGE } from './support/apply';

const hydrated = (page: Page) => page.locator('html[data-hydrated]').waitFor({ state: 'attached' });

test('back and forward keep the search as it was typed', async ({ page }) => {
	await page.goto('/search');
	const box = page.getByRole('searchbox', { name: /输入事项或服务点名称/ });
	const matters = page.getByRole('list', { name: /^事项/ });
	await box.fill('gtgsh');
	await expect(matters.getByRole('link', { name: '个体工商户登记' })).toBeVisible();
	// A new search, left at once: before the address has caught up with it.
	await box.fill('canji');
	await matters.getByRole('link', { name: '困难残疾人生活补贴' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('困难残疾人生活补贴');

	await page.goBack();
	await expect(box).toHaveValue('canji');
	await expect(matters.getByRole('link', { name: '困难残疾人生活补贴' })).toBeVisible();
	await page.goForward();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('困难残疾人生活补贴');
	await page.goBack();
	await expect(box).toHaveValue('canji');
});

test('back keeps the kind of point the list was narrowed to', async ({ page }) => {
	await page.goto('/matters/individual-business-registration/points');
	const kind = page.getByRole('combobox', { name: '全部类型' });
	await kind.selectOption({ label: '代办点' });
	const point = page.getByRole('link', { name: '徐格庄社区代办点' });
	await expect(page.getByRole('link', { name: '城厢街道便民服务中心' })).toHaveCount(0);
	await point.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('徐格庄社区代办点');
	await page.goBack();
	await expect(point).toBeVisible();
	await expect(kind.locator('option:checked')).toHaveText('代办点');
	await expect(page.getByRole('link', { name: '城厢街道便民服务中心' })).toHaveCount(0);
});

test('back and forward keep the chosen day and times, with the day in sight', async ({ page }) => {
	await page.goto(SLOTS_PAGE);
	const dayRow = page.getByRole('group', { name: '日期' });
	const days = dayRow.getByRole('button');
	expect(await days.count()).toBeGreaterThan(8);
	const day = days.nth(8);
	await day.click();
	await expect(day).toHaveAttribute('aria-pressed', 'true');
	const times = page.getByRole('list', { name: /的时段$/ });
	const heading = await page.getByRole('heading', { level: 2, name: /的时段$/ }).textContent();
	await times.getByRole('checkbox', { disabled: false }).nth(1).check();
	await page.getByRole('link', { name: '用所选时段填写申请' }).click();
	await expect(page.getByRole('heading', { level: 1, name: /填写申请/ })).toBeVisible();

	await page.goBack();
	await expect(day).toHaveAttribute('aria-pressed', 'true');
	await expect(page.getByRole('heading', { level: 2, name: /的时段$/ })).toHaveText(heading!);
	await expect(times.getByRole('checkbox', { disabled: false }).nth(1)).toBeChecked();
	await expect(page.getByRole('link', { name: '用所选时段填写申请' })).toBeVisible();
	const row = (await dayRow.boundingBox())!;
	const chosen = (await day.boundingBox())!;
	expect(chosen.x).toBeGreaterThanOrEqual(row.x);
	expect(chosen.x + chosen.width).toBeLessThanOrEqual(row.x + row.width);
});

test('the app icon opens the page the resident left, also offline', async ({
	page,
	context,
	readyOffline
}) => {
	await page.goto('/');
	await readyOffline(page);
	await page
		.getByRole('navigation', { name: '主导航' })
		.getByRole('link', { name: '办事' })
		.click();
	// The home page has a search box of the same name: type into the search page's own.
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('查找事项和服务点');
	await page.getByRole('searchbox', { name: /输入事项或服务点名称/ }).fill('gtgsh');
	await expect(page).toHaveURL(/\/search\?q=gtgsh$/);
	await page.close();

	// The manifest's start_url.
	const again = await context.newPage();
	await again.goto('/start');
	await expect(again).toHaveURL(/\/search\?q=gtgsh$/);
	await hydrated(again);
	await expect(again.getByRole('searchbox', { name: /输入事项或服务点名称/ })).toHaveValue('gtgsh');
	await expect(
		again.getByRole('list', { name: /^事项/ }).getByRole('link', { name: '个体工商户登记' })
	).toBeVisible();

	await again.goto(SLOTS_PAGE);
	await hydrated(again);
	await again.close();
	await context.setOffline(true);
	const offline = await context.newPage();
	await offline.goto('/start');
	await expect(offline.getByRole('heading', { level: 1 })).toHaveText('预约时间：个体工商户登记');
	expect(new URL(offline.url()).pathname + new URL(offline.url()).search).toBe(SLOTS_PAGE);
	await expect(offline.getByText('当前没有网络，显示已保存的内容')).toBeVisible();
});

test('with nothing to go back to, the app icon opens the home page', async ({ page }) => {
	await page.goto('/start');
	await expect(page).toHaveURL(/\/$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('莱阳市镇街便民服务');
});
