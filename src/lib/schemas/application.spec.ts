import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { APPLICANT_BIRTH, type FormField } from '$lib/catalog/types';
import { applicantSchema, formSchema, parseApplication } from './application';
import { ratePayload } from './ops';
import { serviceClock } from '$lib/time';
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
		// A list never touched is not in the form at all: still a choice to make.
		expect(messages({})).toEqual(['请从列表中选择“主要经营范围”', '请填写“店铺名称”']);
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

describe('an applicant’s name', () => {
	const name = (typed: string) => v.safeParse(applicantSchema.entries.name, typed);
	it('takes a name in any script, with its dots and marks', () => {
		for (const typed of ['王小明', '阿依古丽·买买提', 'José María', 'O’Brien-Li', '测试居民12'])
			expect(name(typed).success, typed).toBe(true);
	});
	it('refuses emoji and symbols, naming the field', () => {
		for (const typed of ['王小明😀', '王❤️明', '张三$', '李四+'])
			expect(name(typed).success, typed).toBe(false);
		const parsed = parseApplication(
			{
				applicant: { name: '王小明😀', idNumber: '11010519491231002X', phone: '13800138000' },
				fields: {}
			},
			{ fields: [], schema: formSchema([]) },
			'zh'
		);
		expect('issues' in parsed && parsed.issues.map((i) => i.message)).toEqual([
			'“申请人姓名”只能填写姓名的文字，不能有表情或符号'
		]);
	});
});

describe('numbers as a Chinese keyboard types them', () => {
	it('reads full-width digits and thousands separators as the number they write', () => {
		const filled = { scope: 'retail', shop: '小店' };
		expect(v.parse(formSchema(fields), { ...filled, staff: '３', area: '1,200' })).toMatchObject({
			staff: 3,
			area: 1200
		});
		expect(v.parse(formSchema(fields), { ...filled, area: '１，５００．５' })).toMatchObject({
			area: 1500.5
		});
		// A comma that groups no thousands is no number.
		expect(messages({ ...filled, staff: '1,2' })).toEqual(['“从业人数”应填数字']);
	});

	it('takes digits alone, not what a programming language reads as a number', () => {
		const filled = { scope: 'retail', shop: '小店' };
		for (const typed of ['1e3', '0x10', '1_000', 'Infinity', '1.2.3'])
			expect(messages({ ...filled, area: typed }), typed).toEqual(['“area”应填数字']);
	});

	it('takes the invisible characters a pasted number carries out of an ID number and a phone number', () => {
		expect(v.parse(applicantSchema.entries.phone, '138\u200b0013\u20608000\ufeff')).toBe(
			'13800138000'
		);
		expect(v.parse(applicantSchema.entries.idNumber, '\u202d11010519491231002X\u200c')).toBe(
			'11010519491231002X'
		);
	});

	it('takes the country code off a mobile number pasted from contacts (+86, 0086, (+86))', () => {
		for (const typed of [
			'+86 138 1234 5678',
			'+86 139-1234-5678',
			'0086 13812345678',
			'(+86) 13812345678',
			'8613812345678'
		]) {
			expect(v.parse(applicantSchema.entries.phone, typed), typed).toMatch(/^1[38]\d{9}$/);
		}
		// Not a Chinese mobile number after it: refused as it was typed.
		expect(v.safeParse(applicantSchema.entries.phone, '+86 0535 7211234').success).toBe(false);
		expect(v.safeParse(applicantSchema.entries.phone, '+1 212 555 0100').success).toBe(false);
	});

	it('reads full-width digits in an ID number and a phone number', () => {
		expect(v.parse(applicantSchema.entries.phone, '１３９ １２３４ ５６７８')).toBe('13912345678');
		expect(v.parse(applicantSchema.entries.idNumber, '１１０１０１１９９００３０７００２ｘ')).toBe(
			'11010119900307002X'
		);
	});
});

