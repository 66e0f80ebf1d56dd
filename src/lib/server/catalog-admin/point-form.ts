import type { DocPoint } from './document';
import { filledRows, numberField } from './form-issues';
import type { DocIssue, DocPath } from './validate';

const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;
const SPAN = /^(\d{1,2}:\d{2})-(\d{1,2}:\d{2})$/;

/** "08:30-12:00, 13:30-17:00" as spans; null when it is not written so. */
export function parseSpans(text: string): [string, string][] | null {
	const parts = text
		.replace(/\s*[-–~至]\s*/g, '-')
		.split(/[,，;；、\s]+(?=\d)/)
		.map((s) => s.trim())
		.filter(Boolean);
	const spans: [string, string][] = [];
	for (const part of parts) {
		const match = SPAN.exec(part);
		if (!match) return null;
		spans.push([match[1]!.padStart(5, '0'), match[2]!.padStart(5, '0')]);
	}
	return spans;
}

export function spansText(spans: [string, string][] | undefined): string {
	return (spans ?? []).map(([a, b]) => `${a}-${b}`).join(', ');
}

export interface PointForm {
	point: Record<string, unknown>;
	issues: DocIssue[];
	rename: (path: DocPath) => DocPath;
}

/**
 * A point from its edit form; `matterIds` are the matters it may be ticked to handle. A town
 * administrator's (`townId` set) stays in their town, and none becomes the city hall.
 */
export function pointFromForm(
	form: Record<string, string>,
	base: DocPoint,
	matterIds: string[],
	townId: string | null
): PointForm {
	const issues: DocIssue[] = [];
	const get = (name: string) => (form[name] ?? '').trim();
	const hours: Record<string, [string, string][]> = {};
	for (const d of WEEKDAYS) {
		const spans = parseSpans(get(`hours.${d}`));
		if (spans === null) issues.push({ path: ['hours', d], code: 'hours' });
		else if (spans.length) hours[d] = spans;
	}
	const kept = filledRows(form, 'closures');
	const services = matterIds
		.filter((id) => form[`services.${id}.on`])
		.map((id) => ({
			matter: id,
			slotMinutes: numberField(form[`services.${id}.slotMinutes`]),
			capacity: numberField(form[`services.${id}.capacity`]),
			minHoursAhead: numberField(form[`services.${id}.minHoursAhead`]),
			maxDaysAhead: numberField(form[`services.${id}.maxDaysAhead`])
		}));
	const point = {
		...base,
		zh: get('zh'),
		en: get('en'),
		town: get('town') || base.town,
		kind: get('kind') || base.kind,
		addressZh: get('addressZh'),
		addressEn: get('addressEn'),
		lat: numberField(form.lat),
		lng: numberField(form.lng),
		phone: get('phone'),
		counters: numberField(form.counters),
		hours,
		closures: kept.map(({ row }) => ({
			date: row.date?.trim() ?? '',
			zh: row.zh?.trim() ?? '',
			en: row.en?.trim() ?? ''
		})),
		services
	};
	if (townId !== null) {
		point.town = townId;
		if (point.kind === 'city') issues.push({ path: ['kind'], code: 'city_only' });
	}
	const rename = (path: DocPath): DocPath => {
		// A weekday's spans are one field of text: a span or a time in it is that field's.
		if (path[0] === 'hours') return path.slice(0, 2);
		if (path[0] === 'closures' && typeof path[1] === 'number') {
			return ['closures', kept[path[1]]?.n ?? path[1], ...path.slice(2)];
		}
		if (path[0] === 'services' && typeof path[1] === 'number') {
			return ['services', services[path[1]]?.matter ?? path[1], ...path.slice(2)];
		}
		return path;
	};
	return { point, issues, rename };
}
