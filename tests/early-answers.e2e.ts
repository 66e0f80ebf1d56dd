import { request as httpRequest, Agent, type OutgoingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { expect, test } from '@playwright/test';
import { MAX_BLOB_BYTES, MAX_SYNC_BYTES } from '../src/lib/schemas/ops';

// An answer the server gives before it has read the request's body (too large, not signed in)
// must leave the client able to send its next request, as a phone's fetch or a browser's
// keep-alive connection would, right after it.

/** BODY_SIZE_LIMIT in server.js: bodies over it are refused by the Node adapter itself. */
const ADAPTER_LIMIT = 3 * 1024 * 1024;

interface Answer {
	status?: number;
	error?: string;
}

function send(
	agent: Agent,
	baseURL: string,
	method: string,
	path: string,
	headers: OutgoingHttpHeaders = {},
	body?: { bytes: number; chunked: boolean }
): Promise<Answer> {
	return new Promise((resolve) => {
		const length = body && !body.chunked ? { 'content-length': body.bytes } : {};
		const req = httpRequest(
			new URL(path, baseURL),
			{ method, agent, headers: { ...headers, ...length } },
			(res) => {
				res.resume();
				res.on('end', () => resolve({ status: res.statusCode }));
				res.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
			}
		);
		req.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
		if (!body) return void req.end();
		// All at once, buffered by Node: once an answer has come, a request still waiting for
		// 'drain' to write more would wait for ever.
		const piece = Buffer.alloc(64 * 1024, 'a');
		for (let left = body.bytes; left > 0; left -= piece.length)
			req.write(piece.subarray(0, Math.min(left, piece.length)));
		req.end();
	});
}

/**
 * A client that reads its answer only once it has sent the whole body, as many simple HTTP
 * clients do: the server must let it finish sending (reading and dropping the rest) rather than
 * reset the connection, which would throw away the answer before the client reads it.
 */
function sendAllThenRead(
	baseURL: string,
	method: string,
	path: string,
	headers: OutgoingHttpHeaders,
	body: { bytes: number; chunked: boolean }
): Promise<Answer> {
	const url = new URL(path, baseURL);
	return new Promise((resolve) => {
		const socket = connect(Number(url.port), url.hostname);
		const lines = [`${method} ${url.pathname} HTTP/1.1`, `host: ${url.host}`];
		for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
		lines.push(body.chunked ? 'transfer-encoding: chunked' : `content-length: ${body.bytes}`);
		socket.write(lines.join('\r\n') + '\r\n\r\n');
		const piece = Buffer.alloc(64 * 1024, 'a');
		for (let left = body.bytes; left > 0; left -= piece.length) {
			const part = piece.subarray(0, Math.min(left, piece.length));
			if (body.chunked) socket.write(`${part.length.toString(16)}\r\n`);
			socket.write(part);
			if (body.chunked) socket.write('\r\n');
		}
		if (body.chunked) socket.write('0\r\n\r\n');
		const received: Buffer[] = [];
		let sent = false;
		// Nothing is read until the last byte has gone.
		socket.pause();
		socket.write('', () => {
			sent = true;
			socket.on('data', (chunk: Buffer) => received.push(chunk));
			socket.resume();
		});
		socket.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
		socket.on('end', () => {
			if (!sent) return resolve({ error: 'closed before the body was sent' });
			const status = /^HTTP\/1\.1 (\d{3})/.exec(Buffer.concat(received).toString('latin1'));
			resolve(status ? { status: Number(status[1]) } : { error: 'no answer' });
			socket.destroy();
		});
	});
}

const cases: {
	what: string;
	method: string;
	path: (sha256: string) => string;
	headers: (token: string) => OutgoingHttpHeaders;
	bytes: number;
	status: number;
}[] = [
	{
		what: 'a sync over its limit',
		method: 'POST',
		path: () => '/api/sync',
		headers: (token) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' }),
		bytes: MAX_SYNC_BYTES + 500_000,
		status: 413
	},
	{
		what: 'a photo over its limit',
		method: 'PUT',
		path: (sha256) => `/api/blobs/${sha256}`,
		headers: (token) => ({ authorization: `Bearer ${token}`, 'content-type': 'image/jpeg' }),
		bytes: MAX_BLOB_BYTES + 500_000,
		status: 413
	},
	{
		what: 'a sync from no device',
		method: 'POST',
		path: () => '/api/sync',
		headers: () => ({ 'content-type': 'application/json' }),
		bytes: 1_000_000,
		status: 401
	},
	{
		what: 'a sync over the server’s body limit',
		method: 'POST',
		path: () => '/api/sync',
		headers: (token) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' }),
		bytes: ADAPTER_LIMIT + 1_000_000,
		status: 413
	},
	{
		// More than the server reads and drops (16 MiB): it closes the connection after answering.
		what: 'a body past what the server drains',
		method: 'POST',
		path: () => '/api/sync',
		headers: (token) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' }),
		bytes: 20 * 1024 * 1024,
		status: 413
	},
	{
		what: 'a sign-in form over the server’s body limit',
		method: 'POST',
		path: () => '/staff/login',
		headers: () => ({ 'content-type': 'application/x-www-form-urlencoded' }),
		bytes: ADAPTER_LIMIT + 1_000_000,
		status: 413
	}
];

for (const c of cases) {
	for (const chunked of [false, true]) {
		test(`after ${c.what} (${chunked ? 'chunked' : 'with its length'}), the next request is answered`, async ({
			baseURL
		}) => {
			const agent = new Agent({ keepAlive: true, maxSockets: 1 });
			try {
				const device = await fetch(new URL('/api/devices', baseURL), { method: 'POST' });
				const { token } = (await device.json()) as { token: string };
				const headers = { origin: new URL(baseURL!).origin, ...c.headers(token) };
				const early = await send(agent, baseURL!, c.method, c.path('0'.repeat(64)), headers, {
					bytes: c.bytes,
					chunked
				});
				expect(early).toEqual({ status: c.status });
				expect(await send(agent, baseURL!, 'GET', '/api/health')).toEqual({ status: 200 });
			} finally {
				agent.destroy();
			}
		});
	}
}

for (const c of cases) {
	for (const chunked of [false, true]) {
		test(`after ${c.what} (${chunked ? 'chunked' : 'with its length'}), a client that reads only once it has sent it all gets its answer`, async ({
			baseURL
		}) => {
			const device = await fetch(new URL('/api/devices', baseURL), { method: 'POST' });
			const { token } = (await device.json()) as { token: string };
			const headers = { origin: new URL(baseURL!).origin, ...c.headers(token) };
			const answer = await sendAllThenRead(baseURL!, c.method, c.path('0'.repeat(64)), headers, {
				bytes: c.bytes,
				chunked
			});
			expect(answer).toEqual({ status: c.status });
		});
	}
}
