import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { OpResult } from '$lib/schemas/ops';
import { deviceDb, getMeta, setMeta, type DraftData } from './db';
import { AgentSignedOut, flush, RetryLater } from './flusher';
import { cancelApplication, queueApplication, queueOp } from './outbox';
import { noteOnline } from './sync/back-online';
import { backoffMs, FIRST_RETRY_MS, LAST_RETRY_MS, LINK_LAST_RETRY_MS } from './sync/backoff';

vi.stubGlobal('navigator', {});

interface WireOp {
	opId: string;
	kind: string;
	payload: { applicationId: string; attachments?: { sha256: string }[] };
	claimKey?: string;
}
type Answer = Response | 'network-error' | ((ops: WireOp[]) => Response | 'network-error');

/**
 * A server as the device sees it: it applies each op once (answering a repeat as a replay) unless
 * a scripted answer says otherwise, and records every request.
 */
class FakeServer {
	requests: { method: string; url: string; ops?: WireOp[]; token?: string }[] = [];
	applied = new Map<string, OpResult>();
	blobs = new Set<string>();
	tokens = new Set<string>();
	/** Answers for the next `POST /api/sync` requests, in turn. */
	script: Answer[] = [];
	/** The answer an op gets instead of being applied. */
	perOp: (op: WireOp) => OpResult | null = () => null;
	/** Whether the answer to an applied request is lost on its way back. */
	loseNextAnswer = false;
	/** As an older server: an op waits until its photos are uploaded (`missing_blobs`). */
	photosFirst = false;
	/** Photo uploads still to fail as a dropped connection does. */
	dropUploads = 0;
	#devices = 0;

	fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
		const url = String(input);
		const method = init?.method ?? 'GET';
		const token = /Bearer (.+)/.exec(String(new Headers(init?.headers).get('authorization')))?.[1];
		const record: FakeServer['requests'][number] = { method, url, token };
		this.requests.push(record);
		if (url === '/api/devices') {
			const t = `token-${++this.#devices}`;
			this.tokens.add(t);
			return Response.json({ deviceId: `device-${this.#devices}`, token: t, agent: null });
		}
		if (!token || !this.tokens.has(token)) return Response.json({ error: {} }, { status: 401 });
		if (url.startsWith('/api/blobs/'))
			return this.upload(url.slice('/api/blobs/'.length), method, init);
		if (method === 'GET') return Response.json({ cursor: 0, more: false, changes: [] });
		const ops = (JSON.parse(String(init!.body)) as { ops: WireOp[] }).ops;
		record.ops = ops;
		const scripted = this.script.shift();
		const answer = typeof scripted === 'function' ? scripted(ops) : scripted;
		if (answer === 'network-error') throw new TypeError('Failed to fetch');
		if (answer) return answer;
		// As the server does: after an op it could not do, later ops on its application wait too.
		const unfinished = new Set<string>();
		const results = ops.map((op): OpResult => {
			if (unfinished.has(op.payload.applicationId)) {
				return {
					opId: op.opId,
					status: 'retry',
					reply: { code: 'earlier_op_pending', message: '' }
				};
			}
			const result = this.apply(op);
			if (result.status === 'retry') unfinished.add(op.payload.applicationId);
			return result;
		});
		if (this.loseNextAnswer) {
			this.loseNextAnswer = false;
			throw new TypeError('Failed to fetch');
		}
		return Response.json({ results });
	}) as typeof fetch;

	/** Bytes of each photo taken so far, and every chunk's range as it arrived. */
	partial = new Map<string, number>();
	ranges: string[] = [];

	async upload(sha256: string, method: string, init?: RequestInit): Promise<Response> {
		const headers = new Headers(init?.headers);
		const offset = () => (this.blobs.has(sha256) ? -1 : (this.partial.get(sha256) ?? 0));
		if (method === 'HEAD') {
			return new Response(null, { status: 204, headers: { 'upload-offset': String(offset()) } });
		}
		if (this.dropUploads-- > 0) throw new TypeError('Failed to fetch');
		if (method === 'PUT') {
			this.blobs.add(sha256);
			return Response.json({}, { status: 201 });
		}
		const at = Number(headers.get('upload-offset'));
		const total = Number(headers.get('upload-length'));
		const size = (init!.body as Blob).size;
		this.ranges.push(`${at}-${at + size}`);
		if (at !== offset()) {
			return Response.json({ error: { code: 'offset_mismatch', message: '' } }, { status: 409 });
		}
		if (at + size < total) {
			this.partial.set(sha256, at + size);
			return new Response(null, { status: 204, headers: { 'upload-offset': String(at + size) } });
		}
		this.blobs.add(sha256);
		return Response.json({}, { status: 201 });
	}

	apply(op: WireOp): OpResult {
		const stored = this.applied.get(op.opId);
		if (stored) {
			const status = stored.status === 'applied' ? 'duplicate' : stored.status;
			return { ...stored, status, replay: true };
		}
		const missing = (op.payload.attachments ?? [])
			.map((a) => a.sha256)
			.filter((h) => !this.blobs.has(h));
		if (this.photosFirst && missing.length) {
			return {
				opId: op.opId,
				status: 'rejected',
				reply: { code: 'missing_blobs', message: 'missing', missingBlobs: missing }
			};
		}
		const result = this.perOp(op) ?? {
			opId: op.opId,
			status: 'applied' as const,
			reply: {
				kind: 'application' as const,
				applicationId: op.payload.applicationId,
				reference: 'LY-SERVER00',
				status: op.kind === 'booking.cancel' ? 'cancelled' : 'submitted',
				booking: { status: 'booked' as const, pointId: 'p', matterId: 'm', slotStart: null }
			}
		};
		if (result.status !== 'retry') this.applied.set(op.opId, result);
		return result;
	}

	syncRequests() {
		return this.requests.filter((r) => r.url === '/api/sync' && r.method === 'POST');
	}
}

