// A client build option: SvelteKit's generated root (.svelte-kit/generated/root.js) wraps the root
// component with Svelte's class wrapper from `svelte/legacy`; the browser's build gives it
// src/lib/root-component.svelte.js instead, which does only what SvelteKit's client uses of it
// (0.3 KB less on every page). The server renders the root component as it is.
import { fileURLToPath } from 'node:url';

const generatedRoot = fileURLToPath(new URL('../.svelte-kit/generated/root.js', import.meta.url));
const replacement = fileURLToPath(new URL('../src/lib/root-component.svelte.js', import.meta.url));

/** @returns {import('vite').Plugin} */
export function clientRootComponent() {
	return {
		name: 'one-window:client-root-component',
		enforce: 'pre',
		applyToEnvironment: (environment) => environment.name === 'client',
		resolveId: (source, importer) =>
			source === 'svelte/legacy' && importer === generatedRoot ? replacement : null
	};
}
