import Papa from 'papaparse';
import writeXlsxFile from 'write-excel-file/node';
import { addDays, weekdayOf } from '../src/lib/catalog/dates';
import { expect, test } from './fixtures';
import { axeViolations } from './support/axe';
import { e2eDatabase } from './support/db';
import { ADMIN } from './support/staff';
import {
	addTownAdmin,
	adminPage,
	discardAnyDraft,
	publish,
	restore,
	saveDraft,
	TOWN_ADMIN
} from './support/catalog-admin';

const MATTER = 'individual-business-registration';
const POINT = 'chengxiang-centre';

test('an edit published reaches a phone at its next check, also offline; restoring brings the old values back', async ({
	page,
	context,
	browser,
	baseURL,
	readyOffline
}) => {
	test.setTimeout(180_000);
	const sunday = page.getByRole('row', { name: /周日/ });
	await page.goto(`/points/${POINT}`);
	await expect(sunday).toContainText('不办公');
	await page.goto(`/matters/${MATTER}`);
	await readyOffline(page);
	await expect(page.getByText('承诺 1 个工作日办结')).toBeVisible();

	const admin = await adminPage(browser, baseURL!, ADMIN, `/admin/catalog/matters/${MATTER}`);
	await admin.getByLabel('承诺时限（工作日）', { exact: true }).fill('15');
	// Promised days are within those the law allows.
	await admin.getByRole('button', { name: '存入草稿' }).click();
	await expect(admin.getByRole('alert')).toContainText('“承诺时限”不能长于法定时限');
	await admin.getByLabel('法定时限（工作日）', { exact: true }).fill('20');
	await saveDraft(admin);
	await admin.goto(`/admin/catalog/points/${POINT}`);
	await admin.getByLabel('周日', { exact: true }).fill('09:00-11:00');
	await saveDraft(admin);
	await admin.goto('/admin/catalog');
	await expect(admin.getByText('事项「个体工商户登记」：承诺时限 1 → 15 个工作日')).toBeVisible();
	await expect(
		admin.getByText(/^服务点「城厢街道便民服务中心」：开放时间 .* → .*周日 09:00–11:00$/)
	).toBeVisible();
	// Publishing asks first; a no leaves the draft as it was, and the keyboard at the button.
	await admin.getByRole('button', { name: '发布新版本' }).click();
	await expect(admin.getByRole('alert')).toContainText('这 3 处修改作为第');
	await admin.getByRole('link', { name: '暂不发布' }).click();
	await expect(admin.getByRole('alert')).toHaveCount(0);
	await expect(admin.getByRole('button', { name: '发布新版本' })).toBeFocused();
	const published = await publish(admin, '没有已有预约受到影响。');

	// The phone's next check (here: opening the app again) takes the new catalogue up.
	await page.reload();
	await expect(page.getByText('承诺 15 个工作日办结')).toBeVisible();
	await expect(page.getByText('目录已更新')).toBeVisible();
	await page.goto(`/points/${POINT}`);
	await expect(sunday).toContainText('09:00–11:00');

	await context.setOffline(true);
	await page.reload();
	await expect(sunday).toContainText('09:00–11:00');
	await page.goto(`/matters/${MATTER}`);
	await expect(page.getByText('承诺 15 个工作日办结')).toBeVisible();
	await context.setOffline(false);

	// Another tab is asked about restoring too, then this one restores: the other's yes answers a
	// question about a list that has changed, and is asked again instead of done.
	const other = await admin.context().newPage();
	await other.goto('/admin/catalog/versions');
	await other.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	await other.getByRole('button', { name: `恢复第 ${published - 1} 版` }).click();
	await expect(other.getByRole('alert')).toContainText(`作为第 ${published + 1} 版发布`);
	const restored = await restore(admin, published - 1);
	expect(restored).toBe(published + 1);
	await other.getByRole('button', { name: `确定恢复第 ${published - 1} 版` }).click();
	await expect(other.getByRole('alert')).toContainText(`作为第 ${published + 2} 版发布`);
	await expect(other.getByRole('heading', { name: `第 ${published + 2} 版` })).toHaveCount(0);
	// A no, given from the keyboard, leaves the keyboard where the question was asked.
	await other.getByRole('link', { name: '不恢复' }).focus();
	await other.keyboard.press('Enter');
	await expect(other.getByRole('alert')).toHaveCount(0);
	await expect(other.getByRole('button', { name: `恢复第 ${published - 1} 版` })).toBeFocused();
	await other.close();
	await expect(admin.getByText('事项「个体工商户登记」：承诺时限 15 → 1 个工作日')).toBeVisible();
	await page.reload();
	await expect(page.getByText('承诺 1 个工作日办结')).toBeVisible();
	await page.goto(`/points/${POINT}`);
	await expect(sunday).toContainText('不办公');
	await admin.context().close();
});

