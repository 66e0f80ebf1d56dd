/** Free places in one slot, as the server told them. */
export interface KnownSlot {
	start: string;
	end: string;
	capacity: number;
	remaining: number;
}

/** The last free-place figures fetched for a point and matter, shown offline with their age. */
export interface SlotFigures {
	fetchedAt: number;
	slots: KnownSlot[];
}

// A saved answer of the server's, like a saved page: kept in the Cache Storage, not the device's
// database, so choosing a time does not load the database library.
export const SLOT_FIGURES_CACHE = 'ow-slot-figures';

const keyOf = (pointId: string, matterId: string) =>
	`/slot-figures/${encodeURIComponent(pointId)}/${encodeURIComponent(matterId)}`;

export async function keptSlotFigures(
	pointId: string,
	matterId: string
): Promise<SlotFigures | null> {
	if (!('caches' in globalThis)) return null;
	try {
		const saved = await (await caches.open(SLOT_FIGURES_CACHE)).match(keyOf(pointId, matterId));
		return saved ? ((await saved.json()) as SlotFigures) : null;
	} catch {
		return null;
	}
}

/** Best effort: a phone whose storage is full still shows the figures it just fetched. */
export async function keepSlotFigures(
	pointId: string,
	matterId: string,
	figures: SlotFigures
): Promise<void> {
	if (!('caches' in globalThis)) return;
	try {
		const body = JSON.stringify(figures);
		const response = new Response(body, { headers: { 'content-type': 'application/json' } });
		await (await caches.open(SLOT_FIGURES_CACHE)).put(keyOf(pointId, matterId), response);
	} catch {
		// Nothing is lost but the offline copy.
	}
}
