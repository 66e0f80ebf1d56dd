import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** A folder for the PATH holding only `node` and the given scripts. */
function binDir(scripts: Record<string, string> = {}): string {
	const dir = mkdtempSync(join(tmpdir(), 'ow-bin-'));
	symlinkSync(process.execPath, join(dir, 'node'));
	for (const [name, body] of Object.entries(scripts)) {
		writeFileSync(join(dir, name), `#!/bin/sh\n${body}\n`);
		chmodSync(join(dir, name), 0o755);
	}
	return dir;
}

/** A machine with no browser anywhere: nothing on the PATH, no Playwright download. */
const bare = (path: string) => ({
	PATH: path,
	HOME: mkdtempSync(join(tmpdir(), 'ow-home-')),
	PLAYWRIGHT_BROWSERS_PATH: mkdtempSync(join(tmpdir(), 'ow-browsers-'))
});

const found = (env: Record<string, string>) =>
	JSON.parse(
		spawnSync(
			process.execPath,
			[
				'--input-type=module',
				'-e',
				"const { findChromium } = await import('./scripts/find-chromium.js'); console.log(JSON.stringify(findChromium()));"
			],
			{ env, encoding: 'utf8' }
		).stdout
	);

describe('the browser the tests use', () => {
	it('is CHROMIUM_PATH, else a Chromium on the PATH, else none', () => {
		const withChromium = binDir({ chromium: 'exit 0' });
		expect(found(bare(withChromium))).toEqual({
			path: join(withChromium, 'chromium'),
			source: 'PATH'
		});
		expect(found({ ...bare(withChromium), CHROMIUM_PATH: '/no/such/chrome' })).toBeNull();
		expect(found(bare(binDir()))).toBeNull();
	});

	it('is installed when missing; where that fails, one message says what to install', () => {
		const failingNpx = binDir({ npx: 'echo "download refused" >&2; exit 1' });
		const run = spawnSync(process.execPath, ['scripts/ensure-browser.js'], {
			env: bare(failingNpx),
			encoding: 'utf8'
		});
		expect(run.status).toBe(1);
		expect(run.stdout).toContain('installing Playwright’s own');
		expect(run.stderr).toContain('The browser tests need Chromium');
		expect(run.stderr).toContain('apt-get install chromium');
		expect(run.stderr).toContain('CHROMIUM_PATH');

		const withChromium = binDir({ chromium: 'exit 0', npx: 'exit 1' });
		expect(
			spawnSync(process.execPath, ['scripts/ensure-browser.js'], { env: bare(withChromium) }).status
		).toBe(0);
	});
});
