import { expect, test } from './fixtures';
import { readQr } from './support/qr';
import { applyFromSlots, idNumber, serverApplications, SLOTS_PAGE, uniqueN } from './support/apply';
import { counterPage, STAFF_B } from './support/staff';

test('a keyboard-wedge scanner types the code and Enter into the focused field: checked in', async ({
	page,
	browser,
	baseURL
}) => {
	await page.goto(SLOTS_PAGE);
	await applyFromSlots(page, uniqueN(), '扫码枪签到');
	await expect(page.getByText('已提交', { exact: true })).toBeVisible({ timeout: 20_000 });
	const reference = (await page.getByTestId('reference').textContent())!.trim();
	const code = await readQr(page.getByRole('img', { name: /申请二维码/ }));

	const counter = await counterPage(browser, baseURL!);
	await counter.goto('/staff/check-in');
	// The field is ready for the scanner (or the clerk's typing) as soon as the page opens.
	await expect(counter.getByLabel('二维码内容或申请编号')).toBeFocused();
	// A code that names nothing is kept to correct, and the next scan takes its place.
	await counter.keyboard.type('LY-XXXXXXXX\n', { delay: 0 });
	await expect(counter.getByRole('alert')).toBeVisible();
	await expect(counter.getByLabel('二维码内容或申请编号')).toHaveValue('LY-XXXXXXXX');
	// A code read in part is said to be one, to scan again: not an unknown reference.
	await counter.keyboard.type(code.slice(0, -10) + '\n', { delay: 0 });
	await expect(counter.getByRole('alert')).toHaveText(
		'这个二维码只读到了一部分，或已损坏。请再扫一次；仍不行时，请输入回执上的申请编号。'
	);
	await counter.keyboard.type(code + '\n', { delay: 0 });
	await expect(counter.getByRole('status').filter({ hasText: '已签到' })).toContainText(
		/号码：A\d{3}/
	);
	expect(serverApplications(reference)[0]!.checked_in_at).not.toBeNull();
	// Whom for, and when booked, for the clerk to confirm with the person; a day other than today
	// is pointed out.
	const booked = (await page.getByTestId('booked-slot').getAttribute('data-start'))!;
	const [month, day] = booked.slice(5, 10).split('-').map(Number);
	await expect(counter.getByTestId('checked-in-who')).toContainText(
		new RegExp(`扫码枪签到 · 个体工商户登记 · 预约 ${month}月${day}日 .*${booked.slice(11, 16)}`)
	);
	const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
	await expect(counter.getByText(`注意：预约的是 ${month}月${day}日`)).toHaveCount(
		booked.slice(0, 10) === today ? 0 : 1
	);
	// Ready for the next one.
	await expect(counter.getByLabel('二维码内容或申请编号')).toBeFocused();
	await expect(counter.getByLabel('二维码内容或申请编号')).toHaveValue('');
	const ticket = /A\d{3}/.exec(
		(await counter.getByRole('status').filter({ hasText: '号码' }).textContent())!
	)![0];

	// The same person again: said to be checked in already, with the same number, not a new one.
	await counter.keyboard.type(reference + '\n', { delay: 0 });
	const again = counter.getByRole('status').filter({ hasText: '号码' });
	await expect(again).toContainText(/已于 \d{2}:\d{2} 签到，不再重复取号/);
	await expect(again).toContainText(`号码：${ticket}`);
	await counter.context().close();
});

test('an application of another centre is not checked in, and the clerk is told where it belongs', async ({
	page,
	browser,
	baseURL
}) => {
	await page.goto(SLOTS_PAGE);
	await applyFromSlots(page, uniqueN(), '走错中心');
	await expect(page.getByText('已提交', { exact: true })).toBeVisible({ timeout: 20_000 });
	const reference = (await page.getByTestId('reference').textContent())!.trim();
	const code = await readQr(page.getByRole('img', { name: /申请二维码/ }));

	const counter = await counterPage(browser, baseURL!, STAFF_B);
	await counter.goto('/staff/check-in');
	for (const typed of [reference, code]) {
		await counter.getByLabel('二维码内容或申请编号').fill(typed);
		await counter.getByLabel('二维码内容或申请编号').press('Enter');
		await expect(counter.getByRole('alert')).toHaveText(
			'这份申请属于城厢街道便民服务中心，不在本中心办理。请引导申请人前往该处。'
		);
	}
	expect(serverApplications(reference)[0]!.checked_in_at).toBeNull();
	await counter.context().close();
});

test('the code reader loads with the page and says what it is doing with a picture', async ({
	page,
	browser,
	baseURL
}) => {
	await page.goto(SLOTS_PAGE);
	await applyFromSlots(page, uniqueN(), '图片签到');
	await expect(page.getByText('已提交', { exact: true })).toBeVisible({ timeout: 20_000 });
	const png = await page.getByRole('img', { name: /申请二维码/ }).screenshot();

	const counter = await counterPage(browser, baseURL!);
	const wasm = counter.waitForRequest((r) => r.url().endsWith('.wasm'));
	await counter.goto('/staff/check-in');
	// Fetched on opening the page, before any picture is given.
	await wasm;
	await expect(counter.getByRole('status').filter({ hasText: '扫码已就绪' })).toBeVisible();
	await counter.getByLabel('从图片识别').setInputFiles({
		name: 'receipt.png',
		mimeType: 'image/png',
		buffer: png
	});
	await expect(counter.getByRole('status').filter({ hasText: '已签到' })).toBeVisible();
	await expect(counter.getByRole('status').filter({ hasText: '已读到二维码' })).toBeVisible();
	await counter.context().close();
});

test('the resident pages never fetch the code reader', async ({ page }) => {
	const wasm: string[] = [];
	page.on('request', (r) => r.url().endsWith('.wasm') && wasm.push(r.url()));
	for (const path of ['/', '/search', SLOTS_PAGE, '/applications']) await page.goto(path);
	await page.waitForLoadState('networkidle');
	expect(wasm).toEqual([]);
});

test('the counter finds an application by the last 4 digits of the phone, a lower-case reference or the ID number', async ({
	page,
	browser,
	baseURL
}) => {
	const n = uniqueN();
	await page.goto(SLOTS_PAGE);
	await applyFromSlots(page, n, '搜索测试');
	await expect(page.getByText('已提交', { exact: true })).toBeVisible({ timeout: 20_000 });
	const reference = (await page.getByTestId('reference').textContent())!.trim();
	const counter = await counterPage(browser, baseURL!);
	for (const q of [reference.toLowerCase(), idNumber(n), idNumber(n).toLowerCase(), '5678']) {
		await counter.goto(`/staff?q=${encodeURIComponent(q)}`);
		const found = counter.getByRole('region', { name: /查找结果/ });
		await expect(found.getByRole('link', { name: reference }), q).toBeVisible();
		// The whole ID number is never shown in a list.
		await expect(found.getByText(idNumber(n))).toHaveCount(0);
	}
	await counter.context().close();
});
