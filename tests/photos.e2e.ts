import { imageSize } from 'image-size';
import { expect, test } from './fixtures';
import { applyFromSlots, idNumber, serverApplications, SLOTS_PAGE, uniqueN } from './support/apply';
import { e2eDatabase } from './support/db';
import { cameraPicture, photographedPage } from './support/camera';
import { checkInFromPicture, counterPage, materialRow } from './support/staff';

/** Photos the server has of an application, and those it still waits for. */
function serverPhotos(applicationId: string) {
	const db = e2eDatabase();
	try {
		const count = (table: string) =>
			(
				db
					.prepare(`select count(*) as n from ${table} where application_id = ?`)
					.get(applicationId) as { n: number }
			).n;
		const sent = db
			.prepare(
				`select o.size, o.sent_bytes as sent from attachments t join applications a on a.id = t.application_id
				 join blob_owners o on o.sha256 = t.sha256 and o.device_id = a.device_id where t.application_id = ?`
			)
			.all(applicationId) as { size: number; sent: number | null }[];
		return { attached: count('attachments'), waiting: count('pending_attachments'), sent };
	} finally {
		db.close();
	}
}

test('a photographed paper is sent grey, at most 1280 px and as WebP, and the counter opens it', async ({
	page,
	browser,
	baseURL
}) => {
	const camera = await cameraPicture(page);
	await page.goto(SLOTS_PAGE);
	await applyFromSlots(page, uniqueN(), '照片压缩测试', async () => {
		await page.getByLabel('拍照或选择照片：经营者身份证').setInputFiles({
			name: 'IMG_0001.jpg',
			mimeType: 'image/jpeg',
			buffer: camera
		});
		await expect(page.getByRole('img', { name: '经营者身份证' })).toBeVisible();
	});
	await expect(page.getByText('已提交', { exact: true })).toBeVisible({ timeout: 20_000 });
	const reference = (await page.getByTestId('reference').textContent())!.trim();
	const { id } = serverApplications(reference)[0]!;

	const counter = await counterPage(browser, baseURL!);
	await counter.goto(`/staff/applications/${id}`);
	const photo = counter.getByRole('img', { name: /经营者身份证/ }).first();
	await expect(photo).toBeVisible();
	const seen = await photo.evaluate(async (img: HTMLImageElement) => {
		await img.decode();
		const response = await fetch(img.src);
		const canvas = new OffscreenCanvas(img.naturalWidth, img.naturalHeight);
		const context = canvas.getContext('2d')!;
		context.drawImage(img, 0, 0);
		const px = context.getImageData(0, 0, canvas.width, canvas.height).data;
		let spread = 0;
		for (let i = 0; i < px.length; i += 4 * 97) {
			spread = Math.max(spread, Math.abs(px[i]! - px[i + 1]!), Math.abs(px[i + 1]! - px[i + 2]!));
		}
		return {
			type: response.headers.get('content-type'),
			bytes: (await response.arrayBuffer()).byteLength,
			width: img.naturalWidth,
			height: img.naturalHeight,
			spread
		};
	});
	expect(seen.type).toBe('image/webp');
	expect([seen.width, seen.height]).toEqual([1280, 960]);
	// Grey: red, green and blue alike in every pixel (within the codec's rounding).
	expect(seen.spread).toBeLessThanOrEqual(6);
	expect(seen.bytes).toBeLessThan(80 * 1024);
	await counter.context().close();
});

test('a dense, grainy page is sent smaller still, but never under 1024 px', async ({ page }) => {
	const photo = await photographedPage(page, 0);
	await page.goto(SLOTS_PAGE);
	await applyFromSlots(
		page,
		uniqueN(),
		'密集文字照片测试',
		async () => {
			await page.getByLabel('拍照或选择照片：经营者身份证').setInputFiles({
				name: 'IMG_0004.jpg',
				mimeType: 'image/jpeg',
				buffer: photo
			});
			await expect(page.getByRole('img', { name: '经营者身份证' })).toBeVisible({
				timeout: 15_000
			});
		},
		20_000
	);
	const reference = (await page.getByTestId('reference').textContent())!.trim();
	// The receipt shows as soon as the application is queued: the server has it once it is sent.
	await expect.poll(() => serverApplications(reference).length, { timeout: 20_000 }).toBe(1);
	const { id } = serverApplications(reference)[0]!;
	await expect.poll(() => serverPhotos(id).attached, { timeout: 30_000 }).toBe(1);
	const db = e2eDatabase();
	try {
		const { data } = db
			.prepare(
				'select b.data from blobs b join attachments t on t.sha256 = b.sha256 where t.application_id = ?'
			)
			.get(id) as { data: Buffer };
		const { width, height, type } = imageSize(data);
		expect(type).toBe('webp');
		// Over 90 KB at 1280 px, this page is drawn again smaller: the text stays 16 px tall or more.
		expect(data.byteLength).toBeLessThanOrEqual(100 * 1024);
		expect(Math.max(width, height)).toBeLessThan(1280);
		expect(Math.max(width, height)).toBeGreaterThanOrEqual(1024);
	} finally {
		db.close();
	}
});

