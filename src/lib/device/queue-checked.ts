import type { Applicant } from '$lib/schemas/application';
import type { DraftData, LocalApplication } from './db';
import { rememberAnswers } from './guide-answers';
import { queueApplication } from './outbox';
import { forgetApplicant, rememberApplicant } from './remembered-applicant';

/**
 * Queues an application its form checked in the outbox, keeping or forgetting the resident's
 * details on this device as they chose (never an agent's: they file for others). Loaded on submit,
 * so that the form's first paint does not carry it.
 */
export async function queueChecked(
	draftId: string,
	data: DraftData,
	applicant: Applicant,
	options: { agent: string | null; remember: boolean; corrects: string | null; matterIds: string[] }
): Promise<LocalApplication> {
	// As the server reads them: ID number in capitals, no spaces or dashes in numbers.
	data.applicant = applicant;
	if (!options.agent) {
		await (options.remember ? rememberApplicant(applicant) : forgetApplicant());
	}
	const queued = await queueApplication(draftId, data, options.agent, options.corrects);
	// The guide's answers were this application's: the next, for someone else maybe, asks again.
	for (const id of options.matterIds) rememberAnswers(id, {});
	return queued;
}
