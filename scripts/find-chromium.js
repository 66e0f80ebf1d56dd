// Where the browser tests find Chromium, in the order the README gives: CHROMIUM_PATH, a Chromium
// on the PATH (Debian's `chromium` package), then Playwright's own download.
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { chromium } from '@playwright/test';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/** @param {string} path */
function executable(path) {
	try {
		accessSync(path, constants.X_OK);
		return true;
	} catch {
		return false;
	}
}

/**
 * `{ path, source }` of the Chromium to use, or null when there is none.
 * @param {NodeJS.ProcessEnv} env
 * @returns {{ path: string, source: 'CHROMIUM_PATH' | 'PATH' | 'playwright' } | null}
 */
export function findChromium(env = process.env) {
	if (env.CHROMIUM_PATH) {
		return executable(env.CHROMIUM_PATH)
			? { path: env.CHROMIUM_PATH, source: 'CHROMIUM_PATH' }
			: null;
	}
	for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
		for (const name of NAMES) {
			const path = join(dir, name);
			if (executable(path)) return { path, source: 'PATH' };
		}
	}
	const own = chromium.executablePath();
	return own && existsSync(own) ? { path: own, source: 'playwright' } : null;
}

/**
 * Features Playwright turns off (its `chromiumSwitches`, playwright-core 1.65): a second
 * `--disable-features` replaces the first rather than adding to it, so its list is repeated here.
 */
const PLAYWRIGHT_DISABLED_FEATURES = [
	'AvoidUnnecessaryBeforeUnloadCheckSync',
	'DestroyProfileOnBrowserClose',
	'HttpsUpgrades',
	'HttpsFirstBalancedModeAutoEnable',
	'LensOverlay',
	'MediaRouter',
	'PaintHolding',
	'ThirdPartyStoragePartitioning',
	'AvoidCorsURLLoaderRestartOnRedirect',
	'TcpPortRandomizationWin',
	'OptimizationHints',
	'NetworkTimeServiceQuerying',
	'AimEnabled',
	'PreconnectToSearch'
];

/**
 * Chromium 156 builds the address bar's pop-up (a web page of its own, ~0.3 s of script) for every
 * new window, headless too: on two cores that is time taken from the page under test.
 */
export const EXTRA_DISABLED_FEATURES = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'];

/** The flags the browser tests and benchmarks start Chromium with (through Playwright). */
export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	`--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...EXTRA_DISABLED_FEATURES].join(',')}`
];
