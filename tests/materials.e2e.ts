import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { applyFromSlots, serverApplications, SLOTS_PAGE, uniqueN } from './support/apply';
import { counterPage, materialRow, processAtCounter } from './support/staff';

/**
 * Applies from the slots page, has the counter accept it and ask for the operator's ID card
 * again, and opens the receipt on that request; returns the application's reference.
 */
async function askedForMaterials(page: Page, baseURL: string, name: string): Promise<string> {
	await page.goto(SLOTS_PAGE);
	await applyFromSlots(page, uniqueN(), name);
	await expect(page.getByText('已提交', { exact: true })).toBeVisible({ timeout: 20_000 });
	const reference = (await page.getByTestId('reference').textContent())!.trim();
	const { id } = serverApplications(reference)[0]!;
	await processAtCounter(baseURL, id, [
		{ action: 'accept' },
		{ action: 'request_materials', note: '身份证照片看不清', materials: ['operator-id'] }
	]);
	await page.reload();
	await expect(page.getByText('需补充材料', { exact: true })).toBeVisible({ timeout: 20_000 });
	return reference;
}

test('the resident sends the materials asked for from the phone, offline too; the counter sees them', async ({
	page,
	context,
	browser,
	baseURL,
	readyOffline
}) => {
	const reference = await askedForMaterials(page, baseURL!, '补充材料测试');
	await readyOffline(page);

	await context.setOffline(true);
	await page.getByRole('button', { name: '发送补充材料' }).press('Enter');
	await expect(page.getByRole('alert')).toHaveText('请先为至少一项材料拍照');
	// The keyboard is where it was, the photo still to take.
	await expect(page.getByRole('button', { name: '发送补充材料' })).toBeFocused();
	await page.getByLabel('拍照或选择照片：经营者身份证').setInputFiles('static/icons/icon-192.png');
	await expect(page.getByRole('img', { name: '经营者身份证' })).toBeVisible();
	await page.getByRole('button', { name: '发送补充材料' }).press('Enter');
	// Its button gone, what became of the photos takes the focus.
	await expect(page.getByText('补充材料已保存，等待发送')).toBeFocused();
	expect(serverApplications(reference)[0]!.status).toBe('more_materials');

	await context.setOffline(false);
	await expect(page.getByText('已受理', { exact: true })).toBeVisible({ timeout: 30_000 });
	await expect(
		page.getByRole('region', { name: '办理进度' }).getByText('已补充材料，等待窗口审核')
	).toBeVisible();

	const counter = await counterPage(browser, baseURL!);
	await counter.goto('/staff');
	const received = counter.getByRole('region', { name: /居民已补充材料/ });
	await expect(received.getByRole('link', { name: reference })).toBeVisible();
	await received.getByRole('link', { name: reference }).click();
	await expect(counter.getByRole('img', { name: /经营者身份证/ })).toBeVisible();
	// The record tells the photos sent later from those sent with the application.
	const row = materialRow(counter, '经营者身份证');
	await expect(row).toContainText(/照片 1 张.*居民补充于 \d+月\d+日 \d{2}:\d{2}/);
	await counter.context().close();
});

test('a file picked for the materials asked for that is no picture is named, and the pictures with it are kept', async ({
	page,
	baseURL
}) => {
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(e.message));
	await askedForMaterials(page, baseURL!, '补充材料文件测试');

	await page.getByLabel('拍照或选择照片：经营者身份证').setInputFiles([
		{ name: 'notes.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not a picture at all') },
		{ name: 'icon.png', mimeType: 'image/png', buffer: readFileSync('static/icons/icon-192.png') }
	]);
	await expect(page.getByRole('alert')).toHaveText(
		'“notes.jpg”不是能打开的照片，请选择相机拍的照片或 JPG、PNG 图片'
	);
	await expect(page.getByRole('img', { name: '经营者身份证' })).toHaveCount(1);
	expect(errors).toEqual([]);
});

test('sending some of the materials asked for leaves the rest asked for, on the phone and at the counter', async ({
	page,
	browser,
	baseURL
}) => {
	await page.goto(SLOTS_PAGE);
	await applyFromSlots(page, uniqueN(), '部分补充');
	await expect(page.getByText('已提交', { exact: true })).toBeVisible({ timeout: 20_000 });
	const reference = (await page.getByTestId('reference').textContent())!.trim();
	const { id } = serverApplications(reference)[0]!;
	await processAtCounter(baseURL!, id, [
		{ action: 'request_materials', note: '请补两样', materials: ['operator-id', 'application'] }
	]);
	await page.reload();
	await expect(page.getByText('需补充材料', { exact: true })).toBeVisible({ timeout: 20_000 });

	await page.getByLabel('拍照或选择照片：经营者身份证').setInputFiles('static/icons/icon-192.png');
	await page.getByRole('button', { name: '发送补充材料' }).click();
	const progress = page.getByRole('region', { name: '办理进度' });
	await expect(progress.getByText('已补充部分材料，其余还待补充')).toBeVisible({ timeout: 30_000 });
	await expect(page.getByText('需补充材料', { exact: true })).toBeVisible();
	await expect(page.getByLabel('拍照或选择照片：个体工商户登记（备案）申请书')).toBeAttached();
	await expect(page.getByLabel('拍照或选择照片：经营者身份证')).toHaveCount(0);
	expect(serverApplications(reference)[0]!.status).toBe('more_materials');

	const counter = await counterPage(browser, baseURL!);
	await counter.goto(`/staff/applications/${id}`);
	await expect(
		materialRow(counter, '个体工商户登记（备案）申请书').getByText('已要求补充', { exact: true })
	).toBeVisible();
	await expect(
		materialRow(counter, '经营者身份证').getByText('已要求补充', { exact: true })
	).toHaveCount(0);
	await expect(counter.getByRole('img', { name: /经营者身份证/ })).toBeVisible();
	await counter.context().close();
});
