/** Where the resident was last, so the app icon opens there again (the manifest starts at /start). */
const LAST_PAGE = 'ow_last_page';
/** A resident coming back the same day carries on; after longer, the home page is the better start. */
export const RESUME_WITHIN_MS = 12 * 60 * 60 * 1000;

interface LastPage {
	path: string;
	at: number;
}

type Store = Pick<Storage, 'getItem' | 'setItem'>;

/** A path of this site's own (never `//host`, never the start page itself). */
function isOwnPath(path: unknown): path is string {
	return (
		typeof path === 'string' &&
		path.startsWith('/') &&
		!path.startsWith('//') &&
		!path.startsWith('/\\') &&
		!/^\/start(?:[/?#]|$)/.test(path)
	);
}

export function rememberPage(url: URL | Location, store: Store = localStorage, now = Date.now()) {
	const path = `${url.pathname}${url.search}`;
	if (!isOwnPath(path)) return;
	try {
		store.setItem(LAST_PAGE, JSON.stringify({ path, at: now } satisfies LastPage));
	} catch {
		// Storage full or refused: the app then starts at home, as before.
	}
}

/** The page to open on start: the last one when it was recent, else home. */
export function resumeTarget(store: Store = localStorage, now = Date.now()): string {
	try {
		const last = JSON.parse(store.getItem(LAST_PAGE) ?? 'null') as Partial<LastPage> | null;
		if (
			last &&
			isOwnPath(last.path) &&
			typeof last.at === 'number' &&
			now - last.at < RESUME_WITHIN_MS &&
			last.at <= now
		) {
			return last.path;
		}
	} catch {
		// Unreadable: start at home.
	}
	return '/';
}
