import { expect, test } from './fixtures';
import { applyFromSlots, serverApplications, SLOTS_PAGE, uniqueN } from './support/apply';
import {
	beijingClock,
	beijingDateTime,
	checkInByReference,
	clerkPage,
	emptyQueue,
	figure,
	issueWalkIn,
	open,
	useCounter
} from './support/queue';
import { ADMIN, processAtCounter, signIn, signInAgainInNewWindow, STAFF_A } from './support/staff';

test('ticket times are Beijing time, whatever the zone of the browser or the server', async ({
	browser,
	baseURL
}) => {
	// A clerk's PC set to another zone; the server runs in whatever zone its machine has.
	const clerk = await clerkPage(browser, baseURL!, { timezoneId: 'America/Los_Angeles' });
	const before = Date.now();
	const code = await issueWalkIn(clerk);
	const after = Date.now();
	const shown = new RegExp(`${code} · (${beijingClock(before)}|${beijingClock(after)})`);

	await expect(clerk.getByRole('listitem').filter({ hasText: code })).toHaveText(shown);
	await open(clerk, '/staff/queue');
	await expect(clerk.getByRole('listitem').filter({ hasText: code })).toHaveText(shown);
	await clerk.context().close();
});

test('the audit log gives the times in it in Beijing time', async ({ page, browser, baseURL }) => {
	await page.goto(SLOTS_PAGE);
	await applyFromSlots(page, uniqueN(), '日志时间');
	await expect(page.getByText('已提交', { exact: true })).toBeVisible({ timeout: 20_000 });
	const reference = (await page.getByTestId('reference').textContent())!.trim();
	const { id } = serverApplications(reference)[0]!;

	const admin = await clerkPage(browser, baseURL!, { timezoneId: 'Europe/London' }, ADMIN);
	const before = Date.now();
	await checkInByReference(admin, reference);
	const after = Date.now();
	await open(admin, `/admin/audit?application=${id}`);
	const row = admin.getByRole('row').filter({ hasText: '签到时间' });
	const when = `(${beijingDateTime(before)}|${beijingDateTime(after)})`;
	// Both the time of the entry and the check-in time recorded in it.
	await expect(row).toHaveText(new RegExp(`^${when}.*签到时间：${when}`));
	await admin.context().close();
});

test('a called ticket links to its application and ends when the application is completed', async ({
	page,
	browser,
	baseURL
}) => {
	await page.goto(SLOTS_PAGE);
	await applyFromSlots(page, uniqueN(), '叫号关联');
	await expect(page.getByText('已提交', { exact: true })).toBeVisible({ timeout: 20_000 });
	const reference = (await page.getByTestId('reference').textContent())!.trim();
	const { id } = serverApplications(reference)[0]!;

	const clerk = await clerkPage(browser, baseURL!);
	await emptyQueue(clerk);
	const code = await checkInByReference(clerk, reference);

	await open(clerk, '/staff/queue');
	await clerk.getByRole('button', { name: /叫下一位/ }).click();
	await expect(clerk.getByText(`正在办理：${code}`)).toBeVisible();
	await expect(clerk.getByRole('link', { name: new RegExp(reference) })).toHaveAttribute(
		'href',
		`/staff/applications/${id}`
	);

	await processAtCounter(baseURL!, id, [{ action: 'accept' }, { action: 'complete' }]);
	await open(clerk, '/staff/queue');
	await expect(clerk.getByText(`正在办理：${code}`)).toBeHidden();
	await clerk.context().close();
});

test('today’s list says what became of a booking’s ticket: a missed call is marked 过号', async ({
	page,
	browser,
	baseURL
}) => {
	await page.goto(SLOTS_PAGE);
	await applyFromSlots(page, uniqueN(), '过号名单');
	await expect(page.getByText('已提交', { exact: true })).toBeVisible({ timeout: 20_000 });
	const reference = (await page.getByTestId('reference').textContent())!.trim();

	const clerk = await clerkPage(browser, baseURL!);
	await emptyQueue(clerk);
	const code = await checkInByReference(clerk, reference);
	await open(clerk, '/staff');
	const ticket = clerk.getByRole('row').filter({ hasText: reference }).getByRole('cell').last();
	await expect(ticket).toHaveText(`${code}等候中`);

	await open(clerk, '/staff/queue');
	await clerk.getByRole('button', { name: /叫下一位/ }).click();
	await expect(clerk.getByText(`正在办理：${code}`)).toBeVisible();
	await clerk.getByRole('button', { name: '过号', exact: true }).click();
	await clerk.getByRole('button', { name: `确认 ${code} 过号` }).click();
	await expect(clerk.getByRole('status').filter({ hasText: `${code} 已记为过号` })).toBeVisible();

	await open(clerk, '/staff');
	await expect(ticket).toHaveText(new RegExp(`^${code}过号 · \\d+号窗口$`));
	await clerk.context().close();
});

