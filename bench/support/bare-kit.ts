import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * A bare SvelteKit app (one page, one heading) built with this project's own SvelteKit, Svelte,
 * Vite and Node adapter, and served: the reference the page-weight budget is a multiple of.
 */
export async function serveBareKit(port: number): Promise<{ url: string; stop(): void }> {
	const dir = mkdtempSync(join(tmpdir(), 'bare-kit-'));
	symlinkSync(resolve('node_modules'), join(dir, 'node_modules'), 'dir');
	mkdirSync(join(dir, 'src/routes'), { recursive: true });
	writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module', private: true }));
	writeFileSync(
		join(dir, 'svelte.config.js'),
		`import adapter from '@sveltejs/adapter-node';\nexport default { kit: { adapter: adapter({ precompress: true }) } };\n`
	);
	writeFileSync(
		join(dir, 'vite.config.js'),
		`import { sveltekit } from '@sveltejs/kit/vite';\nexport default { plugins: [sveltekit()] };\n`
	);
	writeFileSync(
		join(dir, 'src/app.html'),
		`<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8" />\n<meta name="viewport" content="width=device-width, initial-scale=1" />\n%sveltekit.head%\n</head>\n<body data-sveltekit-preload-data="hover">\n<div style="display: contents">%sveltekit.body%</div>\n</body>\n</html>\n`
	);
	writeFileSync(join(dir, 'src/routes/+page.svelte'), `<h1>Hello</h1>\n`);
	const built = spawnSync(process.execPath, [resolve('node_modules/vite/bin/vite.js'), 'build'], {
		cwd: dir,
		stdio: 'ignore'
	});
	if (built.status !== 0) throw new Error('the bare SvelteKit app did not build');
	const child: ChildProcess = spawn(process.execPath, ['build/index.js'], {
		cwd: dir,
		stdio: 'ignore',
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' }
	});
	const url = `http://127.0.0.1:${port}`;
	for (let i = 0; i < 100; i++) {
		try {
			if ((await fetch(url)).ok) break;
		} catch {
			await new Promise((r) => setTimeout(r, 100));
		}
	}
	return { url, stop: () => child.kill() };
}
