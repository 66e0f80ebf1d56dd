import { countOutbox, onOutboxChange } from './outbox-signal';
import { noteOnline } from './sync/back-online';
import type { FailureReason } from './sync/transport';

const FIRST_RETRY_MS = 2_000;
/** A press of "send now" shows it is sending at least this long: offline, a try fails at once. */
const PRESS_FEEDBACK_MS = 800;
/** While the app is open and visible, staff's steps reach it within this long. */
const STATUS_POLL_MS = 12_000;
/** Set once this device has queued anything: from then on every start asks for status changes. */
export const HAS_APPLICATIONS = 'ow_has_applications';

/**
 * Runs the outbox flusher when it may help: at start, when the network returns, when the page
 * becomes visible, after each submit, on "send now", and on a timer after failures, at the time
 * the flusher's shared backoff names.
 */
class OutboxSync {
	/** Items waiting to be sent. */
	count = $state(0);
	/** Items the server refused: the resident is to correct or dismiss them. */
	refused = $state(0);
	/** Applications with news the resident has not looked at. */
	unseen = $state(0);
	sending = $state(false);
	#pressed = $state(false);
	/** When "send now" last tried and it failed: the resident sees the press did something. */
	triedNowAt = $state<number | null>(null);
	/** Why the last flush failed (shown in the reader's words), or null. */
	failure = $state<FailureReason | null>(null);
	nextAttemptAt = $state<number | null>(null);
	/** This device's agent must sign in again before anything more is sent. */
	signedOut = $state(false);
	#timer: ReturnType<typeof setTimeout> | undefined;
	#again = false;

	init(): () => void {
		// A returning network is news the backoff did not know of: try at once.
		const onOnline = () => {
			noteOnline();
			void this.kick(true);
		};
		// So is a resident coming back to the app: they are looking, so try now.
		const onVisible = () => document.visibilityState === 'visible' && void this.kick(true);
		addEventListener('online', onOnline);
		document.addEventListener('visibilitychange', onVisible);
		const stopSignal = onOutboxChange(() => void this.refreshCount());
		const poll = setInterval(() => {
			if (document.visibilityState === 'visible' && localStorage.getItem(HAS_APPLICATIONS))
				void this.kick();
		}, STATUS_POLL_MS);
		void this.refreshCount().then(() => {
			if (this.count || localStorage.getItem(HAS_APPLICATIONS)) void this.kick();
		});
		return () => {
			removeEventListener('online', onOnline);
			document.removeEventListener('visibilitychange', onVisible);
			stopSignal();
			clearInterval(poll);
			clearTimeout(this.#timer);
		};
	}

	async refreshCount(): Promise<void> {
		({ waiting: this.count, refused: this.refused, unseen: this.unseen } = await countOutbox());
	}

	/** After a submit: send now, and let the browser retry in the background if it can. */
	async queued(): Promise<void> {
		localStorage.setItem(HAS_APPLICATIONS, '1');
		await this.refreshCount();
		void navigator.serviceWorker?.ready
			.then((r) =>
				(
					r as ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }
				).sync?.register('ow-outbox')
			)
			.catch(() => undefined);
		await this.kick();
	}

	/** Sending, or a press of "send now" still being shown. */
	get busy(): boolean {
		return this.sending || this.#pressed;
	}

	/** "Send now": tries at once, whatever the backoff says. */
	async sendNow(): Promise<void> {
		this.#pressed = true;
		try {
			await Promise.all([
				this.kick(true),
				new Promise((resolve) => setTimeout(resolve, PRESS_FEEDBACK_MS))
			]);
		} finally {
			this.#pressed = false;
		}
		this.triedNowAt = this.failure ? Date.now() : null;
	}

	async kick(force = false): Promise<void> {
		if (this.sending) {
			// News that came during a flush (the network is back, "send now") may be what that flush
			// failed for want of: try again once it ends.
			if (force) this.#again = true;
			return;
		}
		clearTimeout(this.#timer);
		this.nextAttemptAt = null;
		this.sending = true;
		try {
			const { flush, AgentSignedOut } = await import('./flusher');
			try {
				const report = await flush(fetch, { force });
				this.failure = null;
				this.triedNowAt = null;
				this.signedOut = false;
				// Another tab (or the worker) holds the flush: look again shortly.
				if (!report.ran) this.#schedule(FIRST_RETRY_MS);
				else if (report.nextAttemptAt) this.#schedule(report.nextAttemptAt - Date.now());
			} catch (error) {
				if (!(error instanceof AgentSignedOut)) throw error;
				// Nothing to retry until the agent signs in again (the agent page kicks then).
				this.signedOut = true;
			}
		} catch (error) {
			const { retryAfterMs: retryAfter, reason } = error as {
				retryAfterMs?: number | null;
				reason?: FailureReason;
			};
			// Waiting out a backoff another tab started is not a new failure.
			if ((error as Error).message !== 'backing off') this.failure = reason ?? 'server';
			this.#schedule(retryAfter ?? FIRST_RETRY_MS);
		} finally {
			this.sending = false;
			await this.refreshCount();
			if (this.#again) {
				this.#again = false;
				void this.kick(true);
			}
		}
	}

	#schedule(ms: number) {
		ms = Math.max(0, ms);
		clearTimeout(this.#timer);
		this.nextAttemptAt = Date.now() + ms;
		this.#timer = setTimeout(() => void this.kick(), ms);
	}
}

export const outboxSync = new OutboxSync();
