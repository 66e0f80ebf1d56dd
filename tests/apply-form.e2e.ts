import { expect, test } from './fixtures';
import {
	applyFromSlots,
	checkOpenSlot,
	idNumber,
	serverApplications,
	SLOTS_PAGE,
	uniqueN
} from './support/apply';

/** Console errors and uncaught exceptions of the page, as the reader's browser would log them. */
function pageErrors(page: import('@playwright/test').Page): string[] {
	const errors: string[] = [];
	page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
	page.on('pageerror', (error) => errors.push(error.message));
	return errors;
}

test('every missing or wrong field is named at the field and in the summary, which follows the input', async ({
	page
}) => {
	const errors = pageErrors(page);
	const n = uniqueN();
	await page.goto(SLOTS_PAGE);
	await checkOpenSlot(page);
	await page.getByRole('link', { name: '用所选时段填写申请' }).click();
	await page.getByLabel('申请人姓名').fill('张三');
	await page.getByRole('button', { name: '提交申请' }).click();

	const summary = page.getByRole('alert').filter({ hasText: '处需要修改' });
	await expect(summary).toBeVisible();
	await expect(summary.getByRole('link', { name: '请填写“身份证号码”' })).toBeVisible();
	await expect(summary.getByRole('link', { name: '请填写“手机号码”' })).toBeVisible();
	await expect(page.getByLabel('身份证号码')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByLabel('身份证号码')).toHaveAccessibleDescription(/请填写“身份证号码”/);

	// Fixing a field takes it off the summary without sending again; a wrong one is named anew.
	await page.getByLabel('身份证号码').fill(idNumber(n));
	await expect(summary.getByRole('link', { name: '请填写“身份证号码”' })).toHaveCount(0);
	await page.getByLabel('手机号码').fill('12345');
	await expect(summary.getByRole('link', { name: /手机号码/ })).toHaveText(/手机号码/);
	await expect(summary.getByRole('link', { name: '请填写“手机号码”' })).toHaveCount(0);
	expect(errors).toEqual([]);
});

test('a submit tapped before any field takes the reader to the summary of what to fill in', async ({
	page
}) => {
	await page.goto(SLOTS_PAGE);
	await checkOpenSlot(page);
	await page.getByRole('link', { name: '用所选时段填写申请' }).click();
	await expect(page.getByLabel('申请人姓名')).toBeVisible();
	await page.getByRole('button', { name: '提交申请' }).click();
	const summary = page.getByRole('alert').filter({ hasText: '处需要修改' });
	await expect(summary).toBeFocused();
	await expect(summary.getByRole('link', { name: '请填写“申请人姓名”' })).toBeVisible();
});

test('a phone typed with spaces or dashes is taken; a name too long is named, not cut', async ({
	page
}) => {
	const n = uniqueN();
	await page.goto(SLOTS_PAGE);
	await applyFromSlots(page, n, '测'.repeat(60), async () => {
		await page.getByLabel('手机号码').fill('139 1234-5678');
		await page.getByRole('button', { name: '提交申请' }).click();
		await expect(page.getByLabel('申请人姓名')).toHaveValue('测'.repeat(60));
		await expect(
			page.getByRole('alert').getByRole('link', { name: '“申请人姓名”不能超过 50 个字' })
		).toBeVisible();
		await page.getByLabel('申请人姓名').fill('王五');
	});
	const reference = (await page.getByTestId('reference').textContent())!.trim();
	await expect.poll(() => serverApplications(reference).length, { timeout: 15_000 }).toBe(1);
	// One line, however narrow the phone.
	const box = await page.getByTestId('reference').boundingBox();
	const lineHeight = await page
		.getByTestId('reference')
		.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight));
	expect(box!.height).toBeLessThan(lineHeight * 1.5);
});

