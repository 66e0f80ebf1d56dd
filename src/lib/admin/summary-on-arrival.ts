import { afterNavigate } from '$app/navigation';

/**
 * For a filter sent by address (a GET form): when the page arrives with mistakes in its filter,
 * the reader is taken to the list of what to fix, as a posted form's summary does.
 */
export function focusSummaryOnArrival(
	hasErrors: () => boolean,
	summary: () => { focus(): void } | undefined
) {
	afterNavigate(() => {
		if (hasErrors()) summary()?.focus();
	});
}
