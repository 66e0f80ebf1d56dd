import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type {
	CatalogSnapshot,
	Closure,
	FormField,
	Material,
	Point,
	SlotRule,
	WeeklyHours
} from '$lib/catalog/types';
import type { Database } from '../db/schema';
import { aliasKeys, pinyinKeys } from './pinyin';
import { calendarSince, nationalCalendar } from '../calendar/national';
import { readCatalogTables } from './tables';

type Content = Omit<CatalogSnapshot, 'version' | 'generatedAt'>;

/** Reads the whole catalogue and shapes it as the device keeps it, pinyin included. */
export async function buildSnapshot(db: Kysely<Database>): Promise<CatalogSnapshot> {
	const [
		[
			categories,
			departments,
			towns,
			points,
			closures,
			matters,
			materials,
			services,
			bundles,
			bundleMatters
		],
		calendar
	] = await Promise.all([
		readCatalogTables(db),
		// From last year on: enough for any booking window, small enough to send to every phone.
		nationalCalendar(db, calendarSince())
	]);

	const closuresOf = groupBy(
		closures,
		(c) => c.point_id,
		(c): Closure => ({
			date: c.date,
			reason: { zh: c.reason_zh, en: c.reason_en }
		})
	);
	const servicesOf = groupBy(
		services,
		(s) => s.point_id,
		(s): SlotRule => ({
			matterId: s.matter_id,
			slotMinutes: s.slot_minutes,
			capacity: s.capacity,
			minHoursAhead: s.min_hours_ahead,
			maxDaysAhead: s.max_days_ahead
		})
	);
	const materialsOf = groupBy(
		materials,
		(m) => m.matter_id,
		(m): Material => ({
			id: m.id,
			name: { zh: m.name_zh, en: m.name_en },
			form: m.form,
			count: m.count,
			note: { zh: m.note_zh, en: m.note_en },
			when: JSON.parse(m.when) as Record<string, string[]>
		})
	);
	const mattersOf = groupBy(
		bundleMatters,
		(b) => b.bundle_id,
		(b) => b.matter_id
	);

	const content: Content = {
		categories: categories.map((c) => ({
			id: c.id,
			name: { zh: c.name_zh, en: c.name_en },
			ticketPrefix: c.ticket_prefix
		})),
		departments: departments.map((d) => ({ id: d.id, name: { zh: d.name_zh, en: d.name_en } })),
		towns: towns.map((t) => ({ id: t.id, name: { zh: t.name_zh, en: t.name_en }, kind: t.kind })),
		points: points.map((p): Point => ({
			id: p.id,
			townId: p.town_id,
			kind: p.kind,
			name: { zh: p.name_zh, en: p.name_en },
			address: { zh: p.address_zh, en: p.address_en },
			lat: p.lat,
			lng: p.lng,
			phone: p.phone,
			hours: JSON.parse(p.hours) as WeeklyHours,
			counters: p.counters,
			closures: closuresOf.get(p.id) ?? [],
			services: servicesOf.get(p.id) ?? [],
			...pinyinKeys(p.name_zh)
		})),
		matters: matters.map((m) => ({
			id: m.id,
			code: m.code,
			categoryId: m.category_id,
			departmentId: m.department_id,
			name: { zh: m.name_zh, en: m.name_en },
			summary: { zh: m.summary_zh, en: m.summary_en },
			conditions: JSON.parse(m.conditions) as CatalogSnapshot['matters'][number]['conditions'],
			promisedDays: m.promised_days,
			legalDays: m.legal_days,
			fee: { zh: m.fee_zh, en: m.fee_en },
			legalBasis: JSON.parse(m.legal_basis) as CatalogSnapshot['matters'][number]['legalBasis'],
			visits: m.visits,
			questions: JSON.parse(m.questions) as CatalogSnapshot['matters'][number]['questions'],
			materials: materialsOf.get(m.id) ?? [],
			form: JSON.parse(m.form) as FormField[],
			...pinyinKeys(m.name_zh),
			...aliasKeys(JSON.parse(m.aliases) as string[])
		})),
		bundles: bundles.map((b) => ({
			id: b.id,
			name: { zh: b.name_zh, en: b.name_en },
			summary: { zh: b.summary_zh, en: b.summary_en },
			matterIds: mattersOf.get(b.id) ?? []
		})),
		calendar
	};
	const version = createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 20);
	return { version, generatedAt: new Date().toISOString(), ...content };
}

function groupBy<T, V>(rows: T[], key: (row: T) => string, value: (row: T) => V): Map<string, V[]> {
	const out = new Map<string, V[]>();
	for (const row of rows) {
		const k = key(row);
		const list = out.get(k);
		if (list) list.push(value(row));
		else out.set(k, [value(row)]);
	}
	return out;
}
