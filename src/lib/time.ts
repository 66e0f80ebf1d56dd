/** Every point keeps Beijing time (UTC+8, no daylight saving), whatever the device's own zone. */
export const SERVICE_TIME_ZONE = 'Asia/Shanghai';
const OFFSET_MS = 8 * 3_600_000;

export interface ServiceClock {
	/** YYYY-MM-DD */
	date: string;
	/** 1 (Monday) to 7 (Sunday) */
	weekday: number;
	/** Minutes since midnight. */
	minutes: number;
}

/**
 * The date, weekday and time of day at the points, for an instant. Plain arithmetic rather than
 * `Intl` with a time zone, whose first use costs a phone tens of milliseconds.
 */
export function serviceClock(at: Date | number = Date.now()): ServiceClock {
	const shifted = new Date(+at + OFFSET_MS);
	return {
		date: shifted.toISOString().slice(0, 10),
		weekday: shifted.getUTCDay() || 7,
		minutes: shifted.getUTCHours() * 60 + shifted.getUTCMinutes()
	};
}

/** The instants (ISO, UTC) a day at the points starts and ends: `from` ≤ t < `to`. */
export function serviceDayBounds(date: string): { from: string; to: string } {
	const start = Date.parse(`${date}T00:00:00Z`) - OFFSET_MS;
	return {
		from: new Date(start).toISOString(),
		to: new Date(start + 24 * 3_600_000).toISOString()
	};
}

export function toMinutes(hhmm: string): number {
	const [h, m] = hhmm.split(':');
	return Number(h) * 60 + Number(m);
}

/** `HH:mm` for minutes since midnight. */
export function toHhmm(minutes: number): string {
	return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
