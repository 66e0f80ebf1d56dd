import { expect, test } from './fixtures';

// The database library (Dexie, 27 KB compressed) is for the pages that keep applications on the
// phone; a resident who only reads a guide on a weak signal should not wait for it, nor one who
// searches or picks a time (the catalogue and the free places are kept as saved answers, like a
// saved page), nor one who opens the form or a shared receipt on a phone that has kept nothing yet
// (it loads with the first thing to keep).
const PAGES: [name: string, path: string][] = [
	['the home page', '/'],
	['the search', '/search'],
	['a guide', '/matters/individual-business-registration'],
	['the points for a matter', '/matters/individual-business-registration/points'],
	[
		'the times of a point',
		'/points/chengxiang-centre/slots?matter=individual-business-registration'
	],
	[
		'the application form',
		'/apply?matter=individual-business-registration&point=chengxiang-centre'
	],
	['a receipt the phone does not hold', '/applications/00000000-0000-4000-8000-000000000000']
];

for (const [name, path] of PAGES) {
	test(`a first visit to ${name} downloads no database library`, async ({ page }) => {
		const scripts: Promise<{ url: string; body: string }>[] = [];
		page.on('response', (response) => {
			if (response.request().resourceType() !== 'script') return;
			scripts.push(response.text().then((body) => ({ url: response.url(), body })));
		});
		await page.goto(path, { waitUntil: 'networkidle' });
		const loaded = await Promise.all(scripts);
		expect(loaded.length).toBeGreaterThan(0);
		const withDexie = loaded.filter((s) => s.body.includes('.Dexie=')).map((s) => s.url);
		expect(withDexie).toEqual([]);
	});
}

// The QR code encoder draws one image on a receipt, after its words.
test('a receipt this phone does not hold downloads no QR code encoder', async ({ page }) => {
	const scripts: Promise<{ url: string; body: string }>[] = [];
	page.on('response', (response) => {
		if (response.request().resourceType() !== 'script') return;
		scripts.push(response.text().then((body) => ({ url: response.url(), body })));
	});
	await page.goto('/applications/00000000-0000-4000-8000-000000000000', {
		waitUntil: 'networkidle'
	});
	await expect(page.getByText('本机没有这份申请')).toBeVisible();
	const loaded = await Promise.all(scripts);
	const withEncoder = loaded.filter((s) => s.body.includes('Invalid QR Code version'));
	expect(withEncoder.map((s) => s.url)).toEqual([]);
});
