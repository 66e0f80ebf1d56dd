import { afterEach, describe, expect, it, vi } from 'vitest';

const flush = vi.fn();
vi.mock('./flusher', () => ({ flush, AgentSignedOut: class extends Error {} }));
vi.mock('./outbox-signal', () => ({
	countOutbox: async () => ({ waiting: 1, refused: 0, unseen: 0 }),
	onOutboxChange: () => () => {}
}));

const { outboxSync } = await import('./outbox-sync.svelte');

afterEach(() => flush.mockReset());

describe('the outbox sync', () => {
	it('tries again at once when the network comes back during a flush that then fails', async () => {
		let fail!: (error: Error) => void;
		flush.mockImplementationOnce(() => new Promise((_, reject) => (fail = reject)));
		flush.mockResolvedValueOnce({ ran: true, sent: 1, nextAttemptAt: null });
		const first = outboxSync.kick();
		await vi.waitFor(() => expect(flush).toHaveBeenCalledTimes(1));
		// The `online` event (or "send now") comes while that flush still waits for its answer…
		await outboxSync.kick(true);
		// …and the flush fails for want of the link that has just come back.
		fail(Object.assign(new Error('Failed to fetch'), { retryAfterMs: 30_000, reason: 'offline' }));
		await first;
		await vi.waitFor(() => expect(flush).toHaveBeenCalledTimes(2));
		expect(flush.mock.calls[1]![1]).toEqual({ force: true });
		await vi.waitFor(() => expect(outboxSync.sending).toBe(false));
		expect(outboxSync.failure).toBeNull();
	});
});
