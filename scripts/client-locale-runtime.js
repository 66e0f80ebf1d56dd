// A client build option: the browser's code imports src/lib/locale-runtime.client.js wherever it
// (or a message) imports Paraglide's generated runtime. The generated runtime looks the language up
// by every strategy it supports, each time it is asked; every page loads it, at about 1 KB
// compressed. The server keeps the generated runtime.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { paraglideOptions } from '../paraglide.config.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const generated = resolve(root, paraglideOptions.outdir, 'runtime.js');
const client = fileURLToPath(new URL('../src/lib/locale-runtime.client.js', import.meta.url));

/** @returns {import('vite').Plugin} */
export function clientLocaleRuntime() {
	return {
		name: 'one-window:client-locale-runtime',
		enforce: 'pre',
		applyToEnvironment: (environment) => environment.name === 'client',
		async resolveId(source, importer, options) {
			// The client runtime takes its constants from the generated one.
			if (importer === client || !/\bruntime(\.js)?$/.test(source)) return null;
			const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
			return resolved?.id === generated ? client : null;
		}
	};
}