test('the queue works from the keyboard alone, and the hall display shows each call', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	const clerk = await clerkPage(browser, baseURL!);
	const colleague = await clerkPage(browser, baseURL!);
	const display = await (await browser.newContext({ baseURL })).newPage();
	await display.goto('/display/chengxiang-centre');
	await expect(display.getByText('实时')).toBeVisible();
	const onScreen = display.getByTestId('current-call');

	await emptyQueue(clerk);
	const [first, second, third, fourth] = [
		await issueWalkIn(colleague),
		await issueWalkIn(colleague),
		await issueWalkIn(colleague),
		await issueWalkIn(colleague)
	];
	await useCounter(colleague, 2);
	const colleagueCalls = () => colleague.getByRole('button', { name: /叫下一位/ }).click();

	await open(clerk, '/staff/queue');
	const serving = clerk.getByText(/^正在办理：/);
	// A key acts once the action before it is done (the page says when it is on its way).
	const press = async (key: string) => {
		await clerk.keyboard.press(key);
		await expect(clerk.getByRole('region', { name: '1号窗口' })).not.toHaveAttribute(
			'aria-busy',
			'true'
		);
	};
	for (const [name, key] of [
		['叫下一位', 'N'],
		['重呼', 'R'],
		['过号', 'S'],
		['办理完毕', 'F']
	]) {
		const button = clerk.getByRole('button', { name, exact: true });
		await expect(button).toHaveAttribute('aria-keyshortcuts', key!);
		await expect(button).toContainText(key!);
	}
	// Letters typed where a field has the focus are not shortcuts.
	await clerk.getByLabel('窗口', { exact: true }).focus();
	await clerk.keyboard.press('n');
	await clerk.waitForTimeout(500);
	await expect(clerk.getByRole('heading', { name: '等候中（4）' })).toBeVisible();
	// On to the next control, a button, where letters are shortcuts again.
	await clerk.keyboard.press('Tab');

	await press('n');
	await expect(serving).toHaveText(`正在办理：${first}`);
	await expect(onScreen).toHaveText(first);
	await expect(display.getByText('请到 1 号窗口')).toBeVisible();

	// Counter 2 calls the next; calling the first again puts it back on the screen.
	await colleagueCalls();
	await expect(onScreen).toHaveText(second);
	await press('r');
	await expect(onScreen).toHaveText(first);
	await expect(display.getByText('请到 1 号窗口')).toBeVisible();

	await press('f');
	await expect(serving).toBeHidden();
	await expect(clerk.getByRole('button', { name: '叫下一位' })).toBeFocused();

	await press('n');
	await expect(serving).toHaveText(`正在办理：${third}`);
	// A no-show takes the person out of the queue: one S asks, a second S within a few seconds
	// does it, and the page says which ticket went.
	await press('s');
	await expect(serving).toHaveText(`正在办理：${third}`);
	await expect(clerk.getByRole('button', { name: `确认 ${third} 过号` })).toBeFocused();
	// Esc takes the question back: a stray S then only asks again.
	await press('Escape');
	// Well before the question would lapse by itself.
	await expect(clerk.getByRole('button', { name: `确认 ${third} 过号` })).toHaveCount(0, {
		timeout: 1_000
	});
	await expect(clerk.getByRole('button', { name: '过号', exact: true })).toBeFocused();
	await press('s');
	await expect(clerk.getByRole('button', { name: `确认 ${third} 过号` })).toBeFocused();
	await press('s');
	await expect(serving).toBeHidden();
	await expect(clerk.getByRole('status').filter({ hasText: `${third} 已记为过号` })).toBeVisible();
	// The hall sends nobody to the counter for it any more: it is listed as missed.
	await expect(onScreen).toHaveCount(0);
	await expect(display.getByRole('listitem').filter({ hasText: third })).toContainText('过号');
	await press('n');
	await expect(serving).toHaveText(`正在办理：${fourth}`);

	// T picks the counter to transfer to (2 is the first choice), Enter sends the ticket there.
	await press('t');
	await expect(clerk.getByLabel('转到')).toBeFocused();
	await press('Enter');
	await expect(clerk.getByRole('status').filter({ hasText: '已转到2号窗口' })).toBeVisible();
	await expect(serving).toBeHidden();
	await expect(clerk.getByRole('button', { name: '叫下一位' })).toBeFocused();
	await colleagueCalls();
	await expect(onScreen).toHaveText(fourth);
	await expect(display.getByText('请到 2 号窗口')).toBeVisible();

	for (const p of [clerk, colleague, display]) await p.context().close();
});

