import { invalidate } from '$app/navigation';
import { COUNTER_DAY } from './choice';
import { liveLapse } from './live-lapse.svelte';

/**
 * Keeps a counter page's day current: its data loads again whenever a ticket or an application of
 * the centre changes (through any app server), and after a dropped connection comes back. Bursts
 * of changes cost one load at a time. `onLive` hears whether the feed is connected. Answers a
 * function that stops following.
 */
export function followDay(pointId: string, onLive: (live: boolean) => void): () => void {
	const source = new EventSource(`/staff/events?point=${encodeURIComponent(pointId)}`);
	let loading = false;
	let again = false;
	let missed = false;
	const reload = async () => {
		if (loading) {
			again = true;
			return;
		}
		loading = true;
		try {
			do {
				again = false;
				const stopped = liveLapse.stopped;
				liveLapse.loading = true;
				try {
					await invalidate(COUNTER_DAY);
				} finally {
					liveLapse.loading = false;
				}
				liveLapse.lapsed = liveLapse.stopped !== stopped;
			} while (again);
		} finally {
			loading = false;
		}
	};
	source.addEventListener('change', () => void reload());
	source.addEventListener('ready', () => {
		onLive(true);
		if (missed) void reload();
		missed = false;
	});
	source.onerror = () => {
		missed = true;
		onLive(false);
	};
	return () => source.close();
}
