import type { Matter, Question } from './types';

/**
 * The situation questions of several matters, each once: a bundle asks a question its matters
 * share once, in the first one's words, offering only the options all of them offer, so that
 * every matter understands the answer (as `mergedFields` does with a form's choices).
 */
export function mergedQuestions(matters: Pick<Matter, 'questions'>[]): Question[] {
	const merged = new Map<string, Question>();
	for (const matter of matters) {
		for (const question of matter.questions) {
			const first = merged.get(question.id);
			if (!first) {
				merged.set(question.id, question);
				continue;
			}
			const offered = new Set(question.options.map((o) => o.id));
			merged.set(question.id, {
				...first,
				options: first.options.filter((o) => offered.has(o.id))
			});
		}
	}
	return [...merged.values()];
}
