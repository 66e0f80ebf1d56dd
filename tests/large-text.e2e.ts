import { expect, test } from './fixtures';
import { applyFromSlots, SLOTS_PAGE, uniqueN } from './support/apply';

test.use({ viewport: { width: 360, height: 640 } });

for (const locale of ['zh', 'en']) {
	test(`in large text the slot times stay on one line and the days in one row (${locale})`, async ({
		page,
		context,
		baseURL
	}) => {
		await context.addCookies([
			{ name: 'ow_locale', value: locale, url: baseURL! },
			{ name: 'ow_elder', value: '1', url: baseURL! }
		]);
		await page.goto(SLOTS_PAGE);
		await expect(page.locator('html')).toHaveClass(/elder/);

		const times = page.getByText(/^\d\d:\d\d–\d\d:\d\d$/);
		const days = page
			.getByRole('group', { name: locale === 'zh' ? '日期' : 'Day' })
			.getByRole('button');
		expect(await days.count()).toBeGreaterThan(8);
		// A whole day of times: today has few left by the afternoon, and weekends none.
		for (let day = 0; (await times.count()) <= 5; day++) {
			expect(day, 'a day with more than five times').toBeLessThan(8);
			await days.nth(day + 1).click();
			await expect(days.nth(day + 1)).toHaveAttribute('aria-pressed', 'true');
		}
		// One line box each: an inline run broken over lines has one client rect per line.
		const lines = await times.evaluateAll((spans) => spans.map((s) => s.getClientRects().length));
		expect(
			lines.every((n) => n === 1),
			`line boxes per time: ${lines.join(', ')}`
		).toBe(true);

		const tops = await days.evaluateAll((buttons) =>
			buttons.map((b) => Math.round(b.getBoundingClientRect().top))
		);
		expect(new Set(tops).size, `tops of the day buttons: ${tops.join(', ')}`).toBe(1);
		const heights = await days.evaluateAll((buttons) =>
			buttons.map((b) => b.getBoundingClientRect().height)
		);
		expect(Math.min(...heights)).toBeGreaterThanOrEqual(48);
		// The row scrolls by itself; the page does not.
		const width = await page.evaluate(() => ({
			scroll: document.documentElement.scrollWidth,
			client: document.documentElement.clientWidth
		}));
		expect(width.scroll).toBeLessThanOrEqual(width.client);

		// A day out of sight, chosen, comes into sight.
		await days.last().scrollIntoViewIfNeeded();
		await days.last().click();
		await expect(days.last()).toHaveAttribute('aria-pressed', 'true');
		await expect(days.last()).toBeInViewport();
	});
}

for (const locale of ['zh', 'en']) {
	test(`in large text a day chosen on a small phone brings its first times into sight, clear of the button below (${locale})`, async ({
		page,
		context,
		baseURL
	}) => {
		await context.addCookies([
			{ name: 'ow_locale', value: locale, url: baseURL! },
			{ name: 'ow_elder', value: '1', url: baseURL! }
		]);
		await page.goto(SLOTS_PAGE);
		const days = page
			.getByRole('group', { name: locale === 'zh' ? '日期' : 'Day' })
			.getByRole('button');
		const times = page.getByRole('list', { name: locale === 'zh' ? /的时段$/ : /^Times on/ });
		const below = page.getByRole('link', {
			name: locale === 'zh' ? '不选时段，直接填写申请' : 'Fill in the application without a time'
		});
		for (const n of [2, 3]) {
			await days.nth(n).click();
			await expect(days.nth(n)).toHaveAttribute('aria-pressed', 'true');
			const first = times.getByRole('listitem').first();
			await expect(first).toBeInViewport({ ratio: 1 });
			// Not hidden behind the button that stays at the foot of the screen.
			await expect
				.poll(async () => {
					const [row, button] = await Promise.all([first.boundingBox(), below.boundingBox()]);
					return row!.y + row!.height <= button!.y;
				})
				.toBe(true);
			// The days stay in sight above them, to choose another.
			await expect(days.nth(n)).toBeInViewport();
			await page.evaluate(() => scrollTo(0, 0));
		}
	});
}

