import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { paraglideOptions } from './paraglide.config.js';
import { clientLocaleRuntime } from './scripts/client-locale-runtime.js';
import { shellChunk } from './scripts/shell-chunk.js';

export default defineConfig({
	plugins: [
		paraglideVitePlugin(paraglideOptions),
		clientLocaleRuntime(),
		sveltekit(),
		shellChunk()
	],
	// Chunks a page imports later are found by the browser as it loads them, not listed up front: the
	// list of every page's chunks was a tenth of each first visit's code (the service worker caches
	// all chunks after the first visit).
	build: { modulePreload: false },
	test: {
		include: ['src/**/*.spec.ts'],
		environment: 'node',
		globalSetup: ['src/lib/server/testing/global-setup.ts'],
		testTimeout: 60_000,
		hookTimeout: 60_000
	}
});
