import type { Applicant } from '$lib/schemas/application';
import { deviceDb, getMeta, setMeta } from './db';

/** The resident's own name, ID number and phone, kept with their consent for the next form. */
export async function rememberedApplicant(): Promise<Applicant | undefined> {
	return getMeta<Applicant>('me');
}

export async function rememberApplicant(applicant: Applicant): Promise<void> {
	await setMeta('me', { ...applicant });
}

export async function forgetApplicant(): Promise<void> {
	await deviceDb.meta.delete('me');
}

/** The residents an agent has filed for on this device, most recent first, each once. */
export async function servedResidents(agent: string): Promise<Applicant[]> {
	const apps = await deviceDb.applications.orderBy('createdAt').reverse().toArray();
	const seen = new Map<string, Applicant>();
	for (const a of apps) {
		if (a.agent !== agent || seen.has(a.applicant.idNumber)) continue;
		seen.set(a.applicant.idNumber, { ...a.applicant });
	}
	return [...seen.values()];
}
