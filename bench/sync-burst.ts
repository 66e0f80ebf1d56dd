// 200 devices syncing at once: each sends its one queued application and then pulls its changes,
// all starting together, as phones do when a village's signal comes back. Prints the latency of
// each kind of request (median, 99th percentile, worst). Budget: p99 ≤ 100 ms.
// Usage: npm run build && npx tsx bench/sync-burst.ts [--devices 200] [--rounds 5]
import { parseArgs } from 'node:util';
import type { CatalogSnapshot } from '../src/lib/catalog/types';
import { plannedSubmits } from './support/applications';
import { median, startServer } from './support/server';

const { values } = parseArgs({
	options: {
		devices: { type: 'string', default: '200' },
		rounds: { type: 'string', default: '5' }
	}
});
const DEVICES = Number(values.devices);
const ROUNDS = Number(values.rounds);

const percentile = (list: number[], p: number) =>
	[...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor(list.length * p))]!;

const server = await startServer({ port: 4351 });
try {
	const catalog = (await (await fetch(`${server.url}/api/catalog`)).json()) as CatalogSnapshot;
	const ops = plannedSubmits(catalog, DEVICES * (ROUNDS + 1));
	const tokens: string[] = [];
	for (let i = 0; i < DEVICES; i++) {
		const res = await fetch(`${server.url}/api/devices`, { method: 'POST' });
		tokens.push(((await res.json()) as { token: string }).token);
	}
	const timed = async (init: () => Promise<Response>) => {
		const t0 = performance.now();
		const res = await init();
		await res.arrayBuffer();
		if (!res.ok) throw new Error(`HTTP ${res.status}`);
		return performance.now() - t0;
	};
	const push: number[] = [];
	const pull: number[] = [];
	// Round 0 warms the server up and is not counted.
	for (let round = 0; round <= ROUNDS; round++) {
		const times = await Promise.all(
			tokens.map(async (token, i) => {
				const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
				const sent = await timed(() =>
					fetch(`${server.url}/api/sync`, {
						method: 'POST',
						headers,
						body: JSON.stringify({ ops: [ops[round * DEVICES + i]] })
					})
				);
				const pulled = await timed(() => fetch(`${server.url}/api/sync?since=0`, { headers }));
				return [sent, pulled] as const;
			})
		);
		if (round === 0) continue;
		for (const [sent, pulled] of times) {
			push.push(sent);
			pull.push(pulled);
		}
	}
	console.log(`\n${DEVICES} devices syncing at once, ${ROUNDS} rounds (budget: p99 ≤ 100 ms)`);
	for (const [name, list] of [
		['send 1 op', push],
		['pull', pull]
	] as const) {
		console.log(
			`  ${name.padEnd(10)} median ${median(list).toFixed(0).padStart(4)} ms   p99 ${percentile(list, 0.99).toFixed(0).padStart(4)} ms   worst ${Math.max(
				...list
			)
				.toFixed(0)
				.padStart(4)} ms`
		);
	}
} finally {
	await server.stop();
}
