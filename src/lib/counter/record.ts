import { mergedQuestions } from '$lib/catalog/merged-questions';
import {
	materialNeed,
	materialsByMatter,
	materialsFor,
	type Answers
} from '$lib/catalog/materials';
import type { FormField, Material, Question, Text } from '$lib/catalog/types';
import { mergedFields } from '$lib/catalog/merged-fields';
import { tr } from '$lib/i18n';

/** What the record page knows of each of an application's matters. */
export interface RecordMatter {
	id: string;
	name: Text;
	questions: Question[];
	materials: Material[];
	form: FormField[];
}

/** A material's name in the reader's language, or its id when its matter no longer has it. */
export function materialName(matters: Pick<RecordMatter, 'materials'>[], id: string): string {
	const found = matters.flatMap((x) => x.materials).find((x) => x.id === id);
	return found ? tr(found.name) : id;
}

/** A field's value as the resident chose it: a select's option as its label, else the value. */
export interface FieldEntry {
	key: string;
	label: Text;
	value: string;
	/** The chosen option's label, for a select field. */
	option: Text | null;
}

/** The application's form fields in the catalogue's order; keys it no longer has come last. */
export function fieldEntries(
	matters: RecordMatter[],
	fields: Record<string, unknown>
): FieldEntry[] {
	const form = mergedFields(matters.map((x) => x.form));
	const known = form
		.filter((f) => fields[f.key] !== undefined && fields[f.key] !== '')
		.map((f) => {
			const value = String(fields[f.key]);
			const chosen = f.type === 'select' ? f.options.find((o) => o.value === value) : undefined;
			const option = chosen ? { zh: chosen.zh, en: chosen.en } : null;
			return { key: f.key, label: { zh: f.zh, en: f.en }, value, option };
		});
	const unknown = Object.entries(fields)
		.filter(([key]) => !form.some((f) => f.key === key))
		.map(([key, value]) => ({
			key,
			label: { zh: key, en: key },
			value: String(value),
			option: null
		}));
	return [...known, ...unknown];
}

/** Each situation question of the matters once, with the option the resident chose (or null). */
export function situation(
	matters: RecordMatter[],
	answers: Answers
): { question: Question; answer: Text | null }[] {
	return mergedQuestions(matters).map((question) => ({
		question,
		answer: question.options.find((o) => o.id === answers[question.id]) ?? null
	}));
}

export interface Photo {
	sha256: string;
	materialId: string;
}

export interface ChecklistItem {
	material: Material;
	/** `maybe`: a question that decides it was left open. */
	need: 'always' | 'yes' | 'maybe';
	photos: Photo[];
	/** Photos of it the resident's phone has not uploaded yet. */
	awaited: number;
	/** When the resident last sent photos of it after the counter asked (from the timeline). */
	addedAt: string | null;
	/** The counter has asked for it (pass the requested materials only while waiting for them). */
	requested: boolean;
	/** Other matters of the bundle that need the same material (listed once, under the first). */
	alsoFor: Text[];
}

/**
 * The materials the resident's answers call for, per matter (as the resident's guide lists them),
 * each once across a bundle, with its photos; photos of any other material come apart as `others`.
 */
export function checklist(
	matters: RecordMatter[],
	record: {
		answers: Answers;
		attachments: Photo[];
		/** Photos named but not uploaded yet. */
		awaited?: Photo[];
		timeline: { step: string; at: string; note: string }[];
		requestedMaterials: string[];
	}
): { groups: { matter: RecordMatter; items: ChecklistItem[] }[]; others: Photo[] } {
	const added = new Map<string, string>();
	for (const e of record.timeline) {
		if (e.step === 'add_materials') for (const id of e.note.split(',')) added.set(id, e.at);
	}
	const needs = matters.map((matter) => ({
		matter,
		materials: materialsFor(matter.materials, record.answers)
	}));
	const groups = materialsByMatter(matters, record.answers).map(({ matter, materials }) => ({
		matter,
		items: materials.map((material) => ({
			material,
			need: materialNeed(material, record.answers) as ChecklistItem['need'],
			photos: record.attachments.filter((a) => a.materialId === material.id),
			awaited: (record.awaited ?? []).filter((a) => a.materialId === material.id).length,
			addedAt: added.get(material.id) ?? null,
			requested: record.requestedMaterials.includes(material.id),
			alsoFor: needs
				.filter((n) => n.matter !== matter && n.materials.some((x) => x.id === material.id))
				.map((n) => n.matter.name)
		}))
	}));
	const listed = new Set(groups.flatMap((g) => g.items.map((item) => item.material.id)));
	return { groups, others: record.attachments.filter((a) => !listed.has(a.materialId)) };
}
