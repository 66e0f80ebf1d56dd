// A client build option: the app's own modules that every resident page loads on its first visit
// (those the root and resident layouts and the error page import) go out as one chunk, with the
// framework's, instead of some thirty files of a few hundred bytes each, which a phone on a weak
// signal fetches over a handful of connections, a round trip per handful.
import { fileURLToPath } from 'node:url';

const source = fileURLToPath(new URL('../src/', import.meta.url));
const routes = `${source}routes/`;
const messages = `${source}lib/paraglide/messages`;
const ROOT_LAYOUT = `${routes}+layout.svelte`;
/** Besides: the reader's-language helper and SvelteKit's `error`, which nearly every page uses. */
const ALSO = [
	`${source}lib/i18n.ts`,
	fileURLToPath(new URL('../node_modules/@sveltejs/kit/src/exports/index.js', import.meta.url))
];
const LAYOUTS = ['+layout.svelte', '+layout.ts', '+error.svelte', '(resident)/+layout.svelte'].map(
	(file) => routes + file
);

/** @typedef {{ getModuleInfo(id: string): { importedIds: readonly string[], code: string | null } | null }} Graph */

/** @returns {import('vite').Plugin} */
export function shellChunk() {
	/** @type {Set<string> | null} */
	let shell = null;
	const group = {
		/** @param {string} id @param {Graph} graph */
		name: (id, graph) => {
			shell ??= shellModules(graph);
			return shell.has(id) ? 'shell' : null;
		}
	};
	return {
		name: 'one-window:shell-chunk',
		// The browser's build only: the server loads its chunks from disk.
		configEnvironment: (name) =>
			name === 'client'
				? { build: { rolldownOptions: { output: { codeSplitting: { groups: [group] } } } } }
				: undefined,
		buildStart: () => {
			shell = null;
		}
	};
}

/**
 * The app's modules the layouts import statically, near and far, but not the layouts themselves
 * (each stays its own chunk) nor their styles (inlined in the page with the layout's).
 * @param {Graph} graph
 */
function shellModules(graph) {
	// The service worker's build has no pages.
	if (!graph.getModuleInfo(ROOT_LAYOUT)) return new Set();
	const seen = new Set();
	const queue = [...LAYOUTS, ...ALSO];
	while (queue.length) {
		const id = /** @type {string} */ (queue.pop());
		if (seen.has(id)) continue;
		seen.add(id);
		const info = graph.getModuleInfo(id);
		// Of the messages, those called (`m.name(…)`), not all that the messages' index names.
		for (const [, name] of info?.code?.matchAll(/\bm\.(\w+)\(/g) ?? [])
			queue.push(`${messages}/${name}.js`);
		for (const next of info?.importedIds ?? []) if (!next.startsWith(messages)) queue.push(next);
	}
	return new Set(
		[...seen].filter(
			(id) =>
				(id.startsWith(source) || ALSO.includes(id)) &&
				!LAYOUTS.includes(id) &&
				!/\.css$|[?&]type=style/.test(id)
		)
	);
}