test('an edit form names the field at fault and keeps what was typed', async ({
	browser,
	baseURL
}) => {
	const admin = await adminPage(browser, baseURL!, ADMIN, `/admin/catalog/points/${POINT}`);
	await admin.getByLabel('电话', { exact: true }).fill('电话号码');
	await admin.getByLabel('周一', { exact: true }).fill('8点到12点');
	await admin.getByRole('button', { name: '存入草稿' }).click();
	const alert = admin.getByRole('alert');
	await expect(alert).toContainText('“电话”应为电话号码');
	await expect(alert).toContainText('“开放时间 › 周一”应写成 08:30-12:00');
	await expect(admin.getByLabel('电话', { exact: true })).toHaveValue('电话号码');
	await admin.goto('/admin/catalog');
	await expect(admin.getByText('没有未发布的修改')).toBeVisible();
	await admin.context().close();
});

test('what an administrator types before the page is live is kept, not replaced by the saved value', async ({
	browser,
	baseURL
}) => {
	const admin = await adminPage(browser, baseURL!, ADMIN, '/admin/catalog');
	// A slow computer on a weak link: the page's code comes seconds after the page.
	await admin.route('**/_app/immutable/**', async (route) => {
		await new Promise((resolve) => setTimeout(resolve, 2500));
		await route.continue();
	});
	await admin.goto(`/admin/catalog/points/${POINT}`, { waitUntil: 'commit' });
	const phone = admin.getByLabel('电话', { exact: true });
	await phone.click();
	await admin.keyboard.press('ControlOrMeta+A');
	await admin.keyboard.type('0535-79');
	await admin.locator('html[data-hydrated]').waitFor({ state: 'attached', timeout: 30_000 });
	await admin.keyboard.type('99999');
	await expect(phone).toHaveValue('0535-7999999');
	await admin.context().close();
});

test('an administrator adds a point on a form: each missing or wrong field is named, and once published residents find it', async ({
	page,
	browser,
	baseURL
}) => {
	const admin = await adminPage(browser, baseURL!, ADMIN, '/admin/catalog/points');
	await admin.getByRole('link', { name: '新增服务点' }).click();
	await expect(admin.getByRole('heading', { level: 1 })).toHaveText('新增服务点');
	// Most points keep these hours: they come filled in.
	await expect(admin.getByLabel('周一', { exact: true })).toHaveValue('08:30-12:00, 13:30-17:30');
	await admin.getByLabel('编号', { exact: true }).fill('Tuan Wang 1');
	await admin.getByRole('button', { name: '存入草稿' }).click();
	const alert = admin.getByRole('alert');
	await expect(alert).toContainText('“编号”只能用小写字母、数字和连字符');
	await expect(alert).toContainText('请填写“中文名称”');
	await expect(alert).toContainText('请填写“纬度”');
	await expect(admin.getByLabel('编号', { exact: true })).toHaveValue('Tuan Wang 1');

	await admin.getByLabel('编号', { exact: true }).fill(POINT);
	await admin.getByLabel('中文名称', { exact: true }).first().fill('城厢新村便民服务点');
	await admin.getByLabel('英文名称', { exact: true }).fill('Chengxiang Xincun Service Point');
	await admin.getByLabel('地址（中文）', { exact: true }).fill('城厢街道新村路 1 号');
	await admin.getByLabel('地址（英文）', { exact: true }).fill('1 Xincun Road, Chengxiang');
	await admin.getByLabel('纬度', { exact: true }).fill('25.43');
	await admin.getByLabel('经度', { exact: true }).fill('119.01');
	await admin.getByLabel('电话', { exact: true }).fill('0594-2000001');
	await admin.getByLabel('窗口数', { exact: true }).fill('1');
	await admin.getByRole('button', { name: '存入草稿' }).click();
	// An id taken by another point is named with its value.
	await expect(alert).toContainText(POINT);
	await expect(admin.getByLabel('中文名称', { exact: true })).toHaveValue('城厢新村便民服务点');

	await admin.getByLabel('编号', { exact: true }).fill('chengxiang-xincun');
	await admin.getByRole('button', { name: '存入草稿' }).click();
	await expect(admin).toHaveURL(/\/admin\/catalog\/points\/chengxiang-xincun\?added=1$/);
	await expect(admin.getByRole('status').filter({ hasText: '已在草稿中新增服务点' })).toBeVisible();
	await expect(admin.getByRole('heading', { level: 1 })).toHaveText('编辑「城厢新村便民服务点」');
	const published = await publish(admin);

	await page.goto('/points/chengxiang-xincun');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('城厢新村便民服务点');
	await expect(page.getByText('城厢街道新村路 1 号')).toBeVisible();

	// The demo catalogue as it was, for the tests after this one.
	await restore(admin, published - 1);
	await admin.context().close();
});

