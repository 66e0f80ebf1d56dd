import { expect, test } from './fixtures';
import {
	applyFromSlots,
	checkOpenSlot,
	fillApplication,
	idNumber,
	MATTER,
	signInAsAgent,
	SLOTS_PAGE,
	uniqueN
} from './support/apply';

async function openForm(page: import('@playwright/test').Page, nth = 0) {
	await page.goto(SLOTS_PAGE);
	await checkOpenSlot(page, nth);
	await page.getByRole('link', { name: '用所选时段填写申请' }).click();
	await expect(page.getByRole('heading', { level: 1, name: /填写申请/ })).toBeVisible();
}

test('the situation answered on the guide is already answered on the form', async ({ page }) => {
	await page.goto(`/matters/${MATTER}`);
	await page.getByRole('radio', { name: '委托他人代办' }).check();
	await page.getByRole('radio', { name: '家庭经营' }).check();
	await openForm(page);
	await expect(page.getByRole('radio', { name: '委托他人代办' })).toBeChecked();
	await expect(page.getByRole('radio', { name: '家庭经营' })).toBeChecked();
});

test('the situation given in a shared guide link is already answered on the form', async ({
	page
}) => {
	await page.goto(`/matters/${MATTER}?applicant=agent&operation=family&premises=rented`);
	await expect(page.getByRole('radio', { name: '租赁房屋' })).toBeChecked();
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	await openForm(page);
	await expect(page.getByRole('radio', { name: '委托他人代办' })).toBeChecked();
	await expect(page.getByRole('radio', { name: '家庭经营' })).toBeChecked();
	await expect(page.getByRole('radio', { name: '租赁房屋' })).toBeChecked();
});

test('with consent the phone remembers the applicant for next time, and forgets in one tap', async ({
	page
}) => {
	const n = uniqueN();
	await page.goto(SLOTS_PAGE);
	await applyFromSlots(page, n, '记住我', async () => {
		await page.getByRole('checkbox', { name: /下次在本机自动填写我的信息/ }).check();
	});
	await openForm(page, 1);
	await expect(page.getByText('已自动填入本机保存的您的信息。')).toBeVisible();
	await expect(page.getByLabel('申请人姓名')).toHaveValue('记住我');
	await expect(page.getByLabel('身份证号码')).toHaveValue(idNumber(n));
	await page.getByRole('button', { name: '不再保存，清除' }).click();
	await expect(page.getByLabel('申请人姓名')).toHaveValue('');
	await openForm(page, 2);
	await expect(page.getByLabel('申请人姓名')).toHaveValue('');
	await expect(
		page.getByRole('checkbox', { name: /下次在本机自动填写我的信息/ })
	).not.toBeChecked();
});

test('an agent picks a resident served before instead of typing them again', async ({ page }) => {
	await signInAsAgent(page);
	const n = uniqueN();
	await page.goto(SLOTS_PAGE);
	await applyFromSlots(page, n, '代办居民甲');
	await openForm(page, 1);
	await expect(page.getByRole('checkbox', { name: /下次在本机自动填写我的信息/ })).toHaveCount(0);
	// The list shows who they are with the ID number masked, as every list of people does.
	const id = idNumber(n);
	await expect(page.getByRole('option', { name: /代办居民甲/ }).first()).toHaveText(
		`代办居民甲 · ${id.slice(0, 6)}********${id.slice(-4)}`
	);
	await page.getByLabel('为以前办理过的居民申请').selectOption(id);
	await expect(page.getByLabel('申请人姓名')).toHaveValue('代办居民甲');
	await expect(page.getByLabel('身份证号码')).toHaveValue(id);
});

test('an unsent draft is said to be one, for whom, and is cleared in one tap for the next person', async ({
	page
}) => {
	await signInAsAgent(page);
	await page.goto(`/matters/${MATTER}`);
	await page.getByRole('radio', { name: '委托他人代办' }).check();
	await openForm(page);
	const n = uniqueN();
	await fillApplication(page, n, '未交居民甲');
	await expect(page.getByText('草稿已自动保存')).toBeVisible();
	// Resident A walks away; resident B comes for the same matter at the same point.
	await openForm(page);
	await expect(page.getByRole('status').filter({ hasText: '未提交的草稿' })).toContainText(
		'未交居民甲'
	);
	await expect(page.getByLabel('申请人姓名')).toHaveValue('未交居民甲');
	await page.getByRole('button', { name: '清空草稿，重新填写' }).click();
	await expect(page.getByLabel('申请人姓名')).toHaveValue('');
	await expect(page.getByLabel('申请人姓名')).toBeFocused();
	await expect(page.getByLabel('身份证号码')).toHaveValue('');
	await expect(page.getByLabel('经营场所地址', { exact: true })).toHaveValue('');
	await expect(page.getByText('未提交的草稿')).toHaveCount(0);
	// Gone for good: the next visit starts empty, and says nothing of a draft.
	await openForm(page);
	await expect(page.getByLabel('申请人姓名')).toHaveValue('');
	await expect(page.getByText('未提交的草稿')).toHaveCount(0);
});

