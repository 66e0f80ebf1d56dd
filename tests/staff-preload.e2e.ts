import { expect, test } from './fixtures';
import { applyFromSlots, serverApplications, SLOTS_PAGE, uniqueN } from './support/apply';
import { e2eDatabase } from './support/db';
import { counterPage } from './support/staff';

function viewsLogged(applicationId: string): number {
	const db = e2eDatabase();
	try {
		const row = db
			.prepare("select count(*) as n from audit_log where action = 'view' and application_id = ?")
			.get(applicationId) as { n: number };
		return row.n;
	} finally {
		db.close();
	}
}

test('pointing at an application in the list neither opens nor logs it; clicking does, once', async ({
	page,
	browser,
	baseURL
}) => {
	await page.goto(SLOTS_PAGE);
	await applyFromSlots(page, uniqueN(), '悬停预载');
	await expect(page.getByText('已提交', { exact: true })).toBeVisible({ timeout: 20_000 });
	const reference = (await page.getByTestId('reference').textContent())!.trim();
	const { id } = serverApplications(reference)[0]!;

	const counter = await counterPage(browser, baseURL!);
	await counter.goto(`/staff?q=${encodeURIComponent(reference)}`);
	const record = `/staff/applications/${id}`;
	const asked: string[] = [];
	counter.on('request', (r) => {
		if (new URL(r.url()).pathname.startsWith(record)) asked.push(r.url());
	});

	// Found by the search (when its slot is today, the day's list has it too).
	const link = counter
		.getByRole('region', { name: /查找结果/ })
		.getByRole('link', { name: reference });
	await link.hover();
	// Longer than a preload on hover waits and takes on this machine.
	await counter.waitForTimeout(1_500);
	expect(asked).toEqual([]);
	expect(viewsLogged(id)).toBe(0);

	await link.click();
	await expect(counter).toHaveURL(new RegExp(`${record}$`));
	await expect(counter.getByText('悬停预载').first()).toBeVisible();
	expect(asked).toHaveLength(1);
	expect(viewsLogged(id)).toBe(1);
	await counter.context().close();
});
