import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { seriousViolations } from './support/axe';
import { ADMIN, counterPage, signIn } from './support/staff';

const WEEK = 'from=2026-03-02&to=2026-03-08';
let refs: Record<'c1' | 'c2' | 'g1', string>;

test.beforeAll(() => {
	const out = execFileSync('npx', ['tsx', 'tests/support/figures-history.ts'], {
		encoding: 'utf8'
	});
	refs = JSON.parse(out.trim().split('\n').at(-1)!);
});

async function noSeriousAxe(page: Page) {
	expect(await seriousViolations(page, page.url())).toEqual([]);
}

test('the city administrator filters the figures, reads charts and tables, exports CSV and follows up a poor rating', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	const page = await counterPage(browser, baseURL!, ADMIN);
	await page.goto('/admin/figures');
	await expect(page.getByRole('heading', { level: 1, name: '数据统计' })).toBeVisible();

	await page.getByLabel('开始日期').fill('2026-03-02');
	await page.getByLabel('结束日期').fill('2026-03-08');
	await page.getByRole('button', { name: '查看' }).click();
	await expect(page).toHaveURL(/from=2026-03-02/);
	// Three applications that week, each booked and checked in.
	const total = (label: string) =>
		page
			.locator('.totals div')
			.filter({ has: page.getByText(label, { exact: true }) })
			.locator('dd');
	await expect(total('申请')).toHaveText('3');
	await expect(total('到场签到')).toHaveText('3');
	await expect(page.getByRole('img', { name: /按镇街/ })).toBeVisible();
	await page.getByText('查看表格：按镇街').click();
	const byTown = page.getByRole('table', { name: '按镇街' });
	await expect(byTown.getByRole('row', { name: /城厢街道 2 2/ })).toBeVisible();
	await expect(byTown.getByRole('row', { name: /古柳街道 1 1/ })).toBeVisible();

	// One town: its points, and the chart follows.
	await page.getByRole('combobox', { name: '镇街' }).selectOption('chengxiang');
	await page.getByRole('button', { name: '查看' }).click();
	await expect(page).toHaveURL(/town=chengxiang/);
	await expect(total('申请')).toHaveText('2');
	await expect(page.getByRole('img', { name: /按服务点/ })).toBeVisible();

	// The series as CSV: a header in the reader's language and Monday's applications.
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: /导出 CSV\s*：随时间变化/ }).click()
	]);
	const csv = readFileSync((await download.path())!, 'utf8');
	expect(csv.replace(/^\uFEFF/, '').split(/\r?\n/)[0]).toBe('日期,申请,现场取号,到场签到');
	expect(csv).toContain('2026-03-02,2,0,0');
	expect(csv).toContain('2026-03-03,0,0,2');

	// Satisfaction: the poor rating of 城厢 is there to follow up, long overdue (rated on Wednesday
	// 4 March, due 15 working days on); the field at fault is named.
	await page.getByRole('link', { name: '满意度' }).click();
	await expect(page).toHaveURL(/view=satisfaction/);
	await expect(total('待回访')).toHaveText('1');
	await expect(total('其中已逾期')).toHaveText('1');
	await expect(total('逾期后关闭')).toHaveText('0');
	const card = page.getByRole('listitem').filter({ hasText: refs.c1 });
	await expect(card.getByRole('heading')).toContainText('已逾期，待回访');
	// Spaced from the stars by its heading alone, like the other badges (not by the app's "open now").
	await expect(card.getByText('已逾期，待回访')).toHaveCSS('margin-left', '0px');
	await expect(card).toContainText('回访期限：3月25日 周三（评价后 15 个工作日）');
	await expect(page.getByRole('listitem').filter({ hasText: refs.g1 })).toHaveCount(0);
	// Ratings per clerk: the centre's clerk completed both of 城厢's rated applications (1 and 5 stars).
	const byClerk = page.getByRole('table', { name: '按办结人员' });
	await expect(byClerk.getByRole('row', { name: '李明 城厢街道便民服务中心 2 3 1' })).toBeVisible();
	await expect(byClerk.getByRole('row')).toHaveCount(2);
	await card.getByRole('button', { name: '保存回访' }).click();
	await expect(card.getByRole('alert')).toContainText('请填写“回访情况（做了什么）”');
	await card.getByLabel('回访情况（做了什么）').fill('已电话回访并致歉，优化了叫号');
	await card.getByLabel('已处理完，关闭这条差评').check();
	await card.getByRole('button', { name: '保存回访' }).click();
	await expect(card.getByRole('status')).toContainText('已保存回访');
	// Closed today, months after its deadline: closed late.
	await expect(card.getByRole('heading')).toContainText('逾期后关闭');
	await expect(card).toContainText('已电话回访并致歉，优化了叫号');
	await page.reload();
	await expect(page.getByRole('listitem').filter({ hasText: refs.c1 })).toContainText('逾期后关闭');
	await expect(total('待回访')).toHaveText('0');
	await expect(total('逾期后关闭')).toHaveText('1');

	// The follow-up is in the audit log, in words, and its filter finds it.
	await page.goto('/admin/audit');
	await page.getByLabel('操作', { exact: true }).selectOption({ label: '回访差评' });
	await page.getByRole('button', { name: '筛选' }).click();
	await expect(page.getByRole('cell', { name: '回访差评' }).first()).toBeVisible();
	await page.context().close();
});

