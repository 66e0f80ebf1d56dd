import type { SubmitFunction } from '@sveltejs/kit';
import { showOutcome } from '$lib/counter/show-outcome';
import { answersItsSave, markSaved } from '$lib/admin/unsaved';

/**
 * An admin form's submit: busy while it runs, what was typed kept after it, and the error summary
 * focused when the server refuses it. Done, what the form says of it (`data-outcome`) takes the
 * focus, which the button lost while it was busy: the keyboard goes on from there, not the top.
 */
export class AdminSubmit {
	busy = $state(false);
	summary = $state<{ focus(): void }>();

	enhance: SubmitFunction = ({ formElement }) => {
		this.busy = true;
		// What was typed stays unsaved until the server says it kept it.
		answersItsSave(formElement);
		return async ({ update, result }) => {
			if (result.type === 'success' || result.type === 'redirect') markSaved(formElement);
			await update({ reset: false });
			this.busy = false;
			if (result.type === 'failure') this.summary?.focus();
			else if (result.type === 'success') await showOutcome();
		};
	};
}
