import { describe, expect, it } from 'vitest';
import type { CatalogDocument, DocPoint } from './document';
import { rebaseDocument, spotKey } from './merge';

const service = (matter: string, capacity = 2) => ({
	matter,
	slotMinutes: 15,
	capacity,
	minHoursAhead: 1,
	maxDaysAhead: 14
});
const point = (id: string, more: Partial<DocPoint> = {}) =>
	({
		id,
		town: 't',
		kind: 'centre',
		zh: id,
		en: id,
		addressZh: '地址',
		addressEn: 'Address',
		lat: 1,
		lng: 2,
		phone: '1',
		hours: {},
		counters: 1,
		closures: [],
		services: [service('m1'), service('m2')],
		...more
	}) as DocPoint;
const doc = (points: DocPoint[]) =>
	({
		categories: [],
		departments: [],
		towns: [],
		matters: [],
		bundles: [],
		points
	}) as unknown as CatalogDocument;

describe('bringing a draft up to date', () => {
	const base = doc([point('a'), point('b'), point('c')]);

	it('applies what only the draft changed, keeps what only the other side changed', () => {
		const mine = doc([point('a', { phone: '2' }), point('c'), point('d')]); // b removed, d added
		const theirs = doc([point('a', { counters: 5 }), point('b'), point('c', { zh: '新' })]);
		const { doc: merged, conflicts } = rebaseDocument(base, mine, theirs);
		expect(conflicts).toEqual([]);
		expect(merged.points.map((p) => [p.id, p.phone, p.counters, p.zh])).toEqual([
			['a', '2', 5, 'a'],
			['c', '1', 1, '新'],
			['d', '1', 1, 'd']
		]);
	});

	it('merges a point’s slot rules by matter, and names a rule changed on both sides', () => {
		const mine = doc([
			point('a', { services: [service('m1', 3), service('m2', 9)] }),
			point('b'),
			point('c')
		]);
		const theirs = doc([
			point('a', { services: [service('m1'), service('m2', 4), service('m3')] }),
			point('b'),
			point('c')
		]);
		const spot = { entity: 'point' as const, id: 'a', field: 'service', entry: 'm2' };
		const kept = rebaseDocument(base, mine, theirs);
		expect(kept.conflicts).toEqual([spot]);
		expect(kept.doc.points[0]!.services.map((s) => [s.matter, s.capacity])).toEqual([
			['m1', 3],
			['m2', 4],
			['m3', 2]
		]);
		const chosen = rebaseDocument(base, mine, theirs, new Set([spotKey(spot)]));
		expect(chosen.doc.points[0]!.services.find((s) => s.matter === 'm2')!.capacity).toBe(9);
	});

	it('names a point removed on one side and changed on the other; the published side stays', () => {
		const mine = doc([point('a'), point('c')]); // b removed
		const theirs = doc([point('a'), point('b', { phone: '7' }), point('c')]);
		const { doc: merged, conflicts } = rebaseDocument(base, mine, theirs);
		expect(conflicts).toEqual([{ entity: 'point', id: 'b', field: '', entry: '' }]);
		expect(merged.points.map((p) => p.id)).toEqual(['a', 'b', 'c']);
		const chosen = rebaseDocument(base, mine, theirs, new Set([spotKey(conflicts[0]!)]));
		expect(chosen.doc.points.map((p) => p.id)).toEqual(['a', 'c']);
	});

	it('takes a change made alike on both sides as no conflict', () => {
		const mine = doc([point('a', { phone: '5' }), point('b'), point('c')]);
		const theirs = doc([point('a', { phone: '5' }), point('b'), point('c')]);
		expect(rebaseDocument(base, mine, theirs).conflicts).toEqual([]);
	});
});
