import type { SubmitFunction } from '@sveltejs/kit';

/**
 * An admin form's submit: busy while it runs, what was typed kept after it, and the error summary
 * focused when the server refuses it.
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
		};
	};
}
