import type { Connection } from '../db/connect';
import { onCall } from './call-events';
import { displayState, type DisplayState } from './tickets';

type Show = (state: DisplayState) => void;

interface Feed {
	screens: Set<Show>;
	stop: Promise<() => void>;
	reading: boolean;
	again: boolean;
}

/** The hall displays of each point open in this process. */
const feeds = new Map<string, Feed>();

/**
 * Shows a point's board on one more display: now, and after each call. However many displays
 * follow a point, each call is read once for them all, not once for each.
 */
export async function followDisplay(
	conn: Connection,
	url: string,
	pointId: string,
	show: Show
): Promise<() => void> {
	const feed = feeds.get(pointId) ?? startFeed(conn, url, pointId);
	await feed.stop;
	// Its last display left while this one waited: that feed is over.
	if (feeds.get(pointId) !== feed) return followDisplay(conn, url, pointId, show);
	feed.screens.add(show);
	const leave = () => {
		if (!feed.screens.delete(show) || feed.screens.size) return;
		feeds.delete(pointId);
		void feed.stop.then((stop) => stop());
	};
	try {
		show(await displayState(conn.db, pointId));
	} catch {
		// The next call, or the display's reconnecting, brings it up to date.
	}
	return leave;
}

function startFeed(conn: Connection, url: string, pointId: string): Feed {
	const feed: Feed = {
		screens: new Set(),
		stop: Promise.resolve(() => {}),
		reading: false,
		again: false
	};
	feed.stop = onCall(conn, url, pointId, () => void readFor(conn, pointId, feed));
	feeds.set(pointId, feed);
	feed.stop.catch(() => feeds.get(pointId) === feed && feeds.delete(pointId));
	return feed;
}

/** Reads the board for every display; a call during a read is read again after it. */
async function readFor(conn: Connection, pointId: string, feed: Feed): Promise<void> {
	if (feed.reading) {
		feed.again = true;
		return;
	}
	feed.reading = true;
	try {
		do {
			feed.again = false;
			const state = await displayState(conn.db, pointId);
			for (const show of feed.screens) show(state);
		} while (feed.again);
	} catch {
		// As above: the next call brings it up to date.
	} finally {
		feed.reading = false;
	}
}
