import { describe, expect, it } from 'vitest';
import { materialsByMatter } from './materials';
import type { Material } from './types';

const material = (id: string, when: Material['when'] = {}): Material => ({
	id,
	name: { zh: id, en: id },
	form: 'original',
	count: 1,
	note: { zh: '', en: '' },
	when
});
const ids = (groups: ReturnType<typeof materialsByMatter>) =>
	groups.map((g) => [g.matter.id, g.materials.map((x) => x.id)]);

describe('the materials of one application, by matter', () => {
	const certificate = { id: 'certificate', materials: [material('form'), material('id-card')] };
	const subsidy = {
		id: 'subsidy',
		materials: [material('subsidy-form'), material('certificate'), material('id-card')]
	};

	it('lists a material its matters share once, under the first', () => {
		expect(ids(materialsByMatter([certificate, subsidy], {}))).toEqual([
			['certificate', ['form', 'id-card']],
			['subsidy', ['subsidy-form']]
		]);
	});

	it('does not ask for what a matter of the same application issues, but does on its own', () => {
		expect(ids(materialsByMatter([subsidy], {}))).toEqual([
			['subsidy', ['subsidy-form', 'certificate', 'id-card']]
		]);
	});

	it('leaves out a matter with nothing left to bring, and what the answers rule out', () => {
		const other = {
			id: 'other',
			materials: [material('id-card'), material('lease', { premises: ['rented'] })]
		};
		expect(ids(materialsByMatter([certificate, other], { premises: 'owned' }))).toEqual([
			['certificate', ['form', 'id-card']]
		]);
	});
});
