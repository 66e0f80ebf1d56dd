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