test('an agent’s form says the agent applies, and the receipt asks for the agent’s papers', async ({
	page
}) => {
	await signInAsAgent(page);
	// As the resident may have answered it on the guide before the agent took over.
	await page.goto(`/matters/${MATTER}`);
	await page.getByRole('radio', { name: '本人办理' }).check();
	await page.goto(SLOTS_PAGE);
	await checkOpenSlot(page);
	await page.getByRole('link', { name: '用所选时段填写申请' }).click();
	const who = page.getByRole('group', { name: '您是本人办理还是委托他人代办？' });
	await expect(who.getByRole('radio', { name: '委托他人代办' })).toBeChecked();
	await expect(who.getByRole('radio')).toHaveCount(1);
	await fillApplication(page, uniqueN(), '代办居民庚');
	await page.getByRole('button', { name: '提交申请' }).click();
	await expect(page.getByRole('heading', { name: '申请回执' })).toBeVisible();
	await expect(page.getByText('代办人身份证')).toBeVisible();
	await expect(page.getByText('授权委托书')).toBeVisible();
});

test('an agent’s answers for one resident are not ticked for the next once the first is sent', async ({
	page
}) => {
	await signInAsAgent(page);
	await page.goto(`/matters/${MATTER}`);
	await page.getByRole('radio', { name: '租赁房屋' }).check();
	await page.goto(SLOTS_PAGE);
	await applyFromSlots(page, uniqueN(), '代办居民乙');
	await openForm(page, 1);
	await expect(page.getByRole('radio', { name: '租赁房屋' })).not.toBeChecked();
	await expect(page.getByText('未提交的草稿')).toHaveCount(0);
});

test('an agent picking another resident over one typed in starts that resident’s form empty', async ({
	page
}) => {
	await signInAsAgent(page);
	const n = uniqueN();
	await page.goto(SLOTS_PAGE);
	await applyFromSlots(page, n, '代办居民丙');
	await openForm(page, 1);
	await fillApplication(page, uniqueN(), '代办居民丁');
	await page.getByRole('radio', { name: '租赁房屋' }).check();
	await page.getByLabel('为以前办理过的居民申请').selectOption(idNumber(n));
	await expect(page.getByLabel('申请人姓名')).toHaveValue('代办居民丙');
	await expect(page.getByLabel('经营场所地址', { exact: true })).toHaveValue('');
	await expect(page.getByRole('radio', { name: '租赁房屋' })).not.toBeChecked();
});

test('an agent picking the resident whose ID number they typed in full width keeps what they typed', async ({
	page
}) => {
	await signInAsAgent(page);
	const n = uniqueN();
	await page.goto(SLOTS_PAGE);
	await applyFromSlots(page, n, '代办居民戊');
	await openForm(page, 1);
	await page.getByLabel('经营场所地址', { exact: true }).fill('城厢街道1号');
	// As a Chinese keyboard in full-width mode types it, grouped by spaces.
	const fullWidth = idNumber(n).replace(/[0-9X]/g, (c) =>
		String.fromCharCode(c.charCodeAt(0) + 0xfee0)
	);
	await page.getByLabel('身份证号码').fill(`${fullWidth.slice(0, 6)} ${fullWidth.slice(6)}`);
	await page.getByLabel('为以前办理过的居民申请').selectOption(idNumber(n));
	await expect(page.getByLabel('申请人姓名')).toHaveValue('代办居民戊');
	await expect(page.getByLabel('经营场所地址', { exact: true })).toHaveValue('城厢街道1号');
});

test.describe('an agent’s sign-in slow to read', () => {
	// The page's own modules come from the network, where the test can hold one back.
	test.use({ serviceWorkers: 'block' });

	test('an application submitted before the form has read it is still filed by the agent', async ({
		page
	}) => {
		await signInAsAgent(page);
		await page.goto(SLOTS_PAGE);
		await checkOpenSlot(page);
		const form = await page.getByRole('link', { name: '用所选时段填写申请' }).getAttribute('href');

		// The device database's module, with which the form reads the agent's sign-in, arrives only once
		// the application is submitted.
		let release = () => {};
		const held = new Promise<void>((resolve) => (release = resolve));
		await page.route('**/_app/immutable/**/*.js', async (route) => {
			const response = await route.fetch();
			// A script of the page being left, whose answer the browser no longer wants, is let go.
			const body = await response.text().catch(() => null);
			if (body === null) return;
			if (body.includes('DatabaseClosedError')) await held;
			await route.fulfill({ response, body });
		});
		await page.goto(form!);
		await expect(page.getByRole('heading', { level: 1, name: /填写申请/ })).toBeVisible();
		const n = uniqueN();
		await fillApplication(page, n, '代办居民乙');
		await page.getByRole('button', { name: '提交申请' }).click();
		await page.waitForTimeout(500);
		release();
		await expect(page.getByRole('heading', { name: '申请回执' })).toBeVisible();
		await expect(page.getByText('代办居民乙 · 代办模式：')).toBeVisible();
	});
});
