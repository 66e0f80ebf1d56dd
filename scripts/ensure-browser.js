// Before the browser tests: finds a usable Chromium, or installs Playwright's own; where neither
// works, stops with one message saying what to install.
import { spawnSync } from 'node:child_process';
import { findChromium } from './find-chromium.js';

const found = findChromium();
if (found) process.exit(0);

console.log(
	'No Chromium found for the browser tests: installing Playwright’s own (npx playwright install chromium)…'
);
const root = typeof process.getuid === 'function' && process.getuid() === 0;
// Its system libraries too where this user may install packages (root on Debian or Ubuntu).
const args = ['playwright', 'install', ...(root ? ['--with-deps'] : []), 'chromium'];
const install = spawnSync('npx', args, { stdio: 'inherit' });
if (install.status === 0 && findChromium()) {
	console.log('Chromium installed.');
	process.exit(0);
}
console.error(
	[
		'',
		'The browser tests need Chromium, and none could be found or installed here.',
		'Install one of these, then run the tests again:',
		'  • Debian or Ubuntu:  sudo apt-get install chromium   (or chromium-browser)',
		'  • Playwright’s own:  npx playwright install --with-deps chromium',
		'  • or point CHROMIUM_PATH at a Chromium or Chrome executable.',
		''
	].join('\n')
);
process.exit(1);
