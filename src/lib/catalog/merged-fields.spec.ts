import { describe, expect, it } from 'vitest';
import { mergedFields } from './merged-fields';
import type { FormField } from './types';

const text = (over: Partial<FormField> = {}) =>
	({ key: 'shop', type: 'text', zh: '店名', en: 'Shop', required: false, ...over }) as FormField;

describe('a form field the matters of a bundle share', () => {
	it('is asked once, under the rules of every matter that asks it', () => {
		const [shop, staff, kind] = mergedFields([
			[
				text({ maxLength: 50 }),
				{
					key: 'staff',
					type: 'number',
					zh: '人数',
					en: 'Staff',
					required: false,
					min: 0,
					max: 500
				},
				{
					key: 'kind',
					type: 'select',
					zh: '类型',
					en: 'Kind',
					required: true,
					options: [
						{ value: 'shop', zh: '商铺', en: 'Shop' },
						{ value: 'stall', zh: '摊位', en: 'Stall' },
						{ value: 'home', zh: '住宅', en: 'Home' }
					]
				}
			],
			[
				text({ zh: '字号', maxLength: 30, required: true }),
				{
					key: 'staff',
					type: 'number',
					zh: '从业人数',
					en: 'Employees',
					required: false,
					min: 1,
					max: 1000,
					integer: true
				},
				{
					key: 'kind',
					type: 'select',
					zh: '场所',
					en: 'Premises',
					required: false,
					options: [
						{ value: 'home', zh: '住宅', en: 'Home' },
						{ value: 'shop', zh: '门店', en: 'Shop front' }
					]
				}
			]
		]);
		// The first matter's wording; the strictest of the rules.
		expect(shop).toEqual(text({ maxLength: 30, required: true }));
		expect(staff).toMatchObject({ zh: '人数', min: 1, max: 500, integer: true });
		expect(kind).toMatchObject({ zh: '类型', required: true });
		expect(kind!.type === 'select' && kind!.options.map((o) => o.value)).toEqual(['shop', 'home']);
	});

	it('keeps a field no other matter asks as it is, and a length only one matter limits', () => {
		const own = text({ key: 'own', maxLength: 20 });
		expect(mergedFields([[own], [text({ maxLength: undefined })]])).toEqual([
			own,
			text({ maxLength: undefined })
		]);
		expect(mergedFields([[text()], [text({ maxLength: 12 })]])).toEqual([text({ maxLength: 12 })]);
	});

	it('keeps the first type of answer where the matters ask for different ones, required if any requires it', () => {
		const [field] = mergedFields([
			[text()],
			[{ key: 'shop', type: 'date', zh: '日期', en: 'Date', required: true }]
		]);
		expect(field).toEqual(text({ required: true }));
	});

	it('asks for a day that has been where any matter does', () => {
		const date = { key: 'onset', type: 'date', zh: '日期', en: 'Date', required: false } as const;
		expect(mergedFields([[date], [{ ...date, past: true }]])).toEqual([{ ...date, past: true }]);
		expect(mergedFields([[date], [date]])).toEqual([date]);
	});

	it('keeps a day after another where any matter asks for that order', () => {
		const date = {
			key: 'left',
			type: 'date',
			zh: '退役时间',
			en: 'Discharge',
			required: false
		} as const;
		const ordered = { ...date, notBefore: 'joined' };
		expect(mergedFields([[date], [ordered]])).toEqual([ordered]);
		expect(mergedFields([[ordered], [date]])).toEqual([ordered]);
	});

	it('takes digits only where any matter asks for them', () => {
		const account = {
			key: 'bank',
			type: 'text',
			zh: '账号',
			en: 'Account',
			required: true
		} as const;
		expect(mergedFields([[account], [{ ...account, digits: true }]])).toEqual([
			{ ...account, digits: true }
		]);
	});

	it('is required for the answers for which any matter requires it, and always if any always does', () => {
		const address = text({ key: 'address', requiredWhen: { pickup: ['post'] } });
		expect(
			mergedFields([
				[address],
				[text({ key: 'address', requiredWhen: { pickup: ['courier'], mode: ['x'] } })]
			])
		).toEqual([
			text({ key: 'address', requiredWhen: { pickup: ['post', 'courier'], mode: ['x'] } })
		]);
		expect(mergedFields([[address], [text({ key: 'address' })]])).toEqual([address]);
		expect(mergedFields([[address], [text({ key: 'address', required: true })]])).toEqual([
			text({ key: 'address', required: true })
		]);
	});
});
