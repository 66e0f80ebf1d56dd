import { filledRows, numberField } from './form-issues';
import type { DocIssue } from './validate';

/**
 * An id within a matter (a question, a choice, a form field's key): letters, digits, hyphens and
 * underscores, as the seed's `premises`, `free-use` and `businessName`. A dot or a space would break
 * the form fields named after it.
 */
const INNER_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/**
 * Choices written a line each, "id | 中文 | English" (full-width bars too): a line not so is an
 * issue at `path`, naming the line.
 */
export function optionLines<K extends 'id' | 'value'>(
	text: string,
	idKey: K,
	path: DocIssue['path'],
	issues: DocIssue[]
): (Record<K, string> & { zh: string; en: string })[] {
	const out: (Record<K, string> & { zh: string; en: string })[] = [];
	text.split(/\r?\n/).forEach((line, i) => {
		if (!line.trim()) return;
		const parts = line.split(/[|｜]/).map((p) => p.trim());
		if (parts.length !== 3 || parts.some((p) => !p)) {
			issues.push({ path, code: 'option_line', detail: i + 1 });
			return;
		}
		const [id, zh, en] = parts as [string, string, string];
		if (!INNER_ID.test(id)) {
			issues.push({ path, code: 'option_id', detail: i + 1 });
			return;
		}
		out.push({ [idKey]: id, zh, en } as Record<K, string> & { zh: string; en: string });
	});
	return out;
}

/** A matter's situation questions from their rows: an existing one keeps its id (`was`). */
export function questionsFromForm(form: Record<string, string>, issues: DocIssue[]) {
	const rows = filledRows(form, 'questions', ['was']);
	const questions = rows.map(({ row }, i) => {
		const id = row.was || row.id?.trim() || '';
		if (!row.was) newInnerId(id, ['questions', i, 'id'], issues);
		return {
			id,
			zh: row.zh?.trim() ?? '',
			en: row.en?.trim() ?? '',
			options: optionLines(row.options ?? '', 'id', ['questions', i, 'options'], issues)
		};
	});
	return { rows, questions };
}

export const FIELD_TYPES = ['text', 'textarea', 'number', 'date', 'select'] as const;

/**
 * A matter's application form fields from their rows: an existing one keeps its key (`was`); what
 * belongs to another type than the one chosen is left out.
 */
export function formFieldsFromForm(form: Record<string, string>, issues: DocIssue[]) {
	const rows = filledRows(form, 'form', ['was', 'type']);
	const fields = rows.map(({ row }, i) => {
		const type = row.type ?? '';
		if (!row.was) newInnerId(row.key?.trim() ?? '', ['form', i, 'key'], issues);
		const field: Record<string, unknown> = {
			key: row.was || row.key?.trim() || '',
			type,
			zh: row.zh?.trim() ?? '',
			en: row.en?.trim() ?? '',
			required: !!row.required
		};
		const optional = (name: string) => {
			const value = numberField(row[name]);
			if (value !== undefined) field[name] = value;
		};
		if (type === 'text' || type === 'textarea') optional('maxLength');
		if (type === 'text' && row.digits) field.digits = true;
		if (type === 'number') {
			['min', 'max'].forEach(optional);
			if (row.integer) field.integer = true;
		}
		if (type === 'date' && row.past) field.past = true;
		if (type === 'date' && row.notBefore?.trim()) field.notBefore = row.notBefore.trim();
		// Always required, it needs no answer to be: a rule kept would take effect, unseen, once
		// that tick is taken off.
		const requiredWhen = ticked(row, 'requiredWhen');
		if (!field.required && Object.keys(requiredWhen).length) field.requiredWhen = requiredWhen;
		if (type === 'select') {
			field.options = optionLines(row.options ?? '', 'value', ['form', i, 'options'], issues);
		}
		return field;
	});
	return { rows, fields };
}

/**
 * What a row's ticks name, `<group>.<key>.<choice>`: for each key with any ticked, its choices (a
 * material's situations, a field's answers that make it required).
 */
export function ticked(row: Record<string, string>, group: string): Record<string, string[]> {
	const found: Record<string, string[]> = {};
	const prefix = `${group}.`;
	for (const [name, value] of Object.entries(row)) {
		if (!value || !name.startsWith(prefix)) continue;
		const match = /^([^.]+)\.(.+)$/.exec(name.slice(prefix.length));
		if (match) (found[match[1]!] ??= []).push(match[2]!);
	}
	return found;
}

function newInnerId(id: string, path: DocIssue['path'], issues: DocIssue[]): void {
	if (!id) issues.push({ path, code: 'required' });
	else if (!INNER_ID.test(id)) issues.push({ path, code: 'inner_id_format' });
}
