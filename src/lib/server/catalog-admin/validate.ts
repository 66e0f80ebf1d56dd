import * as v from 'valibot';
import type { CatalogIssue } from '$lib/catalog-admin/describe-issue';
import {
	ALIAS_IN_NAME,
	ALIAS_REPEAT,
	BOUND_ORDER,
	NOT_BEFORE_DATE,
	NOT_BEFORE_LOOP,
	PHONE_FORMAT,
	PROMISED_OVER_LEGAL,
	REQUIRED_WHEN,
	SPAN_ORDER,
	SPANS_OVERLAP,
	WHOLE_BOUND
} from '../seed/demo-schema';
import { AHEAD_WINDOW, catalogDocument, type CatalogDocument } from './document';
import { toMinutes } from '$lib/time';

export type DocPath = (string | number)[];

/** One problem of a catalogue document, at its path; `issueMessage` words it for a reader. */
export type DocIssue = CatalogIssue;

export type Validated = { ok: true; doc: CatalogDocument } | { ok: false; issues: DocIssue[] };

const CHECKS: Record<string, string> = {
	[ALIAS_IN_NAME]: 'alias_in_name',
	[ALIAS_REPEAT]: 'alias_repeat',
	[SPAN_ORDER]: 'span_order',
	[SPANS_OVERLAP]: 'spans_overlap',
	[PHONE_FORMAT]: 'phone',
	[PROMISED_OVER_LEGAL]: 'promised_over_legal',
	[NOT_BEFORE_DATE]: 'not_before_date',
	[NOT_BEFORE_LOOP]: 'not_before_loop',
	[REQUIRED_WHEN]: 'required_when',
	[WHOLE_BOUND]: 'integer',
	[BOUND_ORDER]: 'bound_order',
	[AHEAD_WINDOW]: 'ahead_window'
};

/** Checks a document with the seed data's schemas, then that every id is unique and every reference resolves. */
export function validateDocument(input: unknown): Validated {
	const parsed = v.safeParse(catalogDocument, input);
	if (!parsed.success) return { ok: false, issues: parsed.issues.map(fromValibot) };
	const issues = referenceIssues(parsed.output);
	return issues.length ? { ok: false, issues } : { ok: true, doc: parsed.output };
}

export function fromValibot(issue: v.BaseIssue<unknown>): DocIssue {
	const path = (issue.path ?? []).map((p) => p.key as string | number);
	if (CHECKS[issue.message]) return { path, code: CHECKS[issue.message]! };
	if (issue.input === undefined || issue.input === '') return { path, code: 'required' };
	const requirement = (issue as { requirement?: unknown }).requirement;
	return {
		path,
		code: issue.type,
		detail:
			typeof requirement === 'number' || typeof requirement === 'string' ? requirement : undefined
	};
}

function referenceIssues(doc: CatalogDocument): DocIssue[] {
	const out: DocIssue[] = [];
	const unique = <T>(
		list: T[],
		key: (t: T) => string,
		path: (i: number) => DocPath,
		/** How the repeat is named, when its key is not how it reads. */
		shown: (t: T) => string = key
	) => {
		const seen = new Set<string>();
		list.forEach((item, i) => {
			const k = key(item);
			if (seen.has(k)) out.push({ path: path(i), code: 'duplicate', detail: shown(item) });
			seen.add(k);
		});
		return seen;
	};
	const refer = (known: Set<string>, id: string, path: DocPath) => {
		if (!known.has(id)) out.push({ path, code: 'unknown_ref', detail: id });
	};

	const categories = unique(
		doc.categories,
		(c) => c.id,
		(i) => ['categories', i, 'id']
	);
	// Names a resident chooses between (the search's lists, the account forms): each once.
	for (const part of ['categories', 'departments', 'towns'] as const) {
		for (const lang of ['zh', 'en'] as const) {
			unique<{ zh: string; en: string }>(
				doc[part],
				(x) => x[lang].trim().toLowerCase(),
				(i) => [part, i, lang],
				(x) => x[lang]
			);
		}
	}
	const departments = unique(
		doc.departments,
		(d) => d.id,
		(i) => ['departments', i, 'id']
	);
	const towns = unique(
		doc.towns,
		(t) => t.id,
		(i) => ['towns', i, 'id']
	);
	unique(
		doc.points,
		(p) => p.id,
		(i) => ['points', i, 'id']
	);
	const matters = unique(
		doc.matters,
		(m) => m.id,
		(i) => ['matters', i, 'id']
	);
	unique(
		doc.matters,
		(m) => m.code,
		(i) => ['matters', i, 'code']
	);
	unique(
		doc.bundles,
		(b) => b.id,
		(i) => ['bundles', i, 'id']
	);

	doc.points.forEach((p, i) => {
		refer(towns, p.town, ['points', i, 'town']);
		unique(
			p.closures,
			(c) => c.date,
			(j) => ['points', i, 'closures', j, 'date']
		);
		unique(
			p.services,
			(s) => s.matter,
			(j) => ['points', i, 'services', j, 'matter']
		);
		p.services.forEach((s, j) => refer(matters, s.matter, ['points', i, 'services', j, 'matter']));
		// A slot longer than every opening span of the week fits no day: nothing could be booked.
		const longest = Math.max(
			0,
			...Object.values(p.hours).flatMap((spans) =>
				spans.map(([from, to]) => toMinutes(to) - toMinutes(from))
			)
		);
		p.services.forEach((s, j) => {
			if (longest && s.slotMinutes > longest) {
				const path = ['points', i, 'services', j, 'slotMinutes'];
				out.push({ path, code: 'max_value', detail: longest });
			}
		});
	});
	doc.matters.forEach((m, i) => {
		refer(categories, m.category, ['matters', i, 'category']);
		refer(departments, m.department, ['matters', i, 'department']);
		unique(
			m.materials,
			(x) => x.id,
			(j) => ['matters', i, 'materials', j, 'id']
		);
		unique(
			m.form,
			(f) => f.key,
			(j) => ['matters', i, 'form', j, 'key']
		);
		m.form.forEach((f, j) => {
			if (f.type === 'select')
				unique(
					f.options,
					(o) => o.value,
					(k) => ['matters', i, 'form', j, 'options', k, 'value']
				);
		});
		// A repeated question is named as one: the materials answer the first of that id.
		const options = new Map<string, Set<string>>();
		m.questions.forEach((q, j) => {
			const ids = unique(
				q.options,
				(o) => o.id,
				(k) => ['matters', i, 'questions', j, 'options', k, 'id']
			);
			if (options.has(q.id))
				out.push({ path: ['matters', i, 'questions', j, 'id'], code: 'duplicate', detail: q.id });
			else options.set(q.id, ids);
		});
		m.materials.forEach((mat, j) => {
			for (const [question, answers] of Object.entries(mat.when)) {
				const known = options.get(question);
				if (!known) {
					out.push({
						path: ['matters', i, 'materials', j, 'when'],
						code: 'unknown_ref',
						detail: question
					});
				} else {
					for (const a of answers) {
						refer(known, a, ['matters', i, 'materials', j, 'when', question]);
					}
				}
			}
		});
	});
	doc.bundles.forEach((b, i) =>
		b.matters.forEach((id, j) => refer(matters, id, ['bundles', i, 'matters', j]))
	);
	return out;
}
