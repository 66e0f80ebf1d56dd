import { tick } from 'svelte';

/**
 * Brings what became of a step (saved, or why not) into sight once the page shows it: the clerk
 * pressed a button far down a long record, and the answer may be drawn elsewhere.
 */
export async function showOutcome(): Promise<void> {
	await tick();
	document.querySelector('[data-outcome]')?.scrollIntoView({ block: 'nearest' });
}
