import { tick } from 'svelte';
import { goto } from '$app/navigation';

/**
 * The "no" of a question asked before an action: a link back to the page without the question
 * (which works without scripts too) that, with them, leaves the focus on the button that asked
 * instead of at the top of the page, where a keyboard or screen reader user would start over.
 */
export function declineTo(href: string, askedBy: string) {
	return async (event: MouseEvent) => {
		// A click asking for another tab or window goes on as a link's.
		if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
			return;
		}
		event.preventDefault();
		await goto(href, { keepFocus: true, noScroll: true });
		await tick();
		document.getElementById(askedBy)?.focus();
	};
}