test('what a resident types on a phone that has kept nothing is kept as a draft through a reload', async ({
	page
}) => {
	await page.goto('/apply?matter=individual-business-registration&point=chengxiang-centre');
	await page.getByLabel('申请人姓名').fill('草稿甲');
	await expect(page.getByText('草稿已自动保存')).toBeVisible();
	await page.reload();
	await expect(page.getByLabel('申请人姓名')).toHaveValue('草稿甲');
	// A list not chosen from yet still offers its prompt, not a blank box that looks chosen.
	const scope = page.getByLabel('主要经营范围');
	await expect(scope).toHaveValue('');
	expect(await scope.evaluate((select: HTMLSelectElement) => select.selectedIndex)).toBe(0);
});

test('what a resident types while the saved draft is still being read is kept, with the rest of the draft', async ({
	page
}) => {
	await page.goto('/apply?matter=veteran-preferential-card&point=chengxiang-centre');
	await page.getByLabel('申请人姓名').fill('草稿乙');
	await page.getByLabel('入伍时间').fill('2010-09-01');
	await expect(page.getByText('草稿已自动保存')).toBeVisible();
	// A slow phone: the device's store answers only after the resident has started typing again.
	await page.addInitScript(() => {
		const databases = indexedDB.databases.bind(indexedDB);
		indexedDB.databases = () => new Promise((done) => setTimeout(done, 1_500)).then(databases);
	});
	await page.reload();
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	await page.getByLabel(/退役时间/).fill('2014-09-01');
	await expect(
		page.getByRole('status').filter({ hasText: '这是之前为“草稿乙”填写、未提交的草稿' })
	).toBeVisible();
	await expect(page.getByLabel(/退役时间/)).toHaveValue('2014-09-01');
	await expect(page.getByLabel('申请人姓名')).toHaveValue('草稿乙');
	await expect(page.getByLabel('入伍时间')).toHaveValue('2010-09-01');
	// And the draft kept now holds both.
	await expect(page.getByText('草稿已自动保存')).toBeVisible();
	await page.reload();
	await expect(page.getByLabel(/退役时间/)).toHaveValue('2014-09-01');
	await expect(page.getByLabel('申请人姓名')).toHaveValue('草稿乙');
});

test('a shared or old link naming a time that has already begun offers no such time', async ({
	page
}) => {
	const day = (offset: number) =>
		new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
	const slots = [`${day(-1)}T09:00+08:00`, `${day(-400)}T10:00+08:00`].join(',');
	await page.goto(
		`/apply?matter=individual-business-registration&point=chengxiang-centre&slots=${encodeURIComponent(slots)}`
	);
	const chosen = page.getByRole('region', { name: /预约时段/ });
	await expect(chosen.getByText('未选时段：提交后由服务点安排或稍后另选')).toBeVisible();
	await expect(chosen.getByRole('listitem')).toHaveCount(0);
});

test('a day that has been, such as when a disability began, is refused after today', async ({
	page
}) => {
	const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
	const nextYear = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
	await page.goto('/apply?matter=disability-certificate&point=chengxiang-centre');
	const onset = page.getByLabel(/发现残疾时间/);
	await expect(onset).toHaveAttribute('max', today);
	await onset.fill(nextYear);
	await page.getByRole('button', { name: '提交申请' }).click();
	const summary = page.getByRole('alert').filter({ hasText: '处需要修改' });
	await expect(
		summary.getByRole('link', { name: `“发现残疾时间”应在 1900-01-01 到 ${today} 之间` })
	).toBeVisible();
});

