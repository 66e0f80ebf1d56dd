import { expect, test } from './fixtures';

const GUIDE = '/matters/individual-business-registration';

test('the guide shows the whole service guide', async ({ page }) => {
	await page.goto(GUIDE);
	await expect(page.getByRole('heading', { level: 1, name: '个体工商户登记' })).toBeVisible();
	for (const section of ['办理条件', '申请材料', '在哪里办', '设定依据']) {
		await expect(page.getByRole('heading', { name: section })).toBeVisible();
	}
	await expect(page.getByText(/承诺 \d+ 个工作日办结|即办/)).toBeVisible();
	await expect(page.getByText('不收费').first()).toBeVisible();
	await expect(page.getByText(/原件 1 份/).first()).toBeVisible();
	// Where: the kinds of point that handle it, none said of a kind with none (no village point
	// handles this one).
	const where = page.getByRole('region', { name: '在哪里办' });
	await expect(where).toContainText(/^在哪里办\s*\d+ 个镇街便民服务中心和\d+ 个代办点可办/);
	await expect(where).not.toContainText(/\b0 个/);
});

test('a situation answer changes the materials list, and the link keeps it', async ({ page }) => {
	await page.goto(GUIDE);
	const materials = page.getByRole('list', { name: '申请材料' });
	const proxyLetter = materials.getByText('授权委托书');
	await expect(proxyLetter).toBeVisible();

	await page
		.getByRole('group', { name: /本人办理还是委托/ })
		.getByLabel('本人办理')
		.check();
	await expect(proxyLetter).toHaveCount(0);
	await expect(materials.getByText('经营者身份证')).toBeVisible();

	await page
		.getByRole('group', { name: /本人办理还是委托/ })
		.getByLabel('委托他人代办')
		.check();
	await expect(proxyLetter).toBeVisible();
	await expect(page).toHaveURL(/applicant=agent/);

	await page
		.getByRole('group', { name: /经营场所/ })
		.getByLabel('租赁房屋')
		.check();
	await expect(materials.getByText('房屋租赁合同及出租方产权证明')).toBeVisible();
	await expect(materials.getByText('经营场所不动产权证书')).toHaveCount(0);

	// Shared or reloaded, the link shows the same list.
	await page.reload();
	await expect(materials.getByText('授权委托书')).toBeVisible();
	await expect(materials.getByText('经营场所不动产权证书')).toHaveCount(0);
});

test('the guide prints without its controls', async ({ page }) => {
	await page.goto(GUIDE);
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByRole('heading', { level: 1, name: '个体工商户登记' })).toBeVisible();
	await expect(page.getByRole('button', { name: '打印' })).toBeHidden();
	await expect(page.getByRole('group', { name: /本人办理还是委托/ })).toBeHidden();
	await expect(page.getByRole('navigation', { name: '主导航' })).toBeHidden();
});

test('a matter that does not exist is said not to be found, in the reader’s language, with the way home', async ({
	page,
	context,
	baseURL
}) => {
	expect((await page.goto('/matters/no-such-matter'))?.status()).toBe(404);
	await expect(page.getByRole('heading', { level: 1, name: '找不到这个页面' })).toBeVisible();
	await expect(page.getByRole('link', { name: '返回首页' })).toBeVisible();
	await context.addCookies([{ name: 'ow_locale', value: 'en', url: baseURL! }]);
	await page.reload();
	await expect(
		page.getByRole('heading', { level: 1, name: 'This page does not exist' })
	).toBeVisible();
	await expect(page.getByRole('link', { name: 'Back to home' })).toBeVisible();
});

test('offline, a matter the device’s whole catalogue lacks is said not to exist, not to be unsaved', async ({
	page,
	context,
	readyOffline
}) => {
	await page.goto('/');
	await readyOffline(page);
	await context.setOffline(true);
	await page.goto('/matters/no-such-matter');
	await expect(page.getByRole('heading', { level: 1, name: '找不到这个页面' })).toBeVisible();
	await expect(page.getByText(/本机还没有保存/)).toHaveCount(0);
	await expect(page.getByRole('link', { name: '返回首页' })).toBeVisible();
});
