import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { readQr } from './support/qr';
import { seriousViolations } from './support/axe';
import {
	applyFromSlots,
	serverApplications,
	signInAsAgent,
	SLOTS_PAGE,
	uniqueN
} from './support/apply';
import { e2eDatabase } from './support/db';
import { counterPage, materialMark, materialRow, signIn, STAFF_A } from './support/staff';

/** Answers the situation questions on the application form: self, one person, rented premises. */
async function answerRented(page: Page) {
	await page.getByRole('radio', { name: '本人办理' }).check();
	await page.getByRole('radio', { name: '个人经营' }).check();
	await page.getByRole('radio', { name: '租赁房屋' }).check();
}

/** A landscape PNG (a photographed document lies on its side more often than not). */
async function landscapePhoto(page: Page): Promise<Buffer> {
	const url = await page.evaluate(() => {
		const canvas = document.createElement('canvas');
		canvas.width = 640;
		canvas.height = 400;
		const g = canvas.getContext('2d')!;
		g.fillStyle = '#f4f1e8';
		g.fillRect(0, 0, 640, 400);
		g.fillStyle = '#1a1d21';
		g.font = '48px sans-serif';
		g.fillText('身份证 ID 370682', 40, 120);
		g.fillRect(40, 200, 560, 12);
		return canvas.toDataURL('image/png');
	});
	return Buffer.from(url.split(',')[1]!, 'base64');
}

/** Files an application from the slot page, answering the questions; returns its reference and id. */
async function apply(page: Page, name: string, beforeSubmit?: () => Promise<void>) {
	await page.goto(SLOTS_PAGE);
	await applyFromSlots(page, uniqueN(), name, async () => {
		await answerRented(page);
		await beforeSubmit?.();
	});
	await expect(page.getByText('已提交', { exact: true })).toBeVisible({ timeout: 20_000 });
	const reference = (await page.getByTestId('reference').textContent())!.trim();
	return { reference, id: serverApplications(reference)[0]!.id };
}

function serverRow(id: string) {
	const db = e2eDatabase();
	try {
		return db
			.prepare('select status, status_note, requested_materials from applications where id = ?')
			.get(id) as { status: string; status_note: string; requested_materials: string };
	} finally {
		db.close();
	}
}

test('the record shows labels, the situation answers, who sent it, and only the materials that apply', async ({
	page,
	browser,
	baseURL
}) => {
	const { id } = await apply(page, '记录标签');
	const counter = await counterPage(browser, baseURL!);
	await counter.goto(`/staff/applications/${id}`);
	const main = counter.getByRole('main');
	// The form's option, as a label in the clerk's language.
	await expect(main.getByText('食品、日用百货零售')).toBeVisible();
	await expect(main).not.toContainText('retail');
	const situation = counter.getByRole('region', { name: '办理情形' });
	await expect(situation.getByRole('term')).toHaveText([
		'您是本人办理还是委托他人代办？',
		'由个人经营还是家庭经营？',
		'经营场所属于哪种情况？'
	]);
	await expect(situation.getByRole('definition')).toHaveText(['本人办理', '个人经营', '租赁房屋']);
	await expect(main.getByText('居民用自己的手机提交')).toBeVisible();

	// Rented premises, one person, in person: three of the matter's eight materials.
	const materials = counter.getByRole('region', { name: '申请材料' });
	await expect(materials.getByRole('listitem')).toHaveText([
		/^个体工商户登记（备案）申请书/,
		/^经营者身份证/,
		/^房屋租赁合同及出租方产权证明/
	]);
	await counter.context().close();
});

test('the record names the agent who filed an application, and asks for the agent’s papers', async ({
	page,
	browser,
	baseURL
}) => {
	await signInAsAgent(page);
	await page.goto(SLOTS_PAGE);
	// Who applies is the agent's form's own answer.
	await applyFromSlots(page, uniqueN(), '代办记录', async () => {
		await page.getByRole('radio', { name: '个人经营' }).check();
		await page.getByRole('radio', { name: '租赁房屋' }).check();
	});
	await expect(page.getByText('已提交', { exact: true })).toBeVisible({ timeout: 20_000 });
	const reference = (await page.getByTestId('reference').textContent())!.trim();
	const { id } = serverApplications(reference)[0]!;
	const counter = await counterPage(browser, baseURL!);
	await counter.goto(`/staff/applications/${id}`);
	await expect(counter.getByRole('main').getByText('代办员 王秀兰 代为提交')).toBeVisible();
	await expect(counter.getByRole('region', { name: '办理情形' })).toContainText('委托他人代办');
	await expect(materialRow(counter, '代办人身份证')).toBeVisible();
	await expect(materialRow(counter, '授权委托书')).toBeVisible();
	await counter.context().close();
});

