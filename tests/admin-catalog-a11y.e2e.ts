import { expect, test } from './fixtures';
import { axeViolations } from './support/axe';
import { ADMIN } from './support/staff';
import { adminPage } from './support/catalog-admin';

const PAGES = [
	'/admin/catalog',
	'/admin/catalog/matters',
	'/admin/catalog/matters/individual-business-registration',
	'/admin/catalog/matters/new',
	'/admin/catalog/points',
	'/admin/catalog/points/chengxiang-centre',
	'/admin/catalog/points/new',
	'/admin/catalog/structures',
	'/admin/catalog/import',
	'/admin/catalog/versions',
	'/admin/catalog/affected'
];

for (const viewport of [
	{ width: 360, height: 640 },
	{ width: 1280, height: 800 }
]) {
	test(`the catalogue admin pages pass axe and fit ${viewport.width} px`, async ({
		browser,
		baseURL
	}) => {
		test.setTimeout(420_000);
		const admin = await adminPage(browser, baseURL!, ADMIN, '/admin/catalog', viewport);
		for (const path of PAGES) {
			await admin.goto(path);
			await admin.locator('html[data-hydrated]').waitFor({ state: 'attached' });
			const violations = await axeViolations(admin);
			expect(violations.map((v) => `${path}: ${v.id} ${v.nodes[0]?.target}`)).toEqual([]);
			const overflow = await admin.evaluate(
				() => document.documentElement.scrollWidth - document.documentElement.clientWidth
			);
			expect(overflow, `${path} runs past the screen`).toBeLessThanOrEqual(0);
			// Every box to type or choose in is wide enough to read what it holds.
			const squeezed = await admin.evaluate(() =>
				[
					...document.querySelectorAll<HTMLElement>(
						'main input:not([type=checkbox], [type=radio], [type=hidden], [type=file]), main select, main textarea'
					)
				]
					.filter((box) => box.checkVisibility() && box.getBoundingClientRect().width < 96)
					.map((box) => box.id || box.getAttribute('name'))
			);
			expect(squeezed, `${path}: boxes too narrow to read`).toEqual([]);
		}
		// A form with its errors shown, too.
		await admin.goto('/admin/catalog/points/chengxiang-centre');
		await admin.locator('html[data-hydrated]').waitFor({ state: 'attached' });
		await admin.getByLabel('纬度', { exact: true }).fill('');
		await admin.getByRole('button', { name: '存入草稿' }).click();
		await expect(admin.getByRole('alert')).toContainText('请填写“纬度”');
		const violations = await axeViolations(admin);
		expect(violations.map((v) => v.id)).toEqual([]);
		await admin.context().close();
	});
}
