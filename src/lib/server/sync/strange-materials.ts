import type { Matter } from '$lib/catalog/types';
import { m } from '$lib/paraglide/messages';
import type { FieldProblem } from '$lib/schemas/ops';

/** The photos said to be of a material none of the matters asks for, named. */
export function strangeMaterials(
	matters: Matter[],
	attachments: { materialId: string }[]
): FieldProblem[] {
	const known = new Set(matters.flatMap((x) => x.materials.map((material) => material.id)));
	return attachments.flatMap((a, i) =>
		known.has(a.materialId)
			? []
			: [
					{
						field: `attachments.${i}.materialId`,
						message: m.err_not_found({ field: m.field_material() })
					}
				]
	);
}
