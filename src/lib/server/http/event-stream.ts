/**
 * A server-sent events answer. `start` sends the first events with `send` and subscribes to later
 * ones, answering how to unsubscribe; that runs when the client goes. A comment now and then keeps
 * proxies from closing a quiet connection; a dropped client reconnects after 2 s by itself.
 */
export function eventStream(
	request: Request,
	start: (send: (event: string, data: unknown) => void) => Promise<() => void>
): Response {
	const encoder = new TextEncoder();
	let stop = () => {};
	const stream = new ReadableStream<Uint8Array>({
		async start(controller) {
			let closed = false;
			const write = (chunk: string) => {
				if (!closed) controller.enqueue(encoder.encode(chunk));
			};
			const heartbeat = setInterval(() => write(': keep-alive\n\n'), 20_000);
			let unsubscribe = () => {};
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
			write('retry: 2000\n\n');
			const off = await start((event, data) =>
				write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
			);
			if (closed) off();
			else unsubscribe = off;
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
}
