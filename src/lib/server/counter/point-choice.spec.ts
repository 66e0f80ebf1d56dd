import { describe, expect, it } from 'vitest';
import type { CatalogSnapshot, Point } from '$lib/catalog/types';
import type { SignedInUser } from '../auth/sessions';
import { counterPlaces, pointFor } from './point-choice';

const point = (id: string, townId: string, kind: Point['kind']) =>
	({ id, townId, kind, name: { zh: id, en: id } }) as Point;
// As the catalogue lists them: town by town, the city's hall inside its town.
const catalog = {
	points: [
		point('bolinzhuang-centre', 'bolinzhuang', 'centre'),
		point('bolinzhuang-xiacun', 'bolinzhuang', 'village'),
		point('chengxiang-centre', 'chengxiang', 'centre'),
		point('city-hall', 'chengxiang', 'city'),
		point('guliu-centre', 'guliu', 'centre')
	]
} as CatalogSnapshot;
const admin = { role: 'admin', pointId: null } as SignedInUser;
const here = (query = '') => new URL(`http://localhost/staff${query}`);

describe('the counter an administrator works at', () => {
	it('is the city hall unless another is picked', () => {
		expect(pointFor(admin, here(), catalog)?.id).toBe('city-hall');
		expect(pointFor(admin, here('?point=guliu-centre'), catalog)?.id).toBe('guliu-centre');
	});

	it('is picked from the city hall first, then each town’s centre in the towns’ order', () => {
		expect(counterPlaces(catalog).map((p) => p.id)).toEqual([
			'city-hall',
			'bolinzhuang-centre',
			'chengxiang-centre',
			'guliu-centre'
		]);
	});

	it('is a clerk’s own point, whatever the address asks', () => {
		const clerk = { role: 'staff', pointId: 'guliu-centre' } as SignedInUser;
		expect(pointFor(clerk, here('?point=city-hall'), catalog)?.id).toBe('guliu-centre');
	});
});
