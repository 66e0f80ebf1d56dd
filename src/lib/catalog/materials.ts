import type { Material } from './types';

export type Answers = Record<string, string>;

/**
 * Whether a material is needed for these situation answers: `always`, `no` when an answer rules it
 * out, or `maybe` when the question that decides it is still open.
 */
export function materialNeed(
	material: Material,
	answers: Answers
): 'always' | 'yes' | 'no' | 'maybe' {
	const conditions = Object.entries(material.when);
	if (!conditions.length) return 'always';
	let open = false;
	for (const [question, options] of conditions) {
		const answer = answers[question];
		if (answer === undefined) open = true;
		else if (!options.includes(answer)) return 'no';
	}
	return open ? 'maybe' : 'yes';
}

/** The materials to bring for these answers (those still open included). */
export function materialsFor(materials: Material[], answers: Answers): Material[] {
	return materials.filter((m) => materialNeed(m, answers) !== 'no');
}

/**
 * The materials to bring for the matters of one application, by matter: one that several matters
 * of a bundle need (the applicant's ID card, the shared form) is listed once, under the first. A
 * material with the id of a matter is what that matter issues (the subsidies ask for the
 * `disability-certificate`): an application that includes the matter does not ask for it.
 */
export function materialsByMatter<M extends { id: string; materials: Material[] }>(
	matters: M[],
	answers: Answers
): { matter: M; materials: Material[] }[] {
	const listed = new Set<string>(matters.map((matter) => matter.id));
	return matters
		.map((matter) => ({
			matter,
			materials: materialsFor(matter.materials, answers).filter(
				(x) => !listed.has(x.id) && listed.add(x.id)
			)
		}))
		.filter((group) => group.materials.length);
}