function draft(n: number, attachments: DraftData['attachments'] = []): DraftData {
	return {
		matterId: 'individual-business-registration',
		bundleId: null,
		pointId: 'chengxiang-centre',
		slots: [],
		applicant: { name: `申请人${n}`, idNumber: '11010519491231002X', phone: '13800138000' },
		fields: {},
		answers: {},
		attachments
	};
}

const refusal = (code: string, message = code) => ({ code, message });
const waiting = () => deviceDb.outbox.where('state').equals('waiting').toArray();
const flushFailure = async (server: FakeServer) => {
	const error = await flush(server.fetch, { force: true }).catch((e: unknown) => e);
	expect(error).toBeInstanceOf(RetryLater);
	return error as RetryLater;
};

describe('the outbox flusher, over every answer of the server', () => {
	let server: FakeServer;

	beforeEach(async () => {
		await Promise.all(deviceDb.tables.map((t) => t.clear()));
		server = new FakeServer();
	});

	it('removes applied and duplicate entries and records the server’s word', async () => {
		const one = await queueApplication(null, draft(1), null);
		const two = await queueApplication(null, draft(2), null);
		const earlier = (await deviceDb.outbox.toArray())[1]!.opId;
		server.applied.set(earlier, {
			opId: earlier,
			status: 'applied',
			reply: {
				kind: 'application',
				applicationId: two.id,
				reference: 'LY-EARLIER0',
				status: 'accepted',
				booking: { status: 'booked', pointId: 'p', matterId: 'm', slotStart: null }
			}
		});
		const report = await flush(server.fetch);
		expect(report).toMatchObject({ ran: true, sent: 2, nextAttemptAt: null });
		expect(await deviceDb.outbox.count()).toBe(0);
		expect(await deviceDb.applications.get(one.id)).toMatchObject({
			status: 'submitted',
			reference: 'LY-SERVER00'
		});
		expect(await deviceDb.applications.get(two.id)).toMatchObject({ status: 'accepted' });
		// The claim key goes with the submit, outside its payload.
		expect(server.syncRequests()[0]!.ops![0]!.claimKey).toBe(one.claimKey);
	});

	it('shows a rejection, a conflict and their replays alike, and keeps them for the reader', async () => {
		const apps = await Promise.all([1, 2, 3, 4].map((n) => queueApplication(null, draft(n), null)));
		const entries = await deviceDb.outbox.orderBy('seq').toArray();
		const answers: Record<string, OpResult> = {
			[entries[0]!.opId]: {
				opId: entries[0]!.opId,
				status: 'rejected',
				reply: refusal('invalid_input', '手机号码格式不正确')
			},
			[entries[1]!.opId]: { opId: entries[1]!.opId, status: 'conflict', reply: refusal('no_slot') },
			[entries[2]!.opId]: {
				opId: entries[2]!.opId,
				status: 'rejected',
				reply: refusal('already_booked'),
				replay: true
			},
			[entries[3]!.opId]: {
				opId: entries[3]!.opId,
				status: 'conflict',
				reply: refusal('past_cutoff'),
				replay: true
			}
		};
		server.perOp = (op) => answers[op.opId] ?? null;
		expect((await flush(server.fetch)).sent).toBe(4);
		const after = await deviceDb.outbox.orderBy('seq').toArray();
		expect(after.map((e) => e.state)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
		expect(after[0]!.rejection).toMatchObject({ message: '手机号码格式不正确' });
		for (const app of apps) {
			expect((await deviceDb.applications.get(app.id))!.status).toBe('rejected');
		}
		// Refused entries are not sent again.
		await flush(server.fetch, { force: true });
		expect(server.syncRequests()).toHaveLength(1);
	});

	it('sends the application before its photos, which follow once it is booked', async () => {
		const sha256 = 'b'.repeat(64);
		await deviceDb.blobs.add({
			sha256,
			blob: new Blob([new Uint8Array([1, 2, 3])]),
			contentType: 'image/webp',
			size: 3,
			uploaded: 0
		});
		const app = await queueApplication(
			null,
			draft(1, [{ sha256, materialId: 'id-card', contentType: 'image/webp', size: 3 }]),
			null
		);
		server.dropUploads = 1;
		await expect(flush(server.fetch)).rejects.toBeInstanceOf(RetryLater);
		// Booked though the photo did not get through; the photo waits for the next flush.
		expect((await deviceDb.applications.get(app.id))!.status).toBe('submitted');
		expect(await waiting()).toHaveLength(0);
		expect(await deviceDb.blobs.get(sha256)).toMatchObject({ due: 1 });
		await flush(server.fetch, { force: true });
		expect(server.requests.map((r) => `${r.method} ${r.url.split('?')[0]}`)).toEqual([
			'POST /api/devices',
			'POST /api/sync',
			'GET /api/sync',
			`PATCH /api/blobs/${sha256}`,
			'GET /api/sync',
			`PATCH /api/blobs/${sha256}`
		]);
		expect(server.syncRequests()).toHaveLength(1);
		expect(await deviceDb.blobs.get(sha256)).toBeUndefined();
	});

	it('goes on with a photo from where a cut upload stopped, sending each range once', async () => {
		const sha256 = 'c'.repeat(64);
		const size = 150 * 1024;
		await deviceDb.blobs.add({
			sha256,
			blob: new Blob([new Uint8Array(size)]),
			contentType: 'image/webp',
			size,
			uploaded: 0
		});
		await queueApplication(
			null,
			draft(1, [{ sha256, materialId: 'id-card', contentType: 'image/webp', size }]),
			null
		);
		// The first chunk gets through; the second is cut.
		let cut = false;
		server.fetch = ((orig) =>
			(async (input: RequestInfo | URL, init?: RequestInit) => {
				if (init?.method === 'PATCH' && server.ranges.length === 1 && !cut) {
					cut = true;
					server.dropUploads = 1;
				}
				return orig(input, init);
			}) as typeof fetch)(server.fetch);
		await expect(flush(server.fetch)).rejects.toBeInstanceOf(RetryLater);
		expect(await deviceDb.blobs.get(sha256)).toMatchObject({ due: 1, sent: 65536 });
		await flush(server.fetch, { force: true });
		expect(server.ranges).toEqual(['0-65536', '65536-131072', '131072-153600']);
		expect(
			server.requests.filter((r) => r.url.startsWith('/api/blobs')).map((r) => r.method)
		).toEqual(['PATCH', 'PATCH', 'HEAD', 'PATCH', 'PATCH']);
		expect(await deviceDb.blobs.get(sha256)).toBeUndefined();
	});

	it('uploads the photos an older server asks for, then sends the entry again', async () => {
		server.photosFirst = true;
		const sha256 = 'a'.repeat(64);
		await deviceDb.blobs.add({
			sha256,
			blob: new Blob([new Uint8Array([1, 2, 3])]),
			contentType: 'image/jpeg',
			size: 3,
			uploaded: 1
		});
		const app = await queueApplication(
			null,
			draft(1, [{ sha256, materialId: 'id-card', contentType: 'image/jpeg', size: 3 }]),
			null
		);
		await flush(server.fetch);
		expect(server.requests.map((r) => `${r.method} ${r.url.split('?')[0]}`)).toEqual([
			'POST /api/devices',
			'POST /api/sync',
			`PUT /api/blobs/${sha256}`,
			'POST /api/sync',
			'GET /api/sync'
		]);
		expect((await deviceDb.applications.get(app.id))!.status).toBe('submitted');
		expect(await deviceDb.blobs.get(sha256)).toBeUndefined();
	});

	it('registers a resident’s phone again when the server no longer knows its token', async () => {
		await setMeta('device', { deviceId: 'gone', token: 'forgotten-token' });
		await queueApplication(null, draft(1), null);
		expect((await flush(server.fetch)).sent).toBe(1);
		expect((await getMeta<{ token: string }>('device'))!.token).toBe('token-1');
		expect(server.syncRequests().map((r) => r.token)).toEqual(['forgotten-token', 'token-1']);
	});

	it('keeps an agent’s queue and asks the agent to sign in again on a 401', async () => {
		await setMeta('agent', { name: '王代办', pointId: 'p', username: 'wang' });
		await setMeta('device', { deviceId: 'agent-device', token: 'revoked-token' });
		await queueApplication(null, draft(1), '王代办');
		await expect(flush(server.fetch)).rejects.toBeInstanceOf(AgentSignedOut);
		expect(await getMeta('device')).toBeUndefined();
		expect(await waiting()).toHaveLength(1);
		// No registration as a resident's phone, and no retry until the agent signs in.
		expect(server.requests.filter((r) => r.url === '/api/devices')).toEqual([]);
		await expect(flush(server.fetch)).rejects.toBeInstanceOf(AgentSignedOut);
		expect(server.syncRequests()).toHaveLength(1);
		expect(await getMeta('flush-failures')).toBeFalsy();
	});

	it('splits a batch the server finds too large; a single op too large is refused', async () => {
		for (const n of [1, 2, 3, 4, 5]) await queueApplication(null, draft(n), null);
		const tooLarge = () =>
			Response.json({ error: { code: 'too_large', message: '太大了' } }, { status: 413 });
		server.script = [tooLarge(), tooLarge()];
		const report = await flush(server.fetch);
		expect(report.sent).toBe(5);
		expect(server.syncRequests().map((r) => r.ops!.length)).toEqual([5, 3, 2, 1, 2]);
		expect((await waiting()).length).toBe(0);
		server.script = [tooLarge()];
		await queueApplication(null, draft(6), null);
		await flush(server.fetch, { force: true });
		const [refused] = await deviceDb.outbox.where('state').equals('rejected').toArray();
		expect(refused!.rejection).toMatchObject({ code: 'too_large', message: '太大了' });
	});

	it('honours Retry-After within bounds and grows its own backoff as documented', async () => {
		await queueApplication(null, draft(1), null);
		const busy = (after: string) =>
			new Response('{}', { status: 429, headers: { 'retry-after': after } });
		server.script = [busy('0')];
		expect((await flushFailure(server)).retryAfterMs).toBe(1_000);
		server.script = [busy('86400')];
		expect((await flushFailure(server)).retryAfterMs).toBe(60 * 60_000);
		server.script = [busy('3')];
		expect((await flushFailure(server)).retryAfterMs).toBe(3_000);

		await setMeta('flush-failures', 0);
		const waits: number[] = [];
		for (let i = 0; i < 10; i++) {
			server.script = [new Response('oops', { status: 503 })];
			waits.push((await flushFailure(server)).retryAfterMs!);
		}
		waits.forEach((wait, i) => {
			const base = Math.min(LAST_RETRY_MS, FIRST_RETRY_MS * 2 ** i);
			expect(wait).toBeGreaterThanOrEqual(base * 0.5);
			expect(wait).toBeLessThan(base * 1.5);
		});
		// Without `force`, nothing is sent while the backoff lasts.
		const before = server.requests.length;
		await expect(flush(server.fetch)).rejects.toBeInstanceOf(RetryLater);
		expect(server.requests.length).toBe(before);
		expect(backoffMs(1, () => 0)).toBe(1_000);
		expect(backoffMs(30, () => 0.999)).toBeLessThan(LAST_RETRY_MS * 1.5);
	});

	it('does not grow its backoff while the phone knows it is offline, and waits little on a failing link', async () => {
		await queueApplication(null, draft(1), null);
		await setMeta('flush-failures', 0);
		try {
			// The phone says it is offline: failures then say nothing about the server.
			vi.stubGlobal('navigator', { onLine: false });
			for (let i = 0; i < 8; i++) {
				server.script = ['network-error'];
				expect((await flushFailure(server)).retryAfterMs).toBeLessThan(FIRST_RETRY_MS * 1.5);
			}
			expect(await getMeta('flush-failures')).toBe(0);
			// Nor is any of it a try at sending, as the outbox page counts them.
			expect(await waiting()).toMatchObject([{ attempts: 0, lastFailure: 'offline' }]);
			// Online but the link fails (a weak signal): the wait grows, to half a minute at most.
			vi.stubGlobal('navigator', { onLine: true });
			const waits: number[] = [];
			for (let i = 0; i < 12; i++) {
				server.script = ['network-error'];
				waits.push((await flushFailure(server)).retryAfterMs!);
			}
			expect(waits[0]).toBeLessThan(FIRST_RETRY_MS * 1.5);
			expect(Math.max(...waits)).toBeLessThan(LINK_LAST_RETRY_MS * 1.5);
			expect(await waiting()).toMatchObject([{ attempts: 12 }]);
			expect(LINK_LAST_RETRY_MS).toBeLessThanOrEqual(30_000);
			// A server that fails is still given room: its backoff grows as before.
			server.script = [new Response('oops', { status: 503 })];
			expect((await flushFailure(server)).retryAfterMs).toBeGreaterThan(LINK_LAST_RETRY_MS * 0.5);
		} finally {
			vi.stubGlobal('navigator', {});
		}
	});

	it('tries again within a second when a request fails just as the network comes back', async () => {
		await queueApplication(null, draft(1), null);
		// Earlier failures have grown the backoff to many seconds.
		await setMeta('flush-failures', 6);
		try {
			vi.stubGlobal('navigator', { onLine: true });
			// The phone says it is online again, but its first request still finds no link (the radio
			// is not ready yet): that says nothing about the server or the link to come.
			noteOnline();
			server.script = ['network-error'];
			expect((await flushFailure(server)).retryAfterMs).toBeLessThanOrEqual(1_000);
			expect(await getMeta('flush-failures')).toBe(6);
			// Long after the network came back, a failing link backs off as before.
			noteOnline(Date.now() - 60_000);
			server.script = ['network-error'];
			expect((await flushFailure(server)).retryAfterMs).toBeGreaterThan(1_000);
			expect(await getMeta('flush-failures')).toBe(7);
		} finally {
			vi.stubGlobal('navigator', {});
		}
	});

	it('loses nothing to a network error or a lost answer, and applies each op once', async () => {
		const app = await queueApplication(null, draft(1), null);
		server.script = ['network-error'];
		const failed = await flushFailure(server);
		expect(failed.message).toBe('Failed to fetch');
		expect(await waiting()).toMatchObject([{ attempts: 1, lastFailure: 'offline' }]);

		server.loseNextAnswer = true;
		await flushFailure(server);
		expect(server.applied.size).toBe(1);
		expect(await waiting()).toHaveLength(1);

		await flush(server.fetch, { force: true });
		expect(await waiting()).toHaveLength(0);
		expect(server.applied.size).toBe(1);
		expect((await deviceDb.applications.get(app.id))!.status).toBe('submitted');
	});

	it('sends again later an op the server failed on, without holding back the others', async () => {
		const failing = await queueApplication(null, draft(1), null);
		await queueOp('booking.cancel', failing.id, {});
		const other = await queueApplication(null, draft(2), null);
		let broken = true;
		server.perOp = (op) =>
			broken && op.payload.applicationId === failing.id && op.kind === 'application.submit'
				? { opId: op.opId, status: 'retry', reply: refusal('server_error', '服务器暂时没能处理') }
				: null;
		const report = await flush(server.fetch);
		expect(report.sent).toBe(1);
		expect(report.nextAttemptAt).toBeGreaterThan(Date.now());
		expect((await deviceDb.applications.get(other.id))!.status).toBe('submitted');
		// The cancel waits behind its own application's submit.
		const [held, behind] = await waiting();
		expect(held).toMatchObject({ kind: 'application.submit', lastError: '服务器暂时没能处理' });
		expect(behind).toMatchObject({ kind: 'booking.cancel' });

		// Not before its time, unless sent now.
		await flush(server.fetch);
		expect(server.syncRequests()).toHaveLength(1);
		broken = false;
		await flush(server.fetch, { force: true });
		expect(server.syncRequests().map((r) => r.ops!.map((o) => o.kind))).toEqual([
			['application.submit', 'booking.cancel', 'application.submit'],
			['application.submit', 'booking.cancel']
		]);
		expect(await deviceDb.outbox.count()).toBe(0);
		expect((await deviceDb.applications.get(failing.id))!.status).toBe('cancelled');
	});
	it('withdraws an application cancelled before it was ever sent: nothing goes to the server', async () => {
		const app = await queueApplication(null, draft(5), null);
		await cancelApplication(app.id);
		expect(await deviceDb.outbox.count()).toBe(0);
		expect((await deviceDb.applications.get(app.id))!.status).toBe('cancelled');
		await flush(server.fetch, { force: true });
		expect(server.syncRequests()).toHaveLength(0);
	});

	it('sends the cancel of a submit that may have reached the server, and withdraws a refused one', async () => {
		const tried = await queueApplication(null, draft(6), null);
		server.script = ['network-error'];
		await flush(server.fetch).catch(() => {});
		await cancelApplication(tried.id);
		expect((await waiting()).map((e) => e.kind)).toEqual(['application.submit', 'booking.cancel']);
		await flush(server.fetch, { force: true });
		expect(server.applied.size).toBe(2);
		expect((await deviceDb.applications.get(tried.id))!.status).toBe('cancelled');

		const refused = await queueApplication(null, draft(7), null);
		server.perOp = (op) =>
			op.payload.applicationId === refused.id
				? { opId: op.opId, status: 'rejected', reply: refusal('already_booked') }
				: null;
		await flush(server.fetch, { force: true });
		expect((await deviceDb.applications.get(refused.id))!.status).toBe('rejected');
		await cancelApplication(refused.id);
		expect(await deviceDb.outbox.where('applicationId').equals(refused.id).count()).toBe(0);
		expect((await deviceDb.applications.get(refused.id))!.status).toBe('cancelled');
	});
});
