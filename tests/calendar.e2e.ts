import { addDays, weekdayOf } from '../src/lib/catalog/dates';
import { expect, test } from './fixtures';
import { fillApplication, SLOTS_PAGE, uniqueN } from './support/apply';
import { counterPage, ADMIN } from './support/staff';

/** A Tuesday to Thursday at least three days ahead, Beijing time: inside the booking window. */
function weekdayAhead(): string {
	let date = addDays(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10), 3);
	while (![2, 3, 4].includes(weekdayOf(date))) date = addDays(date, 1);
	return date;
}

test('a holiday the admin sets closes every point that day; setting it back opens them', async ({
	page,
	browser,
	baseURL
}) => {
	const date = weekdayAhead();
	const day = `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
	await page.goto(SLOTS_PAGE);
	await expect(page.getByRole('button', { name: new RegExp(day) })).toBeVisible();
	// A resident has booked that day.
	await page.getByRole('button', { name: new RegExp(day) }).click();
	await page.locator('.slots input[type=checkbox]:not([disabled])').first().check();
	await page.getByRole('link', { name: '用所选时段填写申请' }).click();
	await fillApplication(page, uniqueN(), '假日前预约');
	await page.getByRole('button', { name: '提交申请' }).click();
	await expect(page.getByText('已提交', { exact: true })).toBeVisible({ timeout: 20_000 });
	const receipt = page.url();
	const withdrawn = page.getByText('此时段已不再办理').first();

	const admin = await counterPage(browser, baseURL!, ADMIN);
	await admin.goto('/admin/calendar');
	await admin.getByLabel('日期').fill(date);
	await admin.getByLabel('类型').selectOption('holiday');
	await admin.getByLabel('名称（中文）').fill('测试假日');
	await admin.getByLabel('名称（英文）').fill('Test holiday');
	await admin.getByRole('button', { name: '保存这一天' }).click();
	await expect(admin.getByRole('status')).toContainText('已保存');
	// Its bookings are taken back: counted, listed for the points to call, and the phone told.
	await expect(admin.getByRole('status')).toContainText(/这一天已有 \d+ 个预约不再办理/);
	await admin.getByRole('link', { name: '查看需要联系的预约' }).click();
	const reference = (await page.getByTestId('reference').textContent())!.trim();
	await expect(admin.getByText(reference)).toBeVisible();
	await page.goto(receipt);
	await expect(withdrawn).toBeVisible({ timeout: 20_000 });

	// The phone takes the new catalogue up at its next check: here, a fresh page.
	await page.goto('/points/chengxiang-centre');
	await expect(page.getByText(`测试假日`)).toBeVisible();
	await page.goto(SLOTS_PAGE);
	await expect(page.getByRole('button', { name: new RegExp(day) })).toHaveCount(0);

	await admin.goto(`/admin/calendar?year=${date.slice(0, 4)}`);
	// City-wide at once: asked first, and taken back with 取消.
	await admin.getByRole('button', { name: `改为普通日 ${date}` }).click();
	await expect(admin.getByText(/将恢复为普通日/)).toBeVisible();
	await admin.getByRole('button', { name: '取消' }).click();
	await expect(admin.getByRole('button', { name: `改为普通日 ${date}` })).toBeFocused();
	await admin.getByRole('button', { name: `改为普通日 ${date}` }).click();
	await expect(admin.getByRole('button', { name: `确定改为普通日 ${date}` })).toBeFocused();
	await admin.getByRole('button', { name: `确定改为普通日 ${date}` }).click();
	await expect(admin.getByRole('status')).toContainText('已保存');
	await page.goto(SLOTS_PAGE);
	await expect(page.getByRole('button', { name: new RegExp(day) })).toBeVisible();
	// Open again, the booking stands.
	await page.goto(receipt);
	await expect(page.getByTestId('booked-slot')).toBeVisible();
	await expect(withdrawn).toHaveCount(0, { timeout: 20_000 });
	await admin.context().close();
});

test('the calendar names the field at fault', async ({ browser, baseURL }) => {
	const admin = await counterPage(browser, baseURL!, ADMIN);
	await admin.goto('/admin/calendar');
	await admin.getByLabel('名称（中文）').fill('名'.repeat(40));
	await admin.getByRole('button', { name: '保存这一天' }).click();
	await expect(admin.getByRole('alert')).toContainText('请填写“日期”');
	await expect(admin.getByRole('alert')).toContainText('“名称（中文）”不能超过 30 个字');
	await admin.context().close();
});

test('on a phone the form to add a day comes before the year’s long list of days', async ({
	browser,
	baseURL
}) => {
	const admin = await counterPage(browser, baseURL!, ADMIN);
	await admin.setViewportSize({ width: 360, height: 640 });
	await admin.goto('/admin/calendar');
	const add = admin.getByRole('heading', { level: 2, name: '添加或修改一天' });
	const days = admin.getByRole('heading', { level: 2, name: /年$/ });
	expect((await add.boundingBox())!.y).toBeLessThan((await days.boundingBox())!.y);

	// Refused or saved, the answer stands above the form, off the screen: the reader is taken there.
	await admin.getByRole('button', { name: '保存这一天' }).click();
	await expect(admin.getByRole('alert').filter({ hasText: '请填写“日期”' })).toBeFocused();
	const nextYear = new Date().getUTCFullYear() + 1;
	await admin.getByLabel('日期').fill(`${nextYear}-11-19`);
	await admin.getByLabel('名称（中文）').fill('测试假日');
	await admin.getByLabel('名称（英文）').fill('Test holiday');
	await admin.getByRole('button', { name: '保存这一天' }).click();
	const saved = admin.getByRole('status').filter({ hasText: '已保存' });
	await expect(saved).toBeFocused();
	await expect(saved).toBeInViewport();
	await admin.context().close();
});
