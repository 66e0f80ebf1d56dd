import type { CatalogRows } from './catalog-rows';
import { prng } from './seeded-random';

/**
 * Grows the demo catalogue to `points` points and `matters` matters with generated, plausible
 * entries, for scale tests and benchmarks. Deterministic: the same sizes give the same catalogue.
 */
export function syntheticCatalogRows(
	base: CatalogRows,
	size: { points: number; matters: number }
): CatalogRows {
	const random = prng(1600300);
	const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
	const rows: CatalogRows = structuredClone(base);

	const used = new Set(rows.matters.map((m) => m.name_zh));
	for (let i = rows.matters.length; i < size.matters; i++) {
		let zh = '';
		let en = '';
		let aliases: string[] = [];
		for (let tries = 0; tries < 50 && (!zh || used.has(zh)); tries++) {
			const [who, whoEn, whoShort] = pick(SUBJECTS);
			const [what, whatEn, whatShort] = pick(OBJECTS);
			const [act, actEn] = pick(ACTIONS);
			zh = `${who}${what}${act}`;
			en = `${actEn} of ${whatEn} for ${whoEn}`;
			// As people shorten such names: 个体户医保, 医保变更.
			aliases = [`${whoShort}${whatShort}`, `${whatShort}${act}`];
		}
		if (used.has(zh)) zh = `${zh}（${i}）`;
		used.add(zh);
		const template = rows.matters[i % base.matters.length]!;
		const id = `synthetic-matter-${i}`;
		rows.matters.push({
			...template,
			id,
			code: `370682-SY-${String(i).padStart(4, '0')}`,
			category_id: pick(rows.categories).id,
			department_id: pick(rows.departments).id,
			name_zh: zh,
			name_en: en,
			aliases: JSON.stringify(aliases),
			sort: i
		});
		for (const material of base.materials.filter((m) => m.matter_id === template.id)) {
			rows.materials.push({ ...material, matter_id: id });
		}
	}

	const towns = rows.towns.map((t) => t.id);
	const centres = new Map(
		rows.points.filter((p) => p.kind === 'centre').map((p) => [p.town_id, p] as const)
	);
	const template = rows.points.find((p) => p.kind === 'village')!;
	for (let i = rows.points.length; i < size.points; i++) {
		const townId = towns[i % towns.length]!;
		const centre = centres.get(townId) ?? template;
		const village = `${pick(SURNAMES)}${pick(SETTLEMENTS)}${i}`;
		const kind = random() < 0.5 ? 'village' : 'proxy';
		rows.points.push({
			...template,
			id: `synthetic-point-${i}`,
			town_id: townId,
			kind,
			name_zh: `${village}村${kind === 'village' ? '便民服务点' : '代办点'}`,
			name_en: `Village ${i} ${kind === 'village' ? 'Service Point' : 'Proxy Point'}`,
			address_zh: `莱阳市${village}村委会`,
			address_en: `Village Committee, Village ${i}, Laiyang`,
			lat: Number(centre.lat) + (random() - 0.5) * 0.12,
			lng: Number(centre.lng) + (random() - 0.5) * 0.15
		});
	}

	const rules = new Map(base.point_matters.map((r) => [r.matter_id, r] as const));
	const fallback = base.point_matters[0]!;
	rows.point_matters = rows.points.flatMap((p) => {
		const handled =
			p.kind === 'centre' || p.kind === 'city'
				? rows.matters
				: rows.matters.filter(() => random() < 0.1);
		return handled.map((m) => ({
			...(rules.get(m.id) ?? fallback),
			point_id: p.id,
			matter_id: m.id
		}));
	});
	return rows;
}

// Each as [Chinese, English, the short form people say].
const SUBJECTS = [
	['城乡居民', 'rural and urban residents', '居民'],
	['个体工商户', 'individual businesses', '个体户'],
	['农民专业合作社', 'farmer cooperatives', '合作社'],
	['残疾人', 'disabled people', '残疾'],
	['退役军人', 'veterans', '老兵'],
	['老年人', 'older people', '老人'],
	['失业人员', 'unemployed people', '失业'],
	['灵活就业人员', 'flexible workers', '灵活就业'],
	['农村居民', 'rural residents', '农村'],
	['困难群众', 'families in difficulty', '困难户'],
	['小微企业', 'small businesses', '小微'],
	['家庭农场', 'family farms', '农场']
] as const;
const OBJECTS = [
	['养老保险', 'pension insurance', '养老'],
	['医疗保险', 'medical insurance', '医保'],
	['生活补贴', 'living subsidy', '生活费'],
	['护理补贴', 'nursing subsidy', '护理费'],
	['就业证明', 'employment certificate', '就业证'],
	['经营许可', 'business licence', '执照'],
	['登记证书', 'registration certificate', '证书'],
	['救助资金', 'assistance funds', '救助金'],
	['社保卡', 'social security card', '社保'],
	['住房补助', 'housing grant', '房补']
] as const;
const ACTIONS = [
	['申请', 'Application'],
	['变更', 'Change'],
	['注销', 'Cancellation'],
	['补办', 'Replacement'],
	['认定', 'Certification'],
	['备案', 'Filing'],
	['核定', 'Assessment'],
	['续期', 'Renewal']
] as const;
const SURNAMES = '王李张刘陈杨赵孙周吴徐于姜宋曲隋邹谭慕吕'.split('');
const SETTLEMENTS = ['家庄', '格庄', '家疃', '家夼', '家泊', '家沟'];
