import { describe, expect, it } from 'vitest';
import { buildSearchIndex, search } from './search';
import { soundOf } from './sound-of';
import type { CatalogSnapshot, Matter, Point } from './types';

interface MatterSpec {
	zh: string;
	en?: string;
	pinyin?: string;
	initials?: string;
	/** Alias → its whole pinyin and initials (empty for one without Chinese). */
	aliases?: Record<string, [string, string] | []>;
	summary?: { zh?: string; en?: string };
	categoryId?: string;
}

const matter = (id: string, spec: MatterSpec) => {
	const aliases = Object.entries(spec.aliases ?? {});
	return {
		id,
		code: id,
		categoryId: spec.categoryId ?? 'market',
		departmentId: 'amr',
		name: { zh: spec.zh, en: spec.en ?? id },
		aliases: aliases.map(([alias]) => alias),
		summary: { zh: spec.summary?.zh ?? '', en: spec.summary?.en ?? '' },
		conditions: [],
		pinyin: spec.pinyin ?? '',
		initials: spec.initials ?? '',
		aliasPinyin: aliases.map(([, keys]) => keys[0] ?? ''),
		aliasInitials: aliases.map(([, keys]) => keys[1] ?? '')
	} as unknown as Matter;
};
const point = (id: string, zh: string, townId: string, pinyin: string, initials: string) =>
	({ id, townId, name: { zh, en: id }, pinyin, initials }) as Point;

const towns = [
	{ id: 'tuanwang', name: { zh: '团旺镇', en: 'Tuanwang Town' }, kind: 'town' },
	{ id: 'heluo', name: { zh: '河洛镇', en: 'Heluo Town' }, kind: 'town' },
	{ id: 'lvge', name: { zh: '吕格庄镇', en: 'Lügezhuang Town' }, kind: 'town' }
];
const indexOf = (matters: Matter[], points: Point[] = []) =>
	buildSearchIndex({ towns, matters, points } as unknown as CatalogSnapshot);
const ids = (found: { id: string }[]) => found.map((x) => x.id);

const index = indexOf(
	[
		matter('coop', {
			zh: '农民专业合作社登记',
			en: 'Farmer cooperative registration',
			pinyin: 'nongminzhuanyehezuoshedengji',
			initials: 'nmzyhzsdj',
			categoryId: 'rural'
		}),
		matter('ib', {
			zh: '个体工商户登记',
			en: 'Individual business registration',
			pinyin: 'getigongshanghudengji',
			initials: 'gtgshdj',
			aliases: {
				个体户: ['getihu', 'gth'],
				营业执照: ['yingyezhizhao', 'yyzz'],
				'Sole trader': []
			},
			summary: { zh: '申请设立个体工商户并领取营业执照。' }
		}),
		matter('food', {
			zh: '食品经营许可',
			en: 'Food business licence',
			pinyin: 'shipinjingyingxuke',
			initials: 'spjyxk'
		}),
		matter('dibao', {
			zh: '最低生活保障申请',
			en: 'Minimum living allowance application',
			pinyin: 'zuidishenghuobaozhangshenqing',
			initials: 'zdshbzsq',
			aliases: { 低保: ['dibao', 'db'] }
		})
	],
	[
		point('p1', '团旺镇便民服务中心', 'tuanwang', 'tuanwangzhenbianminfuwuzhongxin', 'twzbmfwzx'),
		point('p2', '王家庄村便民服务点', 'heluo', 'wangjiazhuangcunbianminfuwudian', 'wjzcbmfwd')
	]
);