test('an application taken in from its code: the record says so and prints a receipt to bring', async ({
	page,
	context,
	browser,
	baseURL,
	readyOffline
}) => {
	await page.goto(SLOTS_PAGE);
	await readyOffline(page);
	await context.setOffline(true);
	await applyFromSlots(page, uniqueN(), '录入回执', () => answerRented(page));
	const reference = (await page.getByTestId('reference').textContent())!.trim();
	const code = await readQr(page.getByRole('img', { name: /申请二维码/ }));

	const counter = await counterPage(browser, baseURL!);
	await counter.goto('/staff/check-in');
	await counter.getByLabel('二维码内容或申请编号').fill(code);
	await counter.getByRole('button', { name: '签到并取号' }).click();
	await expect(counter.getByRole('status').filter({ hasText: '已从二维码录入' })).toBeVisible();
	const { id } = serverApplications(reference)[0]!;
	await counter.goto(`/staff/applications/${id}`);
	await expect(counter.getByRole('main').getByText(/李明 在窗口从回执二维码录入/)).toBeVisible();
	await expect(counter.getByRole('main').getByText('手机尚未联网同步')).toBeVisible();
	const ticket = (await counter.getByTestId('ticket').textContent())!.trim();

	await counter.getByRole('link', { name: '打印回执' }).click();
	await expect(counter.getByRole('heading', { level: 1 })).toHaveText('申请回执');
	const receipt = counter.getByRole('main');
	await expect(receipt.getByTestId('reference')).toHaveText(reference);
	await expect(receipt).toContainText('个体工商户登记');
	await expect(receipt).toContainText('城厢街道便民服务中心');
	await expect(receipt).toContainText(ticket);
	await expect(receipt.getByRole('listitem')).toHaveText([
		'个体工商户登记（备案）申请书 · 原件 1 份',
		'经营者身份证 · 原件 1 份',
		'房屋租赁合同及出租方产权证明 · 复印件 1 份'
	]);
	// The code holds the reference, which the check-in page takes typed or scanned.
	const printed = receipt.getByRole('img', { name: new RegExp(reference) });
	expect(await readQr(printed)).toBe(reference);
	const qr = await printed.screenshot();
	await counter.emulateMedia({ media: 'print' });
	await expect(counter.getByRole('button', { name: '打印' })).toBeHidden();
	await expect(counter.getByRole('banner')).toBeHidden();
	await counter.emulateMedia({ media: 'screen' });
	// Brought back to the counter, the paper's code finds the application again.
	await counter.goto('/staff/check-in');
	await counter
		.getByLabel('从图片识别')
		.setInputFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: qr });
	// Checked in when it was taken in: the same ticket, said to be from then.
	await expect(
		counter.getByRole('status').filter({ hasText: /已于 \d{2}:\d{2} 签到/ })
	).toContainText(ticket);
	await counter.context().close();
	await context.setOffline(false);
});

test('refusing asks for the reason and a confirmation first', async ({
	page,
	browser,
	baseURL
}) => {
	const { id } = await apply(page, '不予受理');
	const counter = await counterPage(browser, baseURL!);
	await counter.goto(`/staff/applications/${id}`);
	await counter.getByRole('button', { name: '不予受理' }).click();
	const reason = counter.getByLabel('不予受理的理由');
	await expect(reason).toBeFocused();
	expect(serverRow(id).status).toBe('submitted');

	// Without a reason: the message names the field it is about.
	await counter.getByRole('button', { name: '确认不予受理' }).click();
	await expect(counter.getByRole('alert')).toHaveText('请填写“不予受理的理由”');
	await expect(reason).toHaveAttribute('aria-invalid', 'true');
	expect(serverRow(id).status).toBe('submitted');

	// Taking it back leaves the application as it was.
	await counter.getByRole('button', { name: '取消' }).click();
	await expect(counter.getByLabel('不予受理的理由')).toBeHidden();
	await expect(counter.getByRole('button', { name: '不予受理' })).toBeFocused();

	await counter.keyboard.press('Enter');
	await counter.getByLabel('不予受理的理由').fill('不属于本中心办理范围');
	await counter.getByRole('button', { name: '确认不予受理' }).click();
	await expect(counter.getByRole('status').filter({ hasText: '已保存' })).toBeVisible();
	expect(serverRow(id)).toMatchObject({ status: 'refused', status_note: '不属于本中心办理范围' });
	await counter.context().close();
});

