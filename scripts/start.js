// `npm start`: builds when the build is missing or older than the sources, then serves the app
// on the SQLite file under data/ (or DATABASE_URL) with the demo catalogue loaded on first start.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const built = join(root, 'build', 'handler.js');
const sources = [
	'src',
	'static',
	'messages',
	'project.inlang/settings.json',
	'package.json',
	'svelte.config.js',
	'vite.config.ts'
];

function newest(path) {
	const full = join(root, path);
	if (!existsSync(full)) return 0;
	const stat = statSync(full);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let latest = stat.mtimeMs;
	for (const entry of readdirSync(full)) {
		// Generated from messages/ by the build itself.
		if (entry !== 'paraglide') latest = Math.max(latest, newest(join(path, entry)));
	}
	return latest;
}

const stale = !existsSync(built) || Math.max(...sources.map(newest)) > statSync(built).mtimeMs;
if (stale) {
	console.log('Building the app (about a minute on first start)…');
	const result = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
}

const port = process.env.PORT ?? '3000';
const child = spawn(process.execPath, ['server.js'], {
	cwd: root,
	stdio: 'inherit',
	env: { DEMO_DATA: '1', ...process.env, PORT: port }
});
// As the server picks it (src/lib/server/db/index.ts).
const url =
	process.env.DATABASE_URL?.trim() || process.env.SQLITE_FILE?.trim() || 'data/one-window.db';
const database = /^postgres(ql)?:\/\//.test(url)
	? 'PostgreSQL (DATABASE_URL)'
	: `SQLite file ${url}`;
console.log(`\nDatabase: ${database}; demo data loads on first start.`);
console.log(`Open http://localhost:${port} (Ctrl+C stops the server)`);
const { users } = JSON.parse(
	readFileSync(join(root, 'src/lib/server/seed/data/users.json'), 'utf8')
);
console.log('Demo sign-ins (agents at /agent):');
for (const u of users) {
	console.log(
		`  ${u.role.padEnd(10)} ${u.username.padEnd(20)} ${u.password.padEnd(16)} ${u.displayName}`
	);
}
console.log('');
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