describe('search', () => {
	it('finds by Chinese characters', () => {
		expect(ids(search(index, '工商').matters)).toEqual(['ib']);
		expect(ids(search(index, '登记').matters)).toEqual(['coop', 'ib']);
	});

	it('reads Chinese typed with spaces between the characters as one word', () => {
		expect(ids(search(index, '工 商').matters)).toEqual(['ib']);
		expect(ids(search(index, ' 低　保 ').matters)).toEqual(['dibao']);
		expect(ids(search(index, '团旺镇 便民').points)).toEqual(['p1']);
	});

	it('finds by pinyin initials and by whole pinyin', () => {
		expect(ids(search(index, 'gtgsh').matters)).toEqual(['ib']);
		expect(ids(search(index, 'GeTi').matters)).toEqual(['ib']);
		expect(ids(search(index, 'shi pin').matters)).toEqual(['food']);
	});

	it('reads letters typed full width, as Chinese input methods may leave them', () => {
		expect(ids(search(index, 'ＧＴＧＳＨ').matters)).toEqual(['ib']);
		expect(ids(search(index, 'ｓｈｉ\u3000ｐｉｎ').matters)).toEqual(['food']);
	});

	it('finds by English name, at the start of a word', () => {
		expect(ids(search(index, 'licence').matters)).toEqual(['food']);
		expect(ids(search(index, 'cen').matters)).toEqual([]);
	});

	it('finds a matter by the everyday names people use, and says which one', () => {
		const dibao = search(index, '低保');
		expect(ids(dibao.matters)).toEqual(['dibao']);
		expect(dibao.aliasOf.get('dibao')).toEqual({ text: '低保', pinyin: 'dibao' });
		expect(ids(search(index, '个体户').matters)).toEqual(['ib']);
		expect(ids(search(index, 'SOLE TRADER').matters)).toEqual(['ib']);
		expect(search(index, '个体户').aliasOf.get('ib')?.text).toBe('个体户');
		expect(search(index, '工商').aliasOf.size).toBe(0);
	});

	it('finds aliases by whole pinyin (with spaces, tone marks or tone numbers) and initials', () => {
		for (const query of [
			'getihu',
			'ge ti hu',
			'gè tǐ hù',
			'ge4 ti3 hu4',
			"ge'ti'hu",
			'gth',
			'yyzz'
		]) {
			expect(ids(search(index, query).matters), query).toEqual(['ib']);
		}
		expect(search(index, 'getihu').aliasOf.get('ib')?.text).toBe('个体户');
		expect(ids(search(index, 'dibao').matters)).toEqual(['dibao']);
	});

	it('tolerates one character wrong, missing or extra: Chinese from three, latin from four', () => {
		for (const query of ['营业执找', '个体护', 'getihv', 'getiu', 'getihuu', 'yingyezhizao']) {
			expect(ids(search(index, query).matters), query).toEqual(['ib']);
		}
		expect(search(index, '营业执找').aliasOf.get('ib')?.text).toBe('营业执照');
		expect(ids(search(index, 'food busness').matters)).toEqual(['food']);
		expect(ids(search(index, 'dixa').matters)).toEqual(['dibao']);
		// Fewer are too few to tell a typo from another word.
		expect(ids(search(index, '执找').matters)).toEqual([]);
		expect(ids(search(index, 'dix').matters)).toEqual([]);
	});

	it('finds Chinese that matches nothing as written by its sound: a wrong character of the same sound', () => {
		const byDibao = search(index, '底保', {}, 30, soundOf);
		expect(ids(byDibao.matters)).toEqual(['dibao']);
		expect(byDibao.bySound).toBe('dibao');
		expect(byDibao.aliasOf.get('dibao')?.text).toBe('低保');
		expect(ids(search(index, '执找', {}, 30, soundOf).matters)).toEqual(['ib']);
		expect(ids(search(index, '团望', {}, 30, soundOf).points)).toEqual(['p1']);
		// Found as written: not by sound.
		expect(search(index, '低保', {}, 30, soundOf).bySound).toBeUndefined();
		// One character says too little; a character the table does not hold, nothing.
		expect(search(index, '低', {}, 30, soundOf).bySound).toBeUndefined();
		expect(search(index, '底㐀', {}, 30, soundOf).bySound).toBeUndefined();
		// Its sound found nothing either: nothing, as before.
		const none = search(index, '天气', {}, 30, soundOf);
		expect([none.matterTotal, none.pointTotal, none.bySound]).toEqual([0, 0, undefined]);
	});

	it('spells each common character by its most common reading, as the pinyin keys do', () => {
		expect(soundOf('底保')).toBe('dibao');
		expect(soundOf('残疾人')).toBe('canjiren');
		expect(soundOf('绿')).toBe('lv');
		expect(soundOf('长')).toBe('chang');
		expect(soundOf('底a')).toBeNull();
	});

	it('finds by guide text', () => {
		expect(ids(search(index, '领取营业执照').matters)).toEqual(['ib']);
		expect(search(index, '领取营业执照').aliasOf.size).toBe(0);
	});

	it('filters by category, and finds points by name and town', () => {
		expect(ids(search(index, '', { category: 'rural' }).matters)).toEqual(['coop']);
		expect(ids(search(index, '河洛').points)).toEqual(['p2']);
		expect(ids(search(index, 'wjz').points)).toEqual(['p2']);
		expect(ids(search(index, '', { town: 'tuanwang' }).points)).toEqual(['p1']);
	});

	it('finds a name spelt with ü however it is typed: ü, u, or v as pinyin writes it', () => {
		const lvge = {
			...point(
				'p3',
				'吕格庄镇便民服务中心',
				'heluo',
				'lvgezhuangzhenbianminfuwuzhongxin',
				'lgzzbmfwzx'
			),
			name: { zh: '吕格庄镇便民服务中心', en: 'Lügezhuang Town Convenience Service Centre' }
		};
		const withLvge = indexOf([], [lvge]);
		for (const typed of ['Lügezhuang', 'lugezhuang', 'LUGE', 'lvgezhuang', 'lüge'])
			expect(ids(search(withLvge, typed).points), typed).toEqual(['p3']);
		// And a point by its town's name.
		const village = point('p4', '西村便民服务点', 'lvge', 'xicunbianminfuwudian', 'xcbmfwd');
		expect(ids(search(indexOf([], [village]), 'lugezhuang').points)).toEqual(['p4']);
	});

	it('reads a catalogue saved on the device before matters had aliases', () => {
		const old: Partial<Matter> = matter('ib', {
			zh: '个体工商户登记',
			pinyin: 'getigongshanghudengji',
			initials: 'gtgshdj'
		});
		delete old.aliases;
		delete old.aliasPinyin;
		delete old.aliasInitials;
		expect(ids(search(indexOf([old as Matter]), 'gtgsh').matters)).toEqual(['ib']);
	});
});