test('an administrator adds a matter on a form: its id and code are asked for, and once published residents find its guide', async ({
	page,
	browser,
	baseURL
}) => {
	const admin = await adminPage(browser, baseURL!, ADMIN, '/admin/catalog/matters');
	await admin.getByRole('link', { name: '新增事项' }).click();
	await expect(admin.getByRole('heading', { level: 1 })).toHaveText('新增事项');
	await admin.getByRole('button', { name: '存入草稿' }).click();
	const alert = admin.getByRole('alert');
	await expect(alert).toContainText('请填写“编号”');
	await expect(alert).toContainText('请填写“事项编码”');
	await expect(alert).toContainText('请填写“中文名称”');
	await expect(alert).toContainText('请填写“承诺时限”');
	// Each text of the fee is named as its field is labelled.
	await expect(alert).toContainText('请填写“收费（中文）”');

	// The matter's own names (each material row has names too).
	const basics = admin.getByRole('group', { name: '基本信息' });
	await basics.getByLabel('编号', { exact: true }).fill('-bad-');
	await admin.getByLabel('事项编码', { exact: true }).fill('330100-TEST-01');
	await basics.getByLabel('中文名称', { exact: true }).fill('农机购置补贴申领');
	await basics.getByLabel('英文名称', { exact: true }).fill('Farm machinery purchase subsidy');
	await admin.getByLabel('简介（中文）', { exact: true }).fill('购买农机后申领国家补贴。');
	await admin.getByLabel('简介（英文）', { exact: true }).fill('Claim the national subsidy.');
	await admin.getByLabel('承诺时限（工作日）', { exact: true }).fill('5');
	await admin.getByLabel('法定时限（工作日）', { exact: true }).fill('20');
	await admin.getByLabel('跑动次数', { exact: true }).fill('0');
	await admin.getByLabel('收费（中文）', { exact: true }).fill('不收费');
	await admin.getByLabel('收费（英文）', { exact: true }).fill('Free');
	await admin.getByRole('button', { name: '存入草稿' }).click();
	await expect(alert).toContainText('“编号”只能用小写字母、数字和连字符');
	await expect(basics.getByLabel('中文名称', { exact: true })).toHaveValue('农机购置补贴申领');

	await basics.getByLabel('编号', { exact: true }).fill('farm-machinery-subsidy');
	await admin.getByRole('button', { name: '存入草稿' }).click();
	await expect(admin).toHaveURL(/\/admin\/catalog\/matters\/farm-machinery-subsidy\?added=1$/);
	await expect(admin.getByRole('status').filter({ hasText: '已在草稿中新增事项' })).toBeVisible();
	// Publishing asks the administrator to look again at what residents would miss, and allows it.
	const published = await publish(
		admin,
		/事项「农机购置补贴申领」没有列出要带的材料.*事项「农机购置补贴申领」没有服务点办理/s
	);

	await page.goto('/matters/farm-machinery-subsidy');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('农机购置补贴申领');
	await expect(page.getByText('承诺 5 个工作日办结')).toBeVisible();

	await restore(admin, published - 1);
	await admin.context().close();
});

