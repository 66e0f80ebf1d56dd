import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import type { Text, WeeklyHours } from '$lib/catalog/types';
import type { CatalogChange, ChangedEntity, ServiceValue } from './change';
import { fieldLabel } from './labels';
import { listed } from '$lib/listed';

type Locale = 'zh' | 'en';
type Label = (i: object, o: { locale?: Locale }) => string;

const entityLabel: Record<ChangedEntity, Label> = {
	matter: m.catalog_entity_matter,
	point: m.catalog_entity_point,
	town: m.catalog_entity_town,
	bundle: m.catalog_entity_bundle,
	category: m.catalog_entity_category,
	department: m.catalog_entity_department
};

/** Fields held in both languages, each language's text labelled as its form field is. */
const TEXT_FIELDS: Record<string, Record<Locale, Label>> = {
	name: { zh: m.catalog_f_zh, en: m.catalog_f_en },
	fee: { zh: m.catalog_f_fee_zh, en: m.catalog_f_fee_en },
	address: { zh: m.catalog_f_address_zh, en: m.catalog_f_address_en }
};

/** Fields whose values are too long for one line: the line says only that they changed. */
const UNSHOWN = new Set(['questions', 'form', 'conditions', 'legalBasis', 'summary']);

/** One change as a line a reader understands: "事项「X」：承诺时限 20 → 15 个工作日". */
export function describeChange(c: CatalogChange, locale: Locale = getLocale()): string {
	const line = changeLine(c, locale);
	// An English line may begin with a kind of thing ("matter “…”: …"): a sentence's capital.
	return line.charAt(0).toUpperCase() + line.slice(1);
}

function changeLine(c: CatalogChange, locale: Locale): string {
	const o = { locale };
	const pick = (t: Text) => (locale === 'en' ? t.en : t.zh);
	const name = pick(c.name);
	const entity = entityLabel[c.entity]({}, o);
	if (c.field === 'closure') {
		const cl = (c.after ?? c.before) as { date: string; zh: string; en: string };
		return c.change === 'removed'
			? m.catalog_change_closure_removed({ name, date: cl.date }, o)
			: m.catalog_change_closure_added({ name, date: cl.date, reason: pick(cl) }, o);
	}
	if (c.field === 'service') {
		const rule = (s: ServiceValue) =>
			m.catalog_slot_rule(
				{
					minutes: s.slotMinutes,
					capacity: s.capacity,
					hours: s.minHoursAhead,
					days: s.maxDaysAhead
				},
				o
			);
		const s = (c.after ?? c.before) as ServiceValue;
		const matter = pick(s.matterName);
		if (c.change === 'added') return m.catalog_change_service_added({ name, matter }, o);
		if (c.change === 'removed') return m.catalog_change_service_removed({ name, matter }, o);
		return m.catalog_change_service_changed(
			{
				name,
				matter,
				before: rule(c.before as ServiceValue),
				after: rule(c.after as ServiceValue)
			},
			o
		);
	}
	if (c.change === 'added') return m.catalog_change_added({ entity, name }, o);
	if (c.change === 'removed') return m.catalog_change_removed({ entity, name }, o);
	const text = TEXT_FIELDS[c.field ?? ''];
	if (text) {
		// The reader's language first; a text edited in the other language is shown too, so every
		// edit is seen.
		const other: Locale = locale === 'en' ? 'zh' : 'en';
		const [before, after] = [c.before as Text, c.after as Text];
		const [shown, ...also] = [locale, other].filter((l) => before[l] !== after[l]);
		const edit = (l: Locale) => ({ field: text[l]({}, o), before: before[l], after: after[l] });
		return (
			m.catalog_change_value({ entity, name, ...edit(shown ?? locale) }, o) +
			also.map((l) => m.catalog_change_value_also(edit(l), o)).join('')
		);
	}
	const field = fieldLabel(c.field ?? '', locale);
	if (UNSHOWN.has(c.field ?? '')) return m.catalog_change_edited({ entity, name, field }, o);
	if (c.field === 'promisedDays' || c.field === 'legalDays') {
		// "承诺时限 20 → 15 个工作日": the unit once, after the new value.
		const after = m.catalog_workdays({ n: Number(c.after) }, o);
		return m.catalog_change_value({ entity, name, field, before: String(c.before), after }, o);
	}
	// In the reader's language; else in the other, where the edit was (a material's Chinese name);
	// else only that it was edited (a count, a note), never the same value on both sides.
	for (const l of [locale, locale === 'en' ? 'zh' : 'en'] as const) {
		const before = formatValue(c.field ?? '', c.before, l);
		const after = formatValue(c.field ?? '', c.after, l);
		if (before !== after) return m.catalog_change_value({ entity, name, field, before, after }, o);
	}
	return m.catalog_change_edited({ entity, name, field }, o);
}

function formatValue(field: string, value: unknown, locale: Locale): string {
	const pick = (t: Text) => (locale === 'en' ? t.en : t.zh);
	const list = (items: string[]) => listed(items, locale) || '—';
	switch (field) {
		case 'hours':
			return formatHours(value as WeeklyHours, locale);
		case 'name':
		case 'fee':
		case 'address':
			return pick(value as Text);
		case 'aliases':
			return list(value as string[]);
		case 'materials':
			return list((value as Text[]).map(pick));
		case 'matters':
			return list((value as Text[]).map(pick));
		case 'coordinates':
			return (value as number[]).join(', ');
		default:
			return value === '' ? '—' : String(value);
	}
}

const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;

/** Weekly hours in one line, days with the same hours together: "周一至周五 08:30–12:00, 13:30–17:00". */
export function formatHours(hours: WeeklyHours, locale: Locale = getLocale()): string {
	const o = { locale };
	const day = (d: string) => m[`weekday_${d}` as 'weekday_1']({}, o);
	const groups: { from: string; to: string; spans: string }[] = [];
	for (const d of WEEKDAYS) {
		const spans = (hours[d] ?? []).map(([a, b]) => `${a}–${b}`).join(', ');
		if (!spans) continue;
		const last = groups.at(-1);
		if (last && last.spans === spans && Number(last.to) + 1 === Number(d)) last.to = d;
		else groups.push({ from: d, to: d, spans });
	}
	if (!groups.length) return m.catalog_closed_all_week({}, o);
	return groups
		.map((g) => {
			const days =
				g.from === g.to
					? day(g.from)
					: m.catalog_day_range({ from: day(g.from), to: day(g.to) }, o);
			return `${days} ${g.spans}`;
		})
		.join(locale === 'en' ? '; ' : '；');
}