test('in large text the times come before going on without one; the button to go on with a time comes with the first chosen, and hides none', async ({
	page,
	context,
	baseURL
}) => {
	await context.addCookies([{ name: 'ow_elder', value: '1', url: baseURL! }]);
	await page.goto(SLOTS_PAGE);
	const days = page.getByRole('group', { name: '日期' }).getByRole('button');
	await days.nth(2).click();
	const rows = page.getByRole('list', { name: /的时段$/ }).getByRole('listitem');
	await expect(rows.first()).toBeInViewport({ ratio: 1 });
	// Going on without a time is offered after the times, not over them.
	await expect(page.getByRole('link', { name: '不选时段，直接填写申请' })).not.toBeInViewport();

	// The lowest time in full sight, chosen: the button that comes does not cover it.
	const inSight = await rows.evaluateAll(
		(items) => items.filter((li) => li.getBoundingClientRect().bottom <= innerHeight - 60).length
	);
	const chosen = rows.nth(inSight - 1);
	await chosen.getByRole('checkbox').check();
	const next = page.getByRole('link', { name: '用所选时段填写申请' });
	await expect(next).toBeInViewport();
	await expect
		.poll(async () => {
			const [row, button] = await Promise.all([chosen.boundingBox(), next.boundingBox()]);
			return row!.y + row!.height <= button!.y;
		})
		.toBe(true);
});

test('in large text the way on to the points is there where a guide’s list of materials ends', async ({
	page,
	context,
	baseURL
}) => {
	await context.addCookies([{ name: 'ow_elder', value: '1', url: baseURL! }]);
	await page.goto('/matters/disabled-living-subsidy');
	const materials = page.getByRole('region', { name: '申请材料' });
	await materials.getByRole('listitem').last().scrollIntoViewIfNeeded();
	const onward = page.getByRole('link', { name: '查看可办理的服务点' });
	await expect(onward.filter({ visible: true }).last()).toBeInViewport();
	await onward.last().click();
	await expect(page).toHaveURL(/\/matters\/disabled-living-subsidy\/points$/);
});

// The phone's own text size at 150 % (its accessibility setting), without the app's large-text
// mode: no page runs off the side of a 360 px screen.
const SCALED_PAGES = [
	'/',
	'/search?q=低保',
	'/matters/individual-business-registration',
	'/matters/individual-business-registration/points',
	'/points/chengxiang-centre',
	SLOTS_PAGE,
	'/applications',
	'/outbox',
	'/me'
];
for (const locale of ['zh', 'en']) {
	test(`at 150 % text no page scrolls sideways (${locale})`, async ({ page, context, baseURL }) => {
		await page.goto(SLOTS_PAGE);
		await applyFromSlots(page, uniqueN(), '大字测试');
		await context.addCookies([{ name: 'ow_locale', value: locale, url: baseURL! }]);
		const receipt = new URL(page.url()).pathname;
		await context.addInitScript(() => {
			document.addEventListener('DOMContentLoaded', () => {
				document.documentElement.style.fontSize = '150%';
			});
		});
		const wide: string[] = [];
		for (const path of [...SCALED_PAGES, receipt]) {
			await page.goto(path);
			await page.waitForLoadState('networkidle');
			const width = await page.evaluate(() => ({
				scroll: document.documentElement.scrollWidth,
				client: document.documentElement.clientWidth
			}));
			if (width.scroll > width.client) wide.push(`${path}: ${width.scroll} > ${width.client}`);
		}
		expect(wide).toEqual([]);
	});
}

test('in large English text a heading of a part of the form that wraps stays inside its box', async ({
	page,
	context,
	baseURL
}) => {
	await context.addCookies([
		{ name: 'ow_elder', value: '1', url: baseURL! },
		{ name: 'ow_locale', value: 'en', url: baseURL! }
	]);
	await page.setViewportSize({ width: 360, height: 640 });
	await page.goto('/apply?matter=unemployment-registration&point=guliu-centre');
	const photos = page.getByRole('group', { name: /^Photos of materials/ });
	await expect(photos).toBeVisible();
	const crossed = await page.evaluate(() =>
		[...document.querySelectorAll('fieldset')].flatMap((box) => {
			const legend = box.querySelector(':scope > legend');
			if (!legend || legend.getBoundingClientRect().height === 0) return [];
			const border = parseFloat(getComputedStyle(box).borderTopWidth);
			const inside = legend.getBoundingClientRect().top >= box.getBoundingClientRect().top + border;
			return inside ? [] : [legend.textContent?.trim()];
		})
	);
	expect(crossed).toEqual([]);
});

test('in large text a point’s weekly hours keep each day’s name and each span whole', async ({
	page,
	context,
	baseURL
}) => {
	await context.addCookies([{ name: 'ow_elder', value: '1', url: baseURL! }]);
	await page.goto('/points/chengxiang-centre');
	const hours = page.getByRole('table');
	await expect(hours.getByRole('rowheader', { name: '周一' })).toBeVisible();
	/** The lines a piece of text is laid out on. */
	const lines = (cell: import('@playwright/test').Locator) =>
		cell.evaluate((el) => {
			const range = document.createRange();
			range.selectNodeContents(el);
			return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
		});
	for (const name of ['周一', '周三', '周五']) {
		const row = hours.getByRole('row', { name: new RegExp(name) });
		expect(await lines(row.getByRole('rowheader')), name).toBe(1);
		for (const span of await row.getByText(/^\d\d:\d\d–\d\d:\d\d$/).all()) {
			expect(await lines(span), name).toBe(1);
		}
		await expect(row.getByText(/^\d\d:\d\d–\d\d:\d\d$/)).toHaveCount(2);
	}
});

