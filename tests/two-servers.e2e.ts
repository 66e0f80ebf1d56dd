import { spawn, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import { request as playwrightRequest } from '@playwright/test';
import { expect, test } from './fixtures';
import { signIn, STAFF_A } from './support/staff';

const pgUrl = process.env.TEST_DATABASE_URL;

async function startServer(port: number, databaseUrl: string): Promise<ChildProcess> {
	const child = spawn(process.execPath, ['server.js'], {
		stdio: ['ignore', 'ignore', 'inherit'],
		env: {
			...process.env,
			DATABASE_URL: databaseUrl,
			DEMO_DATA: '1',
			HOST: '127.0.0.1',
			PORT: String(port),
			ORIGIN: `http://127.0.0.1:${port}`
		}
	});
	for (let i = 0; i < 150; i++) {
		try {
			if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return child;
		} catch {
			await new Promise((r) => setTimeout(r, 200));
		}
	}
	child.kill();
	throw new Error(`server on ${port} did not start`);
}

test('two app servers on one PostgreSQL: a call made through one reaches a display and a counter on the other', async ({
	page,
	browser
}) => {
	test.skip(!pgUrl, 'needs TEST_DATABASE_URL (PostgreSQL)');
	test.setTimeout(120_000);
	const schema = `e2e_two_${Date.now()}`;
	const admin = new pg.Client({ connectionString: pgUrl });
	await admin.connect();
	await admin.query(`create schema ${schema}`);
	const url = new URL(pgUrl!);
	url.searchParams.set('options', `-c search_path=${schema}`);
	const servers: ChildProcess[] = [];
	try {
		// One after the other: the first creates the schema and the demo data.
		servers.push(await startServer(4191, url.toString()));
		servers.push(await startServer(4192, url.toString()));

		await page.goto('http://127.0.0.1:4192/display/chengxiang-centre');
		await expect(page.getByText('实时')).toBeVisible();
		// A clerk's today page, on the second server too.
		const clerk = await (
			await browser.newContext({ baseURL: 'http://127.0.0.1:4192', locale: 'zh-CN' })
		).newPage();
		await signIn(clerk, STAFF_A);
		await expect(clerk.getByRole('heading', { level: 1, name: /^今日/ })).toBeVisible();
		await clerk.locator('html[data-hydrated]').waitFor({ state: 'attached' });
		const waiting = clerk
			.getByTestId('centre-figures')
			.locator('div', { has: clerk.getByText('等候', { exact: true }) })
			.locator('dd');
		await expect(waiting).toHaveText('0');

		const one = await playwrightRequest.newContext({ baseURL: 'http://127.0.0.1:4191' });
		const action = (path: string, form: Record<string, string>) =>
			one.post(path, {
				form,
				headers: { origin: 'http://127.0.0.1:4191', 'x-sveltekit-action': 'true' }
			});
		expect((await action('/staff/login', STAFF_A)).ok()).toBe(true);
		const issued = await (await action('/staff?/walkIn', { category: 'welfare' })).text();
		const ticket = /B\d{3}/.exec(issued)?.[0];
		expect(ticket).toBeDefined();
		await expect(waiting).toHaveText('1', { timeout: 3_000 });
		// The clerk serves at counter 1 (a centre of several asks which first).
		expect(await (await action('/staff/queue?/counter', { counter: '1' })).text()).toContain(
			'"type":"success"'
		);
		expect(await (await action('/staff/queue?/next', {})).text()).toContain(ticket!);

		await expect(page.getByTestId('current-call')).toHaveText(ticket!, { timeout: 3_000 });
		await expect(waiting).toHaveText('0', { timeout: 3_000 });
		await one.dispose();
		await clerk.context().close();
	} finally {
		for (const s of servers) s.kill('SIGTERM');
		await new Promise((r) => setTimeout(r, 500));
		await admin.query(`drop schema ${schema} cascade`);
		await admin.end();
	}
});