test('a discharge dated before the enlistment is refused, naming both, in Chinese and in English', async ({
	page,
	context,
	baseURL
}) => {
	await page.goto('/apply?matter=veteran-preferential-card&point=chengxiang-centre');
	const enlisted = page.getByLabel('入伍时间');
	const discharged = page.getByLabel(/退役时间/);
	await enlisted.fill('2010-09-01');
	// The date picker offers no day before the enlistment.
	await expect(discharged).toHaveAttribute('min', '2010-09-01');
	await discharged.fill('2008-12-01');
	await page.getByRole('button', { name: '提交申请' }).click();
	const summary = page.getByRole('alert').filter({ hasText: '处需要修改' });
	await expect(summary.getByRole('link', { name: '“退役时间”不能早于“入伍时间”' })).toBeVisible();
	await expect(discharged).toHaveAttribute('aria-invalid', 'true');
	await expect(enlisted).not.toHaveAttribute('aria-invalid', 'true');
	// The same day, or a later one, is taken.
	await discharged.fill('2010-09-01');
	await expect(summary.getByRole('link', { name: /不能早于/ })).toHaveCount(0);

	await context.addCookies([{ name: 'ow_locale', value: 'en', url: baseURL! }]);
	await page.reload();
	await page.getByLabel('Date of enlistment').fill('2010-09-01');
	await page.getByLabel(/Date of discharge/).fill('2008-12-01');
	await page.getByRole('button', { name: 'Submit' }).click();
	await expect(
		page.getByRole('link', { name: '“Date of discharge” cannot be before “Date of enlistment”' })
	).toBeVisible();
});

test('an enlistment before the applicant’s birth, as the ID number gives it, is refused', async ({
	page
}) => {
	await page.goto('/apply?matter=veteran-preferential-card&point=chengxiang-centre');
	// Born 1960-01-01.
	await page.getByLabel('身份证号码').fill(idNumber(5));
	const enlisted = page.getByLabel('入伍时间');
	await enlisted.fill('1959-06-01');
	await page.getByRole('button', { name: '提交申请' }).click();
	const summary = page.getByRole('alert').filter({ hasText: '处需要修改' });
	await expect(
		summary.getByRole('link', {
			name: '“入伍时间”不能早于申请人的出生日期（1960-01-01，据身份证号码）'
		})
	).toBeVisible();
	await expect(enlisted).toHaveAttribute('aria-invalid', 'true');
	await enlisted.fill('1978-03-01');
	await expect(summary.getByRole('link', { name: /出生日期/ })).toHaveCount(0);
});

test('a bank account takes digits only, on the phone’s number pad, and may be typed in groups', async ({
	page
}) => {
	await page.goto('/apply?matter=minimum-living-allowance&point=chengxiang-centre');
	const account = page.getByLabel('本人银行账号（社会保障卡金融账户）');
	await expect(account).toHaveAttribute('inputmode', 'numeric');
	await account.fill('abc');
	await page.getByRole('button', { name: '提交申请' }).click();
	const summary = page.getByRole('alert').filter({ hasText: '处需要修改' });
	await expect(
		summary.getByRole('link', { name: '“本人银行账号（社会保障卡金融账户）”只能填数字' })
	).toBeVisible();
	await account.fill('6222 0212 3456 7890');
	await expect(summary.getByRole('link', { name: /银行账号/ })).toHaveCount(0);
});

test('a postal address is asked for once the card is to be sent by post, and only then', async ({
	page
}) => {
	await page.goto('/apply?matter=social-security-card&point=chengxiang-centre');
	const address = page.getByLabel(/^邮寄地址/);
	await expect(address).toHaveAccessibleName('邮寄地址（选填）');
	await page.getByLabel('领卡方式').selectOption({ label: '邮寄到家' });
	await expect(address).toHaveAccessibleName('邮寄地址');
	await page.getByRole('button', { name: '提交申请' }).click();
	const summary = page.getByRole('alert').filter({ hasText: '处需要修改' });
	const missing = summary.getByRole('link', { name: '请填写“邮寄地址”' });
	await expect(missing).toBeVisible();
	await expect(address).toHaveAttribute('aria-invalid', 'true');
	// Collected at the counter after all: no address is needed, and spaces are as empty as they look.
	await page.getByLabel('领卡方式').selectOption({ label: '窗口即时领取' });
	await expect(missing).toHaveCount(0);
	await expect(address).not.toHaveAttribute('aria-invalid', 'true');
	await address.fill('   ');
	await page.getByRole('button', { name: '提交申请' }).click();
	await expect(summary.getByRole('link', { name: /邮寄地址/ })).toHaveCount(0);
});
