import type { Question } from './types';

/** The choice of a situation question that says an agent applies on the resident's behalf. */
export const AGENT_OPTION = 'agent';

/**
 * What an agent's application answers itself: every question that offers the agent's choice takes
 * it, so that the materials asked for are the agent's (their ID card, the power of attorney).
 */
export function agentAnswers(questions: Question[]): Record<string, string> {
	return Object.fromEntries(
		questions
			.filter((q) => q.options.some((o) => o.id === AGENT_OPTION))
			.map((q) => [q.id, AGENT_OPTION])
	);
}
