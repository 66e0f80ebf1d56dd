import * as v from 'valibot';
import mattersJson from './data/matters.json';
import pointsJson from './data/points.json';
import type { CatalogRows } from './catalog-rows';
import { mattersFile, pointsFile, type MattersFile, type PointsFile } from './demo-schema';

/** The demo catalogue from the data files, checked and turned into rows. */
export function demoCatalogRows(): CatalogRows {
	return toRows(v.parse(pointsFile, pointsJson), v.parse(mattersFile, mattersJson));
}

function toRows(p: PointsFile, m: MattersFile): CatalogRows {
	const json = JSON.stringify;
	const rows: CatalogRows = {
		categories: m.categories.map((c, i) => ({
			id: c.id,
			name_zh: c.zh,
			name_en: c.en,
			ticket_prefix: c.ticketPrefix,
			sort: i
		})),
		departments: m.departments.map((d) => ({ id: d.id, name_zh: d.zh, name_en: d.en })),
		towns: p.towns.map((t) => ({
			id: t.id,
			name_zh: t.zh,
			name_en: t.en,
			kind: t.kind,
			sort: t.sort
		})),
		points: p.points.map((pt) => ({
			id: pt.id,
			town_id: pt.town,
			kind: pt.kind,
			name_zh: pt.zh,
			name_en: pt.en,
			address_zh: pt.addressZh,
			address_en: pt.addressEn,
			lat: pt.lat,
			lng: pt.lng,
			phone: pt.phone,
			hours: json(pt.hours),
			counters: pt.counters
		})),
		point_closures: [
			...p.points.flatMap((pt) =>
				p.holidays.map((h) => ({ point_id: pt.id, date: h.date, reason_zh: h.zh, reason_en: h.en }))
			),
			...p.closures.map((c) => ({
				point_id: c.point,
				date: c.date,
				reason_zh: c.zh,
				reason_en: c.en
			}))
		],
		matters: m.matters.map((mt, i) => ({
			id: mt.id,
			code: mt.code,
			category_id: mt.category,
			department_id: mt.department,
			name_zh: mt.zh,
			name_en: mt.en,
			aliases: json(mt.aliases),
			summary_zh: mt.summaryZh,
			summary_en: mt.summaryEn,
			conditions: json(mt.conditions),
			promised_days: mt.promisedDays,
			legal_days: mt.legalDays,
			fee_zh: mt.fee.zh,
			fee_en: mt.fee.en,
			legal_basis: json(mt.legalBasis),
			visits: mt.visits,
			questions: json(mt.questions),
			form: json(mt.form),
			sort: i
		})),
		materials: m.matters.flatMap((mt) =>
			mt.materials.map((mat, i) => ({
				matter_id: mt.id,
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
		point_matters: p.points.flatMap((pt) =>
			m.matters
				.filter((mt) => mt.handledAt.includes(pt.kind))
				.map((mt) => ({
					point_id: pt.id,
					matter_id: mt.id,
					slot_minutes: mt.slot.minutes,
					capacity:
						mt.slot.capacityPerCounter *
						(pt.kind === 'village' || pt.kind === 'proxy' ? 1 : pt.counters),
					min_hours_ahead: mt.slot.minHoursAhead,
					max_days_ahead: mt.slot.maxDaysAhead
				}))
		),
		bundles: m.bundles.map((b, i) => ({
			id: b.id,
			name_zh: b.zh,
			name_en: b.en,
			summary_zh: b.summaryZh,
			summary_en: b.summaryEn,
			sort: i
		})),
		bundle_matters: m.bundles.flatMap((b) =>
			b.matters.map((matterId, i) => ({ bundle_id: b.id, matter_id: matterId, sort: i }))
		)
	};
	return rows;
}