test('dates entered the wrong way round are named and kept in their fields, to correct', async ({
	browser,
	baseURL
}) => {
	const page = await counterPage(browser, baseURL!, ADMIN);
	await page.goto('/admin/figures');
	await page.getByLabel('开始日期').fill('2026-03-08');
	await page.getByLabel('结束日期').fill('2026-03-02');
	await page.getByRole('button', { name: '查看' }).click();
	await expect(page).toHaveURL(/from=2026-03-08/);
	await expect(page.getByText('“结束日期”不能早于“开始日期”').first()).toBeVisible();
	await expect(page.locator('.error-summary')).toBeFocused();
	await expect(page.getByLabel('开始日期')).toHaveValue('2026-03-08');
	await expect(page.getByLabel('结束日期')).toHaveValue('2026-03-02');
	// The figures below are the default period's, and the page says so.
	await expect(
		page.getByText(/日期有误，下面是默认时段 \d{4}-\d{2}-\d{2} 至 \d{4}-\d{2}-\d{2} 的数据/)
	).toBeVisible();
	// Corrected, the figures show.
	await page.getByLabel('结束日期').fill('2026-03-09');
	await page.getByRole('button', { name: '查看' }).click();
	await expect(page.getByText('“结束日期”不能早于“开始日期”')).toHaveCount(0);
	await expect(page.getByLabel('结束日期')).toHaveValue('2026-03-09');
	await expect(page.getByText(/日期有误/)).toHaveCount(0);
	await page.context().close();
});

test('a town administrator sees only their town, whatever the address asks', async ({
	browser,
	baseURL
}) => {
	const context = await browser.newContext({
		baseURL,
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai'
	});
	const page = await context.newPage();
	await signIn(page, { username: 'town-admin-guliu', password: 'demo-town-2026' });
	await page.waitForURL((url) => url.pathname !== '/staff/login');
	await page.goto(`/admin/figures?${WEEK}&town=chengxiang&point=chengxiang-centre`);
	await expect(page.getByText('仅显示古柳街道的数据')).toBeVisible();
	await expect(page.getByRole('combobox', { name: '镇街' })).toHaveCount(0);
	const total = page
		.locator('.totals div')
		.filter({ has: page.getByText('申请', { exact: true }) })
		.locator('dd');
	await expect(total).toHaveText('1');
	await page.getByText('查看表格：按服务点').click();
	await expect(page.getByRole('table', { name: '按服务点' })).not.toContainText('城厢');

	await page.goto(`/admin/figures?${WEEK}&town=chengxiang&view=satisfaction`);
	await expect(page.getByRole('listitem').filter({ hasText: refs.g1 })).toContainText('已逾期');
	await expect(page.getByRole('listitem').filter({ hasText: refs.c1 })).toHaveCount(0);
	// Only their town's clerks.
	const byClerk = page.getByRole('table', { name: '按办结人员' });
	await expect(byClerk.getByRole('row', { name: /^张华 古柳街道便民服务中心/ })).toBeVisible();
	await expect(byClerk).not.toContainText('城厢');

	// The export keeps to the town too.
	const response = await page.request.get(
		`/admin/figures/export?${WEEK}&town=chengxiang&view=volume&table=volume-by-place&format=csv`
	);
	expect(response.ok()).toBe(true);
	const body = await response.text();
	expect(body).toContain('古柳街道便民服务中心');
	expect(body).not.toContain('城厢');

	// A link changed by hand is answered in the API's shape, naming what is wrong, in Chinese.
	const base = `/admin/figures/export?${WEEK}&view=volume`;
	for (const [query, status, field] of [
		[`${base}&table=volume-by-place&format=pdf`, 400, 'format'],
		[`${base}&table=no-such-table&format=csv`, 404, 'table']
	] as const) {
		const refused = await page.request.get(query);
		expect(refused.status(), query).toBe(status);
		const { error } = await refused.json();
		expect(error.fields, query).toEqual([
			{ field, message: expect.stringMatching(/[\u4e00-\u9fff]/) }
		]);
		expect(error.message).toBe(error.fields[0].message);
		// What was asked for is quoted, not run into the sentence.
		if (field === 'table') expect(error.message).toBe('找不到“no-such-table”');
	}
	await context.close();
});

