import { expect, test } from './fixtures';

test('search by characters, pinyin initials and whole pinyin works offline', async ({
	page,
	context,
	readyOffline
}) => {
	await page.goto('/');
	await readyOffline(page);
	await context.setOffline(true);
	await page.goto('/search');
	const box = page.getByRole('searchbox', { name: /输入事项或服务点名称/ });

	await box.fill('gtgsh');
	const matters = page.getByRole('list', { name: /^事项/ });
	await expect(matters.getByRole('link', { name: '个体工商户登记' })).toBeVisible();

	await box.fill('合作社');
	await expect(matters.getByRole('link', { name: '农民专业合作社登记' })).toBeVisible();
	await expect(matters.getByRole('link', { name: '个体工商户登记' })).toHaveCount(0);

	await box.fill('canji');
	await expect(matters.getByRole('link', { name: '困难残疾人生活补贴' })).toBeVisible();

	await box.fill('团旺');
	const points = page.getByRole('list', { name: /^服务点/ });
	await expect(points.getByRole('link', { name: '团旺镇便民服务中心' })).toBeVisible();
});

test('the words residents use find the right matter first, offline', async ({
	page,
	context,
	readyOffline
}) => {
	await page.goto('/');
	await readyOffline(page);
	await context.setOffline(true);
	await page.goto('/search');
	const box = page.getByRole('searchbox', { name: /输入事项或服务点名称/ });
	const first = page.getByRole('list', { name: /^事项/ }).getByRole('listitem').first();

	const cases: [query: string, matter: string, alias: string][] = [
		['低保', '最低生活保障申请', '低保'],
		['残疾证', '残疾人证新办', '残疾证'],
		['营业执照', '个体工商户登记', '营业执照'],
		['个体户', '个体工商户登记', '个体户'],
		['getihu', '个体工商户登记', '个体户'],
		['营业执找', '个体工商户登记', '营业执照'],
		['getihv', '个体工商户登记', '个体户']
	];
	for (const [query, name, alias] of cases) {
		await box.fill(query);
		await expect(first.getByRole('link'), query).toHaveText(name);
		await expect(first, query).toContainText(`也叫“${alias}”`);
	}

	// A character of the same sound picked by mistake: found by the sound, and said so.
	for (const [query, name, sound] of [
		['底保', '最低生活保障申请', 'dibao'],
		['残急', '残疾人证新办', 'canji']
	]) {
		await box.fill(query!);
		await expect(first.getByRole('link'), query).toHaveText(name!);
		await expect(page.getByText(`以下按读音（${sound}）找到`)).toBeVisible();
	}
});

test('in English, an everyday Chinese name a matter was found by is given with its pinyin', async ({
	page,
	baseURL
}) => {
	await page.context().addCookies([{ name: 'ow_locale', value: 'en', url: baseURL! }]);
	await page.goto('/search');
	const box = page.getByRole('searchbox', { name: /Type a service or place name/ });
	const first = page
		.getByRole('list', { name: /^Services/ })
		.getByRole('listitem')
		.first();
	for (const [query, shown] of [
		['getihu', 'also called “个体户” (getihu)'],
		['yingyezhizhao', 'also called “营业执照” (yingyezhizhao)'],
		['welfare', 'also called “welfare” ·']
	]) {
		await box.fill(query!);
		await expect(first, query).toContainText(shown!);
	}
});

test('results update on each keystroke and filter by category', async ({ page }) => {
	await page.goto('/search');
	const box = page.getByRole('searchbox', { name: /输入事项或服务点名称/ });
	await box.pressSequentially('gt');
	await expect(page.getByRole('link', { name: '个体工商户登记' })).toBeVisible();
	await box.fill('');
	await page.getByRole('combobox', { name: '分类' }).selectOption({ label: '残疾人服务' });
	const matters = page.getByRole('list', { name: /^事项/ });
	await expect(matters.getByRole('link', { name: '残疾人证新办' })).toBeVisible();
	await expect(matters.getByRole('link', { name: '个体工商户登记' })).toHaveCount(0);
	await expect(page).toHaveURL(/category=disability/);
});

test('a search opened from a shared address shows its results without a keystroke', async ({
	page
}) => {
	await page.goto('/search?q=gtgsh');
	await expect(page.getByRole('searchbox', { name: /输入事项或服务点名称/ })).toHaveValue('gtgsh');
	const matters = page.getByRole('list', { name: /^事项/ });
	await expect(matters.getByRole('link', { name: '个体工商户登记' })).toBeVisible();
});

test.describe('on a device that could not download the catalogue', () => {
	// The page's own requests, not a worker's, so that the route below holds the catalogue back.
	test.use({ serviceWorkers: 'block' });

	test('the search says why it cannot search yet, and searches once the catalogue comes', async ({
		page
	}) => {
		await page.route('**/api/catalog**', (route) => route.abort('internetdisconnected'));
		await page.goto('/search');
		const box = page.getByRole('searchbox', { name: /输入事项或服务点名称/ });
		await box.fill('gtgsh');
		await expect(page.getByText('本机还没有办事目录，暂时不能搜索')).toBeVisible();
		await expect(page.getByText('正在准备本机搜索…')).toBeHidden();

		await page.unroute('**/api/catalog**');
		await box.fill('gtgs');
		const matters = page.getByRole('list', { name: /^事项/ });
		await expect(matters.getByRole('link', { name: '个体工商户登记' })).toBeVisible();
	});
});
