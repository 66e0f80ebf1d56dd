import { afterEach, describe, expect, it } from 'vitest';
import { overwriteGetLocale } from '$lib/paraglide/runtime';
import { photoKind, takePicked } from './photos';

const named = (zh: string) => ({ name: { zh, en: '' } });

describe('photoKind', () => {
	it('keeps the colour of photographs of a person or a place', () => {
		expect(photoKind(named('近期2寸免冠白底彩色照片'))).toBe('picture');
		expect(photoKind(named('现住房照片'))).toBe('picture');
		expect(photoKind(named('机具铭牌及人机合影照片'))).toBe('picture');
	});

	it('reads papers, cards and licences in grey, 照 in their names notwithstanding', () => {
		expect(photoKind(named('经营者身份证'))).toBe('document');
		expect(photoKind(named('营业执照正、副本'))).toBe('document');
		expect(photoKind(named('营业执照遗失作废承诺书'))).toBe('document');
		expect(photoKind(undefined)).toBe('document');
	});
});

describe('takePicked', () => {
	afterEach(() => overwriteGetLocale(() => 'zh'));

	it('names the files it could not read as the reader’s language lists them', async () => {
		const files = [new File(['x'], 'a.txt'), new File(['y'], 'b.txt')];
		const notTaken = async () =>
			(await takePicked([], 'm1', undefined, files, (id) => id)).unreadable;
		expect(await notTaken()).toMatch(/^“a\.txt、b\.txt”/);
		overwriteGetLocale(() => 'en');
		expect(await notTaken()).toMatch(/^“a\.txt, b\.txt” is not a picture/);
	});
});