test('a material’s photo opens full size, zooms and turns from the keyboard; Esc closes it', async ({
	page,
	browser,
	baseURL
}) => {
	const { id } = await apply(page, '照片查看', async () => {
		await page
			.getByLabel('拍照或选择照片：经营者身份证')
			.setInputFiles({ name: 'id.png', mimeType: 'image/png', buffer: await landscapePhoto(page) });
		await expect(page.getByRole('img', { name: '经营者身份证' })).toBeVisible();
	});
	const counter = await counterPage(browser, baseURL!);
	await counter.goto(`/staff/applications/${id}`);
	const row = materialRow(counter, '经营者身份证');
	await expect(row).toContainText('照片 1 张');
	const thumb = row.getByRole('button', { name: /查看照片/ });
	await thumb.focus();
	await counter.keyboard.press('Enter');

	const viewer = counter.getByRole('dialog', { name: /经营者身份证/ });
	await expect(viewer).toBeVisible();
	const photo = viewer.getByRole('img', { name: '经营者身份证' });
	// Fitted to the screen once it has loaded.
	await expect.poll(async () => (await photo.boundingBox())?.width ?? 0).toBeGreaterThan(400);
	const fitted = (await photo.boundingBox())!;
	expect(fitted.width).toBeGreaterThan(fitted.height);

	await counter.keyboard.press('+');
	await expect(viewer.getByText('150%')).toBeVisible();
	const zoomed = (await photo.boundingBox())!;
	expect(zoomed.width).toBeGreaterThan(fitted.width * 1.4);

	await viewer.getByRole('button', { name: '向右旋转' }).click();
	await expect(viewer.getByText('90°')).toBeVisible();
	const turned = (await photo.boundingBox())!;
	expect(turned.height).toBeGreaterThan(turned.width);

	await counter.keyboard.press('0');
	await expect(viewer.getByText('100%')).toBeVisible();
	await counter.keyboard.press('Escape');
	await expect(viewer).toBeHidden();
	await expect(thumb).toBeFocused();
	await counter.context().close();
});

test('marking materials received or missing asks the resident for the missing ones', async ({
	page,
	browser,
	baseURL
}) => {
	const { id } = await apply(page, '材料核对');
	const counter = await counterPage(browser, baseURL!);
	await counter.goto(`/staff/applications/${id}`);
	const mark = (material: string, state: '已收到' | '缺少') =>
		materialMark(counter, material, state).check();
	await mark('个体工商户登记（备案）申请书', '已收到');
	await mark('经营者身份证', '缺少');
	await mark('房屋租赁合同及出租方产权证明', '缺少');
	await counter.getByLabel('说明').fill('请补充身份证和租赁合同');
	await counter.getByRole('button', { name: '要求补充材料' }).click();
	await expect(counter.getByRole('status').filter({ hasText: '已保存' })).toBeVisible();
	expect(JSON.parse(serverRow(id).requested_materials)).toEqual(['operator-id', 'lease-contract']);
	const materials = counter.getByRole('region', { name: '申请材料' });
	await expect(materials.getByRole('listitem').filter({ hasText: '已要求补充' })).toHaveCount(2);
	// Not accepted yet: it is accepted before it can be completed.
	await expect(counter.getByRole('button', { name: '受理', exact: true })).toBeVisible();
	await expect(counter.getByRole('button', { name: '办结' })).toHaveCount(0);
	// The marks stay as the clerk left them, for the next step; the note, sent, is cleared.
	await expect(materialMark(counter, '个体工商户登记（备案）申请书', '已收到')).toBeChecked();
	await expect(counter.getByLabel('说明')).toHaveValue('');
	// Coming back to the record later, the marks are as the clerk left them, and the log says
	// what was received.
	await counter.reload();
	await expect(materialMark(counter, '个体工商户登记（备案）申请书', '已收到')).toBeChecked();
	await expect(materialMark(counter, '经营者身份证', '缺少')).toBeChecked();
	await expect(materialMark(counter, '房屋租赁合同及出租方产权证明', '缺少')).toBeChecked();
	await expect(
		counter
			.getByRole('region', { name: '办理记录' })
			.getByText('已收到：个体工商户登记（备案）申请书')
	).toBeVisible();
	await counter.context().close();
});

