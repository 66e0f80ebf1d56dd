import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { paraglideOptions } from './paraglide.config.js';
import { clientLocaleRuntime } from './scripts/client-locale-runtime.js';
import { clientRootComponent } from './scripts/client-root-component.js';
import { shellChunk } from './scripts/shell-chunk.js';

export default defineConfig({
	plugins: [
		paraglideVitePlugin(paraglideOptions),
		clientLocaleRuntime(),
		clientRootComponent(),
		sveltekit(),
		shellChunk()
	],
	// Chunks a page imports later are found by the browser as it loads them, not listed up front: the
	// list of every page's chunks was a tenth of each first visit's code (the service worker caches
	// all chunks after the first visit).
	build: { modulePreload: false },
	// Dexie's own ES module build for current browsers, rather than its older build wrapped as a
	// CommonJS module: 1.4 KB less to download and 12 KB less to parse where the device's store
	// opens.
	resolve: { alias: [{ find: /^dexie$/, replacement: 'dexie/dist/modern/dexie.mjs' }] },
	test: {
		include: ['src/**/*.spec.ts'],
		environment: 'node',
		globalSetup: ['src/lib/server/testing/global-setup.ts'],
		testTimeout: 60_000,
		hookTimeout: 60_000
	}
});
