/** Every point keeps Beijing time, whatever the device's own zone. */
export const SERVICE_TIME_ZONE = 'Asia/Shanghai';

const parts = new Intl.DateTimeFormat('en-CA', {
	timeZone: SERVICE_TIME_ZONE,
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	hourCycle: 'h23',
	weekday: 'short'
});

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

export interface ServiceClock {
	/** YYYY-MM-DD */
	date: string;
	/** 1 (Monday) to 7 (Sunday) */
	weekday: number;
	/** Minutes since midnight. */
	minutes: number;
}

/** The date, weekday and time of day at the points, for an instant. */
export function serviceClock(at: Date = new Date()): ServiceClock {
	const p = Object.fromEntries(parts.formatToParts(at).map((x) => [x.type, x.value]));
	return {
		date: `${p.year}-${p.month}-${p.day}`,
		weekday: WEEKDAYS[p.weekday!] ?? 1,
		minutes: Number(p.hour) * 60 + Number(p.minute)
	};
}

export function toMinutes(hhmm: string): number {
	const [h, m] = hhmm.split(':');
	return Number(h) * 60 + Number(m);
}
