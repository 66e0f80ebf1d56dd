// Builds the app and serves it for the browser tests on a fresh SQLite file with the demo data.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';

const dir = 'test-results/e2e-db';
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });

if (!process.env.E2E_SKIP_BUILD) {
	const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
	if (build.status !== 0) process.exit(build.status ?? 1);
}

const server = spawn(process.execPath, ['server.js'], {
	stdio: 'inherit',
	env: {
		...process.env,
		DATABASE_URL: '',
		SQLITE_FILE: `${dir}/e2e.db`,
		DEMO_DATA: '1',
		// No ORIGIN: the server is tried as `npm start` runs it, on plain HTTP.
		HOST: '127.0.0.1'
	}
});
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
	process.on(signal, () => server.kill(signal));
}
server.on('exit', (code) => process.exit(code ?? 0));
