import { describe, expect, it } from 'vitest';
import type { Material } from '$lib/catalog/types';
import { checklist, fieldEntries, situation, type RecordMatter } from './record';

const text = (zh: string) => ({ zh, en: zh });
const material = (id: string, when: Record<string, string[]> = {}): Material => ({
	id,
	name: text(id),
	form: 'original',
	count: 1,
	note: text(''),
	when
});
const premises = {
	id: 'premises',
	...text('经营场所？'),
	options: [
		{ id: 'owned', ...text('自有') },
		{ id: 'rented', ...text('租赁') }
	]
};
const shop: RecordMatter = {
	id: 'shop',
	name: text('个体户'),
	questions: [premises],
	materials: [
		material('application'),
		material('id-card'),
		material('deed', { premises: ['owned'] }),
		material('lease', { premises: ['rented'] })
	],
	form: [
		{
			key: 'scope',
			type: 'select',
			...text('经营范围'),
			required: true,
			options: [{ value: 'retail', ...text('零售') }]
		},
		{ key: 'name', type: 'text', ...text('字号'), required: true }
	]
};
const licence: RecordMatter = {
	id: 'licence',
	name: text('食品经营许可'),
	questions: [premises],
	materials: [material('id-card'), material('layout', { premises: ['rented'] })],
	form: []
};

describe('the record’s views', () => {
	it('shows a select field’s option label, and keeps a field the catalogue no longer has', () => {
		expect(fieldEntries([shop], { name: '小王超市', scope: 'retail', old: 'x' })).toEqual([
			{ key: 'scope', label: text('经营范围'), value: 'retail', option: text('零售') },
			{ key: 'name', label: text('字号'), value: '小王超市', option: null },
			{ key: 'old', label: text('old'), value: 'x', option: null }
		]);
	});

	it('asks a question the bundle’s matters share once, with the option chosen', () => {
		expect(situation([shop, licence], { premises: 'rented' })).toEqual([
			{ question: premises, answer: { id: 'rented', ...text('租赁') } }
		]);
		expect(situation([shop], {})[0]!.answer).toBeNull();
	});

	it('lists the materials the answers call for, each once across a bundle, with their photos', () => {
		const photos = [
			{ sha256: 'a', materialId: 'id-card' },
			{ sha256: 'b', materialId: 'deed' }
		];
		const { groups, others } = checklist([shop, licence], {
			answers: { premises: 'rented' },
			attachments: photos,
			timeline: [{ step: 'add_materials', at: '2026-03-02T01:00:00.000Z', note: 'id-card,lease' }],
			requestedMaterials: ['lease']
		});
		expect(groups.map((g) => [g.matter.id, g.items.map((i) => i.material.id)])).toEqual([
			['shop', ['application', 'id-card', 'lease']],
			['licence', ['layout']]
		]);
		const idCard = groups[0]!.items[1]!;
		expect(idCard).toMatchObject({
			need: 'always',
			photos: [photos[0]],
			addedAt: '2026-03-02T01:00:00.000Z',
			requested: false,
			alsoFor: [text('食品经营许可')]
		});
		expect(groups[0]!.items[2]).toMatchObject({ need: 'yes', requested: true });
		// The deed is not needed for rented premises: its photo is shown apart.
		expect(others).toEqual([photos[1]]);
		// Unanswered, both premises materials may apply.
		const open = checklist([shop], {
			answers: {},
			attachments: [],
			timeline: [],
			requestedMaterials: []
		});
		expect(open.groups[0]!.items.filter((i) => i.need === 'maybe')).toHaveLength(2);
	});
});