test('after asking for materials, a clerk may still accept with one to follow, as the refusal offers', async ({
	page,
	browser,
	baseURL
}) => {
	const { id } = await apply(page, '补后容缺');
	const counter = await counterPage(browser, baseURL!);
	await counter.goto(`/staff/applications/${id}`);
	await materialMark(counter, '个体工商户登记（备案）申请书', '已收到').check();
	await materialMark(counter, '经营者身份证', '缺少').check();
	await counter.getByRole('button', { name: '要求补充材料' }).click();
	await expect(counter.getByRole('status').filter({ hasText: '已保存' })).toBeVisible();
	expect(serverRow(id).status).toBe('more_materials');

	await counter.getByRole('button', { name: '受理', exact: true }).click();
	await expect(counter.getByRole('alert')).toContainText('容缺受理（材料后补）');
	await counter.getByRole('button', { name: '容缺受理（材料后补）' }).click();
	await expect(counter.getByRole('status').filter({ hasText: '已保存' })).toBeVisible();
	expect(serverRow(id).status).toBe('accepted');
	await counter.context().close();
});

test('accepting with a material marked missing asks first: completed, it waits for it; accepted, it is to follow', async ({
	page,
	browser,
	baseURL
}) => {
	const { id } = await apply(page, '容缺受理');
	const receipt = page.url();
	const counter = await counterPage(browser, baseURL!);
	await counter.goto(`/staff/applications/${id}`);
	const mark = (material: string, state: '已收到' | '缺少') =>
		materialMark(counter, material, state).check();
	await mark('个体工商户登记（备案）申请书', '已收到');
	await mark('经营者身份证', '缺少');
	await counter.getByRole('button', { name: '受理', exact: true }).click();
	await expect(counter.getByRole('alert')).toContainText('还有材料标为“缺少”：经营者身份证');
	expect(serverRow(id).status).toBe('submitted');

	await counter.getByRole('button', { name: '容缺受理（材料后补）' }).click();
	await expect(counter.getByRole('status').filter({ hasText: '已保存' })).toBeVisible();
	expect(serverRow(id).status).toBe('accepted');
	const log = counter.getByRole('region', { name: '办理记录' });
	await expect(log.getByText('容缺，后补：经营者身份证')).toBeVisible();
	await expect(counter.getByRole('button', { name: '容缺受理（材料后补）' })).toHaveCount(0);
	// The resident's phone names what is still owed.
	await page.goto(receipt);
	await expect(page.getByText('已受理', { exact: true })).toBeVisible({ timeout: 20_000 });
	const owed = page.getByRole('region', { name: '还需补交的材料' });
	await expect(owed.getByRole('listitem')).toHaveText(['经营者身份证']);

	// Opened again, it is still marked missing, and to follow; completing waits for it, and offers
	// no way round.
	await counter.reload();
	await expect(materialMark(counter, '经营者身份证', '缺少')).toBeChecked();
	await expect(
		materialRow(counter, '经营者身份证').getByText('容缺后补', { exact: true })
	).toBeVisible();
	await counter.getByRole('button', { name: '办结' }).click();
	await expect(counter.getByRole('alert')).toContainText('材料不齐不能办结');
	await expect(counter.getByRole('button', { name: '容缺受理（材料后补）' })).toHaveCount(0);
	await mark('经营者身份证', '已收到');
	await counter.getByRole('button', { name: '办结' }).click();
	await expect(counter.getByRole('status').filter({ hasText: '已保存' })).toBeVisible();
	expect(serverRow(id).status).toBe('completed');
	await page.goto(receipt);
	await expect(page.getByText('已办结', { exact: true })).toBeVisible({ timeout: 20_000 });
	await expect(page.getByRole('region', { name: '还需补交的材料' })).toHaveCount(0);
	await counter.context().close();
});

