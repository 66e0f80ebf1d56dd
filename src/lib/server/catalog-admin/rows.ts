import type { Kysely } from 'kysely';
import type { WeeklyHours } from '$lib/catalog/types';
import type { CatalogRows } from '../seed/catalog-rows';
import type { Database } from '../db/schema';
import type { Tx } from '../db/transaction';
import { readCatalogTables } from '../catalog/tables';
import type { CatalogDocument, DocMatter, DocPoint } from './document';

const json = JSON.stringify;

/** The document as the catalogue's tables hold it, row by row. */
export function documentRows(doc: CatalogDocument): CatalogRows {
	return {
		categories: doc.categories.map((c, i) => ({
			id: c.id,
			name_zh: c.zh,
			name_en: c.en,
			ticket_prefix: c.ticketPrefix,
			sort: i
		})),
		departments: doc.departments.map((d) => ({ id: d.id, name_zh: d.zh, name_en: d.en })),
		towns: doc.towns.map((t) => ({
			id: t.id,
			name_zh: t.zh,
			name_en: t.en,
			kind: t.kind,
			sort: t.sort
		})),
		points: doc.points.map((p) => ({
			id: p.id,
			town_id: p.town,
			kind: p.kind,
			name_zh: p.zh,
			name_en: p.en,
			address_zh: p.addressZh,
			address_en: p.addressEn,
			lat: p.lat,
			lng: p.lng,
			phone: p.phone,
			hours: json(p.hours),
			counters: p.counters
		})),
		point_closures: doc.points.flatMap((p) =>
			p.closures.map((c) => ({ point_id: p.id, date: c.date, reason_zh: c.zh, reason_en: c.en }))
		),
		matters: doc.matters.map((m, i) => ({
			id: m.id,
			code: m.code,
			category_id: m.category,
			department_id: m.department,
			name_zh: m.zh,
			name_en: m.en,
			aliases: json(m.aliases),
			summary_zh: m.summaryZh,
			summary_en: m.summaryEn,
			conditions: json(m.conditions),
			promised_days: m.promisedDays,
			legal_days: m.legalDays,
			fee_zh: m.fee.zh,
			fee_en: m.fee.en,
			legal_basis: json(m.legalBasis),
			visits: m.visits,
			questions: json(m.questions),
			form: json(m.form),
			sort: i
		})),
		materials: doc.matters.flatMap((m) =>
			m.materials.map((mat, i) => ({
				matter_id: m.id,
				id: mat.id,
				name_zh: mat.zh,
				name_en: mat.en,
				form: mat.form,
				count: mat.count,
				note_zh: mat.noteZh,
				note_en: mat.noteEn,
				when: json(mat.when),
				sort: i
			}))
		),
		point_matters: doc.points.flatMap((p) =>
			p.services.map((s) => ({
				point_id: p.id,
				matter_id: s.matter,
				slot_minutes: s.slotMinutes,
				capacity: s.capacity,
				min_hours_ahead: s.minHoursAhead,
				max_days_ahead: s.maxDaysAhead
			}))
		),
		bundles: doc.bundles.map((b, i) => ({
			id: b.id,
			name_zh: b.zh,
			name_en: b.en,
			summary_zh: b.summaryZh,
			summary_en: b.summaryEn,
			sort: i
		})),
		bundle_matters: doc.bundles.flatMap((b) =>
			b.matters.map((matterId, i) => ({ bundle_id: b.id, matter_id: matterId, sort: i }))
		)
	};
}

/** The catalogue as its tables hold it now, as one document. */
export async function readCatalogDocument(db: Kysely<Database> | Tx): Promise<CatalogDocument> {
	const [
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
	] = await readCatalogTables(db);
	const by = <T extends Record<K, string>, K extends string>(rows: T[], key: K) => {
		const out = new Map<string, T[]>();
		for (const r of rows) out.set(r[key], [...(out.get(r[key]) ?? []), r]);
		return out;
	};
	const closuresOf = by(closures, 'point_id');
	const servicesOf = by(services, 'point_id');
	const materialsOf = by(materials, 'matter_id');
	const bundleMattersOf = by(bundleMatters, 'bundle_id');
	return {
		categories: categories.map((c) => ({
			id: c.id,
			zh: c.name_zh,
			en: c.name_en,
			ticketPrefix: c.ticket_prefix
		})),
		departments: departments.map((d) => ({ id: d.id, zh: d.name_zh, en: d.name_en })),
		towns: towns.map((t) => ({
			id: t.id,
			zh: t.name_zh,
			en: t.name_en,
			kind: t.kind,
			sort: Number(t.sort)
		})),
		points: points.map((p): DocPoint => ({
			id: p.id,
			town: p.town_id,
			kind: p.kind,
			zh: p.name_zh,
			en: p.name_en,
			addressZh: p.address_zh,
			addressEn: p.address_en,
			lat: Number(p.lat),
			lng: Number(p.lng),
			phone: p.phone,
			hours: JSON.parse(p.hours) as WeeklyHours as DocPoint['hours'],
			counters: Number(p.counters),
			closures: (closuresOf.get(p.id) ?? []).map((c) => ({
				date: c.date,
				zh: c.reason_zh,
				en: c.reason_en
			})),
			services: (servicesOf.get(p.id) ?? []).map((s) => ({
				matter: s.matter_id,
				slotMinutes: Number(s.slot_minutes),
				capacity: Number(s.capacity),
				minHoursAhead: Number(s.min_hours_ahead),
				maxDaysAhead: Number(s.max_days_ahead)
			}))
		})),
		matters: matters.map((m): DocMatter => ({
			id: m.id,
			code: m.code,
			category: m.category_id,
			department: m.department_id,
			zh: m.name_zh,
			en: m.name_en,
			aliases: JSON.parse(m.aliases) as string[],
			summaryZh: m.summary_zh,
			summaryEn: m.summary_en,
			conditions: JSON.parse(m.conditions) as DocMatter['conditions'],
			promisedDays: Number(m.promised_days),
			legalDays: Number(m.legal_days),
			fee: { zh: m.fee_zh, en: m.fee_en },
			legalBasis: JSON.parse(m.legal_basis) as DocMatter['legalBasis'],
			visits: Number(m.visits),
			questions: JSON.parse(m.questions) as DocMatter['questions'],
			materials: (materialsOf.get(m.id) ?? []).map((mat) => ({
				id: mat.id,
				zh: mat.name_zh,
				en: mat.name_en,
				form: mat.form,
				count: Number(mat.count),
				noteZh: mat.note_zh,
				noteEn: mat.note_en,
				when: JSON.parse(mat.when) as Record<string, string[]>
			})),
			form: JSON.parse(m.form) as DocMatter['form']
		})),
		bundles: bundles.map((b) => ({
			id: b.id,
			zh: b.name_zh,
			en: b.name_en,
			summaryZh: b.summary_zh,
			summaryEn: b.summary_en,
			matters: (bundleMattersOf.get(b.id) ?? []).map((r) => r.matter_id)
		}))
	};
}
