import { slotTimes } from '$lib/catalog/slots';
import type { SlotRule } from '$lib/catalog/types';
import type { PointSummary } from '$lib/catalog/views';
import { serviceClock } from '$lib/time';
import { deviceDb, slotKey, type KnownSlot } from './db';

export interface BoardSlot {
	start: string;
	end: string;
	date: string;
	capacity: number;
	/** null: never fetched for this slot. */
	remaining: number | null;
}

/**
 * A point's slots for a matter: times from its rules (so they show offline too), free places as
 * last fetched from the server, with when that was.
 */
export class SlotBoard {
	slots = $state.raw<BoardSlot[]>([]);
	fetchedAt = $state<number | null>(null);
	loading = $state(false);
	error = $state<string | null>(null);
	#point: PointSummary;
	#rule: SlotRule;

	constructor(point: PointSummary, rule: SlotRule) {
		this.#point = point;
		this.#rule = rule;
	}

	async load(): Promise<void> {
		const cached = await deviceDb.slots.get(slotKey(this.#point.id, this.#rule.matterId));
		this.#show(cached?.slots ?? [], cached?.fetchedAt ?? null);
		await this.refresh();
	}

	async refresh(): Promise<void> {
		if (!navigator.onLine) return;
		this.loading = true;
		const days = Math.min(this.#rule.maxDaysAhead + 1, 31);
		const from = serviceClock().date;
		try {
			const response = await fetch(
				`/api/points/${encodeURIComponent(this.#point.id)}/slots?matter=${encodeURIComponent(this.#rule.matterId)}&from=${from}&days=${days}`
			);
			const body = await response.json();
			if (!response.ok) throw new Error(body?.error?.message ?? String(response.status));
			const slots = (body as { slots: KnownSlot[] }).slots;
			const fetchedAt = Date.now();
			await deviceDb.slots.put({
				key: slotKey(this.#point.id, this.#rule.matterId),
				pointId: this.#point.id,
				matterId: this.#rule.matterId,
				fetchedAt,
				slots
			});
			this.error = null;
			this.#show(slots, fetchedAt);
		} catch (e) {
			// A dropped connection keeps the last figures on screen; the page says how old they are.
			if (navigator.onLine) this.error = e instanceof Error ? e.message : String(e);
		} finally {
			this.loading = false;
		}
	}

	#show(known: KnownSlot[], fetchedAt: number | null) {
		const remaining: Record<string, number> = Object.fromEntries(
			known.map((s) => [s.start, s.remaining])
		);
		const days = Math.min(this.#rule.maxDaysAhead + 1, 31);
		this.slots = slotTimes(this.#point, this.#rule, serviceClock().date, days).map((s) => ({
			...s,
			remaining: remaining[s.start] ?? null
		}));
		this.fetchedAt = fetchedAt;
	}
}
