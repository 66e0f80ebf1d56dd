import type { DocMatter } from './document';
import { filledRows, numberField, rowsOf } from './form-issues';
import { formFieldsFromForm, questionsFromForm, ticked } from './situation-form';
import type { DocIssue, DocPath } from './validate';

/** A matter as its edit form shows it: a new one has no time limits yet. */
export type EditedMatter = Omit<DocMatter, 'promisedDays' | 'legalDays' | 'visits'> &
	Partial<Pick<DocMatter, 'promisedDays' | 'legalDays' | 'visits'>>;

export interface MatterForm {
	matter: Record<string, unknown>;
	/** Problems found before the schema (JSON that does not parse), at paths within the matter. */
	issues: DocIssue[];
	/** From the document's paths back to the form's fields (a removed row shifts the rest). */
	rename: (path: DocPath) => DocPath;
}

/** A matter from its edit form; what the form does not hold (id, code) is kept from `base`. */
export function matterFromForm(form: Record<string, string>, base: DocMatter): MatterForm {
	const issues: DocIssue[] = [];
	const get = (name: string) => form[name] ?? '';
	const kept = rowsOf(form, 'materials').filter(
		({ row }) => !row.remove && (row.zh?.trim() || row.en?.trim() || row.id)
	);
	const questions = questionsFromForm(form, issues);
	const fields = formFieldsFromForm(form, issues);
	const conditions = filledRows(form, 'conditions');
	const legalBasis = filledRows(form, 'legalBasis');
	const materials = kept.map(({ row }, i) => ({
		id: row.id?.trim() || `material-${Date.now().toString(36)}-${i}`,
		zh: row.zh?.trim() ?? '',
		en: row.en?.trim() ?? '',
		form: row.form ?? '',
		count: numberField(row.count),
		noteZh: row.noteZh?.trim() ?? '',
		noteEn: row.noteEn?.trim() ?? '',
		when: ticked(row, 'when')
	}));
	const matter = {
		...base,
		zh: get('zh').trim(),
		en: get('en').trim(),
		category: get('category'),
		department: get('department'),
		aliases: get('aliases')
			.split(/\r?\n/)
			.map((a) => a.trim())
			.filter(Boolean),
		summaryZh: get('summaryZh').trim(),
		summaryEn: get('summaryEn').trim(),
		promisedDays: numberField(form.promisedDays),
		legalDays: numberField(form.legalDays),
		visits: numberField(form.visits),
		fee: { zh: get('fee.zh').trim(), en: get('fee.en').trim() },
		materials,
		conditions: conditions.map(({ row }) => textPair(row)),
		legalBasis: legalBasis.map(({ row }) => textPair(row)),
		questions: questions.questions,
		form: fields.fields
	};
	const rows: Record<string, { n: number }[]> = {
		materials: kept,
		conditions,
		legalBasis,
		questions: questions.rows,
		form: fields.rows
	};
	const rename = (path: DocPath): DocPath => {
		const [list, i, key] = path;
		const shown = typeof list === 'string' ? rows[list] : undefined;
		if (!shown || typeof i !== 'number') return path;
		// Choices are one field, a line each.
		const rest = key === 'options' ? ['options'] : path.slice(2);
		return [list!, shown[i]?.n ?? i, ...rest];
	};
	return { matter, issues, rename };
}

const textPair = (row: Record<string, string>) => ({
	zh: row.zh?.trim() ?? '',
	en: row.en?.trim() ?? ''
});
