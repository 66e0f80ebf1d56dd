import type { BrowserContext, Response } from '@playwright/test';
import { expect, test } from './fixtures';
import { applyFromSlots, SLOTS_PAGE, uniqueN } from './support/apply';
import { ADMIN, counterPage, signIn } from './support/staff';

const RESIDENT_PAGES = [
	'/',
	'/search?q=gtgsh',
	'/matters/individual-business-registration',
	'/matters/individual-business-registration/points',
	'/points/chengxiang-centre',
	'/applications',
	'/outbox',
	'/agent',
	'/shell'
];

/** Records every breach of the page's policy: the browser's report and its console line. */
async function watchPolicy(context: BrowserContext, breaches: string[]): Promise<void> {
	await context.exposeBinding('reportPolicyBreach', ({ page }, text: string) =>
		breaches.push(`${page.url()}: ${text}`)
	);
	await context.addInitScript(() =>
		document.addEventListener('securitypolicyviolation', (e) => {
			const report = (window as unknown as { reportPolicyBreach(text: string): void })
				.reportPolicyBreach;
			report(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'}`);
		})
	);
	context.on('console', (message) => {
		if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
			breaches.push(`${message.page()?.url()}: ${message.text()}`);
	});
}

const policyOf = (response: Pick<Response, 'headers'> | null) =>
	response?.headers()['content-security-policy'] ?? '';
const scriptSrc = (policy: string) => /(?:^|;)\s*script-src ([^;]*)/.exec(policy)?.[1] ?? '';

test('the policy is sent and no page breaks it: resident online and offline, counter, display', async ({
	page,
	context,
	browser,
	baseURL,
	readyOffline
}) => {
	test.setTimeout(240_000);
	const breaches: string[] = [];
	await watchPolicy(context, breaches);

	const home = policyOf(await page.goto('/'));
	for (const directive of [
		"default-src 'self'",
		"img-src 'self' data: blob:",
		"connect-src 'self'",
		"worker-src 'self'",
		"object-src 'none'",
		"frame-ancestors 'none'",
		"base-uri 'self'",
		"form-action 'self'"
	])
		expect(home).toContain(directive);
	expect(scriptSrc(home)).toContain("'self'");
	expect(scriptSrc(home)).not.toContain('unsafe-inline');
	expect(scriptSrc(home)).not.toContain('wasm-unsafe-eval');
	await readyOffline(page);

	for (const path of RESIDENT_PAGES) {
		await page.goto(path);
		await page.waitForLoadState('networkidle');
	}
	// An application with a photo: the photo's preview, the upload, the receipt's QR code.
	await page.goto(SLOTS_PAGE);
	await applyFromSlots(page, uniqueN(), '内容安全', async () => {
		await page
			.getByLabel(/拍照或选择照片/)
			.first()
			.setInputFiles('static/icons/icon-192.png');
		await expect(page.locator('.thumbs img').first()).toBeVisible();
	});
	await expect(page.getByText('已提交', { exact: true })).toBeVisible({ timeout: 20_000 });
	const reference = (await page.getByTestId('reference').textContent())!.trim();
	const qr = await page.getByRole('img', { name: /申请二维码/ }).screenshot();

	await context.setOffline(true);
	// The saved home page predates the elder-mode choice: app.html's inline script applies it.
	await context.addCookies([{ name: 'ow_elder', value: '1', url: baseURL! }]);
	await page.goto('/');
	await expect(page.getByText('当前没有网络')).toBeVisible();
	await expect(page.locator('html')).toHaveClass(/elder/);
	await page.goto('/matters/individual-business-registration');
	await expect(page.getByRole('heading', { level: 1 })).toContainText('个体工商户');
	// Never visited: the shell page draws it from the device's catalogue.
	await page.goto('/points/chengxiang-village-1');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('刘家岭社区便民服务点');
	await context.setOffline(false);
	expect(breaches).toEqual([]);

	const counter = await counterPage(browser, baseURL!, undefined, (c) => watchPolicy(c, breaches));
	const today = policyOf(await counter.goto(`/staff?q=${encodeURIComponent(reference)}`));
	expect(scriptSrc(today)).not.toContain('wasm-unsafe-eval');
	await counter
		.getByRole('region', { name: /查找结果/ })
		.getByRole('link', { name: reference })
		.click();
	const photos = counter.getByRole('region', { name: '申请材料' }).getByRole('img');
	await expect(photos).toHaveCount(1);
	await expect
		.poll(() => photos.evaluate((img: HTMLImageElement) => img.naturalWidth))
		.toBeGreaterThan(0);
	// The code reader's wasm may compile on the check-in page, reached as a counter worker does.
	await counter.getByRole('navigation').getByRole('link', { name: '签到', exact: true }).click();
	await counter.getByLabel('从图片识别').setInputFiles({
		name: 'receipt.png',
		mimeType: 'image/png',
		buffer: qr
	});
	await expect(counter.getByRole('status').filter({ hasText: '已签到' })).toBeVisible();
	const checkIn = policyOf(await counter.request.get('/staff/check-in'));
	expect(scriptSrc(checkIn)).toContain("'wasm-unsafe-eval'");
	await counter.getByRole('navigation').getByRole('link', { name: '叫号' }).click();
	await expect(counter.getByRole('button', { name: '叫下一位' })).toBeVisible();

	await counter.getByRole('button', { name: '退出登录' }).click();
	await signIn(counter, ADMIN);
	await expect(counter.getByRole('button', { name: '退出登录' })).toBeVisible();
	await counter.goto('/admin/audit');
	await expect(counter.getByRole('cell', { name: '查看申请' }).first()).toBeVisible();

	// The hall display's live feed (server-sent events).
	await counter.goto('/display/chengxiang-centre');
	await expect(counter.getByText('实时')).toBeVisible();
	expect(breaches).toEqual([]);
	await counter.context().close();
});
