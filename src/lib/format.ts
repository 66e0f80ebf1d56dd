import { getLocale } from '$lib/paraglide/runtime';
import { SERVICE_TIME_ZONE } from '$lib/time';

const tag = () => (getLocale() === 'zh' ? 'zh-CN' : 'en-GB');

export function formatDateTime(at: number | string): string {
	return new Date(at).toLocaleString(tag(), {
		timeZone: SERVICE_TIME_ZONE,
		month: 'short',
		day: 'numeric',
		hour: '2-digit',
		minute: '2-digit'
	});
}

/** A calendar date (YYYY-MM-DD) with its weekday. */
export function formatDay(date: string): string {
	return new Date(`${date}T12:00:00+08:00`).toLocaleDateString(tag(), {
		timeZone: SERVICE_TIME_ZONE,
		month: 'short',
		day: 'numeric',
		weekday: 'short'
	});
}

/** `HH:mm` of a slot time `YYYY-MM-DDTHH:mm+08:00`. */
export function slotClock(start: string): string {
	return start.slice(11, 16);
}

export function formatKm(km: number): string {
	return km < 10 ? km.toFixed(1) : String(Math.round(km));
}
