import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** app.html's own inline scripts (elder mode applied before paint), allowed by their hashes. */
const template = readFileSync(new URL('./src/app.html', import.meta.url), 'utf8');
/** @type {`sha256-${string}`[]} */
const templateScripts = [...template.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
	([, source]) => `sha256-${createHash('sha256').update(source).digest('base64')}`
);

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	// Every component of the app in runes mode, even one with no rune in it: a component left in
	// legacy mode brings legacy mode's runtime into the first visit (the error page is on every one).
	compilerOptions: {
		runes: ({ filename }) => (filename.split(/[/\\]/).includes('node_modules') ? undefined : true)
	},
	kit: {
		adapter: adapter({ precompress: true }),
		// Absolute asset paths: the service worker answers any offline navigation with one shell page.
		paths: { relative: false },
		// A resident page's styles (the largest, the app's own, is 8 KB) come inside its HTML: the first
		// paint waits for no other request, which on a weak signal is a round trip or more.
		inlineStyleThreshold: 8192,
		version: { pollInterval: 0 },
		// Hashes, not nonces: a page the service worker saved must still match its own policy offline.
		// The check-in page adds 'wasm-unsafe-eval' for its code reader (hooks.server.ts).
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self', ...templateScripts],
				// Style attributes only (SvelteKit's route announcer has one); style sheets stay 'self'.
				'style-src-attr': ['unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'connect-src': ['self'],
				'worker-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		},
		typescript: {
			config(config) {
				config.include.push('../scripts/**/*.ts', '../bench/**/*.ts', '../playwright.config.ts');
			}
		}
	}
};

export default config;
