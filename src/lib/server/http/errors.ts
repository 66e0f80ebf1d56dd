import { json } from '@sveltejs/kit';
import type * as v from 'valibot';
import { describeIssues, type FieldIssue, type FieldLabels } from '$lib/schemas/issues';
import { m } from '$lib/paraglide/messages';

/** The API's one error shape: a code, a sentence in the reader's language, and the fields at fault. */
export function apiError(
	status: number,
	code: string,
	message: string,
	fields: FieldIssue[] = [],
	headers?: HeadersInit
): Response {
	return json({ error: { code, message, fields } }, { status, headers });
}

/** An error with one field at fault, whose message is the error's. */
export function fieldError(
	status: number,
	code: string,
	field: string,
	message: string,
	headers?: HeadersInit
): Response {
	return apiError(status, code, message, [{ field, message }], headers);
}

export function invalidInput(
	issues: readonly v.BaseIssue<unknown>[],
	labels: FieldLabels
): Response {
	const fields = describeIssues(issues, labels);
	return apiError(400, 'invalid_input', fields[0]?.message ?? m.err_invalid_input(), fields);
}
