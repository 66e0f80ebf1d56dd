// Production server: SvelteKit's Node handler behind HTTP compression (the app's own pages and
// JSON are not compressed by the handler itself), in one process per CPU core (WEB_CONCURRENCY),
// which share the port and the database. Run `npm run build` first.
import cluster from 'node:cluster';
import { createServer } from 'node:http';
import { availableParallelism } from 'node:os';
import { constants } from 'node:zlib';
import compression from 'compression';
import rateLimiterFlexible from 'rate-limiter-flexible';
import { WriteTurnQueue } from './src/lib/server/db/write-turn-queue.js';

process.env.BODY_SIZE_LIMIT ??= '3M';

const processes = Math.max(1, Number(process.env.WEB_CONCURRENCY) || availableParallelism());
const host = process.env.HOST ?? '0.0.0.0';
const port = Number(process.env.PORT ?? 3000);
const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;

/**
 * The scheme of a request's address, where no ORIGIN or PROTOCOL_HEADER says it: a proxy's
 * X-Forwarded-Proto, else the connection's own (plain HTTP here). SvelteKit's Node handler would
 * otherwise take every request for HTTPS, and refuse a form posted from http://localhost as
 * cross-site. A client can only change its own request's address with it, never another's.
 */
const PROTOCOL = 'x-one-window-protocol';
const protocolOf = (req) => {
	const forwarded = String(req.headers['x-forwarded-proto'] ?? '')
		.split(',')[0]
		.trim();
	return forwarded === 'https' || forwarded === 'http' ? forwarded : 'http';
};

if (cluster.isPrimary && processes > 1) {
	// Request limits are counted here, for all the processes together.
	new rateLimiterFlexible.RateLimiterClusterMaster();
	let stopping = false;
	const fork = () => {
		const worker = cluster.fork();
		worker.on('message', (message) => {
			if (message?.type === 'ow-write-turn') return turns.ask(worker, message.id);
			if (message?.type === 'ow-write-done') return turns.done(worker, message.id);
			if (message?.type !== 'ow-broadcast') return;
			// A live event of one process (a ticket called, say) reaches the screens of every other.
			for (const other of Object.values(cluster.workers ?? {})) {
				if (other && other !== worker) other.send(message);
			}
		});
		return worker;
	};
	// Turns to write to SQLite, one process at a time (see src/lib/server/db/write-turns.ts).
	/** @type {WriteTurnQueue<import('node:cluster').Worker>} */
	const turns = new WriteTurnQueue(
		(worker, id) => worker.send({ type: 'ow-write-turn', id }),
		(worker) => worker.isConnected()
	);
	cluster.on('exit', (worker, code, signal) => {
		turns.gone(worker);
		// Only a process that failed is replaced, not one told to stop.
		if (stopping || code === 0 || signal === 'SIGTERM' || signal === 'SIGINT') return;
		console.error(`process ${worker.process.pid} ended (${signal ?? code}); starting another`);
		fork();
	});
	// The first process migrates the database and loads the demo data alone; then the others start.
	fork().once('listening', () => {
		for (let i = 1; i < processes; i++) fork();
		console.log(`one-window listening on http://${shown}:${port} (${processes} processes)`);
	});
	const stop = () => {
		stopping = true;
		for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
		setTimeout(() => process.exit(0), 5000).unref();
		cluster.on('exit', () => {
			if (!Object.keys(cluster.workers ?? {}).length) process.exit(0);
		});
	};
	process.on('SIGTERM', stop);
	process.on('SIGINT', stop);
} else {
	await serve();
}

async function serve() {
	const ownProtocol = !process.env.ORIGIN && !process.env.PROTOCOL_HEADER;
	if (ownProtocol) process.env.PROTOCOL_HEADER = PROTOCOL;
	const { handler } = await import('./build/handler.js');
	// A promise of one request that failed unawaited is logged, not the end of every request this
	// process is serving.
	process.on('unhandledRejection', (reason) => console.error('unhandled rejection:', reason));

	const compress = compression({
		// Small answers (one op's reply, a pull with little in it) go as they are: compressing them
		// costs more time than it saves bytes.
		threshold: 8 * 1024,
		brotli: { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } },
		// Server-sent events must reach the screen as they are written, not when a buffer fills.
		filter: (req, res) =>
			!String(res.getHeader('Content-Type') ?? '').startsWith('text/event-stream') &&
			compression.filter(req, res)
	});

	/** How much of a request body the server still reads, and drops, after answering early. */
	const DRAIN_LIMIT = 16 * 1024 * 1024;
	/** How long, and how much, a connection closing after an early answer still reads. */
	const LINGER_MS = 5000;
	const LINGER_LIMIT = 64 * 1024 * 1024;

	/**
	 * A connection closed while its client is still sending is reset, and a reset throws away
	 * the answer the client has not read yet (many clients read only once they have sent it all).
	 * Instead the server stops sending and reads, dropping it, what comes for a while before it
	 * closes. Node's server calls destroySoon after the last answer on a closing connection.
	 */
	function lingerOnClose(socket) {
		socket.destroySoon = function () {
			this.end();
			const timer = setTimeout(() => this.destroy(), LINGER_MS);
			this.once('close', () => clearTimeout(timer));
		};
	}

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
				// A body of no declared length (chunked) may be longer than is worth reading.
				const declared = Number(req.headers['content-length'] ?? Infinity);
				if (!(declared <= DRAIN_LIMIT)) {
					res.setHeader('Connection', 'close');
					lingerOnClose(req.socket);
				}
				// The handler has answered: whatever was reading the body (SvelteKit's request stream,
				// which pauses the request when nobody takes its chunks) reads no more.
				req.removeAllListeners('data');
				let read = 0;
				req.on('data', (chunk) => {
					read += chunk.length;
					if (read > LINGER_LIMIT) req.socket.destroy();
				});
				req.resume();
			}
			return writeHead.apply(this, args);
		};
	}

	const server = createServer((req, res) => {
		if (ownProtocol) req.headers[PROTOCOL] = protocolOf(req);
		finishUnreadBody(req, res);
		compress(req, res, () => handler(req, res));
	});

	server.listen(port, host, () => {
		if (!cluster.isWorker) console.log(`one-window listening on http://${shown}:${port}`);
	});

	function shutdown() {
		server.close(() => process.exit(0));
		setTimeout(() => process.exit(0), 5000).unref();
	}
	process.on('SIGTERM', shutdown);
	process.on('SIGINT', shutdown);
}
