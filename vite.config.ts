import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { paraglideOptions } from './paraglide.config.js';

export default defineConfig({
	plugins: [paraglideVitePlugin(paraglideOptions), sveltekit()],
	test: {
		include: ['src/**/*.spec.ts'],
		environment: 'node',
		globalSetup: ['src/lib/server/testing/global-setup.ts'],
		testTimeout: 60_000,
		hookTimeout: 60_000
	}
});
