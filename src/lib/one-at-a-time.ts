import type { SubmitFunction } from '@sveltejs/kit';

/**
 * An enhanced form sent once until its answer has come: a double click, or Enter pressed twice, does
 * not send it again (a second walk-in ticket, a step recorded twice, an error for the second).
 */
export function oneAtATime(submit: SubmitFunction): SubmitFunction {
	let pending = false;
	return async (input) => {
		if (pending) return input.cancel();
		pending = true;
		const cancel = () => {
			pending = false;
			input.cancel();
		};
		try {
			const after = await submit({ ...input, cancel });
			return async (answer) => {
				try {
					await (after ? after(answer) : answer.update());
				} finally {
					pending = false;
				}
			};
		} catch (error) {
			pending = false;
			throw error;
		}
	};
}
