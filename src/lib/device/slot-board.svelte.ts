import { bookingDays, slotTimes, slotsApiUrl } from '$lib/catalog/slots';
import type { NationalCalendar, SlotRule } from '$lib/catalog/types';
import type { PointSummary } from '$lib/catalog/views';
import { serviceClock } from '$lib/time';
import { keepSlotFigures, keptSlotFigures, type KnownSlot } from './slot-figures';

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
 * last fetched from the server, with when that was; the figures are kept on the device.
 */
export class SlotBoard {
	slots = $state.raw<BoardSlot[]>([]);
	fetchedAt = $state<number | null>(null);
	loading = $state(false);
	error = $state<string | null>(null);
	#point: PointSummary;
	#rule: SlotRule;
	#calendar: NationalCalendar;

	/** `live`: figures the page already fetched, if it could. */
	constructor(
		point: PointSummary,
		rule: SlotRule,
		calendar: NationalCalendar,
		live: { slots: KnownSlot[]; generatedAt: string } | null
	) {
		this.#point = point;
		this.#rule = rule;
		this.#calendar = calendar;
		this.#show(live?.slots ?? [], live ? Date.parse(live.generatedAt) : null);
	}

	/** Keeps fresh figures on the device, or shows the device's last ones. */
	async load(): Promise<void> {
		if (this.fetchedAt) {
			await this.#store(
				this.slots.filter((s) => s.remaining !== null) as KnownSlot[],
				this.fetchedAt
			);
			return;
		}
		const cached = await keptSlotFigures(this.#point.id, this.#rule.matterId);
		if (cached) this.#show(cached.slots, cached.fetchedAt);
		await this.refresh();
	}

	async refresh(): Promise<void> {
		if (!navigator.onLine) return;
		this.loading = true;
		try {
			const response = await fetch(slotsApiUrl(this.#point.id, this.#rule, serviceClock().date));
			const body = await response.json();
			if (!response.ok) throw new Error(body?.error?.message ?? String(response.status));
			const slots = (body as { slots: KnownSlot[] }).slots;
			const fetchedAt = Date.now();
			await this.#store(slots, fetchedAt);
			this.error = null;
			this.#show(slots, fetchedAt);
		} catch (e) {
			// A dropped connection keeps the last figures on screen; the page says how old they are.
			if (navigator.onLine) this.error = e instanceof Error ? e.message : String(e);
		} finally {
			this.loading = false;
		}
	}

	#store(slots: KnownSlot[], fetchedAt: number): Promise<void> {
		return keepSlotFigures(this.#point.id, this.#rule.matterId, { slots, fetchedAt });
	}

	#show(known: KnownSlot[], fetchedAt: number | null) {
		const remaining: Record<string, number> = Object.fromEntries(
			known.map((s) => [s.start, s.remaining])
		);
		const days = bookingDays(this.#rule);
		const today = serviceClock().date;
		this.slots = slotTimes(this.#point, this.#rule, this.#calendar, today, days).map((s) => ({
			...s,
			remaining: remaining[s.start] ?? null
		}));
		this.fetchedAt = fetchedAt;
	}
}
