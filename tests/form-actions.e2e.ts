import { randomUUID } from 'node:crypto';
import { request as playwrightRequest, type APIRequestContext } from '@playwright/test';
import { expect, test } from './fixtures';
import { STAFF_A } from './support/staff';

// Every counter form action, sent what no form of the app sends: a body of another type, a body
// that is not the form it claims to be, and names that are not actions but every object has.
// Each is refused as the client's mistake (4xx), never answered as the server's failure (500).

const ACTIONS = [
	'/staff/login',
	'/staff?/walkIn',
	'/staff/check-in',
	'/staff/queue?/counter',
	'/staff/queue?/next',
	'/staff/queue?/recall',
	'/staff/queue?/no_show',
	'/staff/queue?/done',
	'/staff/queue?/transfer',
	// No application has this id: a request that got through to the action would change nothing.
	...['accept', 'request_materials', 'complete', 'refuse', 'checkIn'].map(
		(a) => `/staff/applications/${randomUUID()}?/${a}`
	)
];
const ODD_NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'default'];

const form = 'username=someone&password=x&code=LY-00000000&ticket=1&to=2&note=x&category=welfare';
const BODIES: [string, string, string][] = [
	['text/plain', 'text/plain', form],
	['text/plain;charset=UTF-8', 'text/plain', form],
	['broken multipart', 'multipart/form-data; boundary=----x', 'not a multipart body'],
	['multipart with no boundary', 'multipart/form-data', '------x\r\n\r\nx\r\n------x--\r\n']
];

/** The action with its name replaced (or given, for a default action) by `name`. */
function named(action: string, name: string): string {
	return `${action.split('?')[0]}?/${name}`;
}

async function statuses(api: APIRequestContext, origin: string): Promise<string[]> {
	const found: string[] = [];
	// As the app's own enhanced form sends it, and as a browser with no script posts it.
	const ways: Record<string, string>[] = [
		{ 'x-sveltekit-action': 'true', accept: 'application/json' },
		{ accept: 'text/html' }
	];
	const post = async (url: string, contentType: string, data: string) => {
		for (const way of ways) {
			const res = await api.post(url, {
				headers: { origin, 'content-type': contentType, ...way },
				data
			});
			found.push(`${res.status()} ${url} (${contentType}, ${way.accept})`);
		}
	};
	for (const action of ACTIONS) {
		for (const [, type, body] of BODIES) await post(action, type, body);
		for (const name of ODD_NAMES)
			await post(named(action, name), 'application/x-www-form-urlencoded', form);
	}
	return found;
}

test('odd bodies and action names get a 4xx from every counter action, signed in or not', async ({
	baseURL
}) => {
	test.setTimeout(120_000);
	const origin = new URL(baseURL!).origin;
	const anonymous = await playwrightRequest.newContext({ baseURL, maxRedirects: 0 });
	const staff = await playwrightRequest.newContext({ baseURL, maxRedirects: 0 });
	await staff.post('/staff/login', { form: STAFF_A, headers: { origin } });
	expect((await staff.get('/staff')).status()).toBe(200);

	const failed: string[] = [];
	for (const [who, api] of [
		['anonymous', anonymous],
		['staff', staff]
	] as const) {
		for (const s of await statuses(api, origin))
			if (Number(s.slice(0, 3)) >= 500) failed.push(`${who}: ${s}`);
	}
	expect(failed).toEqual([]);
	// Still signed in: none of the odd requests reached the sign-out or broke the session.
	expect((await staff.get('/staff')).status()).toBe(200);

	// A text body is refused for its type, a name no form uses as not found.
	const text = await staff.post('/staff/check-in', {
		headers: { origin, 'content-type': 'text/plain' },
		data: 'code=x'
	});
	expect(text.status()).toBe(415);
	const proto = await staff.post('/staff/queue?/constructor', { form: {}, headers: { origin } });
	expect(proto.status()).toBe(404);
	const broken = await staff.post('/staff?/walkIn', {
		headers: { origin, 'content-type': 'multipart/form-data; boundary=----x' },
		data: 'not a multipart body'
	});
	expect(broken.status()).toBe(400);

	await anonymous.dispose();
	await staff.dispose();
});

test('a sign-in is taken from the address the server is reached at, behind a proxy too, and refused from another site', async ({
	baseURL
}) => {
	const here = new URL(baseURL!);
	const api = await playwrightRequest.newContext({ baseURL, maxRedirects: 0 });
	const signIn = (headers: Record<string, string>) =>
		api
			.post('/staff/login', { form: STAFF_A, headers: { accept: 'text/html', ...headers } })
			.then((res) => res.status());
	// As `npm start` serves it, on plain HTTP: no ORIGIN set (red before: refused as cross-site).
	expect(await signIn({ origin: here.origin })).toBe(303);
	// Behind a TLS-terminating proxy that says so.
	expect(await signIn({ origin: `https://${here.host}`, 'x-forwarded-proto': 'https' })).toBe(303);
	expect(await signIn({ origin: `https://${here.host}` })).toBe(403);
	expect(await signIn({ origin: 'http://elsewhere.example' })).toBe(403);
	await api.dispose();
});

test('a counter number the centre does not have is named as out of range, not as missing', async ({
	baseURL
}) => {
	const origin = new URL(baseURL!).origin;
	const staff = await playwrightRequest.newContext({ baseURL, maxRedirects: 0 });
	await staff.post('/staff/login', { form: STAFF_A, headers: { origin } });
	const choose = (counter: string) =>
		staff.post('/staff/queue?/counter', {
			form: { counter },
			headers: { origin, 'x-sveltekit-action': 'true', accept: 'application/json' }
		});
	const far = await (await choose('999')).json();
	expect(far.status).toBe(400);
	expect(far.data).toMatch(/“窗口”应为 1 到 \d+ 之间的整数/);
	expect((await (await choose('')).json()).data).toMatch(/请填写“窗口”/);
	expect((await (await choose('1')).json()).type).toBe('success');
	await staff.dispose();
});