test('in large Chinese text the tab bar’s names grow with the text, and each stays whole in its tab', async ({
	page,
	context,
	baseURL
}) => {
	const tabs = page.getByRole('navigation', { name: '主导航' }).getByRole('link');
	const sizes = async () =>
		tabs.evaluateAll((links) =>
			links.map((a) => {
				const name = a.querySelector('.name') as HTMLElement;
				return {
					px: parseFloat(getComputedStyle(name).fontSize),
					whole: name.scrollWidth <= name.clientWidth
				};
			})
		);
	await page.goto('/');
	const normal = await sizes();
	await context.addCookies([{ name: 'ow_elder', value: '1', url: baseURL! }]);
	await page.reload();
	await expect(page.locator('html')).toHaveClass(/elder/);
	const large = await sizes();
	// At least as much larger as the body text (16 → 21 px) makes the names.
	for (const [i, { px, whole }] of large.entries()) {
		expect(px, `tab ${i}`).toBeGreaterThanOrEqual(normal[i]!.px * 1.3);
		expect(whole, `tab ${i}`).toBe(true);
	}
});

test('in large text a phone number, a matter and a point are each a finger’s size to tap', async ({
	page,
	context,
	baseURL
}) => {
	await context.addCookies([{ name: 'ow_elder', value: '1', url: baseURL! }]);
	const heights = (links: ReturnType<typeof page.locator>) =>
		links.evaluateAll((all) => all.map((a) => Math.round(a.getBoundingClientRect().height)));
	await page.goto('/');
	const phones = page.locator('main a[href^="tel:"]');
	await expect(phones.first()).toBeVisible();
	expect(Math.min(...(await heights(phones)))).toBeGreaterThanOrEqual(44);
	await page.goto('/matters/individual-business-registration/points');
	await expect(phones.first()).toBeVisible();
	expect(Math.min(...(await heights(phones)))).toBeGreaterThanOrEqual(44);

	await page.goto(SLOTS_PAGE);
	await applyFromSlots(page, uniqueN(), '大字回执');
	const receipt = page.locator('.receipt a');
	await expect(receipt.first()).toBeVisible();
	expect(Math.min(...(await heights(receipt)))).toBeGreaterThanOrEqual(44);
});

/**
 * The separator dots in `root` that begin a line: each one whose box lies below the text before
 * it, which a reader then takes for a list's bullet of what follows.
 */
function dotsStartingLines(root: import('@playwright/test').Locator): Promise<string[]> {
	return root.evaluate((element) => {
		const found: string[] = [];
		const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
		let before: DOMRect | null = null;
		for (let node = walker.nextNode(); node; node = walker.nextNode()) {
			const text = node.textContent ?? '';
			for (let i = 0; i < text.length; i++) {
				if (/\s/.test(text[i]!)) continue;
				const range = document.createRange();
				range.setStart(node, i);
				range.setEnd(node, i + 1);
				const box = range.getClientRects()[0];
				if (!box || !box.width) continue;
				if (text[i] === '·' && before && box.top >= before.bottom - 2)
					found.push(text.slice(i, i + 30));
				before = box;
			}
		}
		return found;
	});
}

test('in large English text no line starts with a separator dot: points found, my applications, the news of them', async ({
	page,
	context,
	baseURL
}) => {
	// Names of several lengths, so that some line of the list ends near a separator.
	for (const name of ['Li Na', 'Ouyang Xiaoming', 'Zhang Wei', 'Wang Jianguo']) {
		await page.goto(SLOTS_PAGE);
		await applyFromSlots(page, uniqueN(), name);
	}
	await context.addCookies([
		{ name: 'ow_locale', value: 'en', url: baseURL! },
		{ name: 'ow_elder', value: '1', url: baseURL! }
	]);
	await page.goto('/applications');
	await expect(
		page.getByRole('link', { name: /Wang Jianguo|Individual business/ }).first()
	).toBeVisible();
	expect(await dotsStartingLines(page.getByRole('main'))).toEqual([]);

	await page.goto('/search');
	await page.getByRole('searchbox').fill('heluo');
	await expect(page.getByRole('heading', { name: /Service points/ })).toBeVisible();
	expect(await dotsStartingLines(page.getByRole('main'))).toEqual([]);
});
