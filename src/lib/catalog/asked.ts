import type { FormField, Matter, Question } from './types';

/** What an application form asks: its fields and its situation questions. */
export interface Asked {
	fields: FormField[];
	questions: Question[];
}

/**
 * One matter's own fields and questions, or those of a bundle's matters merged: the rules for
 * merging load only for a bundle, so a single matter's form does not carry them.
 */
export async function askedBy(matters: Pick<Matter, 'form' | 'questions'>[]): Promise<Asked> {
	if (matters.length === 1) return { fields: matters[0]!.form, questions: matters[0]!.questions };
	const [{ mergedFields }, { mergedQuestions }] = await Promise.all([
		import('./merged-fields'),
		import('./merged-questions')
	]);
	return { fields: mergedFields(matters.map((m) => m.form)), questions: mergedQuestions(matters) };
}
