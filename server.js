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

const server = createServer((req, res) => {
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
