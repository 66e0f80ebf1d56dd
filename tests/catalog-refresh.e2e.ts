import { expect, test } from './fixtures';
import { editCatalog } from './support/db';
import { checkOpenSlot, SLOTS_PAGE } from './support/apply';

const ID = 'farmer-cooperative-registration';
const renamed = '农民专业合作社设立登记（已更新）';

test.afterEach(() => {
	editCatalog((db) =>
		db.prepare('update matters set name_zh = ? where id = ?').run('农民专业合作社登记', ID)
	);
});

test('a change on the server reaches the device when online, and the copy works offline', async ({
	page,
	context,
	readyOffline
}) => {
	await page.goto('/search');
	await readyOffline(page);
	editCatalog((db) => db.prepare('update matters set name_zh = ? where id = ?').run(renamed, ID));

	// Online again later: the app asks with If-None-Match, from the version it holds, and takes the
	// new catalogue.
	const asked = context.waitForEvent('request', (r) =>
		r.url().includes('/api/catalog?format=2&from=')
	);
	await page.reload();
	await asked;
	await page.getByRole('searchbox', { name: /输入事项或服务点名称/ }).fill('合作社');
	await expect(page.getByRole('link', { name: renamed })).toBeVisible();

	await context.setOffline(true);
	await page.reload();
	await page.getByRole('searchbox', { name: /输入事项或服务点名称/ }).fill('合作社');
	await expect(page.getByRole('link', { name: renamed })).toBeVisible();
	await page.getByRole('link', { name: renamed }).click();
	await expect(page.getByRole('heading', { level: 1, name: renamed })).toBeVisible();
});

test.describe('in a browser where the service worker cannot register', () => {
	test.use({ serviceWorkers: 'block' });
	// The page waits 10 s for a worker to do it before it checks the catalogue itself.
	const waited = { timeout: 20_000 };

	test('the page checks the catalogue itself: it keeps a copy, and a change on the server replaces it', async ({
		page
	}) => {
		await page.goto('/search');
		await expect(page.getByTestId('catalog-ready')).toBeVisible(waited);
		editCatalog((db) => db.prepare('update matters set name_zh = ? where id = ?').run(renamed, ID));

		await page.reload();
		await expect(page.getByText('目录已更新')).toBeVisible(waited);
		await page.getByRole('searchbox', { name: /输入事项或服务点名称/ }).fill('合作社');
		await expect(page.getByRole('link', { name: renamed })).toBeVisible();
	});
});

// Moved by the page, or found with a newer copy already in place (the worker downloaded one first).
for (const newerFirst of [false, true]) {
	test(`a catalogue kept in the device database by an earlier release still serves the search offline, and its row goes${newerFirst ? ' though a newer copy got there first' : ''}`, async ({
		page,
		context,
		readyOffline
	}) => {
		await page.goto('/search');
		await readyOffline(page);
		// The list of the phone's applications opens the device database.
		await page.goto('/applications');
		await page.evaluate(async (newerFirst) => {
			const cache = await caches.open('ow-catalog');
			const copy = (await (await cache.match('/device/catalog'))!.json()) as { version: string };
			if (!newerFirst) await caches.delete('ow-catalog');
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const open = indexedDB.open('one-window');
				open.onsuccess = () => resolve(open.result);
				open.onerror = () => reject(open.error);
			});
			await new Promise((resolve, reject) => {
				const write = db.transaction('catalog', 'readwrite');
				const row = { key: 'current', snapshot: copy, etag: `"${copy.version}"`, checkedAt: 1 };
				write.objectStore('catalog').put(row);
				write.oncomplete = resolve;
				write.onerror = () => reject(write.error);
			});
			db.close();
		}, newerFirst);

		await context.setOffline(true);
		await page.goto('/search');
		await page.getByRole('searchbox', { name: /输入事项或服务点名称/ }).fill('合作社');
		await expect(page.getByRole('link', { name: '农民专业合作社登记' })).toBeVisible();
		// The page or the service worker (asked to check the catalogue as the page opens) moves it,
		// whichever comes first: the old row goes once the copy is in its new place.
		const left = () =>
			page.evaluate(async () => {
				const db = await new Promise<IDBDatabase>((resolve) => {
					const open = indexedDB.open('one-window');
					open.onsuccess = () => resolve(open.result);
				});
				const count = await new Promise<number>((resolve) => {
					const request = db.transaction('catalog').objectStore('catalog').count();
					request.onsuccess = () => resolve(request.result);
				});
				db.close();
				return {
					count,
					moved: !!(await (await caches.open('ow-catalog')).match('/device/catalog'))
				};
			});
		await expect.poll(left).toEqual({ count: 0, moved: true });
	});
}

test.describe('on a device whose catalogue download fails, online', () => {
	// The page's own requests, not a worker's, so that the route below holds the catalogue back.
	test.use({ serviceWorkers: 'block' });

	test('pages opened by a tap come from the server instead of an error', async ({ page }) => {
		// The whole catalogue fails (a weak signal drops the large download); a page's own view,
		// a few kilobytes, still comes.
		await page.route(
			(url) => url.pathname === '/api/catalog',
			(route) => route.abort('timedout')
		);
		await page.goto(SLOTS_PAGE);
		await checkOpenSlot(page);
		await page.getByRole('link', { name: '用所选时段填写申请' }).click();
		await expect(page.getByRole('heading', { level: 1, name: /填写申请/ })).toBeVisible();
		await expect(page.getByLabel('申请人姓名')).toBeEditable();

		await page.goto('/');
		await page.getByRole('link', { name: '城厢街道便民服务中心' }).click();
		await expect(
			page.getByRole('heading', { level: 1, name: '城厢街道便民服务中心' })
		).toBeVisible();
	});
});

test('a slow catalogue download holds no tap: pages open while the worker is still fetching it', async ({
	page,
	context
}) => {
	// The first catalogue the worker asks for hangs, as on a weak signal; everything else answers.
	let release = () => {};
	const held = new Promise<void>((resolve) => (release = resolve));
	await context.route('**/api/catalog?format=2*', async (route) => {
		if (route.request().serviceWorker()) await held;
		await route.fallback().catch(() => {});
	});
	await page.goto('/');
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
		if (!navigator.serviceWorker.controller) {
			await new Promise((resolve) =>
				navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true })
			);
		}
	});
	try {
		await page.getByRole('link', { name: '我的申请' }).click();
		await expect(page.getByRole('heading', { level: 1, name: '我的申请' })).toBeVisible();
		await page.goto('/search');
		await expect(page.getByRole('searchbox', { name: /输入事项或服务点名称/ })).toBeVisible();
	} finally {
		release();
	}
});

test('a page that opened without the worker (a hard reload, or while it was taking over) is taken over', async ({
	page,
	context,
	readyOffline
}) => {
	await page.goto('/');
	await readyOffline(page);
	// As a forced reload does: the page opens past the worker, which then controls nothing.
	const devtools = await context.newCDPSession(page);
	await devtools.send('Network.enable');
	await devtools.send('Network.setBypassServiceWorker', { bypass: true });
	await page.reload();
	await devtools.send('Network.setBypassServiceWorker', { bypass: false });

	await expect
		.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), { timeout: 15_000 })
		.toBe(true);
	// Offline, its next page opens from what the worker keeps.
	await context.setOffline(true);
	await page.getByRole('link', { name: '办事', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: '查找事项和服务点' })).toBeVisible();
});
