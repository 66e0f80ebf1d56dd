import type { Applicant } from '$lib/schemas/application';
import { maskIdNumber } from '$lib/schemas/id-number';
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

/** A resident an agent served, with their ID number masked for the list to pick them from. */
export type ServedResident = Applicant & { maskedIdNumber: string };

/** The residents an agent has filed for on this device, most recent first, each once. */
export async function servedResidents(agent: string): Promise<ServedResident[]> {
	const apps = await deviceDb.applications.orderBy('createdAt').reverse().toArray();
	const seen = new Map<string, ServedResident>();
	for (const a of apps) {
		if (a.agent !== agent || seen.has(a.applicant.idNumber)) continue;
		seen.set(a.applicant.idNumber, {
			...a.applicant,
			maskedIdNumber: maskIdNumber(a.applicant.idNumber)
		});
	}
	return [...seen.values()];
}
