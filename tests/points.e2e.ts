import { expect, test } from './fixtures';
import { e2eDatabase } from './support/db';

const MATTER = 'individual-business-registration';
// 初家泊村代办点 in 团旺镇, which handles the matter.
const HERE = { latitude: 36.83085, longitude: 120.76618 };

test.describe('with location allowed', () => {
	test.use({ geolocation: HERE, permissions: ['geolocation'] });

	test('the nearest point comes first, with its distance', async ({ page }) => {
		await page.goto(`/matters/${MATTER}/points`);
		await page.getByRole('button', { name: '按离我最近排序' }).click();
		const list = page.getByRole('list', { name: '已按距离由近到远排序' });
		const cards = list.getByRole('listitem');
		await expect(cards.first().getByRole('heading')).toHaveText('初家泊村代办点');
		// What the order is and how many there are read as two lines, not one run-on sentence.
		const said = page.getByRole('status').filter({ hasText: '已按距离由近到远排序' });
		expect(await said.innerText()).toMatch(/^已按距离由近到远排序\n共 \d+ 个服务点$/);
		await expect(cards.first()).toContainText('距您 0.0 公里');
		await expect(cards.nth(1).getByRole('heading')).toHaveText(/团旺镇|王家夼村/);
		await expect(cards.first().getByRole('link', { name: '用地图 App 导航' })).toHaveAttribute(
			'href',
			/^geo:36\.83085,120\.76618/
		);
	});
});

test('without location, points are grouped by town with hours and open or closed now', async ({
	page
}) => {
	await page.goto(`/matters/${MATTER}/points`);
	await expect(page.getByRole('heading', { level: 2, name: '城厢街道' })).toBeVisible();
	const centre = page
		.getByRole('list', { name: '城厢街道' })
		.getByRole('listitem')
		.filter({ hasText: '城厢街道便民服务中心' });
	await expect(centre).toContainText(/正在办公|当前不办公/);
	await expect(centre).toContainText(/今日办公时间/);
	await centre.getByRole('link', { name: /本点可办 \d+ 项/ }).click();
	await expect(page.getByRole('heading', { name: /本点可办理的事项/ })).toBeVisible();
	await expect(page.getByRole('link', { name: '个体工商户登记' })).toBeVisible();
});

test('the slot list shows remaining places, and the last known figures offline', async ({
	page,
	context,
	request,
	readyOffline
}) => {
	const api = await request.get(`/api/points/chengxiang-centre/slots?matter=${MATTER}&days=14`);
	const { slots } = (await api.json()) as { slots: { start: string; capacity: number }[] };
	// The first time of the second day: the first of all can pass its hours of notice mid-test.
	const slot = slots.find((s) => s.start.slice(0, 10) !== slots[0]!.start.slice(0, 10))!;
	const db = e2eDatabase();
	db.prepare(
		`insert into slot_counts (point_id, matter_id, slot_start, booked) values (?, ?, ?, 5)
		 on conflict (point_id, matter_id, slot_start) do update set booked = 5`
	).run('chengxiang-centre', MATTER, slot.start);
	db.close();

	await page.goto(`/points/chengxiang-centre/slots?matter=${MATTER}`);
	await readyOffline(page);
	const day = page.locator('button.day').nth(1);
	const times = page.getByRole('list', { name: /的时段$/ });
	const first = times.getByRole('listitem').first();
	await day.click();
	await expect(first).toContainText(slot.start.slice(11, 16));
	await expect(first).toContainText(`剩 ${slot.capacity - 5} / ${slot.capacity} 个名额`);
	await expect(page.getByText(/名额数据更新于/)).toBeVisible();

	await context.setOffline(true);
	await page.reload();
	await day.click();
	await expect(first).toContainText(slot.start.slice(11, 16));
	await expect(first).toContainText(`剩 ${slot.capacity - 5} / ${slot.capacity} 个名额`);
	await expect(page.getByText(/当前没有网络，显示的是 .* 查询到的名额/)).toBeVisible();
});

test('the city hall is listed with its kind, first in its town, and the kind filter finds it', async ({
	page
}) => {
	await page.goto(`/matters/${MATTER}/points`);
	await expect(page.getByRole('heading', { level: 2, name: '城厢街道' })).toBeVisible();
	const town = page.getByRole('list', { name: '城厢街道' }).getByRole('listitem');
	await expect(town.first().getByRole('heading')).toHaveText('莱阳市政务服务中心');
	await expect(town.first()).toContainText('市级政务服务中心');
	await expect(town.first()).toContainText('莱阳市城厢街道鹤山路156号');

	await page.getByLabel('全部类型').selectOption({ label: '市级政务服务中心' });
	await expect(page.getByText('共 1 个服务点')).toBeVisible();
	await expect(page.getByRole('heading', { level: 3 })).toHaveText(['莱阳市政务服务中心']);

	await page.getByRole('link', { name: '莱阳市政务服务中心' }).click();
	await expect(page.getByRole('heading', { level: 1, name: '莱阳市政务服务中心' })).toBeVisible();
	await expect(page.getByText('市级政务服务中心')).toBeVisible();
});

test('a location not allowed says how to allow it, apart from the count', async ({ page }) => {
	await page.goto(`/matters/${MATTER}/points`);
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	await page.getByRole('button', { name: '按离我最近排序' }).click();
	const said = page.getByRole('status').filter({ hasText: '位置' });
	await expect(said).toContainText(
		'没有位置权限：可在浏览器或手机的设置里允许本网站获取位置。现按镇街分组显示。'
	);
	expect(await said.innerText()).toMatch(/分组显示。\n共 \d+ 个服务点/);
	await expect(page.getByRole('heading', { level: 2, name: '城厢街道' })).toBeVisible();
});
