import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { ADMIN } from './support/staff';

const PORT = 4194;
const BASE = `http://127.0.0.1:${PORT}`;
const REQUESTS = 5200;

/** A small seeded generator (mulberry32): the same requests every run. */
function random(seed: number) {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
const rand = random(20261201);
const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
const int = (max: number) => Math.floor(rand() * max);

const NASTY = [
	'',
	' ',
	'%00',
	'%',
	'%E4%B8',
	'..',
	'../../etc/passwd',
	'constructor',
	'__proto__',
	'toString',
	'<script>alert(1)</script>',
	"' or 1=1 --",
	'null',
	'undefined',
	'NaN',
	'-1',
	'1e309',
	'9'.repeat(40),
	'🤖'.repeat(30),
	'x'.repeat(5000),
	'chengxiang-centre',
	'individual-business-registration',
	'00000000-0000-4000-8000-000000000000',
	'LY-00000000',
	'OW1.AAAA',
	'OW1.' + 'A'.repeat(300),
	'\u0000\u0001\u0002',
	'a/b/c',
	'?/x',
	'#'
];
const text = () => pick(NASTY);
const enc = (s: string) => (rand() < 0.5 ? encodeURIComponent(s) : s.replace(/[#?\s]/g, ''));

/** A JSON value of a random shape, sometimes deeply nested. */
function value(depth = 0): unknown {
	const r = rand();
	if (depth > 3 || r < 0.3) return pick([text(), int(1e6) - 5e5, rand() < 0.5, null, 1.5e308]);
	if (r < 0.6) return Array.from({ length: int(4) }, () => value(depth + 1));
	return Object.fromEntries(Array.from({ length: int(4) }, () => [text(), value(depth + 1)]));
}
const deep = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);

interface FuzzRequest {
	method: string;
	path: string;
	headers?: Record<string, string>;
	body?: string | Buffer;
}

/** A broken multipart body (bad boundary, cut part, no end). */
function brokenMultipart(): { body: string; type: string } {
	const boundary = 'xYz' + int(1000);
	const parts = [
		`--${boundary}\r\nContent-Disposition: form-data; name="${text()}"\r\n\r\n${text()}`,
		`--${boundary}\r\nContent-Disposition: form-data\r\n\r\n`,
		`--other\r\n\r\n${text()}--`,
		`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a"\r\nContent-Type: x\r\n`
	];
	return {
		body: pick(parts),
		type: pick([
			`multipart/form-data; boundary=${boundary}`,
			'multipart/form-data',
			'multipart/form-data; boundary='
		])
	};
}

function oddForm(): { body: string | Buffer; type: string } {
	const r = rand();
	if (r < 0.3) return brokenMultipart();
	if (r < 0.5) return { body: text(), type: 'text/plain' };
	if (r < 0.6) return { body: JSON.stringify(value()), type: 'application/json' };
	if (r < 0.7)
		return { body: Buffer.from([0xff, 0xfe, 0x00, 0x80]), type: 'application/octet-stream' };
	// Well-formed, with odd fields and values.
	const fields = Array.from({ length: int(4) }, () => `${enc(text())}=${enc(text())}`);
	return { body: fields.join('&'), type: 'application/x-www-form-urlencoded' };
}

const STAFF_PAGES = ['/staff', '/staff/check-in', '/staff/queue', '/staff/login', '/staff/logout'];
const ODD_ACTIONS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'nope'];
const APPLICATION_ACTIONS = ['accept', 'request_materials', 'complete', 'refuse', 'checkIn'];
const QUEUE_ACTIONS = ['recall', 'no_show', 'done', 'transfer'];

/** One hostile or malformed request to any of the app's endpoints, pages and form actions. */
function request(ctx: { token: string; session: string; applicationId: string }): FuzzRequest {
	const auth = (): Record<string, string> =>
		pick<Record<string, string>>([
			{ authorization: `Bearer ${ctx.token}` },
			{ authorization: `Bearer ${ctx.token}` },
			{ authorization: `Bearer ${text()}` },
			{ authorization: text().slice(0, 200) },
			{}
		]);
	const cookie = () =>
		pick([
			`ow_session=${ctx.session}`,
			`ow_session=${ctx.session}`,
			`ow_session=${enc(text())}`,
			''
		]);
	const form = (path: string): FuzzRequest => {
		const { body, type } = oddForm();
		return {
			method: 'POST',
			path,
			body,
			headers: { 'content-type': type, origin: rand() < 0.9 ? BASE : text(), cookie: cookie() }
		};
	};
	switch (int(14)) {
		case 0:
			return {
				method: 'GET',
				path: pick([
					`/matters/${enc(text())}`,
					`/matters/${enc(text())}/points?bundle=${enc(text())}`,
					`/points/${enc(text())}`,
					`/points/${enc(text())}/slots?matter=${enc(text())}`,
					`/applications/${enc(text())}`,
					`/apply?matter=${enc(text())}&point=${enc(text())}&slots=${enc(text())}&fix=${enc(text())}`,
					`/search?q=${enc(text())}`,
					`/display/${enc(text())}`,
					`/${enc(text())}`
				]),
				headers: { 'accept-language': text().slice(0, 100), cookie: cookie() }
			};
		case 1:
			return {
				method: 'GET',
				path: pick([
					`/api/catalog/views/${enc(text())}?id=${enc(text())}&matter=${enc(text())}`,
					`/api/catalog/views/${pick(['matter', 'points', 'point', 'slots', 'home', 'browse'])}?id=${enc(text())}&matter=${enc(text())}&point=${enc(text())}&bundle=${enc(text())}`,
					`/api/points/${enc(text())}/slots?matter=${enc(text())}&from=${enc(text())}&days=${enc(text())}`,
					`/api/points/chengxiang-centre/slots?matter=individual-business-registration&from=${enc(text())}&days=${enc(text())}`,
					'/api/catalog',
					'/api/health'
				]),
				headers: { 'if-none-match': text().slice(0, 200), 'accept-encoding': text().slice(0, 100) }
			};
		case 2:
		case 3: {
			const bodies = [
				text(),
				JSON.stringify(value()),
				JSON.stringify({ ops: value() }),
				JSON.stringify({ ops: Array.from({ length: int(5) }, () => value()) }),
				JSON.stringify({
					ops: [{ opId: text(), kind: text(), schemaVersion: value(), payload: value() }]
				}),
				`{"ops":[{"opId":"00000000-0000-4000-8000-${String(int(1e12)).padStart(12, '0')}","kind":"application.submit","schemaVersion":1,"payload":{"x":${deep(3000)}}}]}`,
				JSON.stringify({
					ops: [
						{
							opId: crypto.randomUUID(),
							kind: pick(['booking.cancel', 'booking.move', 'rating.submit', 'application.submit']),
							schemaVersion: 1,
							payload: {
								applicationId: pick([crypto.randomUUID(), text()]),
								slots: value(),
								stars: value(),
								comment: value(),
								applicant: value(),
								fields: value(),
								matterId: text(),
								pointId: text()
							},
							claimKey: pick([undefined, text(), 'A'.repeat(30)])
						}
					]
				}),
				deep(20000)
			];
			return {
				method: 'POST',
				path: '/api/sync',
				body: pick(bodies),
				headers: { ...auth(), 'content-type': pick(['application/json', 'text/plain', '']) }
			};
		}
		case 4:
			return { method: 'GET', path: `/api/sync?since=${enc(text())}`, headers: auth() };
		case 5: {
			const hash =
				rand() < 0.5
					? text()
					: Array.from({ length: 64 }, () => pick([...'0123456789abcdef'])).join('');
			const body = pick([
				Buffer.from(text()),
				Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(int(3000), int(256))]),
				Buffer.from('89504e470d0a1a0a0000000d4948445200000000000000000802', 'hex'),
				Buffer.from('RIFF\u0000\u0000\u0000\u0000WEBPVP8 '),
				Buffer.alloc(0)
			]);
			return {
				method: 'PUT',
				path: `/api/blobs/${enc(hash)}`,
				body,
				headers: {
					...auth(),
					'content-type': pick(['image/jpeg', 'image/png', 'image/webp', 'text/html', ''])
				}
			};
		}
		case 6:
			return {
				method: 'POST',
				path: '/api/devices',
				// Never empty nor blank: such a body is a phone's valid registration.
				body: pick([
					((t) => (t.trim() ? t : 'null'))(text()),
					JSON.stringify({ agent: value() }),
					JSON.stringify({ agent: { username: value(), password: value() } }),
					JSON.stringify([value()]),
					deep(10000),
					'x'.repeat(10000)
				]),
				headers: { 'content-type': pick(['application/json', 'text/plain']) }
			};
		case 7:
			return form(`/staff/login${rand() < 0.5 ? '' : `?/${enc(pick(ODD_ACTIONS))}`}`);
		case 8:
			return form(`${pick(STAFF_PAGES)}?/${enc(pick(ODD_ACTIONS))}`);
		case 9:
			return form(pick(['/staff?/walkIn', '/staff/check-in', '/staff/check-in?/default']));
		case 10:
			return form(`/staff/queue?/${pick(QUEUE_ACTIONS)}`);
		case 11: {
			const id = pick([crypto.randomUUID(), enc(text())]);
			return form(`/staff/applications/${id}?/${pick(APPLICATION_ACTIONS)}`);
		}
		case 12: {
			// The real application, with bodies no action can read (check-in reads none: left out).
			const broken = rand() < 0.5 ? brokenMultipart() : { body: text(), type: 'text/plain' };
			const action = pick([...APPLICATION_ACTIONS.filter((a) => a !== 'checkIn'), ...ODD_ACTIONS]);
			return {
				method: 'POST',
				path: `/staff/applications/${ctx.applicationId}?/${action}`,
				body: broken.body,
				headers: { 'content-type': broken.type, origin: BASE, cookie: `ow_session=${ctx.session}` }
			};
		}
		default:
			return {
				method: pick(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']),
				// Not /api/devices: a bodiless POST there is a phone's valid registration.
				path: pick([
					'/api/sync',
					`/api/blobs/${enc(text())}`,
					'/api/catalog',
					`/staff/blobs/${enc(text())}?application=${enc(text())}`,
					`/staff/applications/${enc(text())}`,
					'/admin/audit',
					`/display/${enc(text())}/events`
				]),
				body: undefined,
				headers: { cookie: cookie(), 'x-sveltekit-action': 'true' }
			};
	}
}

/** Rows in every table of the SQLite file. */
function tableCounts(file: string): Record<string, number> {
	const db = new Database(file, { readonly: true });
	try {
		const tables = db
			.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
			.all() as { name: string }[];
		return Object.fromEntries(
			tables.map(({ name }) => [
				name,
				(db.prepare(`select count(*) as n from "${name}"`).get() as { n: number }).n
			])
		);
	} finally {
		db.close();
	}
}

async function startServer(dbFile: string): Promise<ChildProcess> {
	const child = spawn(process.execPath, ['server.js'], {
		stdio: ['ignore', 'ignore', 'pipe'],
		env: {
			...process.env,
			DATABASE_URL: '',
			SQLITE_FILE: dbFile,
			DEMO_DATA: '1',
			HOST: '127.0.0.1',
			PORT: String(PORT),
			ORIGIN: BASE,
			// Every request reaches its handler, rather than stopping at the rate limits.
			RATE_LIMIT_DEVICES_PER_MINUTE: '0',
			RATE_LIMIT_DEVICES_PER_HOUR: '0',
			RATE_LIMIT_SYNC_PER_MINUTE: '0',
			RATE_LIMIT_UPLOADS_PER_MINUTE: '0'
		}
	});
	for (let i = 0; i < 150; i++) {
		try {
			if ((await fetch(`${BASE}/api/health`)).ok) return child;
		} catch {
			await new Promise((r) => setTimeout(r, 200));
		}
	}
	child.kill();
	throw new Error('the fuzzed server did not start');
}

test('thousands of malformed and hostile requests: never a 5xx, and nothing written', async () => {
	test.setTimeout(300_000);
	const dbFile = join(mkdtempSync(join(tmpdir(), 'one-window-fuzz-')), 'fuzz.db');
	const server = await startServer(dbFile);
	const serverErrors: string[] = [];
	server.stderr!.on('data', (chunk: Buffer) => serverErrors.push(chunk.toString()));
	try {
		// What the requests are tried with: a phone's token and application, a signed-in admin.
		const device = (await (await fetch(`${BASE}/api/devices`, { method: 'POST' })).json()) as {
			token: string;
		};
		const catalog = (await (await fetch(`${BASE}/api/catalog`)).json()) as {
			matters: {
				id: string;
				form: { key: string; type: string; options?: { value: string }[]; min?: number }[];
			}[];
		};
		const matter = catalog.matters.find((x) => x.id === 'individual-business-registration')!;
		const applicationId = crypto.randomUUID();
		const submitted = await fetch(`${BASE}/api/sync`, {
			method: 'POST',
			headers: { authorization: `Bearer ${device.token}`, 'content-type': 'application/json' },
			body: JSON.stringify({
				ops: [
					{
						opId: crypto.randomUUID(),
						kind: 'application.submit',
						schemaVersion: 1,
						payload: {
							applicationId,
							matterId: matter.id,
							pointId: 'chengxiang-centre',
							slots: [],
							applicant: { name: '模糊测试', idNumber: '11010519491231002X', phone: '13800138000' },
							fields: Object.fromEntries(
								matter.form.map((f) => [
									f.key,
									f.type === 'number'
										? (f.min ?? 1)
										: f.type === 'select'
											? f.options![0]!.value
											: f.type === 'date'
												? '2026-12-01'
												: '内容'
								])
							),
							answers: {},
							attachments: [],
							createdAt: new Date().toISOString()
						}
					}
				]
			})
		});
		expect(((await submitted.json()) as { results: { status: string }[] }).results[0]!.status).toBe(
			'applied'
		);
		const login = await fetch(`${BASE}/staff/login`, {
			method: 'POST',
			redirect: 'manual',
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin: BASE },
			body: new URLSearchParams(ADMIN).toString()
		});
		const session = /ow_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1];
		expect(session).toBeTruthy();
		const ctx = { token: device.token, session: session!, applicationId };
		const before = tableCounts(dbFile);

		const failures: string[] = [];
		const statuses = new Map<number, number>();
		let next = 0;
		// A few at a time, as several clients would.
		await Promise.all(
			Array.from({ length: 4 }, async () => {
				while (next < REQUESTS) {
					next++;
					const r = request(ctx);
					let status: number;
					try {
						const response = await fetch(
							`${BASE}${r.path.startsWith('/') ? r.path : `/${r.path}`}`,
							{
								method: r.method,
								headers: r.headers,
								body:
									r.method === 'GET' || r.method === 'HEAD' || r.body === undefined
										? undefined
										: typeof r.body === 'string'
											? r.body
											: new Uint8Array(r.body),
								redirect: 'manual',
								signal: AbortSignal.timeout(5000)
							}
						);
						status = response.status;
						await response.arrayBuffer().catch(() => undefined);
					} catch (error) {
						// An invalid URL or header the client itself refuses to send is no server answer.
						if (error instanceof TypeError && !/fetch failed/.test(error.message)) continue;
						const cause = (error as { cause?: { code?: string } }).cause?.code ?? String(error);
						failures.push(`${r.method} ${r.path.slice(0, 120)}: ${cause}`);
						continue;
					}
					statuses.set(status, (statuses.get(status) ?? 0) + 1);
					if (status >= 500) failures.push(`${r.method} ${r.path.slice(0, 120)} → ${status}`);
				}
			})
		);
		const answered = [...statuses.values()].reduce((a, b) => a + b, 0);
		console.log(
			`fuzz: ${answered} answers: ${[...statuses]
				.sort(([a], [b]) => a - b)
				.map(([s, n]) => `${s}×${n}`)
				.join(' ')}`
		);
		expect(answered).toBeGreaterThanOrEqual(5000);
		expect(failures).toEqual([]);

		// Refusals of well-formed ops are kept (so a retry gets the same answer); nothing else is written.
		const after = tableCounts(dbFile);
		const db = new Database(dbFile, { readonly: true });
		const stored = db.prepare('select status, count(*) as n from ops group by status').all();
		db.close();
		// Only the one application made before: every other stored op is a refusal.
		expect(stored).toContainEqual({ status: 'applied', n: 1 });
		for (const row of stored as { status: string }[])
			expect(['applied', 'rejected', 'conflict']).toContain(row.status);
		expect({ ...after, ops: 0 }).toEqual({ ...before, ops: 0 });
		expect(serverErrors.join('')).not.toMatch(/TypeError|ReferenceError/);
	} finally {
		server.kill();
	}
});
