import { describe, expect, it } from 'vitest';
import { buildSearchIndex, search } from './search';
import type { CatalogSnapshot, Matter, Point } from './types';

const matter = (
	id: string,
	zh: string,
	en: string,
	pinyin: string,
	initials: string,
	categoryId = 'market'
) =>
	({ id, code: id, name: { zh, en }, pinyin, initials, categoryId, departmentId: 'amr' }) as Matter;
const point = (id: string, zh: string, townId: string, pinyin: string, initials: string) =>
	({ id, townId, name: { zh, en: id }, pinyin, initials }) as Point;

const catalog = {
	towns: [
		{ id: 'tuanwang', name: { zh: '团旺镇', en: 'Tuanwang Town' }, kind: 'town' },
		{ id: 'heluo', name: { zh: '河洛镇', en: 'Heluo Town' }, kind: 'town' }
	],
	matters: [
		matter(
			'coop',
			'农民专业合作社登记',
			'Farmer cooperative registration',
			'nongminzhuanyehezuoshedengji',
			'nmzyhzsdj',
			'rural'
		),
		matter(
			'ib',
			'个体工商户登记',
			'Individual business registration',
			'getigongshanghudengji',
			'gtgshdj'
		),
		matter('food', '食品经营许可', 'Food business licence', 'shipinjingyingxuke', 'spjyxk')
	],
	points: [
		point('p1', '团旺镇便民服务中心', 'tuanwang', 'tuanwangzhenbianminfuwuzhongxin', 'twzbmfwzx'),
		point('p2', '王家庄村便民服务点', 'heluo', 'wangjiazhuangcunbianminfuwudian', 'wjzcbmfwd')
	]
} as unknown as CatalogSnapshot;
const index = buildSearchIndex(catalog);

describe('search', () => {
	it('finds by Chinese characters', () => {
		expect(search(index, '工商').matters.map((m) => m.id)).toEqual(['ib']);
		expect(search(index, '登记').matters.map((m) => m.id)).toEqual(['coop', 'ib']);
	});

	it('finds by pinyin initials and by whole pinyin', () => {
		expect(search(index, 'gtgsh').matters.map((m) => m.id)).toEqual(['ib']);
		expect(search(index, 'GeTi').matters.map((m) => m.id)).toEqual(['ib']);
		expect(search(index, 'shi pin').matters.map((m) => m.id)).toEqual(['food']);
	});

	it('finds by English name', () => {
		expect(search(index, 'licence').matters.map((m) => m.id)).toEqual(['food']);
	});

	it('filters by category, and finds points by name and town', () => {
		expect(search(index, '', { category: 'rural' }).matters.map((m) => m.id)).toEqual(['coop']);
		expect(search(index, '河洛').points.map((p) => p.id)).toEqual(['p2']);
		expect(search(index, 'wjz').points.map((p) => p.id)).toEqual(['p2']);
		expect(search(index, '', { town: 'tuanwang' }).points.map((p) => p.id)).toEqual(['p1']);
	});

	it('ranks a name that starts with the query first', () => {
		expect(search(index, 'dengji').matters.map((m) => m.id)).toEqual(['coop', 'ib']);
		expect(search(index, '农民').matters[0]!.id).toBe('coop');
	});
});
