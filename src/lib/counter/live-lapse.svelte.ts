/**
 * A counter page's data loads again on every change at the centre. After the session lapsed, that
 * load is sent to the sign-in page, which would lose what the clerk is typing; the counter's layout
 * stops that navigation, and the page says to sign in again instead, as after a form sent then.
 */
class LiveLapse {
	/** The last live load found the session lapsed. */
	lapsed = $state(false);
	/** A live load is on its way: a navigation it starts to the sign-in page is the lapse. */
	loading = false;
	/** Navigations to the sign-in page stopped so far. */
	stopped = 0;
}

export const liveLapse = new LiveLapse();
