import type { CatalogChange, ChangedEntity, ServiceValue } from '$lib/catalog-admin/change';
import type { Text } from '$lib/catalog/types';
import type { CatalogDocument, DocMatter, DocPoint } from './document';

type Fields<T> = Record<string, (item: T) => unknown>;

const named = (x: { zh: string; en: string }): Text => ({ zh: x.zh, en: x.en });

const matterFields: Fields<DocMatter> = {
	name: named,
	code: (m) => m.code,
	category: (m) => m.category,
	department: (m) => m.department,
	aliases: (m) => m.aliases,
	summary: (m) => ({ zh: m.summaryZh, en: m.summaryEn }),
	conditions: (m) => m.conditions,
	promisedDays: (m) => m.promisedDays,
	legalDays: (m) => m.legalDays,
	fee: (m) => m.fee,
	legalBasis: (m) => m.legalBasis,
	visits: (m) => m.visits,
	questions: (m) => m.questions,
	materials: (m) => m.materials,
	form: (m) => m.form
};

const pointFields: Fields<DocPoint> = {
	name: named,
	town: (p) => p.town,
	kind: (p) => p.kind,
	address: (p) => ({ zh: p.addressZh, en: p.addressEn }),
	coordinates: (p) => [p.lat, p.lng],
	phone: (p) => p.phone,
	hours: (p) => p.hours,
	counters: (p) => p.counters
};

/** What changed from one catalogue document to the next, entity by entity, field by field. */
export function diffDocuments(before: CatalogDocument, after: CatalogDocument): CatalogChange[] {
	const out: CatalogChange[] = [];
	const mattersAfter = new Map(after.matters.map((m) => [m.id, m]));
	const mattersBefore = new Map(before.matters.map((m) => [m.id, m]));
	const matterName = (id: string): Text =>
		named(mattersAfter.get(id) ?? mattersBefore.get(id) ?? { zh: id, en: id });

	compare(out, 'category', before.categories, after.categories, {
		name: named,
		ticketPrefix: (c) => c.ticketPrefix
	});
	compare(out, 'department', before.departments, after.departments, { name: named });
	compare(out, 'town', before.towns, after.towns, {
		name: named,
		kind: (t) => t.kind,
		sort: (t) => t.sort
	});
	compare(out, 'matter', before.matters, after.matters, matterFields);
	compare(out, 'point', before.points, after.points, pointFields, (old, now, push) => {
		const closed = new Map(old.closures.map((c) => [c.date, c]));
		const closes = new Map(now.closures.map((c) => [c.date, c]));
		for (const c of now.closures) {
			const was = closed.get(c.date);
			if (!was) push({ change: 'added', field: 'closure', after: c });
			else if (was.zh !== c.zh || was.en !== c.en)
				push({ change: 'changed', field: 'closure', before: was, after: c });
		}
		for (const c of old.closures) {
			if (!closes.has(c.date)) push({ change: 'removed', field: 'closure', before: c });
		}
		const served = new Map(old.services.map((s) => [s.matter, s]));
		const serves = new Map(now.services.map((s) => [s.matter, s]));
		const value = (s: DocPoint['services'][number]): ServiceValue => ({
			...s,
			matterName: matterName(s.matter)
		});
		for (const s of now.services) {
			const was = served.get(s.matter);
			if (!was) push({ change: 'added', field: 'service', after: value(s) });
			else if (JSON.stringify(was) !== JSON.stringify(s))
				push({ change: 'changed', field: 'service', before: value(was), after: value(s) });
		}
		for (const s of old.services) {
			if (!serves.has(s.matter)) push({ change: 'removed', field: 'service', before: value(s) });
		}
	});
	compare(out, 'bundle', before.bundles, after.bundles, {
		name: named,
		summary: (b) => ({ zh: b.summaryZh, en: b.summaryEn }),
		matters: (b) => b.matters.map(matterName)
	});
	return out;
}

function compare<T extends { id: string; zh: string; en: string }>(
	out: CatalogChange[],
	entity: ChangedEntity,
	before: T[],
	after: T[],
	fields: Fields<T>,
	more?: (old: T, now: T, push: (c: Omit<CatalogChange, 'entity' | 'id' | 'name'>) => void) => void
): void {
	const old = new Map(before.map((x) => [x.id, x]));
	const ids = new Set(after.map((x) => x.id));
	for (const now of after) {
		const was = old.get(now.id);
		const base = { entity, id: now.id, name: named(now) };
		if (!was) {
			out.push({ ...base, change: 'added' });
			continue;
		}
		for (const [field, get] of Object.entries(fields)) {
			const a = get(was);
			const b = get(now);
			if (JSON.stringify(a) !== JSON.stringify(b)) {
				out.push({ ...base, change: 'changed', field, before: a, after: b });
			}
		}
		more?.(was, now, (c) => out.push({ ...base, ...c }));
	}
	for (const was of before) {
		if (!ids.has(was.id)) out.push({ entity, id: was.id, name: named(was), change: 'removed' });
	}
}
