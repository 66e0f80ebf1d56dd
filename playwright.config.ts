import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './scripts/find-chromium.js';

const PORT = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
	testDir: 'tests',
	testMatch: '**/*.e2e.ts',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
	use: {
		baseURL: `http://localhost:${PORT}`,
		trace: 'retain-on-failure',
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai',
		...devices['Pixel 7'],
		// Pixel 7's defaults name Playwright's own Chromium; use the one this machine has (see the README).
		browserName: 'chromium',
		launchOptions: {
			executablePath: findChromium()?.path,
			args: CHROMIUM_ARGS
		}
	},
	webServer: {
		command: 'node tests/support/serve.js',
		url: `http://localhost:${PORT}/api/health`,
		reuseExistingServer: !process.env.CI,
		timeout: 240_000,
		env: { PORT: String(PORT) }
	}
});
