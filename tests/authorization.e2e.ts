import { randomUUID } from 'node:crypto';
import { request as playwrightRequest, type APIRequestContext } from '@playwright/test';
import matters from '../src/lib/server/seed/data/matters.json' with { type: 'json' };
import { tinyJpeg } from '../src/lib/server/testing/images';
import { expect, test } from './fixtures';
import { idNumber, uniqueN } from './support/apply';
import { ADMIN, STAFF_A, STAFF_B } from './support/staff';

type Role = 'anonymous' | 'device' | 'agent' | 'staffA' | 'staffB' | 'admin';
const ROLES: Role[] = ['anonymous', 'device', 'agent', 'staffA', 'staffB', 'admin'];

interface Setup {
	contexts: Record<Role, APIRequestContext>;
	tokens: Partial<Record<Role, string>>;
	app: { id: string; reference: string; name: string; sha256: string };
}

async function setUp(baseURL: string): Promise<Setup> {
	const make = () => playwrightRequest.newContext({ baseURL, maxRedirects: 0 });
	const contexts = Object.fromEntries(
		await Promise.all(ROLES.map(async (r) => [r, await make()]))
	) as Record<Role, APIRequestContext>;
	const login = async (role: Role, who: { username: string; password: string }) => {
		const res = await contexts[role].post('/staff/login', {
			form: who,
			headers: { origin: baseURL }
		});
		expect(res.status()).toBeLessThan(400);
	};
	await login('staffA', STAFF_A);
	await login('staffB', STAFF_B);
	await login('admin', ADMIN);

	const device = await (await contexts.device.post('/api/devices')).json();
	const agent = await (
		await contexts.agent.post('/api/devices', {
			data: { agent: { username: 'agent-tuanwang', password: 'demo-agent-2026' } }
		})
	).json();
	// The application everyone is tried against: made by another phone, at centre A.
	const owner = await (await contexts.anonymous.post('/api/devices')).json();
	const { bytes: photo, sha256 } = tinyJpeg();
	const upload = await contexts.anonymous.put(`/api/blobs/${sha256}`, {
		data: photo,
		headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'image/jpeg' }
	});
	expect(upload.status()).toBe(201);
	const matter = matters.matters.find((x) => x.id === 'individual-business-registration')!;
	const name = `授权测试${uniqueN()}`;
	const id = randomUUID();
	const sync = await contexts.anonymous.post('/api/sync', {
		headers: { authorization: `Bearer ${owner.token}` },
		data: {
			ops: [
				{
					opId: randomUUID(),
					kind: 'application.submit',
					schemaVersion: 1,
					payload: {
						applicationId: id,
						matterId: matter.id,
						pointId: 'chengxiang-centre',
						slots: [],
						applicant: { name, idNumber: idNumber(uniqueN()), phone: '13700001111' },
						fields: Object.fromEntries(
							matter.form.map((f) => [
								f.key,
								f.type === 'number'
									? ((f as { min?: number }).min ?? 1)
									: f.type === 'date'
										? '2026-12-01'
										: f.type === 'select'
											? (f as { options: { value: string }[] }).options[0]!.value
											: '内容'
							])
						),
						answers: {},
						attachments: [
							{
								sha256,
								materialId: matter.materials[0]!.id,
								contentType: 'image/jpeg',
								size: photo.length
							}
						],
						createdAt: new Date().toISOString()
					}
				}
			]
		}
	});
	const [result] = (await sync.json()).results;
	expect(result.status, JSON.stringify(result.reply)).toBe('applied');
	return {
		contexts,
		tokens: { device: device.token, agent: agent.token, anonymous: owner.token },
		app: { id, reference: result.reply.reference, name, sha256 }
	};
}

