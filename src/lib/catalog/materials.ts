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
