import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import type { FormField } from '$lib/catalog/types';
import { applicantSchema, formSchema } from './application';
import { ratePayload } from './ops';
import { describeIssues } from './issues';

const fields = [
	{
		key: 'scope',
		type: 'select',
		zh: '主要经营范围',
		en: 'Main business scope',
		required: true,
		options: [{ value: 'retail', zh: '零售', en: 'Retail' }]
	},
	{ key: 'shop', type: 'text', zh: '店铺名称', en: 'Shop name', required: true },
	{
		key: 'staff',
		type: 'number',
		zh: '从业人数',
		en: 'Staff',
		required: false,
		min: 1,
		max: 200,
		integer: true
	},
	{ key: 'area', type: 'number', zh: '面积', en: 'Area', required: false, min: 1, max: 2000 }
] as FormField[];

const messages = (input: Record<string, unknown>) => {
	const result = v.safeParse(formSchema(fields), input);
	if (result.success) return [];
	return describeIssues(result.issues, {
		scope: () => '主要经营范围',
		shop: () => '店铺名称',
		staff: () => '从业人数'
	}).map((i) => i.message);
};

describe('an application form’s own fields', () => {
	it('asks for a choice from the list when a required list is left empty, and for text when a box is', () => {
		expect(messages({ scope: '', shop: '' })).toEqual([
			'请从列表中选择“主要经营范围”',
			'请填写“店铺名称”'
		]);
	});

	it('takes only a whole number where the field counts whole things, and a fraction elsewhere', () => {
		const filled = { scope: 'retail', shop: '小店' };
		expect(messages({ ...filled, staff: '1.5' })).toEqual(['“从业人数”应为 1 到 200 之间的整数']);
		expect(messages({ ...filled, staff: 0 })).toEqual(['“从业人数”应为 1 到 200 之间的整数']);
		expect(v.parse(formSchema(fields), { ...filled, staff: ' 3 ', area: '12.5' })).toMatchObject({
			staff: 3,
			area: 12.5
		});
	});
});

describe('lengths of text', () => {
	it('count characters as they are seen: a rare character or an emoji is one, not two', () => {
		// 𠀀 (U+20000) is a character of rural names written with two UTF-16 units.
		const rare = '𠀀'.repeat(30);
		expect(v.safeParse(applicantSchema.entries.name, rare).success).toBe(true);
		expect(v.safeParse(applicantSchema.entries.name, '😀'.repeat(50)).success).toBe(true);
		expect(v.safeParse(applicantSchema.entries.name, '😀'.repeat(51)).success).toBe(false);
		expect(v.safeParse(ratePayload.entries.comment, '𠀀'.repeat(500)).success).toBe(true);
		expect(v.safeParse(ratePayload.entries.comment, '𠀀'.repeat(501)).success).toBe(false);
	});
});

describe('text no one can see', () => {
	it('is taken out, so a name of it alone is empty: fillers, variation selectors, soft hyphens', () => {
		for (const unseen of ['\u3164\u115f', '\ufe0f\ufe0e\u180e', '\u00ad\u034f', '\u200b']) {
			const result = v.safeParse(applicantSchema.entries.name, unseen);
			expect(result.success, JSON.stringify(unseen)).toBe(false);
		}
		expect(v.parse(applicantSchema.entries.name, '王\ufe0f五')).toBe('王五');
	});
});
