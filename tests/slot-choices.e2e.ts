import { expect, test } from './fixtures';
import { checkOpenSlot, SLOTS_PAGE } from './support/apply';

test('a fourth time ticked is refused with a word; the three chosen keep their ranks', async ({
	page
}) => {
	await page.goto(SLOTS_PAGE);
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	for (const nth of [0, 1, 2]) await checkOpenSlot(page, nth);
	const ticked = page.locator('.slots li input[type=checkbox]:checked');
	const first = await ticked.first().inputValue();
	await expect(ticked).toHaveCount(3);

	const fourth = page.locator('.slots li input[type=checkbox]:not([disabled]):not(:checked)');
	await fourth.first().click();
	await expect(page.getByRole('alert')).toHaveText(
		'最多选 3 个时段。要换这个时段，请先取消一个已选的。'
	);
	await expect(ticked).toHaveCount(3);
	await expect(page.locator('.slots li.picked').first()).toContainText('第 1 选择');
	expect(await ticked.first().inputValue()).toBe(first);

	// Untick one: the fourth may then be chosen, and the word goes.
	await ticked.nth(1).click();
	await fourth.first().click();
	await expect(ticked).toHaveCount(3);
	await expect(page.getByRole('alert')).toHaveCount(0);
});

test('choosing the times again from the form starts from the times chosen, ticked and ranked, on their day', async ({
	page
}) => {
	await page.goto(SLOTS_PAGE);
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	const days = page.getByRole('group', { name: '日期' }).getByRole('button');
	await days.nth(3).click();
	await expect(days.nth(3)).toHaveAttribute('aria-pressed', 'true');
	await checkOpenSlot(page, 1);
	await checkOpenSlot(page, 0);
	const ticked = page.locator('.slots li input[type=checkbox]:checked');
	const chosen = await ticked.evaluateAll((boxes) =>
		boxes.map((b) => (b as HTMLInputElement).value)
	);
	await page.getByRole('link', { name: '用所选时段填写申请' }).click();
	await page.getByRole('link', { name: '重新选择时段' }).click();

	await expect(days.nth(3)).toHaveAttribute('aria-pressed', 'true');
	await expect(ticked).toHaveCount(2);
	expect(
		await ticked.evaluateAll((boxes) => boxes.map((b) => (b as HTMLInputElement).value))
	).toEqual(chosen);
	// Ranked as they were chosen: the second one ticked first.
	const first = page.locator('.slots li').filter({ hasText: '第 1 选择' });
	await expect(first.getByRole('checkbox')).toHaveValue(chosen.sort()[1]!);
	// A third may be added, and the form gets all three in their order.
	await checkOpenSlot(page, 2);
	await page.getByRole('link', { name: '用所选时段填写申请' }).click();
	await expect(page.getByRole('region', { name: /预约时段/ }).getByRole('listitem')).toHaveCount(3);
});
