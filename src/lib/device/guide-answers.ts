import type { Answers } from '$lib/catalog/materials';

// The situation answers given on a guide, carried to the application form; kept only on this
// device, in local storage (the guide page loads no device database for them).

const answersKey = (matterId: string) => `ow_answers_${matterId}`;

/** The situation answers the resident gave on a matter's guide, for its application form. */
export function rememberAnswers(matterId: string, answers: Answers): void {
	try {
		if (Object.keys(answers).length)
			localStorage.setItem(answersKey(matterId), JSON.stringify(answers));
		else localStorage.removeItem(answersKey(matterId));
	} catch {
		// Storage refused (private mode, full): the form simply asks again.
	}
}

export function rememberedAnswers(matterIds: string[]): Answers {
	const out: Answers = {};
	for (const id of matterIds) {
		try {
			Object.assign(out, JSON.parse(localStorage.getItem(answersKey(id)) ?? '{}') as Answers);
		} catch {
			// An unreadable entry is no answer.
		}
	}
	return out;
}