test.describe('with the photos held up on a weak link', () => {
	// Every request of the page goes through its routes (no service worker to send from).
	test.use({ serviceWorkers: 'block' });

	test('the booking is made first; the receipt and the counter say the photo is on its way', async ({
		page,
		browser,
		baseURL
	}) => {
		const camera = await cameraPicture(page);
		// Every upload is cut, whoever sends it, until the link gets better.
		// (Not a reset: the browser may retry a request on a reset connection by itself.)
		let linkBack = false;
		let uploadTries = 0;
		await page.context().route('**/api/blobs/**', (route) => {
			if (linkBack) return route.continue();
			uploadTries++;
			return route.abort('internetdisconnected');
		});
		await page.goto(SLOTS_PAGE);
		await applyFromSlots(page, uniqueN(), '照片后发测试', async () => {
			await page.getByLabel('拍照或选择照片：经营者身份证').setInputFiles({
				name: 'IMG_0002.jpg',
				mimeType: 'image/jpeg',
				buffer: camera
			});
			await expect(page.getByRole('img', { name: '经营者身份证' })).toBeVisible();
		});
		await expect(page.getByText('已提交', { exact: true })).toBeVisible({ timeout: 20_000 });
		await expect(page.getByTestId('booked-slot')).toBeVisible();
		const onTheirWay = page.getByTestId('photos-on-their-way');
		await expect(onTheirWay).toContainText('预约已成功。照片还在发送：已发 0/1 张');
		await expect(onTheirWay.getByRole('progressbar', { name: '照片 1 发送进度' })).toBeVisible();
		// The outbox lists the photo too, with its bytes.
		const outbox = await page.context().newPage();
		await outbox.goto('/outbox');
		await expect(outbox.getByText(/另有 1 张照片待发送/)).toBeVisible();
		await expect(outbox.getByText(/照片 1：已发 0\/\d+ KB/)).toBeVisible();
		await outbox.close();
		const reference = (await page.getByTestId('reference').textContent())!.trim();
		const { id, status } = serverApplications(reference)[0]!;
		expect(status).toBe('submitted');
		expect(serverPhotos(id)).toMatchObject({ attached: 0, waiting: 1 });

		const counter = await counterPage(browser, baseURL!);
		await counter.goto(`/staff/applications/${id}`);
		const row = materialRow(counter, '经营者身份证');
		await expect(row).toContainText('1 张照片正在从居民手机发送');

		// The resident arrives before the photo: the counter checks the application in from its code.
		const png = await page.getByRole('img', { name: /申请二维码/ }).screenshot();
		await checkInFromPicture(counter, png);
		expect(serverApplications(reference)[0]!.checked_in_at).not.toBeNull();
		await counter.goto(`/staff/applications/${id}`);

		// "Send now" tries at once, backoff or not; on a link still down the photo keeps waiting.
		const sendNow = onTheirWay.getByRole('button', { name: '立即发送' });
		await expect(sendNow).toBeEnabled();
		const triesBefore = uploadTries;
		await sendNow.click();
		await expect.poll(() => uploadTries).toBeGreaterThan(triesBefore);
		// That try has just failed, so the app's own next one is seconds away: this tap is the one.
		await expect(sendNow).toBeEnabled();
		await expect(onTheirWay).toContainText('已发 0/1 张');
		// The link gets better: "send now" sends the photo, and the receipt says no more of it.
		linkBack = true;
		await sendNow.click();
		await expect(onTheirWay).toBeHidden({ timeout: 20_000 });
		expect(serverPhotos(id)).toMatchObject({ attached: 1, waiting: 0 });
		await counter.reload();
		await expect(row).not.toContainText('正在从居民手机发送');
		await expect(counter.getByRole('img', { name: /经营者身份证/ }).first()).toBeVisible();
		await counter.context().close();
	});

	test('a photo cut off mid-upload goes on from where it stopped: each byte range reaches the server once', async ({
		page,
		context
	}) => {
		const camera = await cameraPicture(page, 48, [1600, 1200]);
		// The second chunk's request is cut once, as a dropped link would.
		const offsets: string[] = [];
		let cut = false;
		await context.route('**/api/blobs/**', async (route) => {
			const request = route.request();
			if (request.method() !== 'PATCH') return route.continue();
			const offset = (await request.allHeaders())['upload-offset']!;
			offsets.push(offset);
			if (offset !== '0' && !cut) {
				cut = true;
				return route.abort('internetdisconnected');
			}
			return route.continue();
		});
		await page.goto(SLOTS_PAGE);
		await applyFromSlots(
			page,
			uniqueN(),
			'断点续传测试',
			async () => {
				await page.getByLabel('拍照或选择照片：经营者身份证').setInputFiles({
					name: 'IMG_0003.jpg',
					mimeType: 'image/jpeg',
					buffer: camera
				});
				await expect(page.getByRole('img', { name: '经营者身份证' })).toBeVisible({
					timeout: 15_000
				});
			},
			// A grainy photo keeps the page busy for a while on a slow machine.
			20_000
		);
		await expect(page.getByText('已提交', { exact: true })).toBeVisible({ timeout: 20_000 });
		const reference = (await page.getByTestId('reference').textContent())!.trim();
		const { id } = serverApplications(reference)[0]!;
		await expect
			.poll(() => serverPhotos(id).attached, { timeout: 60_000, intervals: [250] })
			.toBe(1);
		const [{ size, sent }] = serverPhotos(id).sent as [{ size: number; sent: number }];
		expect(size).toBeGreaterThan(64 * 1024);
		// The server's own count: every byte once, the cut chunk included (it never arrived whole).
		expect(sent).toBe(size);
		// The cut chunk was sent again from its own start, not from the photo's.
		expect(offsets.filter((o) => o === '0')).toHaveLength(1);
		expect(offsets.filter((o) => o === '65536')).toHaveLength(2);
	});
});

