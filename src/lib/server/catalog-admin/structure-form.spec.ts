import { describe, expect, it } from 'vitest';
import type { CatalogDocument } from './document';
import { structureFromForm } from './structure-form';

const doc = {
	towns: [
		{ id: 'chengxiang', zh: '城厢街道', en: 'Chengxiang', kind: 'subdistrict', sort: 1 },
		{ id: 'guliu', zh: '古柳街道', en: 'Guliu', kind: 'subdistrict', sort: 2 }
	],
	points: [{ id: 'chengxiang-centre', town: 'chengxiang' }],
	categories: [{ id: 'market', zh: '市场主体', en: 'Businesses', ticketPrefix: 'A' }],
	departments: [],
	matters: [
		{ id: 'a', category: 'market', department: 'amr' },
		{ id: 'b', category: 'market', department: 'amr' },
		{ id: 'c', category: 'market', department: 'amr' }
	],
	bundles: [
		{ id: 'start', zh: '开办', en: 'Start', summaryZh: 's', summaryEn: 's', matters: ['b', 'a'] }
	]
} as unknown as CatalogDocument;

const town = (n: number, row: Record<string, string>) =>
	Object.fromEntries(Object.entries(row).map(([k, v]) => [`towns.${n}.${k}`, v]));

describe('a list of the catalogue from its form', () => {
	it('keeps an entry’s id, adds one typed in the blank row at the end, and leaves a blank row out', () => {
		const form = {
			...town(0, {
				was: 'chengxiang',
				zh: '城厢',
				en: 'Chengxiang',
				kind: 'subdistrict',
				sort: '1'
			}),
			...town(1, { was: 'guliu', id: 'other', zh: '古柳', en: 'Guliu', kind: 'town', sort: '2' }),
			...town(2, { id: 'xinzhuang', zh: '新庄镇', en: 'Xinzhuang', kind: 'town', sort: '' }),
			...town(3, { id: '', zh: '', en: '', kind: 'town', sort: '' })
		};
		const { list, issues, inUse } = structureFromForm('towns', form, doc);
		expect(list).toEqual([
			{ id: 'chengxiang', zh: '城厢', en: 'Chengxiang', kind: 'subdistrict', sort: 1 },
			{ id: 'guliu', zh: '古柳', en: 'Guliu', kind: 'town', sort: 2 },
			{ id: 'xinzhuang', zh: '新庄镇', en: 'Xinzhuang', kind: 'town', sort: 3 }
		]);
		expect(issues).toEqual([]);
		expect(inUse).toEqual([]);
	});

	it('removes an entry nothing uses, refuses one a point uses, and names the rows of what is left', () => {
		const form = {
			...town(0, {
				was: 'chengxiang',
				zh: '城厢街道',
				en: 'C',
				kind: 'subdistrict',
				sort: '1',
				remove: 'on'
			}),
			...town(1, {
				was: 'guliu',
				zh: '古柳街道',
				en: 'G',
				kind: 'subdistrict',
				sort: '2',
				remove: 'on'
			}),
			...town(2, { id: 'New Town', zh: '新庄镇', en: 'X', kind: 'town', sort: '' })
		};
		const { list, issues, inUse, rename } = structureFromForm('towns', form, doc);
		expect(list.map((t) => t.id)).toEqual(['chengxiang', 'New Town']);
		expect(inUse).toEqual([
			{ field: 'towns.0.remove', message: expect.stringContaining('“城厢街道”还有 1 个服务点') }
		]);
		expect(issues).toEqual([{ path: ['towns', 1, 'id'], code: 'id_format' }]);
		expect(rename(['towns', 1, 'id'])).toEqual(['towns', 2, 'id']);
	});

	it('keeps a bundle’s matters in their order and adds those newly ticked after them', () => {
		const form = {
			'bundles.0.was': 'start',
			'bundles.0.zh': '开办',
			'bundles.0.en': 'Start',
			'bundles.0.summaryZh': 's',
			'bundles.0.summaryEn': 's',
			'bundles.0.matters.a': 'on',
			'bundles.0.matters.b': 'on',
			'bundles.0.matters.c': 'on'
		};
		const { list } = structureFromForm('bundles', form, doc);
		expect(list[0]!.matters).toEqual(['b', 'a', 'c']);
	});

	it('refuses to remove a category its matters still use', () => {
		const form = {
			'categories.0.was': 'market',
			'categories.0.zh': '市场主体',
			'categories.0.en': 'Businesses',
			'categories.0.ticketPrefix': 'a',
			'categories.0.remove': 'on'
		};
		const { list, inUse } = structureFromForm('categories', form, doc);
		expect(list).toEqual([{ id: 'market', zh: '市场主体', en: 'Businesses', ticketPrefix: 'A' }]);
		expect(inUse[0]!.message).toContain('“市场主体”下还有 3 个事项');
	});
});