test('a spreadsheet with one bad row imports nothing and names the row and column; a good one imports', async ({
	browser,
	baseURL
}) => {
	const admin = await adminPage(browser, baseURL!, ADMIN, '/admin/catalog/import');
	const exported = await admin.request.get('/admin/catalog/export/points.csv');
	expect(exported.headers()['content-type']).toContain('text/csv');
	const unknown = await admin.request.get('/admin/catalog/export/points.pdf');
	expect(unknown.status()).toBe(404);
	expect((await unknown.json()).error).toMatchObject({
		code: 'not_found',
		fields: [{ field: 'file', message: expect.stringContaining('points.pdf') }]
	});
	const rows = Papa.parse<string[]>((await exported.text()).replace(/^\uFEFF/, ''), {
		skipEmptyLines: true
	}).data;
	const phone = rows[0]!.indexOf('电话');
	const name = rows[0]!.indexOf('中文名称');
	const pointName = rows[4]![name]!;
	const original = rows[4]![phone]!;

	const upload = async (file: { name: string; mimeType: string; buffer: Buffer }) => {
		await admin.getByLabel('表格文件（CSV 或 XLSX）').setInputFiles(file);
		await admin.getByRole('button', { name: '导入到草稿' }).click();
	};
	rows[4]![phone] = '电话号码';
	await upload({
		name: 'points.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(Papa.unparse(rows))
	});
	await expect(admin.getByRole('alert')).toContainText('第 5 行「电话」：');
	await expect(admin.getByRole('alert')).toContainText('没有导入任何内容');

	const xlsx = await writeXlsxFile(rows.map((r) => r.map((value) => ({ value })))).toBuffer();
	await upload({
		name: 'points.xlsx',
		mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		buffer: xlsx
	});
	await expect(admin.getByRole('alert')).toContainText('第 5 行「电话」：');
	// A file of a few MB that unpacks to far more than any sheet is refused before it is unpacked.
	const vast = rows.concat(Array.from({ length: 4000 }, (_, i) => [`${i}`.padEnd(8000, 'y')]));
	await upload({
		name: 'points.xlsx',
		mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		buffer: await writeXlsxFile(vast.map((r) => r.map((value) => ({ value })))).toBuffer()
	});
	await expect(admin.getByRole('alert')).toContainText('这个文件解压后超过 20 MB');
	await admin.goto('/admin/catalog');
	await expect(admin.getByText('没有未发布的修改')).toBeVisible();

	await admin.goto('/admin/catalog/import');
	rows[4]![phone] = '0535-7000000';
	const good = await writeXlsxFile(rows.map((r) => r.map((value) => ({ value })))).toBuffer();
	await upload({
		name: 'points.xlsx',
		mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		buffer: good
	});
	await expect(admin.getByRole('status')).toContainText(`已把 ${rows.length - 1} 行导入草稿`);
	await admin.goto('/admin/catalog');
	await expect(
		admin.getByText(`服务点「${pointName}」：电话 ${original} → 0535-7000000`)
	).toBeVisible();
	// Discarding asks first: a slip of the finger keeps the draft.
	await admin.getByRole('button', { name: '放弃草稿' }).click();
	await admin.getByRole('link', { name: '不放弃' }).click();
	await expect(
		admin.getByText(`服务点「${pointName}」：电话 ${original} → 0535-7000000`)
	).toBeVisible();
	await discardAnyDraft(admin);
	await admin.context().close();
});

