import type { SubmitFunction } from '@sveltejs/kit';
import { showOutcome } from '$lib/counter/show-outcome';

/**
 * An admin form's submit: busy while it runs, what was typed kept after it, and the error summary
 * focused when the server refuses it. Done, what the form says of it (`data-outcome`) takes the
 * focus, which the button lost while it was busy: the keyboard goes on from there, not the top.
 */
export class AdminSubmit {
	busy = $state(false);
	summary = $state<{ focus(): void }>();

	enhance: SubmitFunction = () => {
		this.busy = true;
		return async ({ update, result }) => {
			await update({ reset: false });
			this.busy = false;
			if (result.type === 'failure') this.summary?.focus();
			else if (result.type === 'success') await showOutcome();
		};
	};
}
