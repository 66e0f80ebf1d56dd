import { describe, expect, it } from 'vitest';
import { describeChange } from './describe-change';
import type { CatalogChange } from './change';

const renamed = (before: { zh: string; en: string }, after: { zh: string; en: string }) =>
	({
		entity: 'category',
		id: 'market',
		name: after,
		change: 'changed',
		field: 'name',
		before,
		after
	}) satisfies CatalogChange;

describe('a change of a text held in both languages', () => {
	it('shows both languages when both changed, the reader’s first', () => {
		const c = renamed({ zh: '市场主体', en: 'Businesses' }, { zh: '经营主体', en: 'Companies' });
		expect(describeChange(c, 'zh')).toBe(
			'类别「经营主体」：中文名称 市场主体 → 经营主体，英文名称 Businesses → Companies'
		);
		expect(describeChange(c, 'en')).toBe(
			'Category “Companies”: English name Businesses → Companies, Chinese name 市场主体 → 经营主体'
		);
	});

	it('begins an English line with a capital, as a sentence does', () => {
		const c = renamed({ zh: '市场主体', en: 'Businesses' }, { zh: '经营主体', en: 'Companies' });
		expect(describeChange(c, 'en')).toMatch(/^[A-Z]/);
	});

	it('shows the other language when only that one changed, so the edit is seen', () => {
		const c = renamed({ zh: '市场主体', en: 'Businesses' }, { zh: '市场主体', en: 'Companies' });
		expect(describeChange(c, 'zh')).toContain('英文名称 Businesses → Companies');
		expect(describeChange(c, 'en')).toContain('English name Businesses → Companies');
	});
});

describe('a change of a list the reader sees in their language', () => {
	const materials = (a: string) => [
		{ zh: `申请表${a}`, en: 'Application form' },
		{ zh: '身份证', en: 'ID card' }
	];
	const changed = (before: unknown, after: unknown) =>
		({
			entity: 'matter',
			id: 'pension',
			name: { zh: '高龄津贴申领', en: 'Old-age allowance' },
			change: 'changed',
			field: 'materials',
			before,
			after
		}) satisfies CatalogChange;

	it('shows the other language where the change is, not the same list twice', () => {
		const line = describeChange(changed(materials(''), materials('（新版）')), 'en');
		expect(line).toContain('申请表、身份证 → 申请表（新版）、身份证');
		expect(line).not.toMatch(/Application form, ID card → Application form, ID card/);
	});

	it('says a list was edited where neither language shows the change', () => {
		const before = [{ zh: '申请表', en: 'Application form', count: 1 }];
		const after = [{ zh: '申请表', en: 'Application form', count: 2 }];
		expect(describeChange(changed(before, after), 'zh')).not.toContain('→');
	});
});
