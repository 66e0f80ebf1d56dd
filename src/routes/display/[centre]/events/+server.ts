import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { env } from '$env/dynamic/private';
import { currentCatalog } from '$lib/server/catalog/cache';
import { database } from '$lib/server/db';
import { onCall } from '$lib/server/counter/call-events';
import { displayState } from '$lib/server/counter/tickets';

/** Server-sent events: the display's state now, and again after every call at this centre. */
export const GET: RequestHandler = async ({ params, request }) => {
	const conn = database();
	const { snapshot } = await currentCatalog(conn.db);
	const point = snapshot.points.find((p) => p.id === params.centre && p.kind === 'centre');
	if (!point) error(404, 'not found');
	const encoder = new TextEncoder();
	let stop = () => {};
	const stream = new ReadableStream<Uint8Array>({
		async start(controller) {
			let closed = false;
			const send = (chunk: string) => {
				if (!closed) controller.enqueue(encoder.encode(chunk));
			};
			const push = async () => {
				try {
					send(`event: calls\ndata: ${JSON.stringify(await displayState(conn.db, point.id))}\n\n`);
				} catch {
					// The next call or the client's reconnect brings it up to date.
				}
			};
			const unsubscribe = await onCall(conn, env.DATABASE_URL ?? '', point.id, () => void push());
			// A comment now and then keeps proxies from closing a quiet connection.
			const heartbeat = setInterval(() => send(': keep-alive\n\n'), 20_000);
			stop = () => {
				if (closed) return;
				closed = true;
				clearInterval(heartbeat);
				unsubscribe();
				try {
					controller.close();
				} catch {
					// Already closed by the client.
				}
			};
			request.signal.addEventListener('abort', stop);
			send('retry: 2000\n\n');
			await push();
		},
		cancel() {
			stop();
		}
	});
	return new Response(stream, {
		headers: {
			'Content-Type': 'text/event-stream; charset=utf-8',
			'Cache-Control': 'no-store',
			Connection: 'keep-alive',
			'X-Accel-Buffering': 'no'
		}
	});
};
