import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/find-chromium.js';

export interface BenchServer {
	url: string;
	/** The server's first process (its workers are its children). */
	pid: number;
	dbFile: string;
	stop(): Promise<void>;
}

export const chromiumPath = findChromium()?.path;
export const chromiumArgs = CHROMIUM_ARGS;

/**
 * Starts the built app (run `npm run build` first) on a fresh SQLite file: the demo catalogue, or
 * a synthetic one of the given size.
 */
export async function startServer(options: {
	port: number;
	points?: number;
	matters?: number;
	env?: Record<string, string>;
}): Promise<BenchServer> {
	if (!existsSync('build/handler.js')) throw new Error('no build: run `npm run build` first');
	const dir = mkdtempSync(join(tmpdir(), 'one-window-bench-'));
	const dbFile = join(dir, 'bench.db');
	if (options.points || options.matters) {
		const args = ['tsx', 'scripts/seed.ts', '--database', dbFile];
		if (options.points) args.push('--points', String(options.points));
		if (options.matters) args.push('--matters', String(options.matters));
		const seeded = spawnSync('npx', args, { stdio: 'inherit' });
		if (seeded.status !== 0) throw new Error('seeding failed');
	}
	const child: ChildProcess = spawn(
		process.execPath,
		// BENCH_NODE_ARGS: flags for the server's node, for example `--cpu-prof` to profile a run.
		[...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []), 'server.js'],
		{
			stdio: ['ignore', 'ignore', 'inherit'],
			env: {
				...process.env,
				DATABASE_URL: '',
				SQLITE_FILE: dbFile,
				DEMO_DATA: '1',
				HOST: '127.0.0.1',
				PORT: String(options.port),
				// The benchmarks play many phones from one address.
				RATE_LIMIT_DEVICES_PER_MINUTE: '0',
				RATE_LIMIT_DEVICES_PER_HOUR: '0',
				...options.env
			}
		}
	);
	const url = `http://127.0.0.1:${options.port}`;
	for (let i = 0; i < 100; i++) {
		try {
			if ((await fetch(`${url}/api/health`)).ok) break;
		} catch {
			await new Promise((r) => setTimeout(r, 200));
		}
	}
	return {
		url,
		pid: child.pid!,
		dbFile,
		stop: () =>
			new Promise((resolve) => {
				const done = () => {
					rmSync(dir, { recursive: true, force: true });
					resolve();
				};
				if (child.exitCode !== null || child.signalCode !== null) return done();
				child.once('exit', done);
				child.kill('SIGTERM');
			})
	};
}

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
