import { tick } from 'svelte';

/**
 * Brings what became of a step (saved, or why not) into sight once the page shows it: the clerk
 * pressed a button far down a long record, and the answer may be drawn elsewhere. When the button
 * pressed went with the step it took (受理, once accepted), the answer takes the focus: the
 * keyboard carries on from there, not from the top of the page.
 */
export async function showOutcome(): Promise<void> {
	await tick();
	const outcome = document.querySelector<HTMLElement>('[data-outcome]');
	outcome?.scrollIntoView({ block: 'nearest' });
	if (outcome && (!document.activeElement || document.activeElement === document.body)) {
		outcome.tabIndex = -1;
		outcome.focus({ preventScroll: true });
	}
}
