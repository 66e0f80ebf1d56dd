import { agentAnswers } from '$lib/catalog/agent-answers';
import type { ApplicationForm } from './application-form.svelte';

/**
 * An agent applies on the resident's behalf: where a question asks who applies, the form answers
 * so and offers no other choice, so that the materials asked for are the agent's.
 */
export function answerAsAgent(form: ApplicationForm): void {
	const own = agentAnswers(form.questions);
	form.answers = { ...form.answers, ...own };
	form.questions = form.questions.map((q) =>
		q.id in own ? { ...q, options: q.options.filter((o) => o.id === own[q.id]) } : q
	);
}
