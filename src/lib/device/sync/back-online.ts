// Apart from the backoff, which keeps its count in the device's database: every page notes the
// `online` event, and a page that keeps no applications should not download the database for it.

/**
 * How long after the phone says it is online again a request that finds no link is not counted:
 * the radio may not carry traffic yet (or the browser lifts its offline state a moment late).
 */
const BACK_ONLINE_MS = 5_000;
let onlineAt = -Infinity;

/** The phone says it is online again (its `online` event); tests say when it was. */
export function noteOnline(at = Date.now()): void {
	onlineAt = at;
}

/** Whether the phone said it was online again only a moment ago. */
export const justBackOnline = (now = Date.now()): boolean => now - onlineAt < BACK_ONLINE_MS;
