import * as v from 'valibot';
import type { FormField } from '$lib/catalog/types';
import {
	applicantLabels,
	applicantSchema,
	formLabels,
	formSchema,
	type Applicant
} from '$lib/schemas/application';
import { describeIssues, nestIssues, type FieldIssue } from '$lib/schemas/issues';

export type ApplicationChecks = ReturnType<typeof applicationChecks>;

/** The form's checks, with the schemas the server uses, for one set of matter fields. */
export function applicationChecks(formFields: FormField[]) {
	const fieldsSchema = formSchema(formFields);
	return {
		issues(
			applicant: Applicant,
			fields: Record<string, string>,
			locale: 'zh' | 'en'
		): FieldIssue[] {
			const checkedApplicant = v.safeParse(applicantSchema, applicant);
			const checkedFields = v.safeParse(fieldsSchema, fields);
			return [
				...(checkedApplicant.success
					? []
					: describeIssues(nestIssues(checkedApplicant.issues, 'applicant'), applicantLabels)),
				...(checkedFields.success
					? []
					: describeIssues(
							nestIssues(checkedFields.issues, 'fields'),
							formLabels(formFields, locale)
						))
			];
		},
		/** As the server reads them: ID number in capitals, no spaces or dashes in numbers. */
		normalized: (applicant: Applicant): Applicant => v.parse(applicantSchema, applicant)
	};
}