test('a photo taken by mistake is taken off the form, and stays off when the form is opened again', async ({
	page
}) => {
	await page.goto('/apply?matter=individual-business-registration&point=chengxiang-centre');
	const input = page.getByLabel('拍照或选择照片：经营者身份证');
	for (const size of [
		[800, 600],
		[640, 480]
	] as const) {
		await input.setInputFiles({
			name: `IMG_${size[0]}.jpg`,
			mimeType: 'image/jpeg',
			buffer: await cameraPicture(page, 0, [...size])
		});
	}
	const thumbnails = page.getByRole('img', { name: '经营者身份证' });
	await expect(thumbnails).toHaveCount(2);
	await page.getByRole('button', { name: '删除这张照片' }).first().click();
	await expect(thumbnails).toHaveCount(1);
	await expect(page.getByText('草稿已自动保存')).toBeVisible();
	await page.reload();
	await expect(thumbnails).toHaveCount(1);
});

test('one photo picked for a second material is said to be the first one’s, at the second', async ({
	page
}) => {
	await page.goto('/apply?matter=individual-business-registration&point=chengxiang-centre');
	const picture = {
		name: 'IMG_both.jpg',
		mimeType: 'image/jpeg',
		buffer: await cameraPicture(page, 0, [800, 600])
	};
	await page.getByLabel('拍照或选择照片：经营者身份证').setInputFiles(picture);
	await expect(page.getByRole('img', { name: '经营者身份证' })).toHaveCount(1);
	await page.getByLabel('拍照或选择照片：个体工商户登记（备案）申请书').setInputFiles(picture);
	await expect(page.getByRole('alert')).toHaveText(
		'这张照片已用于“经营者身份证”。一张照片只能对应一项材料，请为这一项另拍一张。'
	);
	await expect(page.getByRole('img', { name: '个体工商户登记（备案）申请书' })).toHaveCount(0);
	await expect(page.getByRole('img', { name: '经营者身份证' })).toHaveCount(1);
});

test('a file that is no picture is named, and the form takes the pictures picked with it', async ({
	page
}) => {
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(e.message));
	await page.goto('/apply?matter=individual-business-registration&point=chengxiang-centre');
	await page.getByLabel('拍照或选择照片：经营者身份证').setInputFiles([
		{ name: 'notes.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not a picture at all') },
		{ name: 'IMG_1.jpg', mimeType: 'image/jpeg', buffer: await cameraPicture(page, 0, [800, 600]) }
	]);
	await expect(page.getByRole('alert')).toHaveText(
		'“notes.jpg”不是能打开的照片，请选择相机拍的照片或 JPG、PNG 图片'
	);
	await expect(page.getByRole('img', { name: '经营者身份证' })).toHaveCount(1);
	expect(errors).toEqual([]);
});

