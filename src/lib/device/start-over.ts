import type { ApplicationForm } from './application-form.svelte';
import { answerAsAgent } from './agent-form';

/**
 * Empties a form of the person it was being filled for (their details, answers and photos) and
 * drops its saved draft: the form starts as a new one does, with the guide's answers and, on a
 * resident's own phone, the details they chose to keep.
 */
export async function startOver(form: ApplicationForm, agent: string | null): Promise<void> {
	const { deviceDb } = await import('./db');
	await deviceDb.drafts.delete(form.draftId);
	form.applicant = { name: '', idNumber: '', phone: '' };
	form.fields = {};
	form.answers = {};
	form.attachments = [];
	form.errors = [];
	form.checked = form.saved = false;
	await form.restore(undefined, agent, true);
	if (agent) answerAsAgent(form);
}