test("a town administrator edits their own town's points and no other's", async ({
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	await addTownAdmin();
	const town = await adminPage(browser, baseURL!, TOWN_ADMIN, '/admin/catalog/points');
	await expect(town.getByRole('link', { name: '古柳街道便民服务中心' })).toBeVisible();
	await expect(town.getByRole('link', { name: '城厢街道便民服务中心' })).toHaveCount(0);
	await expect(town.getByRole('link', { name: '事项', exact: true })).toHaveCount(0);
	expect((await town.goto(`/admin/catalog/points/${POINT}`))?.status()).toBe(403);
	expect((await town.goto(`/admin/catalog/matters/${MATTER}`))?.status()).toBe(403);
	// Said so, within the administration: its menu stays, to go on elsewhere.
	await expect(town.getByRole('heading', { level: 1, name: '没有权限打开这个页面' })).toBeVisible();
	await expect(
		town.getByText('这部分目录由市级管理员维护；镇街管理员管理本镇街的服务点。')
	).toBeVisible();
	await expect(town.getByRole('navigation').getByRole('link', { name: '审计日志' })).toBeVisible();
	expect((await town.goto('/admin/catalog/points/no-such-point'))?.status()).toBe(404);
	await expect(town.getByRole('heading', { level: 1, name: '找不到这个页面' })).toBeVisible();
	await expect(town.getByRole('navigation').getByRole('link', { name: '审计日志' })).toBeVisible();

	await town.goto('/admin/catalog/points/guliu-centre');
	await town.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	await town.getByLabel('电话', { exact: true }).fill('0535-7999999');
	await saveDraft(town);
	const published = await publish(town);
	await expect(
		town.getByText(/服务点「古柳街道便民服务中心」：电话 .* → 0535-7999999/)
	).toBeVisible();

	const admin = await adminPage(browser, baseURL!, ADMIN, '/admin/catalog/versions');
	await restore(admin, published - 1);
	await town.context().close();
	await admin.context().close();
});

test("a draft begun before a town's publication is not published over it, and is brought up to date", async ({
	browser,
	baseURL
}) => {
	test.setTimeout(180_000);
	await addTownAdmin();
	const admin = await adminPage(browser, baseURL!, ADMIN, '/admin/catalog/points/guliu-centre');
	const counters = await admin.getByLabel('窗口数', { exact: true }).inputValue();
	await admin.getByLabel('电话', { exact: true }).fill('0535-7111111');
	await admin.getByLabel('窗口数', { exact: true }).fill(String(Number(counters) + 1));
	await saveDraft(admin);

	const town = await adminPage(browser, baseURL!, TOWN_ADMIN, '/admin/catalog/points/guliu-centre');
	await town.getByLabel('电话', { exact: true }).fill('0535-7999999');
	await saveDraft(town);
	const published = await publish(town);
	await town.context().close();

	await admin.goto('/admin/catalog');
	await admin.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	const stale = admin.getByRole('region', { name: '草稿不是基于最新版本' });
	await expect(stale).toContainText(
		`你的草稿从第 ${published - 1} 版开始，其后已发布到第 ${published} 版`
	);
	await expect(
		stale
			.getByRole('listitem')
			.filter({ hasText: /^服务点「古柳街道便民服务中心」：电话 .* → 0535-7999999$/ })
	).toBeVisible();
	// The panel passes axe and fits a phone.
	await admin.setViewportSize({ width: 360, height: 640 });
	const violations = await axeViolations(admin);
	expect(violations.map((v) => `${v.id} ${v.nodes[0]?.target}`)).toEqual([]);
	expect(
		await admin.evaluate(
			() => document.documentElement.scrollWidth - document.documentElement.clientWidth
		)
	).toBeLessThanOrEqual(0);
	await admin.setViewportSize({ width: 1280, height: 800 });

	await admin.getByRole('button', { name: '发布新版本' }).click();
	await expect(admin.getByRole('alert')).toContainText('直接发布会撤销下面这些修改');

	// Both changed the phone: the town's published number stays unless chosen otherwise.
	await expect(stale.getByRole('checkbox', { name: '改用我的草稿' })).not.toBeChecked();
	await stale.getByRole('button', { name: `把草稿更新到第 ${published} 版` }).click();
	await expect(
		admin
			.getByRole('status')
			.filter({ hasText: `草稿已从第 ${published - 1} 版更新到第 ${published} 版` })
	).toBeVisible();
	await expect(stale).toHaveCount(0);
	const after = await publish(admin);
	await expect(
		admin.getByText(`服务点「古柳街道便民服务中心」：窗口数 ${counters} → ${Number(counters) + 1}`)
	).toBeVisible();
	await expect(admin.getByText(/古柳街道便民服务中心」：电话/)).toHaveCount(0);

	await restore(admin, published - 1);
	expect(after).toBe(published + 1);
	await admin.context().close();
});

/** A Tuesday to Thursday at least three days ahead, Beijing time: inside the booking window. */
function weekdayAhead(): string {
	let date = addDays(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10), 3);
	while (![2, 3, 4].includes(weekdayOf(date))) date = addDays(date, 1);
	return date;
}

