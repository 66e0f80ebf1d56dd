// A client build option: the app's own modules that every resident page loads on its first visit
// (those the root and resident layouts and the error page import) go out as one chunk, with the
// framework's, instead of some thirty files of a few hundred bytes each, which a phone on a weak
// signal fetches over a handful of connections, a round trip per handful. The application form's
// own modules likewise go out as one chunk, rather than a dozen of a few hundred bytes.
import { readdirSync } from 'node:fs';
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

const RESIDENT = `${routes}(resident)/`;
const RESIDENT_PAGES = readdirSync(RESIDENT, { recursive: true, encoding: 'utf8' })
	.filter((file) => /(^|[/\\])\+page\.(svelte|ts)$/.test(file))
	.map((file) => RESIDENT + file.replaceAll('\\', '/'));
const FORM_PAGE_DIR = `${RESIDENT}apply/`;

/** @typedef {{ getModuleInfo(id: string): { importedIds: readonly string[], code: string | null } | null }} Graph */

/** @returns {import('vite').Plugin} */
export function shellChunk() {
	/** @type {{ shell: Set<string>, form: Set<string>, shared: Map<string, string> } | null} */
	let chunks = null;
	/** @param {Graph} graph */
	const modules = (graph) => {
		if (!chunks) {
			const shell = shellModules(graph);
			chunks = { shell, ...formModules(graph, shell) };
		}
		return chunks;
	};
	// A group takes in what its modules import. The shell first: what the form imports of it stays
	// in it, with the framework. Then what the form shares with other resident pages, a chunk for
	// each set of pages: in the form's chunk, those pages would load the whole form.
	const groups = [
		{
			name: /** @param {string} id @param {Graph} graph */ (id, graph) =>
				modules(graph).shell.has(id) ? 'shell' : null,
			priority: 3
		},
		{
			name: /** @param {string} id @param {Graph} graph */ (id, graph) =>
				modules(graph).shared.get(id) ?? null,
			priority: 2
		},
		{
			name: /** @param {string} id @param {Graph} graph */ (id, graph) =>
				modules(graph).form.has(id) ? 'form' : null,
			priority: 1
		}
	];
	return {
		name: 'one-window:shell-chunk',
		// The browser's build only: the server loads its chunks from disk.
		configEnvironment: (name) =>
			name === 'client'
				? { build: { rolldownOptions: { output: { codeSplitting: { groups } } } } }
				: undefined,
		buildStart: () => {
			chunks = null;
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
	return new Set(
		[...reachable(graph, [...LAYOUTS, ...ALSO])].filter(
			(id) => (id.startsWith(source) || ALSO.includes(id)) && !LAYOUTS.includes(id) && !isStyle(id)
		)
	);
}

/**
 * The application form's own modules that no other resident page imports (its components, its
 * helpers, its words); and apart, those it shares with other resident pages, each named for the
 * pages that share it.
 * @param {Graph} graph
 * @param {Set<string>} shell
 */
function formModules(graph, shell) {
	/** @type {Map<string, string>} */
	const shared = new Map();
	if (!graph.getModuleInfo(ROOT_LAYOUT)) return { form: new Set(), shared };
	const others = RESIDENT_PAGES.filter((file) => !file.startsWith(FORM_PAGE_DIR)).map((file) => ({
		page: file.slice(RESIDENT.length, file.lastIndexOf('/') + 1),
		modules: reachable(graph, [file])
	}));
	const form = [
		...reachable(
			graph,
			RESIDENT_PAGES.filter((file) => file.startsWith(FORM_PAGE_DIR))
		)
	].filter((id) => id.startsWith(source) && !shell.has(id) && !isStyle(id));
	for (const id of form) {
		const pages = [...new Set(others.filter((o) => o.modules.has(id)).map((o) => o.page))];
		if (pages.length) shared.set(id, `apply-${pages.sort().join('-').replace(/\W+/g, '-')}`);
	}
	return { form: new Set(form.filter((id) => !shared.has(id))), shared };
}

/** @param {string} id */
const isStyle = (id) => /\.css$|[?&]type=style/.test(id);

/**
 * Every module `entries` import statically, near and far, themselves included.
 * @param {Graph} graph
 * @param {string[]} entries
 */
function reachable(graph, entries) {
	const seen = new Set();
	const queue = [...entries];
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
	return seen;
}
