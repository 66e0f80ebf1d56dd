import { expect, test } from './fixtures';
import { editCatalog } from './support/db';

const ID = 'farmer-cooperative-registration';
const renamed = '农民专业合作社设立登记（已更新）';

test.afterEach(() => {
	editCatalog((db) =>
		db.prepare('update matters set name_zh = ? where id = ?').run('农民专业合作社登记', ID)
	);
});

test('a change on the server reaches the device when online, and the copy works offline', async ({
	page,
	context,
	readyOffline
}) => {
	await page.goto('/search');
	await readyOffline(page);
	editCatalog((db) => db.prepare('update matters set name_zh = ? where id = ?').run(renamed, ID));

	// Online again later: the app asks with If-None-Match, from the version it holds, and takes the
	// new catalogue.
	const asked = context.waitForEvent('request', (r) =>
		r.url().includes('/api/catalog?format=2&from=')
	);
	await page.reload();
	await asked;
	await page.getByRole('searchbox', { name: /输入事项或服务点名称/ }).fill('合作社');
	await expect(page.getByRole('link', { name: renamed })).toBeVisible();

	await context.setOffline(true);
	await page.reload();
	await page.getByRole('searchbox', { name: /输入事项或服务点名称/ }).fill('合作社');
	await expect(page.getByRole('link', { name: renamed })).toBeVisible();
	await page.getByRole('link', { name: renamed }).click();
	await expect(page.getByRole('heading', { level: 1, name: renamed })).toBeVisible();
});