test('publishing a change that removes a booked slot lists that booking for the centre', async ({
	browser,
	baseURL
}) => {
	const slot = `${weekdayAhead()}T08:30+08:00`;
	const db = e2eDatabase();
	const now = new Date().toISOString();
	db.prepare(
		"insert into devices (id, token_hash, user_id, created_at) values ('e2e-affected', 'x', null, ?)"
	).run(now);
	db.prepare(
		`insert into applications (id, reference, op_id, device_id, matter_id, matter_ids, point_id,
		 applicant_name, applicant_id_number, applicant_phone, fields, answers, status,
		 device_created_at, created_at, updated_at)
		 values ('e2e-affected', 'E2E-AFFECTED-1', 'e2e-affected-op', 'e2e-affected', ?, ?, ?,
		 '王五', '370682199001011234', '13912345678', '{}', '{}', 'submitted', ?, ?, ?)`
	).run(MATTER, JSON.stringify([MATTER]), POINT, now, now, now);
	db.prepare(
		`insert into bookings (id, application_id, point_id, matter_id, applicant_id_number, slot_start,
		 status, created_at, updated_at)
		 values ('e2e-affected', 'e2e-affected', ?, ?, '370682199001011234', ?, 'booked', ?, ?)`
	).run(POINT, MATTER, slot, now, now);
	db.close();

	const admin = await adminPage(browser, baseURL!, ADMIN, `/admin/catalog/points/${POINT}`);
	await admin.getByRole('group', { name: '个体工商户登记' }).getByRole('checkbox').uncheck();
	await saveDraft(admin);
	await admin.goto('/admin/catalog');
	await expect(
		admin.getByText('服务点「城厢街道便民服务中心」：不再办理「个体工商户登记」')
	).toBeVisible();
	// Asked first, the administrator learns that residents will have to be called.
	const published = await publish(admin, /有 \d+ 个已有预约的时段将不再办理/);
	const listed = admin.getByRole('row', { name: /E2E-AFFECTED-1/ });
	await expect(listed).toContainText('139****5678');
	await expect(listed).toContainText('个体工商户登记');
	await admin.goto('/admin/catalog/affected');
	await admin.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	const row = admin.getByRole('row', { name: /E2E-AFFECTED-1/ });
	await expect(row).toContainText(`第 ${published} 版`);
	await expect(row.getByRole('button', { name: '标记已联系：E2E-AFFECTED-1' })).toHaveText(
		'标记已联系'
	);
	// The list masks the phone: the city administrator opens the record, or shows the number in place.
	const record = row.getByRole('link', { name: /E2E-AFFECTED-1 的申请记录/ });
	await record.click();
	await admin.waitForURL('**/staff/applications/e2e-affected');
	await expect(admin.getByText('13912345678')).toBeVisible();
	await admin.goBack();
	await admin.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	// The list as it stands once back (its load done), before the booking goes from it.
	await expect(row).toContainText(`第 ${published} 版`);
	// A booking gone from the list meanwhile (another administrator's rollback) is said at its
	// number, not at the note.
	const listRow = (() => {
		const db = e2eDatabase();
		const found = db
			.prepare("select * from catalog_affected_bookings where booking_id = 'e2e-affected'")
			.get() as Record<string, unknown>;
		db.prepare("delete from catalog_affected_bookings where booking_id = 'e2e-affected'").run();
		db.close();
		return found;
	})();
	await row.getByRole('button', { name: '显示完整号码：E2E-AFFECTED-1（会留痕）' }).click();
	const phoneCell = row.getByRole('cell').filter({ hasText: '139****5678' });
	await expect(phoneCell.getByRole('alert')).toHaveText('没有找到这条预约，或它不在你管理的范围内');
	await expect(row.getByLabel('联系结果（选填）：E2E-AFFECTED-1')).not.toHaveAttribute(
		'aria-invalid'
	);
	{
		const db = e2eDatabase();
		const columns = Object.keys(listRow);
		db.prepare(
			`insert into catalog_affected_bookings (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`
		).run(...Object.values(listRow));
		db.close();
	}
	await row.getByRole('button', { name: '显示完整号码：E2E-AFFECTED-1（会留痕）' }).click();
	await expect(row.getByRole('link', { name: '13912345678' })).toHaveAttribute(
		'href',
		'tel:13912345678'
	);

	// The list with its forms passes axe and fits a phone.
	await admin.setViewportSize({ width: 360, height: 640 });
	const violations = await axeViolations(admin);
	expect(violations.map((v) => `${v.id} ${v.nodes[0]?.target}`)).toEqual([]);
	expect(
		await admin.evaluate(
			() => document.documentElement.scrollWidth - document.documentElement.clientWidth
		)
	).toBeLessThanOrEqual(0);
	await admin.setViewportSize({ width: 1280, height: 800 });

	// The centre phones the resident and notes the new time agreed.
	await row.getByLabel('联系结果（选填）：E2E-AFFECTED-1').fill('改约到下周一上午');
	await row.getByRole('button', { name: '标记已联系：E2E-AFFECTED-1' }).click();
	await expect(
		admin.getByRole('status').filter({ hasText: '已记下 E2E-AFFECTED-1 已联系' })
	).toBeVisible();
	await expect(row).toContainText(/市行政审批服务局管理员 于 .+ 联系/);
	await expect(row).toContainText('改约到下周一上午');
	await expect(row.getByRole('button', { name: /标记已联系/ })).toHaveCount(0);

	const show = async (label: string) => {
		await admin.getByLabel('显示', { exact: true }).selectOption({ label });
		await admin.getByRole('button', { name: '筛选' }).click();
		await admin.waitForURL(/contact=/);
	};
	await show('未联系');
	await expect(row).toHaveCount(0);
	await show('已联系');
	await expect(row).toContainText('改约到下周一上午');

	// 古柳's administrator does not see 城厢's bookings.
	await addTownAdmin();
	const town = await adminPage(browser, baseURL!, TOWN_ADMIN, '/admin/catalog/affected');
	await expect(town.getByRole('row', { name: /E2E-AFFECTED-1/ })).toHaveCount(0);
	await town.context().close();

	await restore(admin, published - 1);
	await admin.context().close();
	const cleanup = e2eDatabase();
	cleanup.prepare("delete from bookings where id = 'e2e-affected'").run();
	cleanup.prepare("delete from applications where id = 'e2e-affected'").run();
	cleanup.prepare("delete from devices where id = 'e2e-affected'").run();
	cleanup.close();
});