test('after 办理完毕 the focus is on 叫下一位 even where a colleague’s change reloads the page at that moment', async ({
	browser,
	baseURL
}) => {
	const clerk = await clerkPage(browser, baseURL!);
	const colleague = await clerkPage(browser, baseURL!);
	await emptyQueue(clerk);
	const code = await issueWalkIn(colleague);
	await open(clerk, '/staff/queue');
	const serving = clerk.getByText(/^正在办理：/);
	await clerk.keyboard.press('n');
	await expect(serving).toHaveText(`正在办理：${code}`);

	// The order of loads that lost the focus: the page's own load after 办理完毕 (the one of all
	// its data) is overtaken by a live one started while it is on its way, after a colleague's
	// change. SvelteKit then drops the older load, and the action's answer is done with before the
	// page has heard that nobody is being served.
	const own = (url: string) => url.endsWith('invalidated=011');
	let stage: 'idle' | 'sending' | 'own' | 'overtaken' = 'idle';
	let ownStarted = () => {};
	let overtaken = () => {};
	const started = new Promise<void>((resolve) => (ownStarted = resolve));
	const newer = new Promise<void>((resolve) => (overtaken = resolve));
	await clerk.route('**/__data.json*', async (route) => {
		const url = route.request().url();
		if (stage === 'sending' && !own(url)) {
			// The live load for 办理完毕 itself waits until the page's own has started.
			await started;
		} else if (stage === 'sending') {
			stage = 'own';
			ownStarted();
			await colleague.request.post('/staff?/walkIn', {
				form: { category: 'welfare' },
				headers: { origin: new URL(baseURL!).origin }
			});
			await newer;
		} else if (stage === 'own') {
			stage = 'overtaken';
			overtaken();
			await clerk.waitForTimeout(1_000);
		}
		await route.continue();
	});
	await clerk.route('**/staff/queue?/done', async (route) => {
		stage = 'sending';
		await route.continue();
	});

	await clerk.keyboard.press('f');
	await expect(serving).toBeHidden();
	expect(stage).toBe('overtaken');
	await expect(clerk.getByRole('button', { name: '叫下一位' })).toBeFocused();
	await clerk.keyboard.press('n');
	await expect(serving).toHaveText(/^正在办理：/);
	for (const p of [clerk, colleague]) await p.context().close();
});

test('single-key shortcuts can be turned off, and stay off in this browser', async ({
	browser,
	baseURL
}) => {
	const clerk = await clerkPage(browser, baseURL!);
	await emptyQueue(clerk);
	await issueWalkIn(clerk);
	await open(clerk, '/staff/queue');
	await clerk.getByLabel('单键快捷键').uncheck();
	await clerk.reload();
	await clerk.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	await expect(clerk.getByLabel('单键快捷键')).not.toBeChecked();
	const next = clerk.getByRole('button', { name: '叫下一位' });
	await expect(next).not.toHaveAttribute('aria-keyshortcuts');
	await expect(next).toHaveText('叫下一位');
	await clerk.keyboard.press('n');
	await clerk.waitForTimeout(500);
	await expect(clerk.getByRole('heading', { name: '等候中（1）' })).toBeVisible();
	await next.click();
	await expect(clerk.getByRole('heading', { name: '等候中（0）' })).toBeVisible();
	await clerk.context().close();
});

test('a clerk new to a centre of several counters is asked which one before calling anybody', async ({
	browser,
	baseURL
}) => {
	const context = await browser.newContext({ baseURL, locale: 'zh-CN' });
	const clerk = await context.newPage();
	await signIn(clerk, STAFF_A, { counter: null });
	await expect(clerk.getByRole('button', { name: '退出登录' })).toBeVisible();
	// The today page shows the centre's figures, and no counter's.
	await open(clerk, '/staff');
	await expect(clerk.getByTestId('centre-figures')).toBeVisible();
	await expect(clerk.getByTestId('counter-figures')).toHaveCount(0);

	await open(clerk, '/staff/queue');
	await expect(clerk.getByRole('heading', { level: 2, name: '未选择窗口' })).toBeVisible();
	await expect(clerk.getByText('请先在上方选择你所在的窗口')).toBeVisible();
	await expect(clerk.getByRole('button', { name: /叫下一位/ })).toHaveCount(0);
	await expect(clerk.getByLabel('窗口', { exact: true })).toHaveValue('');

	// A call sent all the same (a page left open from before) is refused, not made at counter 1.
	const refused = await clerk.request.post('/staff/queue?/next', {
		headers: { Origin: new URL(baseURL!).origin, Accept: 'application/json' },
		form: {}
	});
	const answer = (await refused.json()) as { type: string; status: number; data: string };
	expect([answer.type, answer.status]).toEqual(['failure', 400]);
	expect(answer.data).toContain('请先在上方选择你所在的窗口');

	await useCounter(clerk, 2);
	await expect(clerk.getByRole('button', { name: /叫下一位/ })).toBeVisible();
	await open(clerk, '/staff');
	await expect(clerk.getByRole('heading', { level: 3, name: '2号窗口' })).toBeVisible();
	await context.close();
});

