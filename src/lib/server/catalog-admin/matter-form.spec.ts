import { describe, expect, it } from 'vitest';
import type { DocMatter } from './document';
import { matterFromForm } from './matter-form';

const base = {
	id: 'shop',
	code: 'X1',
	conditions: [],
	legalBasis: [],
	materials: [],
	questions: [],
	form: []
} as unknown as DocMatter;

describe('a matter from its edit form', () => {
	it('takes conditions and legal basis a row each, leaving out removed and blank rows', () => {
		const { matter, rename } = matterFromForm(
			{
				'conditions.0.zh': '年满 18 周岁',
				'conditions.0.en': 'Aged 18 or over',
				'conditions.0.remove': 'on',
				'conditions.1.zh': ' 有固定经营场所 ',
				'conditions.1.en': '',
				'conditions.2.zh': '',
				'conditions.2.en': '',
				'legalBasis.0.zh': '《促进个体工商户发展条例》',
				'legalBasis.0.en': 'Regulations on individual businesses'
			},
			base
		);
		expect(matter.conditions).toEqual([{ zh: '有固定经营场所', en: '' }]);
		expect(matter.legalBasis).toEqual([
			{ zh: '《促进个体工商户发展条例》', en: 'Regulations on individual businesses' }
		]);
		// The document's first condition is the form's second row.
		expect(rename(['conditions', 0, 'en'])).toEqual(['conditions', 1, 'en']);
		expect(rename(['fee', 'zh'])).toEqual(['fee', 'zh']);
	});

	it('takes a material’s situations from the answers ticked, question by question', () => {
		const { matter } = matterFromForm(
			{
				'materials.0.zh': '租赁合同',
				'materials.0.en': 'Lease',
				'materials.0.when.premises.rented': 'on',
				'materials.0.when.premises.free-use': 'on',
				'materials.0.when.applicant.agent': 'on',
				'materials.1.zh': '身份证',
				'materials.1.en': 'ID card'
			},
			base
		);
		const materials = matter.materials as { when: Record<string, string[]> }[];
		expect(materials[0]!.when).toEqual({ premises: ['rented', 'free-use'], applicant: ['agent'] });
		expect(materials[1]!.when).toEqual({});
	});
});
