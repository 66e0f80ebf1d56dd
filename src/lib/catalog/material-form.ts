import { m } from '$lib/paraglide/messages';
import type { Material } from './types';

/** How a material is brought, and how many: "原件 1 份", "复印件 2 份", … */
export const materialFormText = (x: Material): string =>
	({
		original: m.material_original,
		copy: m.material_copy,
		original_and_copy: m.material_original_and_copy,
		electronic: m.material_electronic
	})[x.form]({ count: x.count });