test('a date field is set not to come before another: a loop of two is refused, naming the field', async ({
	browser,
	baseURL
}) => {
	const admin = await adminPage(
		browser,
		baseURL!,
		ADMIN,
		'/admin/catalog/matters/veteran-preferential-card'
	);
	await discardAnyDraft(admin);
	await admin.goto('/admin/catalog/matters/veteran-preferential-card');
	const enlisted = admin.getByRole('group', { name: '表单字段 #2' }).getByLabel('不能早于');
	const discharged = admin.getByRole('group', { name: '表单字段 #3' }).getByLabel('不能早于');
	await expect(discharged).toHaveValue('enlistmentDate');
	await expect(discharged.getByRole('option')).toHaveText(['不限', '申请人出生日期', '入伍时间']);
	// The applicant's birth, from the ID number, is no field of the form and may be named.
	await expect(enlisted).toHaveValue('applicant.birthDate');
	await enlisted.selectOption({ label: '退役时间' });
	await admin.getByRole('button', { name: '存入草稿' }).click();
	await expect(admin.getByRole('alert')).toContainText('使日期字段互相不能早于对方');
	await expect(enlisted).toHaveAttribute('aria-invalid', 'true');
	await expect(enlisted).toHaveValue('dischargeDate');

	await enlisted.selectOption({ label: '不限' });
	await discharged.selectOption({ label: '不限' });
	await saveDraft(admin);
	await admin.goto('/admin/catalog');
	await expect(admin.getByText('事项「退役军人优待证申领」：表单字段已修改')).toBeVisible();
	await discardAnyDraft(admin);
	await admin.context().close();
});

test('a field is made required for some choices of another list; a choice no longer offered is refused, naming the field', async ({
	browser,
	baseURL
}) => {
	const path = '/admin/catalog/matters/social-security-card';
	const admin = await adminPage(browser, baseURL!, ADMIN, path);
	await discardAnyDraft(admin);
	await admin.goto(path);
	const address = admin
		.getByRole('group', { name: '表单字段 #3' })
		.getByRole('group', { name: '选择以下选项时必填' });
	const post = address.getByRole('group', { name: '领卡方式' }).getByLabel('邮寄到家');
	const counter = address.getByRole('group', { name: '领卡方式' }).getByLabel('窗口即时领取');
	await expect(post).toBeChecked();
	await expect(counter).not.toBeChecked();
	await counter.check();
	await saveDraft(admin);
	await admin.goto(path);
	await expect(counter).toBeChecked();
	await expect(post).toBeChecked();

	// The list stops offering a choice the address is still required for.
	const options = admin.getByRole('group', { name: '表单字段 #2' }).getByLabel('选项');
	await options.fill('counter | 窗口即时领取 | Collect at the counter');
	await admin.getByRole('button', { name: '存入草稿' }).click();
	await expect(admin.getByRole('alert')).toContainText(
		'“表单字段 #3 › 选择以下选项时必填”勾选的选项已不在本表单的选择字段中'
	);
	// Always required, a field needs no answers to be: their choices are put away.
	await admin.getByRole('group', { name: '表单字段 #3' }).getByLabel('必填').check();
	await expect(address).toBeHidden();
	await discardAnyDraft(admin);
	await admin.context().close();
});

