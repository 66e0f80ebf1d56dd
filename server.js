// Production server: SvelteKit's Node handler behind HTTP compression (the app's own pages and
// JSON are not compressed by the handler itself). Run `npm run build` first.
import { createServer } from 'node:http';
import { constants } from 'node:zlib';
import compression from 'compression';

process.env.BODY_SIZE_LIMIT ??= '3M';

const { handler } = await import('./build/handler.js');

const compress = compression({
	threshold: 1024,
	brotli: { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } },
	// Server-sent events must reach the screen as they are written, not when a buffer fills.
	filter: (req, res) =>
		!String(res.getHeader('Content-Type') ?? '').startsWith('text/event-stream') &&
		compression.filter(req, res)
});

/** How much of a request body the server still reads, and drops, after answering early. */
const DRAIN_LIMIT = 16 * 1024 * 1024;

/**
 * An answer written before its request's body was read to the end (a 413, or a 401 to an
 * upload) leaves the rest of that body on the connection, where it stalls the client's next
 * request until the connection is reset. The rest is read and dropped, so the connection stays
 * usable; when it is too large to be worth reading, the connection closes after the answer.
 */
function finishUnreadBody(req, res) {
	const writeHead = res.writeHead;
	res.writeHead = function (...args) {
		if (!req.complete && !req.destroyed) {
			const declared = Number(req.headers['content-length']);
			if (declared > DRAIN_LIMIT) res.setHeader('Connection', 'close');
			// The handler has answered: whatever was reading the body (SvelteKit's request stream,
			// which pauses the request when nobody takes its chunks) reads no more.
			req.removeAllListeners('data');
			let read = 0;
			req.on('data', (chunk) => {
				read += chunk.length;
				if (read > DRAIN_LIMIT) req.socket.destroy();
			});
			req.resume();
		}
		return writeHead.apply(this, args);
	};
}

const server = createServer((req, res) => {
	finishUnreadBody(req, res);
	compress(req, res, () => handler(req, res));
});

const host = process.env.HOST ?? '0.0.0.0';
const port = Number(process.env.PORT ?? 3000);
server.listen(port, host, () => {
	const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
	console.log(`one-window listening on http://${shown}:${port}`);
});

function shutdown() {
	server.close(() => process.exit(0));
	setTimeout(() => process.exit(0), 5000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
