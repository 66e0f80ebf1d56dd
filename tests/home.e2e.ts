import { expect, test } from './fixtures';

const TOWNS = [
	'城厢街道',
	'古柳街道',
	'龙旺庄街道',
	'冯格庄街道',
	'柏林庄街道',
	'沐浴店镇',
	'团旺镇',
	'穴坊镇',
	'羊郡镇',
	'姜疃镇',
	'万第镇',
	'照旺庄镇',
	'谭格庄镇',
	'河洛镇',
	'吕格庄镇',
	'高格庄镇',
	'大夼镇',
	'山前店镇'
];

test('the home page lists the 18 towns with their centres', async ({ page }) => {
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('莱阳市镇街便民服务');
	const towns = page.getByRole('list', { name: '18 个镇街便民服务中心' }).getByRole('listitem');
	await expect(towns).toHaveCount(18);
	for (const name of TOWNS)
		await expect(page.getByRole('heading', { name: new RegExp(name) })).toBeVisible();
	await expect(page.getByText('城厢街道便民服务中心')).toBeVisible();
	// A town's name says what it is (镇, 街道): not said again beside it.
	await expect(
		page.getByRole('heading', { level: 3, name: '城厢街道', exact: true })
	).toBeVisible();
});

test('on a day a centre does not open, its card says so once', async ({ page }) => {
	// A Sunday, 10:00 in Beijing: 城厢's centre opens Monday to Saturday.
	await page.clock.setFixedTime(new Date('2026-12-13T10:00:00+08:00'));
	await page.goto('/');
	const card = page.getByRole('listitem').filter({ hasText: '城厢街道便民服务中心' });
	await expect(card).toContainText('今日办公时间 今日不办公');
	await expect(card).not.toContainText('当前不办公');
});

test('after one visit the home page loads with no network', async ({
	page,
	context,
	readyOffline
}) => {
	await page.goto('/');
	await readyOffline(page);
	await context.setOffline(true);
	await page.reload();
	await expect(
		page.getByRole('list', { name: '18 个镇街便民服务中心' }).getByRole('listitem')
	).toHaveCount(18);
	for (const name of TOWNS)
		await expect(page.getByRole('heading', { name: new RegExp(name) })).toBeVisible();
	await expect(page.getByText('当前没有网络')).toBeVisible();
});

test('English can be chosen and is remembered', async ({ page }) => {
	await page.goto('/');
	await page.getByRole('button', { name: 'English' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Town services of Laiyang');
	await page.goto('/');
	await expect(page.getByText('Chengxiang Subdistrict Convenience Service Centre')).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('a language cookie in other capitals is read alike by the page and the server', async ({
	page,
	context,
	baseURL
}) => {
	await context.addCookies([{ name: 'ow_locale', value: 'EN', url: baseURL! }]);
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Town services of Laiyang');
	// A page the app draws itself, without the server.
	await page
		.getByRole('navigation', { name: 'Main navigation' })
		.getByRole('link', { name: 'Services' })
		.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Find services and service points'
	);
});

test('the app can be installed: manifest with 192, 512 and maskable icons', async ({ request }) => {
	const manifest = await (await request.get('/manifest.webmanifest')).json();
	// The start page sends the app to where the resident left off (tests/resume.e2e.ts).
	expect(manifest.start_url).toBe('/start');
	expect(manifest.id).toBe('/');
	expect(manifest.display).toBe('standalone');
	const sizes = manifest.icons.map(
		(i: { sizes: string; purpose: string }) => `${i.sizes} ${i.purpose}`
	);
	expect(sizes).toEqual(expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']));
	for (const icon of manifest.icons) {
		const response = await request.get(icon.src);
		expect(response.headers()['content-type']).toBe('image/png');
	}
});
