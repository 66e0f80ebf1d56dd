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

	it('takes a field’s answers that make it required from the choices ticked, unless it is always required', () => {
		const { matter } = matterFromForm(
			{
				'form.0.was': 'address',
				'form.0.type': 'text',
				'form.0.zh': '邮寄地址',
				'form.0.en': 'Postal address',
				'form.0.requiredWhen.pickup.post': 'on',
				'form.0.requiredWhen.pickup.courier': 'on',
				'form.1.was': 'bank',
				'form.1.type': 'text',
				'form.1.zh': '开户银行',
				'form.1.en': 'Bank',
				'form.1.required': 'on',
				'form.1.requiredWhen.pickup.post': 'on'
			},
			base
		);
		const [address, bank] = matter.form as { required: boolean; requiredWhen?: object }[];
		expect(address).toMatchObject({
			required: false,
			requiredWhen: { pickup: ['post', 'courier'] }
		});
		expect(bank).toMatchObject({ required: true });
		expect(bank).not.toHaveProperty('requiredWhen');
	});

	it('takes situation questions a row each, their choices a line each, and names a bad line', () => {
		const { matter, issues, rename } = matterFromForm(
			{
				'questions.0.was': 'premises',
				'questions.0.id': 'ignored',
				'questions.0.zh': '经营场所属于哪种情况？',
				'questions.0.en': 'Premises?',
				'questions.0.options': 'owned | 自有房产 | Owned\n\nrented｜租赁房屋｜Rented',
				'questions.1.was': 'gone',
				'questions.1.zh': '旧问题',
				'questions.1.remove': 'on',
				'questions.2.id': 'applicant',
				'questions.2.zh': '谁来办？',
				'questions.2.en': 'Who applies?',
				'questions.2.options': 'self | 本人\nagent | 代办 | Agent'
			},
			base
		);
		expect(matter.questions).toEqual([
			{
				id: 'premises',
				zh: '经营场所属于哪种情况？',
				en: 'Premises?',
				options: [
					{ id: 'owned', zh: '自有房产', en: 'Owned' },
					{ id: 'rented', zh: '租赁房屋', en: 'Rented' }
				]
			},
			{
				id: 'applicant',
				zh: '谁来办？',
				en: 'Who applies?',
				options: [{ id: 'agent', zh: '代办', en: 'Agent' }]
			}
		]);
		expect(issues).toEqual([{ path: ['questions', 1, 'options'], code: 'option_line', detail: 1 }]);
		expect(rename(['questions', 1, 'options'])).toEqual(['questions', 2, 'options']);
		expect(rename(['questions', 0, 'options', 1, 'zh'])).toEqual(['questions', 0, 'options']);
	});

	it('takes form fields with what their type asks for, and leaves out what it does not', () => {
		const { matter } = matterFromForm(
			{
				'form.0.was': 'capital',
				'form.0.zh': '资金数额（万元）',
				'form.0.en': 'Capital',
				'form.0.type': 'number',
				'form.0.required': 'on',
				'form.0.min': '0',
				'form.0.max': '',
				'form.0.integer': 'on',
				'form.0.past': 'on',
				'form.0.maxLength': '50',
				'form.0.options': 'a | b | c',
				'form.1.key': 'scope',
				'form.1.zh': '经营范围',
				'form.1.en': 'Scope',
				'form.1.type': 'select',
				'form.1.options': 'retail | 零售 | Retail',
				'form.2.type': 'text',
				'form.3.key': 'onset',
				'form.3.zh': '发病日期',
				'form.3.en': 'Onset',
				'form.3.type': 'date',
				'form.3.past': 'on',
				'form.3.integer': 'on'
			},
			base
		);
		expect(matter.form).toEqual([
			{
				key: 'capital',
				type: 'number',
				zh: '资金数额（万元）',
				en: 'Capital',
				required: true,
				min: 0,
				integer: true
			},
			{
				key: 'scope',
				type: 'select',
				zh: '经营范围',
				en: 'Scope',
				required: false,
				options: [{ value: 'retail', zh: '零售', en: 'Retail' }]
			},
			{ key: 'onset', type: 'date', zh: '发病日期', en: 'Onset', required: false, past: true }
		]);
	});
});