test('a town administrator is told of another town’s rating what of one that does not exist: nothing', async ({
	browser,
	baseURL
}) => {
	// 城厢's poor rating (tests/support/figures-history.ts), asked about by 古柳's administrator.
	const elsewhere = '0f1a0000-0000-4000-8000-000000000001';

	const context = await browser.newContext({ baseURL, locale: 'zh-CN' });
	const page = await context.newPage();
	await signIn(page, { username: 'town-admin-guliu', password: 'demo-town-2026' });
	await page.waitForURL((url) => url.pathname !== '/staff/login');
	const answers = [];
	for (const applicationId of [elsewhere, 'no-such-application']) {
		const response = await page.request.post('/admin/figures?/followUp', {
			headers: { Origin: baseURL!, Accept: 'application/json', 'x-sveltekit-action': 'true' },
			form: { applicationId, action: '已电话回访' }
		});
		answers.push({ status: response.status(), body: await response.text() });
	}
	expect(answers[0]!.body).toContain('找不到这条差评');
	expect(answers[0]!.body.replace(elsewhere, 'ID')).toBe(
		answers[1]!.body.replace('no-such-application', 'ID')
	);
	expect(answers[0]!.status).toBe(answers[1]!.status);
	await context.close();
});

for (const viewport of [
	{ width: 360, height: 640 },
	{ width: 1280, height: 800 }
]) {
	test(`the figures pass axe and fit at ${viewport.width}×${viewport.height}`, async ({
		browser,
		baseURL
	}) => {
		test.setTimeout(120_000);
		const page = await counterPage(browser, baseURL!, ADMIN);
		await page.setViewportSize(viewport);
		for (const view of ['volume', 'time', 'satisfaction']) {
			await page.goto(`/admin/figures?${WEEK}&view=${view}`);
			for (const summary of await page.locator('summary').all()) await summary.click();
			const width = await page.evaluate(() => ({
				scroll: document.documentElement.scrollWidth,
				client: document.documentElement.clientWidth
			}));
			expect(width.scroll, `${view} scrolls sideways`).toBeLessThanOrEqual(width.client);
			await noSeriousAxe(page);
		}
		await page.context().close();
	});
}

test('on a tablet the chart over time shows its first and last dates whole, inside the chart', async ({
	browser,
	baseURL
}) => {
	const page = await counterPage(browser, baseURL!, ADMIN);
	await page.setViewportSize({ width: 1024, height: 768 });
	await page.goto(`/admin/figures?${WEEK}`);
	const chart = page.getByRole('img', { name: /随时间变化/ });
	await expect(chart).toBeVisible();
	const edge = (await chart.boundingBox())!;
	const dates = chart.locator('text').filter({ hasText: /^\d\d-\d\d$/ });
	await expect(dates.first()).toHaveText('03-02');
	await expect(dates.last()).toHaveText('03-08');
	for (const date of [dates.first(), dates.last()]) {
		const box = (await date.boundingBox())!;
		expect(box.x).toBeGreaterThanOrEqual(edge.x);
		expect(box.x + box.width).toBeLessThanOrEqual(edge.x + edge.width);
	}
	await page.context().close();
});
