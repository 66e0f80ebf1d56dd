import { expect, test } from './fixtures';
import { ADMIN } from './support/staff';
import { adminPage, discardAnyDraft } from './support/catalog-admin';

let discardDraft: (() => Promise<void>) | undefined;
test.afterEach(async () => {
	await discardDraft?.();
	discardDraft = undefined;
});

test('a matter’s conditions, legal basis and the situations that call for a material are edited on the form', async ({
	browser,
	baseURL
}) => {
	const admin = await adminPage(
		browser,
		baseURL!,
		ADMIN,
		'/admin/catalog/matters/individual-business-registration'
	);
	// Whatever happens, no draft is left for the next test to publish.
	discardDraft = async () => {
		await discardAnyDraft(admin);
		await admin.context().close();
	};
	const conditions = admin.getByRole('group', { name: '办理条件', exact: true });
	const added = conditions.getByRole('group', { name: '办理条件 · 新增（不填则忽略）' });
	await added.getByLabel('中文').fill('近三年无严重违法记录');
	await admin.getByRole('button', { name: '存入草稿' }).click();
	await expect(admin.getByRole('alert')).toContainText('请填写“办理条件 #5 › 英文”');
	await expect(added.getByLabel('中文')).toHaveValue('近三年无严重违法记录');
	await added.getByLabel('英文').fill('No serious violation in the last three years');

	// 授权委托书 is also asked of a family business.
	const letter = admin.getByRole('group', { name: /^申请材料 #\d+$/ }).filter({
		has: admin.getByLabel('删除 授权委托书')
	});
	const operation = letter.getByRole('group', { name: '由个人经营还是家庭经营？' });
	await expect(letter.getByRole('checkbox', { name: '委托他人代办' })).toBeChecked();
	await operation.getByRole('checkbox', { name: '家庭经营' }).check();
	await admin.getByRole('button', { name: '存入草稿' }).press('Enter');
	await expect(admin.getByRole('status')).toHaveText('已存入草稿，发布后生效');
	// The button was busy a moment: the keyboard goes on from what was done, not from the top.
	await expect(admin.getByRole('status')).toBeFocused();

	await admin.reload();
	await expect(
		conditions.getByRole('group', { name: '办理条件 #5' }).getByLabel('英文')
	).toHaveValue('No serious violation in the last three years');
	await expect(operation.getByRole('checkbox', { name: '家庭经营' })).toBeChecked();
	await expect(operation.getByRole('checkbox', { name: '个人经营' })).not.toBeChecked();
	// Removing a condition takes it out.
	await conditions.getByLabel('删除 办理条件 #5').check();
	await admin.getByRole('button', { name: '存入草稿' }).click();
	await expect(admin.getByRole('status')).toHaveText('已存入草稿，发布后生效');
	await admin.reload();
	await expect(conditions.getByRole('group', { name: '办理条件 #5' })).toHaveCount(0);

	// A new question's id goes into the form's field names: a dot or a space is refused.
	const newQuestion = admin.getByRole('group', { name: '情形问题 · 新增（不填则忽略）' });
	await newQuestion.getByLabel('编号').fill('who.applies');
	await newQuestion.getByLabel('中文').fill('谁来办？');
	await admin.getByRole('button', { name: '存入草稿' }).click();
	await expect(admin.getByRole('alert')).toContainText(
		'“情形问题 #4 › 编号”只能用字母、数字、连字符和下划线'
	);
	await expect(admin.getByRole('alert')).toContainText('请填写“情形问题 #4 › 英文”');
	await newQuestion.getByLabel('编号').fill('');
	await newQuestion.getByLabel('中文').fill('');

	// A question's choices are a line each; a bad line is named.
	const premises = admin.getByRole('group', { name: '情形问题 #3' });
	const choices = premises.getByLabel('选项');
	const lines = await choices.inputValue();
	await choices.fill(`${lines}\nshop | 商铺 | Shop\n商铺二`);
	await admin.getByRole('button', { name: '存入草稿' }).click();
	await expect(admin.getByRole('alert')).toContainText(
		'“情形问题 #3 › 选项”第 5 行应写成 编号 | 中文 | 英文'
	);
	// A choice whose id is repeated is named, and the form stays whole to correct it.
	const firstId = lines.split('\n')[0]!.split('|')[0]!.trim();
	await choices.fill(`${lines}\n${firstId} | 又一项 | Again`);
	await admin.getByRole('button', { name: '存入草稿' }).click();
	await expect(admin.getByRole('alert')).toContainText(`“情形问题 #3 › 选项”重复：${firstId}`);
	await expect(choices).toHaveValue(`${lines}\n${firstId} | 又一项 | Again`);
	await choices.fill(`${lines}\nshop | 商铺 | Shop`);
	await admin.getByRole('button', { name: '存入草稿' }).click();
	await expect(admin.getByRole('status')).toHaveText('已存入草稿，发布后生效');
	await admin.reload();
	const lease = admin
		.getByRole('group', { name: /^申请材料 #\d+$/ })
		.filter({ has: admin.getByLabel('删除 房屋租赁合同及出租方产权证明') });
	await expect(
		lease
			.getByRole('group', { name: '经营场所属于哪种情况？' })
			.getByRole('checkbox', { name: '商铺' })
	).not.toBeChecked();

	// A form field asks for what its type needs.
	const shopName = admin.getByRole('group', { name: '表单字段 #1' });
	await expect(shopName.getByLabel('最多字数')).toHaveValue('50');
	const digitsOnly = shopName.getByLabel('只能填数字（账号等，可用空格分组）');
	await expect(digitsOnly).not.toBeChecked();
	await shopName.getByLabel('填写方式').selectOption({ label: '数字' });
	await expect(shopName.getByLabel('最多字数')).toBeHidden();
	await expect(digitsOnly).toBeHidden();
	await expect(shopName.getByLabel('最小值')).toBeVisible();
	await expect(shopName.getByLabel('只能填整数（人数、年数等）')).not.toBeChecked();
	// People are counted whole.
	const employees = admin
		.getByRole('group', { name: /^表单字段 #\d+$/ })
		.filter({ hasText: 'employees' });
	await expect(employees.getByLabel('只能填整数（人数、年数等）')).toBeChecked();
});