test('every role against every page and endpoint: allowed, or refused without leaking', async ({
	baseURL
}) => {
	test.setTimeout(120_000);
	const { contexts, tokens, app } = await setUp(baseURL!);
	// Each page also as a browser opens it, which the guard in the hooks lets on to the page's own
	// refusal (in the reader's language): refused all the same.
	let asPage = false;
	const get = (role: Role, path: string) =>
		contexts[role].get(path, asPage ? { headers: { accept: 'text/html' } } : {});

	// [what, request, expected status for each role]
	const pages: [string, (r: Role) => Promise<{ status(): number }>, Record<Role, number>][] = [
		[
			'today',
			(r) => get(r, '/staff'),
			{ anonymous: 303, device: 303, agent: 303, staffA: 200, staffB: 200, admin: 200 }
		],
		[
			'full record',
			(r) => get(r, `/staff/applications/${app.id}`),
			{ anonymous: 303, device: 303, agent: 303, staffA: 200, staffB: 404, admin: 200 }
		],
		[
			'photo',
			(r) => get(r, `/staff/blobs/${app.sha256}?application=${app.id}`),
			{ anonymous: 303, device: 303, agent: 303, staffA: 200, staffB: 404, admin: 200 }
		],
		[
			'check-in page',
			(r) => get(r, '/staff/check-in'),
			{ anonymous: 303, device: 303, agent: 303, staffA: 200, staffB: 200, admin: 200 }
		],
		[
			'calling',
			(r) => get(r, '/staff/queue'),
			{ anonymous: 303, device: 303, agent: 303, staffA: 200, staffB: 200, admin: 200 }
		],
		[
			'audit log',
			(r) => get(r, '/admin/audit'),
			{ anonymous: 303, device: 303, agent: 303, staffA: 403, staffB: 403, admin: 200 }
		],
		[
			'audit log exported',
			(r) => get(r, '/admin/audit/export'),
			{ anonymous: 303, device: 303, agent: 303, staffA: 403, staffB: 403, admin: 200 }
		],
		[
			'points exported',
			(r) => get(r, '/admin/catalog/export/points.csv'),
			{ anonymous: 303, device: 303, agent: 303, staffA: 403, staffB: 403, admin: 200 }
		],
		[
			'hall display',
			(r) => get(r, '/display/chengxiang-centre'),
			{ anonymous: 200, device: 200, agent: 200, staffA: 200, staffB: 200, admin: 200 }
		],
		[
			'refuse (another centre, or no session)',
			(r) =>
				contexts[r].post(`/staff/applications/${app.id}?/refuse`, {
					form: { note: '测试' },
					headers: { origin: baseURL!, 'x-sveltekit-action': 'true' }
				}),
			// staff A and the admin are left out: their refusal would close the application.
			{ anonymous: 401, device: 401, agent: 401, staffA: -1, staffB: 404, admin: -1 }
		],
		[
			'check-in by reference',
			(r) =>
				contexts[r].post('/staff/check-in', {
					form: { code: app.reference },
					headers: { origin: baseURL!, 'x-sveltekit-action': 'true' }
				}),
			{ anonymous: 401, device: 401, agent: 401, staffA: -1, staffB: 200, admin: -1 }
		]
	];
	const problems: string[] = [];
	for (asPage of [false, true]) {
		for (const [what, send, expected] of pages) {
			for (const role of ROLES) {
				if (expected[role] === -1) continue;
				const status = (await send(role)).status();
				if (status !== expected[role])
					problems.push(
						`${what} as ${role}${asPage ? ' (a page)' : ''}: ${status}, expected ${expected[role]}`
					);
			}
		}
	}
	expect(problems).toEqual([]);

	// Staff B's check-in of A's application is refused inside the action's answer, naming A's centre.
	const refused = await contexts.staffB.post('/staff/check-in', {
		form: { code: app.reference },
		headers: { origin: baseURL!, 'x-sveltekit-action': 'true' }
	});
	expect(JSON.stringify(await refused.json())).toContain('不在本中心办理');

	// Lists: B's search and the public display never show A's applicant; A's search does.
	const search = `/staff?q=${encodeURIComponent(app.name)}`;
	expect(await (await get('staffB', search)).text()).not.toContain(app.reference);
	expect(await (await get('staffA', search)).text()).toContain(app.reference);
	expect(await (await get('admin', search)).text()).toContain(app.reference);
	expect(await (await get('anonymous', '/display/chengxiang-centre')).text()).not.toContain(
		app.name
	);
	// A's list masks the ID number and the phone.
	const list = await (await get('staffA', search)).text();
	expect(list).toContain('137****1111');
	expect(list).not.toContain('13700001111');

	// Devices: each reads only its own applications, and cannot act on another's.
	const pull = async (token?: string) =>
		contexts.anonymous.get('/api/sync?since=0', {
			headers: token ? { authorization: `Bearer ${token}` } : {}
		});
	expect((await pull()).status()).toBe(401);
	expect(JSON.stringify(await (await pull(tokens.anonymous)).json())).toContain(app.id);
	for (const role of ['device', 'agent'] as const) {
		expect(JSON.stringify(await (await pull(tokens[role])).json())).not.toContain(app.id);
		const cancel = await contexts[role].post('/api/sync', {
			headers: { authorization: `Bearer ${tokens[role]}` },
			data: {
				ops: [
					{
						opId: randomUUID(),
						kind: 'booking.cancel',
						schemaVersion: 1,
						payload: { applicationId: app.id }
					}
				]
			}
		});
		expect((await cancel.json()).results[0]).toMatchObject({
			status: 'rejected',
			reply: { code: 'not_found' }
		});
	}
	expect(
		(await contexts.anonymous.put(`/api/blobs/${'0'.repeat(64)}`, { data: 'x' })).status()
	).toBe(401);

	// An agent cannot open a counter session, and a wrong agent password gets no device.
	const agentLogin = await contexts.agent.post('/staff/login', {
		form: { username: 'agent-tuanwang', password: 'demo-agent-2026' },
		headers: { origin: baseURL!, 'x-sveltekit-action': 'true' }
	});
	expect(await agentLogin.json()).toMatchObject({ type: 'failure', status: 403 });
	expect((await get('agent', '/staff')).status()).toBe(303);
	const wrong = await contexts.anonymous.post('/api/devices', {
		data: { agent: { username: 'agent-tuanwang', password: 'wrong-password' } }
	});
	expect(wrong.status()).toBe(401);

	for (const c of Object.values(contexts)) await c.dispose();
});

test('an address that is no valid percent-encoding in the staff or admin area is a 400 to anyone signed out, and the server goes on', async ({
	baseURL
}) => {
	const anonymous = await playwrightRequest.newContext({ baseURL, maxRedirects: 0 });
	for (const path of ['/staff/%', '/admin/%', '/staff/queue/%', '/staff/applications/%zz']) {
		expect((await anonymous.get(path)).status(), path).toBe(400);
	}
	expect((await anonymous.get('/staff/queue')).status()).toBe(303);
	expect((await anonymous.get('/api/health')).status()).toBe(200);
	await anonymous.dispose();
});