test('the record shows the timeline in Beijing time beside the counter’s log', async ({
	page,
	browser,
	baseURL
}) => {
	const { id } = await apply(page, '时间线');
	// A counter PC set to another time zone still shows the times at the centre.
	const context = await browser.newContext({
		baseURL,
		locale: 'zh-CN',
		timezoneId: 'America/New_York',
		viewport: { width: 1280, height: 720 }
	});
	const clerk = await context.newPage();
	await signIn(clerk, STAFF_A);
	await expect(clerk.getByRole('button', { name: '退出登录' })).toBeVisible();
	await clerk.goto(`/staff/applications/${id}`);
	await clerk.getByRole('button', { name: '签到并取号' }).click();
	await expect(clerk.getByRole('status').filter({ hasText: '号码' })).toBeVisible();
	// The button is gone once done: the ticket it gave takes the focus, not the top of the page.
	await expect(clerk.getByRole('status').filter({ hasText: '号码' })).toBeFocused();
	await clerk.getByRole('button', { name: '受理', exact: true }).click();
	await expect(clerk.getByRole('status').filter({ hasText: '已保存' })).toBeVisible();

	const db = e2eDatabase();
	const events = db
		.prepare('select step, at from application_events where application_id = ? order by seq')
		.all(id) as { step: string; at: string }[];
	db.close();
	const beijing = (at: string) => {
		const t = new Date(Date.parse(at) + 8 * 3_600_000);
		const hhmm = `${String(t.getUTCHours()).padStart(2, '0')}:${String(t.getUTCMinutes()).padStart(2, '0')}`;
		return `${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ${hhmm}`;
	};
	const timeline = clerk.getByRole('region', { name: '办理进度' });
	await expect(timeline.getByRole('listitem')).toHaveText(
		events.map(
			(e, i) => new RegExp(`${['已提交申请', '已到窗口签到', '窗口已受理'][i]}.*${beijing(e.at)}`)
		)
	);
	const history = clerk.getByRole('region', { name: '办理记录' });
	await expect(history.getByRole('listitem')).toHaveText([/李明.*签到/, /李明.*受理/]);
	await context.close();
});

/** Every visible control of the page at least 44 × 44 px (a radio or checkbox: its label). */
async function smallTargets(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const small: string[] = [];
		for (const el of document.querySelectorAll<HTMLElement>(
			'a[href], button, input, select, textarea, [tabindex="0"]'
		)) {
			if (!el.checkVisibility() || el.closest('.skip')) continue;
			const target =
				el instanceof HTMLInputElement && ['radio', 'checkbox'].includes(el.type)
					? (el.closest('label') ?? el)
					: el;
			const box = target.getBoundingClientRect();
			if (box.width < 44 || box.height < 44)
				small.push(
					`${el.tagName.toLowerCase()} “${(el.textContent || el.getAttribute('aria-label') || el.getAttribute('name') || '').trim().slice(0, 30)}” ${Math.round(box.width)}×${Math.round(box.height)}`
				);
		}
		return small;
	});
}

for (const size of [
	{ width: 1280, height: 720, what: 'counter PC' },
	{ width: 800, height: 1280, what: '10-inch tablet' }
]) {
	test(`the record and its receipt on a ${size.what} (${size.width}×${size.height}): no sideways scrolling, 44 px targets, axe clean`, async ({
		page,
		browser,
		baseURL
	}) => {
		const { id } = await apply(page, '版面检查', async () => {
			await page.getByLabel('拍照或选择照片：经营者身份证').setInputFiles({
				name: 'id.png',
				mimeType: 'image/png',
				buffer: await landscapePhoto(page)
			});
			await expect(page.getByRole('img', { name: '经营者身份证' })).toBeVisible();
		});
		const counter = await counterPage(browser, baseURL!);
		await counter.setViewportSize(size);
		const check = async (what: string) => {
			await counter.waitForLoadState('networkidle');
			const width = await counter.evaluate(() => ({
				scroll: document.documentElement.scrollWidth,
				client: document.documentElement.clientWidth
			}));
			expect(width.scroll, `${what} scrolls sideways`).toBeLessThanOrEqual(width.client);
			expect(await smallTargets(counter), `${what}: targets under 44 px`).toEqual([]);
			expect(await seriousViolations(counter, what)).toEqual([]);
		};
		await counter.goto(`/staff/applications/${id}`);
		await check('record');
		await counter.screenshot({ path: `test-results/record-${size.width}.png`, fullPage: true });
		await counter.getByRole('button', { name: '不予受理' }).click();
		await check('record, refusing');
		await counter
			.getByRole('button', { name: /查看照片/ })
			.first()
			.click();
		await expect(counter.getByRole('dialog')).toBeVisible();
		await check('photo viewer');
		await counter.screenshot({ path: `test-results/viewer-${size.width}.png` });
		await counter.keyboard.press('Escape');
		await counter.getByRole('link', { name: '打印回执' }).click();
		await check('receipt');
		await counter.emulateMedia({ media: 'print' });
		await counter.screenshot({
			path: `test-results/receipt-print-${size.width}.png`,
			fullPage: true
		});
		await counter.context().close();
	});
}

