// The floor under the sync benchmark: a server that does nothing but HTTP. It runs as `server.js`
// does (one process per core on one port, WEB_CONCURRENCY) and answers `POST /api/sync` and
// `GET /api/sync` with fixed bodies of the app's shape, after reading the request to its end.
// Usage: PORT=4350 node bench/support/bare-http.mjs
import cluster from 'node:cluster';
import { createServer } from 'node:http';
import { availableParallelism } from 'node:os';

const processes = Math.max(1, Number(process.env.WEB_CONCURRENCY) || availableParallelism());
const port = Number(process.env.PORT ?? 4350);

const SENT = JSON.stringify({ results: [{ opId: 'op', status: 'applied', reply: {} }] });
const PULLED = JSON.stringify({ cursor: 0, more: false, changes: [] });

if (cluster.isPrimary && processes > 1) {
	for (let i = 0; i < processes; i++) cluster.fork();
	process.on('SIGTERM', () => {
		for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
		process.exit(0);
	});
} else {
	createServer((req, res) => {
		req.resume();
		req.on('end', () => {
			const body = req.method === 'POST' ? SENT : PULLED;
			res.writeHead(200, {
				'Content-Type': 'application/json',
				'Content-Length': Buffer.byteLength(body)
			});
			res.end(body);
		});
	}).listen(port, '127.0.0.1');
	process.on('SIGTERM', () => process.exit(0));
}