test('a form opened before the same entry was saved elsewhere (another tab) is not saved over it: the page says so and keeps what was typed', async ({
	browser,
	baseURL
}) => {
	const path = '/admin/catalog/matters/temporary-assistance';
	const tabA = await adminPage(browser, baseURL!, ADMIN, path);
	const tabB = await tabA.context().newPage();
	await tabB.goto(path);
	await tabB.locator('html[data-hydrated]').waitFor({ state: 'attached' });

	await tabA.getByLabel('收费（中文）', { exact: true }).fill('不收取任何费用');
	await saveDraft(tabA);
	await tabB.getByLabel('收费（英文）', { exact: true }).fill('Free of any charge');
	await tabB.getByRole('button', { name: '存入草稿' }).click();
	await expect(tabB.getByRole('alert')).toContainText('已在别处保存过');
	await expect(tabB.getByLabel('收费（英文）', { exact: true })).toHaveValue('Free of any charge');

	// The first tab's change stands; opened afresh, the form has it and saves.
	await tabB.goto(path);
	await expect(tabB.getByLabel('收费（中文）', { exact: true })).toHaveValue('不收取任何费用');
	await tabB.getByLabel('收费（英文）', { exact: true }).fill('Free of any charge');
	await saveDraft(tabB);
	await tabB.reload();
	await expect(tabB.getByLabel('收费（中文）', { exact: true })).toHaveValue('不收取任何费用');
	await expect(tabB.getByLabel('收费（英文）', { exact: true })).toHaveValue('Free of any charge');
	await discardAnyDraft(tabA);
	await tabA.context().close();
});

test('leaving a form with changes not saved asks first; once saved, it does not', async ({
	browser,
	baseURL
}) => {
	const path = '/admin/catalog/matters/temporary-assistance';
	const admin = await adminPage(browser, baseURL!, ADMIN, path);
	const asked: string[] = [];
	const answer = (accept: boolean) =>
		admin.once('dialog', (dialog) => {
			asked.push(dialog.message());
			void (accept ? dialog.accept() : dialog.dismiss());
		});

	await admin.getByLabel('收费（中文）', { exact: true }).fill('只收工本费');
	answer(false);
	await admin.getByRole('link', { name: '← 事项' }).click();
	await expect.poll(() => asked).toEqual(['本页有修改还没有保存，离开后会丢失。确定离开吗？']);
	await expect(admin).toHaveURL(new RegExp(`${path}$`));
	await expect(admin.getByLabel('收费（中文）', { exact: true })).toHaveValue('只收工本费');

	// A save refused keeps the changes unsaved: still asked.
	await admin.getByLabel('中文名称', { exact: true }).first().fill('');
	await admin.getByRole('button', { name: '存入草稿' }).click();
	await expect(admin.getByRole('alert')).toContainText('请填写');
	answer(false);
	await admin.getByRole('link', { name: '← 事项' }).click();
	await expect.poll(() => asked.length).toBe(2);
	await expect(admin).toHaveURL(new RegExp(`${path}$`));

	await admin.getByLabel('中文名称', { exact: true }).first().fill('临时救助');
	await saveDraft(admin);
	await admin.getByRole('link', { name: '← 事项' }).click();
	await expect(admin).toHaveURL(/\/admin\/catalog\/matters$/);
	expect(asked).toHaveLength(2);
	await discardAnyDraft(admin);
	await admin.context().close();
});

test('a centre with counter staff is not made a proxy point: the staff would belong to no hall', async ({
	browser,
	baseURL
}) => {
	const admin = await adminPage(browser, baseURL!, ADMIN, '/admin/catalog/points/guliu-centre');
	await admin.getByLabel('类型', { exact: true }).selectOption({ label: '代办点' });
	await admin.getByRole('button', { name: '存入草稿' }).click();
	await expect(admin.getByRole('alert')).toContainText(/还有 \d+ 个只能属于中心的账号/);
	await expect(admin.getByLabel('类型', { exact: true })).toHaveAttribute('aria-invalid', 'true');
	await admin.goto('/admin/catalog');
	await expect(admin.getByText('没有未发布的修改')).toBeVisible();
	await admin.context().close();
});
