import { m } from '$lib/paraglide/messages';
import type { LocalStatus } from '$lib/device/db';

/** An application's state as its reader says it, on the phone or at the counter. */
export const STATUS_WORDS: Record<LocalStatus, () => string> = {
	queued: m.status_queued,
	rejected: m.status_rejected,
	submitted: m.status_submitted,
	accepted: m.status_accepted,
	more_materials: m.status_more_materials,
	completed: m.status_completed,
	refused: m.status_refused,
	cancelled: m.status_cancelled
};