test('on a tablet, what became of a step is said in sight of its buttons, refused or saved', async ({
	page,
	browser,
	baseURL
}) => {
	const { id } = await apply(page, '平板办理');
	const counter = await counterPage(browser, baseURL!);
	await counter.setViewportSize({ width: 1024, height: 768 });
	await counter.goto(`/staff/applications/${id}`);
	await counter.getByRole('button', { name: '要求补充材料' }).click();
	await expect(counter.getByRole('alert')).toHaveText('请至少把一项材料标记为“缺少”');
	await expect(counter.getByRole('alert')).toBeInViewport();
	// From the keyboard: the button pressed goes with its step, and the keyboard carries on from
	// the answer, not from the top of the page.
	await counter.getByRole('button', { name: '受理', exact: true }).focus();
	await counter.keyboard.press('Enter');
	const saved = counter.getByRole('status').filter({ hasText: '已保存' });
	await expect(saved).toBeInViewport();
	await expect(saved).toBeFocused();
	await expect(counter.getByRole('alert')).toHaveCount(0);
	await counter.context().close();
});

test('a double click sends a step once: materials asked for once, an acceptance without an error', async ({
	page,
	browser,
	baseURL
}) => {
	const { id } = await apply(page, '双击一次');
	const counter = await counterPage(browser, baseURL!);
	await counter.goto(`/staff/applications/${id}`);
	await materialMark(counter, '经营者身份证', '缺少').check();
	await counter.getByLabel('说明').fill('请补充身份证');
	await counter.getByRole('button', { name: '要求补充材料' }).dblclick();
	await expect(counter.getByRole('status').filter({ hasText: '已保存' })).toBeVisible();
	await materialMark(counter, '经营者身份证', '已收到').check();
	await counter.getByRole('button', { name: '受理', exact: true }).dblclick();
	await expect(counter.getByRole('button', { name: '办结' })).toBeVisible();
	await expect(counter.getByRole('alert')).toHaveCount(0);
	const steps = (() => {
		const db = e2eDatabase();
		try {
			return (
				db
					.prepare('select step from application_events where application_id = ? order by seq')
					.all(id) as { step: string }[]
			).map((r) => r.step);
		} finally {
			db.close();
		}
	})();
	expect(steps.filter((s) => s !== 'submitted' && s !== 'check_in')).toHaveLength(2);
	await counter.context().close();
});

test('a step sent from a record a colleague has changed since is not made: the page says so and shows it as it is', async ({
	page,
	browser,
	baseURL
}) => {
	const { id } = await apply(page, '同事已受理');
	const mine = await counterPage(browser, baseURL!);
	const colleague = await counterPage(browser, baseURL!);
	await mine.goto(`/staff/applications/${id}`);
	await colleague.goto(`/staff/applications/${id}`);
	await colleague.getByRole('button', { name: '受理', exact: true }).click();
	await expect(colleague.getByRole('button', { name: '办结' })).toBeVisible();

	// The first clerk's page still shows it as submitted, and asks for a paper.
	await materialMark(mine, '经营者身份证', '缺少').check();
	await mine.getByLabel('说明').fill('请补充身份证');
	await mine.getByRole('button', { name: '要求补充材料' }).click();
	await expect(mine.getByRole('alert')).toContainText('已有新的办理步骤（现在：已受理）');
	await expect(mine.getByRole('button', { name: '办结' })).toBeVisible();
	await expect(mine.getByLabel('说明')).toHaveValue('请补充身份证');
	expect(serverRow(id).status).toBe('accepted');

	// From the page as it now is, the step is made.
	await mine.getByRole('button', { name: '要求补充材料' }).click();
	await expect(mine.getByRole('status').filter({ hasText: '已保存' })).toBeVisible();

	// Now the colleague's page is the one behind: a refusal from it is not made either.
	await colleague.getByRole('button', { name: '不予受理' }).click();
	await colleague.getByLabel('不予受理的理由').fill('材料不符');
	await colleague.getByRole('button', { name: '确认不予受理' }).click();
	await expect(colleague.getByRole('alert')).toContainText('（现在：需补充材料）');
	expect(serverRow(id).status).toBe('more_materials');
	await expect(colleague.getByLabel('不予受理的理由')).toHaveValue('材料不符');
	await colleague.getByRole('button', { name: '确认不予受理' }).click();
	await expect(colleague.getByRole('status').filter({ hasText: '已保存' })).toBeVisible();
	expect(serverRow(id).status).toBe('refused');
	await mine.context().close();
	await colleague.context().close();
});
