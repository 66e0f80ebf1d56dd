import { expect, test } from './fixtures';
import { ADMIN } from './support/staff';
import { adminPage, discardAnyDraft, publish, restore } from './support/catalog-admin';

test('an administrator edits towns, bundles, categories and departments on forms, each error at its row', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	const admin = await adminPage(browser, baseURL!, ADMIN, '/admin/catalog/structures');
	// Whatever happens, no draft is left for the next test to publish.
	afterThis = async () => {
		await discardAnyDraft(admin);
		await admin.context().close();
	};
	const departments = admin.getByRole('region', { name: '部门' });
	const newDepartment = departments.getByRole('group', { name: '部门 · 新增（不填则忽略）' });

	// A new department: its id is checked, and what was typed stays.
	await newDepartment.getByLabel('编号').fill('Civil Affairs');
	await newDepartment.getByLabel('中文名称').fill('测试民政办');
	await departments.getByRole('button', { name: '存入草稿' }).click();
	await expect(departments.getByRole('alert')).toContainText('“部门 #10 › 编号”只能用小写字母');
	await expect(newDepartment.getByLabel('中文名称')).toHaveValue('测试民政办');
	await newDepartment.getByLabel('编号').fill('test-civil');
	await newDepartment.getByLabel('英文名称').fill('Test civil affairs office');
	await departments.getByRole('button', { name: '存入草稿' }).press('Enter');
	await expect(departments.getByRole('status')).toHaveText('已存入草稿，发布后生效');
	await expect(departments.getByRole('status')).toBeFocused();
	await admin.reload();
	await expect(departments.getByRole('group', { name: '部门 #10：测试民政办' })).toContainText(
		'编号：test-civil'
	);

	// A town with points cannot go; an unused department can.
	const towns = admin.getByRole('region', { name: '镇街' });
	await towns
		.getByRole('group', { name: /：城厢街道$/ })
		.getByLabel('删除 城厢街道')
		.check();
	await towns.getByRole('button', { name: '存入草稿' }).click();
	await expect(towns.getByRole('alert')).toContainText('“城厢街道”还有');
	await expect(towns.getByRole('group', { name: /：城厢街道$/ })).toContainText(
		'个服务点，不能删除'
	);
	// A second town of a name already used is refused at its name: a resident could not tell them apart.
	await towns.getByLabel('删除 城厢街道').uncheck();
	const newTown = towns.getByRole('group', { name: /镇街 · 新增/ });
	await newTown.getByLabel('编号').fill('second-chengxiang');
	await newTown.getByLabel('中文名称').fill('城厢街道');
	await newTown.getByLabel('英文名称').fill('Another Chengxiang');
	await towns.getByRole('button', { name: '存入草稿' }).click();
	await expect(towns.getByRole('alert')).toContainText('中文名称”重复：城厢街道');
	await expect(newTown.getByLabel('中文名称')).toHaveAttribute('aria-invalid', 'true');
	await newTown.getByLabel('编号').fill('');
	await newTown.getByLabel('中文名称').fill('');
	await newTown.getByLabel('英文名称').fill('');
	await departments.getByLabel('删除 测试民政办').check();
	await departments.getByRole('button', { name: '存入草稿' }).click();
	await expect(departments.getByRole('status')).toHaveText('已存入草稿，发布后生效');
	await expect(departments.getByRole('group', { name: /测试民政办/ })).toHaveCount(0);

	// A bundle needs two matters at least.
	const bundles = admin.getByRole('region', { name: '一件事' });
	const disabled = bundles.getByRole('group', { name: /：残疾人服务“一件事”$/ });
	await disabled.getByRole('checkbox', { name: '残疾人证新办' }).uncheck();
	await disabled.getByRole('checkbox', { name: '困难残疾人生活补贴' }).uncheck();
	await bundles.getByRole('button', { name: '存入草稿' }).click();
	await expect(bundles.getByRole('alert')).toContainText('至少要有 2 项');

	// A category renamed and published: residents see its new name.
	const market = admin
		.getByRole('region', { name: '类别' })
		.getByRole('group', { name: /：市场主体$/ });
	await market.getByLabel('中文名称').fill('经营主体');
	await admin
		.getByRole('region', { name: '类别' })
		.getByRole('button', { name: '存入草稿' })
		.click();
	await expect(admin.getByRole('region', { name: '类别' }).getByRole('status')).toBeVisible();
	const before = (await publish(admin)) - 1;
	const resident = await browser.newPage({ baseURL, locale: 'zh-CN' });
	await resident.goto('/search');
	await expect(resident.getByRole('button', { name: /^经营主体/ })).toBeVisible();
	await restore(admin, before);
	await resident.close();
});

let afterThis: (() => Promise<void>) | undefined;
test.afterEach(async () => {
	await afterThis?.();
	afterThis = undefined;
});