describe('search ranking', () => {
	it('ranks name, alias, one typo, guide text; each exact, then prefix, then inside', () => {
		// In the catalogue worst first: only the ranking can put them in order.
		const ranked = indexOf([
			matter('guide', { zh: '公交爱心卡', summary: { zh: '凭残疾证免费乘车' } }),
			matter('typo', { zh: '残疾人证换领' }),
			matter('alias-inside', { zh: '证件换发', aliases: { 二代残疾证: [] } }),
			matter('alias-prefix', { zh: '证件补办', aliases: { 残疾证补办: [] } }),
			matter('alias-exact', { zh: '残疾人证新办', aliases: { 残疾证: [] } }),
			matter('name-inside', { zh: '申领残疾证' }),
			matter('name-prefix', { zh: '残疾证明开具' }),
			matter('name-exact', { zh: '残疾证' })
		]);
		expect(ids(search(ranked, '残疾证').matters)).toEqual([
			'name-exact',
			'name-prefix',
			'name-inside',
			'alias-exact',
			'alias-prefix',
			'alias-inside',
			'typo',
			'guide'
		]);
	});

	it('ranks an alias above pinyin, pinyin prefix above pinyin inside, pinyin above a typo', () => {
		const ranked = indexOf([
			matter('guide', { zh: '开店指南', summary: { en: 'A getihu is a sole trader.' } }),
			matter('typo', { zh: '个体库', pinyin: 'getiku', initials: 'gtk' }),
			matter('pinyin-inside', { zh: '注销个体户', pinyin: 'zhuxiaogetihu', initials: 'zxgth' }),
			matter('alias-pinyin', { zh: '开业登记', aliases: { 个体户开业: ['getihukaiye', 'gthky'] } }),
			matter('name-pinyin', { zh: '个体户登记', pinyin: 'getihudengji', initials: 'gthdj' }),
			matter('alias', { zh: '个体经营', aliases: { Getihu: [] } }),
			matter('name', { zh: '个体', en: 'Getihu' })
		]);
		expect(ids(search(ranked, 'getihu').matters)).toEqual([
			'name',
			'alias',
			'alias-pinyin',
			'name-pinyin',
			'pinyin-inside',
			'typo',
			'guide'
		]);
	});

	it('keeps the catalogue’s order within a rank', () => {
		expect(ids(search(index, 'dengji').matters)).toEqual(['coop', 'ib']);
		expect(ids(search(index, '登记').matters)).toEqual(['coop', 'ib']);
	});

	it('shows the best `limit` in that order and counts every one found', () => {
		const many = indexOf([
			matter('inside-1', { zh: '申领残疾证' }),
			matter('guide', { zh: '公交爱心卡', summary: { zh: '凭残疾证免费乘车' } }),
			matter('prefix-1', { zh: '残疾证明开具' }),
			matter('inside-2', { zh: '补办残疾证' }),
			matter('prefix-2', { zh: '残疾证补办' }),
			matter('inside-3', { zh: '换领残疾证' })
		]);
		const all = ['prefix-1', 'prefix-2', 'inside-1', 'inside-2', 'inside-3', 'guide'];
		for (let limit = 0; limit <= all.length + 1; limit++) {
			const found = search(many, '残疾证', {}, limit);
			expect(ids(found.matters)).toEqual(all.slice(0, limit));
			expect(found.matterTotal).toBe(all.length);
		}
		const bothPoints = search(index, 'fuwu', {}, 1);
		expect(ids(bothPoints.points)).toEqual(['p1']);
		expect(bothPoints.pointTotal).toBe(2);
	});
});
