// SvelteKit's client mounts its root component through Svelte's class wrapper for components
// (`svelte/legacy`), code every page loads for that alone; the browser's build takes this one in
// its place (scripts/client-root-component.js). It does what SvelteKit asks of the wrapper: mount
// or hydrate the component, and set its props anew with `$set`. As with Svelte's wrapper, a
// `$set` updates whatever reads the props, whether their values changed or not.
import { hydrate, mount } from 'svelte';

/**
 * @param {import('svelte').Component<Record<string, unknown>>} component
 */
export function asClassComponent(component) {
	return class {
		/**
		 * @param {{ target: Element; props: Record<string, unknown>; hydrate?: boolean; transformError?: (error: unknown) => unknown }} options
		 */
		constructor({ target, props, hydrate: hydrating, transformError }) {
			let version = $state(0);
			// Reading a prop reads the version, which every `$set` moves on.
			const track = () => version;
			const current = { ...props };
			const tracked = new Proxy(current, {
				get(values, key) {
					track();
					return Reflect.get(values, key);
				},
				has(values, key) {
					track();
					return Reflect.has(values, key);
				}
			});
			const options = { target, props: tracked, intro: false, transformError };
			if (hydrating) hydrate(component, options);
			else mount(component, options);
			/** @param {Record<string, unknown>} next */
			this.$set = (next) => {
				Object.assign(current, next);
				version++;
			};
		}
	};
}
