import { m } from '$lib/paraglide/messages';

/** A follow-up's state in words: open or closed, and whether it missed its deadline. */
export function followUpState(f: { closed: boolean; overdue: boolean; closedLate: boolean }) {
	if (!f.closed)
		return f.overdue ? m.figures_follow_up_overdue_state() : m.figures_follow_up_open_state();
	return f.closedLate
		? m.figures_follow_up_closed_late_state()
		: m.figures_follow_up_closed_state();
}
