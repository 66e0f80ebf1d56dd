import { addDays } from '$lib/catalog/dates';
import { serviceDayBounds } from '$lib/time';

/** The instants (ISO, UTC) of a filter's Beijing days: `from` ≤ t < `to`. */
export function dateRangeOf(f: { from: string; to: string }): { from: string; to: string } {
	return { from: serviceDayBounds(f.from).from, to: serviceDayBounds(addDays(f.to, 1)).from };
}
