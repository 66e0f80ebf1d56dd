// A client build option: the browser's code imports src/lib/locale-runtime.client.js wherever it
// (or a message) imports Paraglide's generated runtime. The generated runtime looks the language up
// by every strategy it supports, each time it is asked; every page loads it, at about 1 KB
// compressed. Each message, likewise, is made by one shared function from its two translations
// rather than carrying its own copy of the language lookup (0.6 KB less on every page). The server
// keeps the generated runtime and messages.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { paraglideOptions } from '../paraglide.config.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const generated = resolve(root, paraglideOptions.outdir, 'runtime.js');
const client = fileURLToPath(new URL('../src/lib/locale-runtime.client.js', import.meta.url));
const messages = resolve(root, paraglideOptions.outdir, 'messages') + '/';

/**
 * A generated message's export: a function that asks for the language and calls the one of its
 * two translations. In the browser, one shared function (`translated`) makes it from the two.
 */
const MESSAGE =
	/export const (\w+) = \/\*\*[^\n]*\*\/ \(\(inputs(?: = \{\})?, options = \{\}\) => \{\n\tconst locale = experimentalStaticLocale \?\? options\.locale \?\? getLocale\(\)\n\tif \(locale === "en"\) return (en_\w+)\(inputs\)\n\treturn (zh_\w+)\(inputs\)\n\}\);/;

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
		},
		transform(code, id) {
			if (!id.startsWith(messages) || id.endsWith('_index.js')) return null;
			if (!MESSAGE.test(code)) {
				// Still correct, only larger: a change in how Paraglide writes its messages.
				this.warn(`${id}: message kept as generated`);
				return null;
			}
			return code
				.replace(MESSAGE, 'export const $1 = /* @__PURE__ */ translated($3, $2);')
				.replace('import { getLocale, experimentalStaticLocale }', 'import { translated }');
		}
	};
}
