import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import type { FormField } from '$lib/catalog/types';
import { formSchema } from './application';
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
	{ key: 'shop', type: 'text', zh: '店铺名称', en: 'Shop name', required: true }
] as FormField[];

const messages = (input: Record<string, unknown>) => {
	const result = v.safeParse(formSchema(fields), input);
	if (result.success) return [];
	return describeIssues(result.issues, { scope: () => '主要经营范围', shop: () => '店铺名称' }).map(
		(i) => i.message
	);
};

describe('an application form’s own fields', () => {
	it('asks for a choice from the list when a required list is left empty, and for text when a box is', () => {
		expect(messages({ scope: '', shop: '' })).toEqual([
			'请从列表中选择“主要经营范围”',
			'请填写“店铺名称”'
		]);
	});
});