test('叫下一位 with nobody waiting leaves the person at the counter being served', async ({
	browser,
	baseURL
}) => {
	const clerk = await clerkPage(browser, baseURL!);
	await emptyQueue(clerk);
	const ticket = await issueWalkIn(clerk);
	await open(clerk, '/staff/queue');
	const next = clerk.getByRole('button', { name: /叫下一位/ });
	await next.click();
	await expect(clerk.getByText(`正在办理：${ticket}`)).toBeVisible();
	await next.click();
	await expect(clerk.getByText(`暂无等候：${ticket} 仍在办理`)).toBeVisible();
	await clerk.reload();
	await expect(clerk.getByText(`正在办理：${ticket}`)).toBeVisible();
	await expect(clerk.getByRole('button', { name: /办理完毕/ })).toBeEnabled();
	await clerk.context().close();
});

test('the day’s figures change on every open counter page when a ticket is called', async ({
	browser,
	baseURL
}) => {
	const clerk = await clerkPage(browser, baseURL!);
	const today = await clerkPage(browser, baseURL!);
	await emptyQueue(clerk);
	await issueWalkIn(clerk);
	await issueWalkIn(clerk);
	// One called at counter 1, one waiting.
	await open(clerk, '/staff/queue');
	const next = clerk.getByRole('button', { name: /叫下一位/ });
	await next.click();
	await expect(figure(clerk, 'centre', '等候')).toHaveText('1');

	await open(today, '/staff');
	const served = Number(await figure(today, 'centre', '已办完').textContent());
	const servedHere = Number(await figure(today, 'counter', '已办完').textContent());
	await expect(figure(today, 'centre', '等候')).toHaveText('1');
	await expect(figure(today, 'centre', '当前最长等候')).toHaveText(/^\d+ 分钟$/);

	// Calling the next finishes the one called before.
	await next.click();
	await expect(figure(clerk, 'centre', '等候')).toHaveText('0');

	// The today page, not reloaded, follows.
	await expect(figure(today, 'centre', '等候')).toHaveText('0');
	await expect(figure(today, 'centre', '当前最长等候')).toHaveText('—');
	await expect(figure(today, 'centre', '已办完')).toHaveText(String(served + 1));
	await expect(figure(today, 'counter', '已办完')).toHaveText(String(servedHere + 1));
	await expect(figure(today, 'centre', '平均等候')).toHaveText(/^\d+ 分钟$/);
	await clerk.context().close();
	await today.context().close();
});

test('Enter on “call again” keeps the focus there: a second Enter calls the same person again, not the next', async ({
	browser,
	baseURL
}) => {
	const clerk = await clerkPage(browser, baseURL!);
	await emptyQueue(clerk);
	const first = await issueWalkIn(clerk);
	await issueWalkIn(clerk);
	await open(clerk, '/staff/queue');
	const serving = clerk.getByText(/^正在办理：/);
	const region = clerk.getByRole('region', { name: '1号窗口' });
	await clerk.getByRole('button', { name: /叫下一位/ }).click();
	await expect(serving).toHaveText(`正在办理：${first}`);
	const recall = clerk.getByRole('button', { name: /重呼/ });
	await recall.focus();
	for (let i = 0; i < 2; i++) {
		await clerk.keyboard.press('Enter');
		await expect(region).not.toHaveAttribute('aria-busy', 'true');
		await expect(recall).toBeFocused();
		await expect(serving).toHaveText(`正在办理：${first}`);
	}
	await clerk.context().close();
});

test('a key pressed after the session lapsed keeps the queue open and says to sign in again', async ({
	browser,
	baseURL
}) => {
	const clerk = await clerkPage(browser, baseURL!);
	const colleague = await clerkPage(browser, baseURL!);
	await emptyQueue(clerk);
	const code = await issueWalkIn(colleague);
	await open(clerk, '/staff/queue');
	await clerk.context().clearCookies({ name: 'ow_session' });

	await clerk.keyboard.press('N');
	await expect(clerk.getByRole('alert').filter({ hasText: '登录已失效' })).toBeVisible();
	await expect(clerk).toHaveURL(/\/staff\/queue$/);

	await signInAgainInNewWindow(clerk, STAFF_A, /\/staff$/);
	await clerk.keyboard.press('N');
	await expect(clerk.getByText(`正在办理：${code}`)).toBeVisible();
	await clerk.context().close();
	await colleague.context().close();
});
