import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 4173);
const debianChromium = '/usr/bin/chromium';

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
		// Pixel 7's defaults name Playwright's own Chromium; use Debian's when that is what this machine has.
		browserName: 'chromium',
		launchOptions: {
			executablePath:
				process.env.CHROMIUM_PATH ?? (existsSync(debianChromium) ? debianChromium : undefined),
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
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