describe('lengths of text', () => {
	it('count characters as they are seen: a rare character or an emoji is one, not two', () => {
		// 𠀀 (U+20000) is a character of rural names written with two UTF-16 units.
		const rare = '𠀀'.repeat(30);
		expect(v.safeParse(applicantSchema.entries.name, rare).success).toBe(true);
		expect(v.safeParse(applicantSchema.entries.name, '𠀀'.repeat(50)).success).toBe(true);
		expect(v.safeParse(applicantSchema.entries.name, '𠀀'.repeat(51)).success).toBe(false);
		expect(v.safeParse(ratePayload.entries.comment, '😀'.repeat(500)).success).toBe(true);
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

	it('counts the blank Braille pattern as the space it shows: a name of it alone is asked for', () => {
		const result = v.safeParse(v.object({ name: applicantSchema.entries.name }), {
			name: '\u2800\u2800'
		});
		expect(result.success).toBe(false);
		const found = describeIssues(result.issues ?? [], { name: () => '姓名' });
		expect(found).toEqual([{ field: 'name', message: '请填写“姓名”' }]);
		expect(v.parse(applicantSchema.entries.name, '王\u2800五')).toBe('王 五');
	});
});

describe('dates of a form', () => {
	const dated = [{ key: 'since', type: 'date', zh: '开始日期', en: 'Start date', required: true }];
	const dateMessages = (since: string) => {
		const result = v.safeParse(formSchema(dated as FormField[]), { since });
		return result.success ? [] : describeIssues(result.issues, { since: () => '开始日期' });
	};
	const year = Number(serviceClock().date.slice(0, 4));
	const latest = `${year + 10}-12-31`;

	it('are refused past the years a form can mean, naming the field and the years it takes', () => {
		for (const far of ['9999-12-31', '1899-12-31', `${year + 11}-01-01`]) {
			expect(dateMessages(far), far).toEqual([
				{ field: 'since', message: `“开始日期”应在 1900-01-01 到 ${latest} 之间` }
			]);
		}
		expect(dateMessages('1900-01-01')).toEqual([]);
		expect(dateMessages(latest)).toEqual([]);
	});

	it('are refused after today where the field asks for a day that has been', () => {
		const onset = [{ ...dated[0], past: true }] as FormField[];
		const today = serviceClock().date;
		const tomorrow = new Date(Date.parse(`${today}T12:00:00Z`) + 86_400_000)
			.toISOString()
			.slice(0, 10);
		const result = v.safeParse(formSchema(onset), { since: tomorrow });
		expect(describeIssues(result.issues ?? [], { since: () => '开始日期' })).toEqual([
			{ field: 'since', message: `“开始日期”应在 1900-01-01 到 ${today} 之间` }
		]);
		expect(v.safeParse(formSchema(onset), { since: today }).success).toBe(true);
	});
});

describe('a date that may not come before another', () => {
	const service = [
		{ key: 'enlisted', type: 'date', zh: '入伍时间', en: 'Enlistment', required: true },
		{
			key: 'discharged',
			type: 'date',
			zh: '退役时间',
			en: 'Discharge',
			required: false,
			notBefore: 'enlisted'
		}
	] as FormField[];
	const issuesOf = (input: Record<string, unknown>) =>
		parseApplication(
			{
				applicant: { name: '王五', idNumber: '11010519491231002X', phone: '13800138000' },
				fields: input
			},
			{ fields: service, schema: formSchema(service) },
			'zh'
		);

	it('is refused before it, at the later field, naming both in the reader’s words', () => {
		expect(issuesOf({ enlisted: '2010-09-01', discharged: '2008-12-01' })).toEqual({
			issues: [{ field: 'fields.discharged', message: '“退役时间”不能早于“入伍时间”' }]
		});
	});

	it('is taken on the same day or after, or when either is left out', () => {
		for (const discharged of ['2010-09-01', '2015-12-01', '']) {
			expect(issuesOf({ enlisted: '2010-09-01', discharged }), discharged).not.toHaveProperty(
				'issues'
			);
		}
	});

	it('leaves the order unchecked while the other date is itself wrong, naming only that one', () => {
		expect(issuesOf({ enlisted: '2010-02-30', discharged: '2008-12-01' })).toEqual({
			issues: [
				{
					field: 'fields.enlisted',
					message: '“入伍时间”不是有效日期（格式：年-月-日，如 2026-12-01）'
				}
			]
		});
	});
});

describe('a date that may not come before the applicant’s birth', () => {
	const service = [
		{
			key: 'enlisted',
			type: 'date',
			zh: '入伍时间',
			en: 'Enlistment',
			required: true,
			past: true,
			notBefore: APPLICANT_BIRTH
		}
	] as FormField[];
	// Born 1949-12-31, as the ID number says.
	const issuesOf = (
		enlisted: string,
		idNumber = '11010519491231002X',
		locale: 'zh' | 'en' = 'zh'
	) =>
		parseApplication(
			{ applicant: { name: '王五', idNumber, phone: '13800138000' }, fields: { enlisted } },
			{ fields: service, schema: formSchema(service) },
			locale
		);

	it('is refused before the birth date the ID number gives, naming it', () => {
		expect(issuesOf('1949-12-30')).toEqual({
			issues: [
				{
					field: 'fields.enlisted',
					message: '“入伍时间”不能早于申请人的出生日期（1949-12-31，据身份证号码）'
				}
			]
		});
		expect(issuesOf('1949-12-30', undefined, 'en')).toEqual({
			issues: [
				{
					field: 'fields.enlisted',
					message:
						'“Enlistment” cannot be before the applicant’s date of birth (1949-12-31, from the ID number)'
				}
			]
		});
	});

	it('is named beside the applicant’s other faults, once the ID number itself is right', () => {
		const result = parseApplication(
			{
				applicant: { name: '', idNumber: '11010519491231002X', phone: '' },
				fields: { enlisted: '1949-12-30' }
			},
			{ fields: service, schema: formSchema(service) },
			'zh'
		);
		expect(('issues' in result ? result.issues : []).map((i) => i.field)).toEqual([
			'applicant.name',
			'applicant.phone',
			'fields.enlisted'
		]);
	});

	it('is taken on the birth date or after', () => {
		for (const enlisted of ['1949-12-31', '1968-03-01']) {
			expect(issuesOf(enlisted), enlisted).not.toHaveProperty('issues');
		}
	});

	it('is left unchecked while the ID number is wrong: only the ID number is named', () => {
		const result = issuesOf('1900-01-01', '110105194912310021');
		expect(result).toHaveProperty('issues');
		expect(('issues' in result ? result.issues : []).map((i) => i.field)).toEqual([
			'applicant.idNumber'
		]);
	});
});

describe('an applicant given the wrong type of value', () => {
	it('is told the value is malformed, not asked to fill in a field it did fill', () => {
		const result = parseApplication(
			{ applicant: { name: 12345, idNumber: null, phone: 13800138000 }, fields: {} },
			{ fields: [], schema: formSchema([]) },
			'zh'
		);
		expect('issues' in result ? result.issues : []).toEqual([
			{ field: 'applicant.name', message: '“申请人姓名”格式不正确' },
			{ field: 'applicant.idNumber', message: '请填写“身份证号码”' },
			{ field: 'applicant.phone', message: '“手机号码”格式不正确' }
		]);
	});
});

describe('a field of digits only', () => {
	const account = [
		{
			key: 'bankAccount',
			type: 'text',
			zh: '本人银行账号',
			en: 'Bank account',
			required: true,
			maxLength: 30,
			digits: true
		}
	] as FormField[];
	const read = (bankAccount: string) => v.safeParse(formSchema(account), { bankAccount });

	it('refuses letters, naming the field', () => {
		const result = read('abc');
		expect(describeIssues(result.issues ?? [], { bankAccount: () => '本人银行账号' })).toEqual([
			{ field: 'bankAccount', message: '“本人银行账号”只能填数字' }
		]);
	});

	it('takes digits grouped with spaces or dashes, or typed full-width, as the digits alone', () => {
		expect(read('6222 0212-3456 7890')).toMatchObject({
			output: { bankAccount: '6222021234567890' }
		});
		expect(read('６２２２０２１２')).toMatchObject({ output: { bankAccount: '62220212' } });
	});
});

describe('a field required only for some answers of a list', () => {
	const card = [
		{
			key: 'pickup',
			type: 'select',
			zh: '领卡方式',
			en: 'How to receive the card',
			required: true,
			options: [
				{ value: 'counter', zh: '窗口即时领取', en: 'Collect at the counter' },
				{ value: 'post', zh: '邮寄到家', en: 'Send by post' }
			]
		},
		{
			key: 'mailingAddress',
			type: 'text',
			zh: '邮寄地址',
			en: 'Postal address',
			required: false,
			maxLength: 100,
			requiredWhen: { pickup: ['post'] }
		}
	] as FormField[];
	const problems = (input: Record<string, unknown>) => {
		const result = v.safeParse(formSchema(card), input);
		return result.success
			? []
			: describeIssues(result.issues, {
					pickup: () => '领卡方式',
					mailingAddress: () => '邮寄地址'
				});
	};

	it('is asked for once that answer is chosen, naming the field', () => {
		expect(problems({ pickup: 'post', mailingAddress: '' })).toEqual([
			{ field: 'mailingAddress', message: '请填写“邮寄地址”' }
		]);
		expect(problems({ pickup: 'post' })).toEqual([
			{ field: 'mailingAddress', message: '请填写“邮寄地址”' }
		]);
		expect(problems({ pickup: 'post', mailingAddress: '   ' })).toEqual([
			{ field: 'mailingAddress', message: '请填写“邮寄地址”' }
		]);
	});

	it('may be left empty for the other answers, or while the list is unanswered', () => {
		expect(problems({ pickup: 'counter', mailingAddress: '' })).toEqual([]);
		// Spaces, or what no one sees, are as empty as the box looks.
		expect(problems({ pickup: 'counter', mailingAddress: '  \u200b ' })).toEqual([]);
		expect(problems({ pickup: 'counter' })).toEqual([]);
		expect(problems({ pickup: 'post', mailingAddress: '城关镇解放路 1 号' })).toEqual([]);
		expect(problems({ mailingAddress: '' }).map((p) => p.field)).toEqual(['pickup']);
	});
});

describe('an ID number with one digit mistyped', () => {
	const issuesOf = (idNumber: string) => {
		const result = v.safeParse(applicantSchema, { name: '王五', idNumber, phone: '13800138000' });
		return result.success
			? []
			: describeIssues(result.issues, { idNumber: () => '身份证号码' }).map((i) => i.message);
	};

	it('is told its check character does not match, to look for the digit typed wrong', () => {
		// 11010519491231002X with its 16th digit mistyped: right in every way a reader can see.
		expect(issuesOf('110105194912310120')).toEqual([
			'“身份证号码”的最后一位（校验码）与前 17 位对不上，可能有一位输错了，请逐位核对'
		]);
	});

	it('is told what a resident ID number is when it is not one at all', () => {
		expect(issuesOf('11010519491331002X')).toEqual([
			'“身份证号码”不是有效的居民身份证号码（18 位，最后一位校验码可能是 X，出生日期须真实）'
		]);
	});
});
