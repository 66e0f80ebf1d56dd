import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { checkOpenSlot, idNumber, SLOTS_PAGE, uniqueN } from './support/apply';
import { seriousViolations } from './support/axe';

const MODES = [
	{ locale: 'zh', elder: false },
	{ locale: 'zh', elder: true },
	{ locale: 'en', elder: false },
	{ locale: 'en', elder: true }
];

test.use({ viewport: { width: 360, height: 640 } });

/** No sideways scrolling at 360 px, and no serious or critical axe violation. */
async function expectUsable(page: Page, what: string) {
	const width = await page.evaluate(() => ({
		scroll: document.documentElement.scrollWidth,
		client: document.documentElement.clientWidth
	}));
	expect(width.scroll, `${what} scrolls sideways`).toBeLessThanOrEqual(width.client);
	expect(await seriousViolations(page, what)).toEqual([]);
}

for (const mode of MODES) {
	test(`the form with errors, the outbox and the receipt with its timeline (${mode.locale}${mode.elder ? ', large text' : ''})`, async ({
		page,
		context,
		baseURL,
		readyOffline
	}) => {
		test.setTimeout(120_000);
		const zh = mode.locale === 'zh';
		await context.addCookies([
			{ name: 'ow_locale', value: mode.locale, url: baseURL! },
			{ name: 'ow_elder', value: mode.elder ? '1' : '0', url: baseURL! }
		]);
		await page.goto(SLOTS_PAGE);
		await readyOffline(page);
		await checkOpenSlot(page);
		await page
			.getByRole('link', { name: zh ? '用所选时段填写申请' : /Fill in the application/ })
			.click();
		await page.getByRole('button', { name: zh ? '提交申请' : 'Submit application' }).click();
		await expect(page.getByRole('alert').first()).toBeVisible();
		await expectUsable(page, 'form with errors');

		await page
			.getByLabel(zh ? '申请人姓名' : "Applicant's name")
			.fill(zh ? '无障碍测试' : 'Access Test');
		await page.getByLabel(zh ? '身份证号码' : 'Resident ID number').fill(idNumber(uniqueN()));
		await page.getByLabel(zh ? '手机号码' : 'Mobile number').fill('13912345678');
		for (const select of await page.locator('form select').all())
			await select.selectOption({ index: 1 });
		for (const input of await page
			.locator('form input[inputmode=decimal], form input[inputmode=numeric]')
			.all())
			await input.fill('1');
		for (const input of await page.locator('form input[type=text]:not([inputmode])').all())
			if (!(await input.inputValue())) await input.fill(zh ? '测试' : 'test');
		await context.setOffline(true);
		await page.getByRole('button', { name: zh ? '提交申请' : 'Submit application' }).click();
		await expect(page.getByTestId('reference')).toBeVisible();
		await expectUsable(page, 'receipt waiting to be sent');
		await page.goto('/outbox');
		await expectUsable(page, 'outbox with an item');
		// The reference stays on one line, however large the text.
		const ref = page.getByRole('link', { name: /^LY-/ });
		const lines = await ref.evaluate((el) => el.getClientRects().length);
		expect(lines).toBe(1);
		await context.setOffline(false);
		await page.goBack();
		await expect(page.getByRole('region', { name: zh ? '办理进度' : 'Progress' })).toContainText(
			zh ? '已提交申请' : 'Application submitted',
			{ timeout: 20_000 }
		);
		await expectUsable(page, 'receipt with its timeline');
	});
}