test('a bundle is booked under its own name, and a material both its matters need is asked for once', async ({
	page
}) => {
	await page.goto(
		'/points/chengxiang-centre/slots?matter=individual-business-registration&bundle=open-small-shop'
	);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('预约时间：开办小店“一件事”');
	await page.goto(
		'/apply?bundle=open-small-shop&matter=individual-business-registration&point=chengxiang-centre'
	);
	for (const material of ['授权委托书', '代办人身份证']) {
		await expect(page.getByLabel(`拍照或选择照片：${material}`)).toHaveCount(1);
	}
	// The business licence is what the bundle's registration issues.
	await expect(page.getByLabel('拍照或选择照片：食品经营许可申请书')).toHaveCount(1);
	await expect(page.getByLabel('拍照或选择照片：营业执照或其他主体资格证明')).toHaveCount(0);
	await page.goto('/apply?matter=food-business-licence&point=chengxiang-centre');
	await expect(page.getByLabel('拍照或选择照片：营业执照或其他主体资格证明')).toHaveCount(1);
});

test('a bundle asks for each of its forms, not for the certificate it applies for, and its receipt lists a material its matters share once', async ({
	page
}) => {
	await page.goto(
		'/apply?bundle=disabled-person&matter=disability-certificate&point=chengxiang-centre'
	);
	// Two different forms, the certificate's and the subsidies' (which both subsidies share).
	for (const material of ['残疾人证申请表', '残疾人两项补贴申请审批表', '申请人身份证及户口簿']) {
		await expect(page.getByLabel(`拍照或选择照片：${material}`)).toHaveCount(1);
	}
	await expect(page.getByLabel('拍照或选择照片：第二代残疾人证')).toHaveCount(0);
	await page.getByLabel('申请人姓名').fill('一件事');
	await page.getByLabel('身份证号码').fill(idNumber(uniqueN()));
	await page.getByLabel('手机号码').fill('13912345678');
	for (const select of await page.getByRole('combobox').all())
		await select.selectOption({ index: 1 });
	await page.getByLabel('现居住地址').fill('城厢街道测试路 1 号');
	await page.getByLabel(/本人银行账号/).fill('6222021234567890');
	await page.getByLabel('开户银行').fill('农商银行');
	await page.getByRole('button', { name: '提交申请' }).click();
	await expect(page.getByRole('heading', { name: '申请回执' })).toBeVisible();
	// Each matter's guide a line of its own: a separator between links wrapped to a line's start.
	await expect(
		page.getByRole('list', { name: '办事指南' }).getByRole('listitem').getByRole('link')
	).toHaveText(['残疾人证新办', '困难残疾人生活补贴', '重度残疾人护理补贴']);

	const bring = page.getByRole('region', { name: '请带齐以下材料' });
	for (const material of ['残疾人证申请表', '残疾人两项补贴申请审批表', '申请人身份证及户口簿']) {
		await expect(bring.getByText(material, { exact: true })).toHaveCount(1);
	}
	await expect(bring.getByText('第二代残疾人证')).toHaveCount(0);
});

test('each material is one whole button in the page’s language, which shows when the keyboard is on it', async ({
	browser,
	baseURL
}) => {
	const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
	await context.addCookies(
		[
			['ow_locale', 'en'],
			['ow_elder', '1']
		].map(([name, value]) => ({ name: name!, value: value!, url: baseURL! }))
	);
	const page = await context.newPage();
	await page.goto('/apply?matter=individual-business-registration&point=chengxiang-centre');
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	const picker = page.getByLabel(/^Take or choose a photo: /).first();
	const button = page.locator('label', { hasText: /^Take or choose a photo: / }).first();
	// The label is what is pressed: large enough to tap, within the screen, wrapped, not cut.
	const box = (await button.boundingBox())!;
	expect(box.height).toBeGreaterThanOrEqual(44);
	expect(box.x + box.width).toBeLessThanOrEqual(360);
	// The browser's own control, which words its button in the phone's language and says "no file
	// chosen" even after photos are added, is not shown.
	const control = (await picker.boundingBox())!;
	expect(control.width * control.height).toBeLessThanOrEqual(1);
	await expect(button).toHaveCSS('outline-style', 'none');
	await picker.focus();
	await expect(button).toHaveCSS('outline-style', 'solid');
	await context.close();
});

test('the photos asked for follow the situation answered: a paper an answer rules out is not asked for', async ({
	page
}) => {
	await page.goto('/apply?matter=individual-business-registration&point=chengxiang-centre');
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	const agentId = page.getByLabel('拍照或选择照片：代办人身份证');
	const lease = page.getByLabel('拍照或选择照片：房屋租赁合同及出租方产权证明');
	// Not answered yet: each may be needed.
	await expect(agentId).toHaveCount(1);
	await expect(lease).toHaveCount(1);
	await page.getByRole('radio', { name: '本人办理' }).check();
	await page.getByRole('radio', { name: '自有房产' }).check();
	await expect(agentId).toHaveCount(0);
	await expect(lease).toHaveCount(0);
	await page.getByRole('radio', { name: '租赁房屋' }).check();
	await expect(lease).toHaveCount(1);
});
