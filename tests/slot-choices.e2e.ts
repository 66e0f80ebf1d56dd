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
