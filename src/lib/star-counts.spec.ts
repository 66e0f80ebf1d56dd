import { describe, expect, it } from 'vitest';
import { m } from '$lib/paraglide/messages';

describe('a rating in words', () => {
	it('says one star, and more stars, in English', () => {
		const en = { locale: 'en' } as const;
		expect(m.receipt_stars({ stars: 1 }, en)).toBe('1 star');
		expect(m.receipt_stars({ stars: 4 }, en)).toBe('4 stars');
		expect(m.receipt_rating_done({ stars: 1 }, en)).toBe('Your rating: 1 star');
		expect(m.timeline_rate({ stars: 1 }, en)).toBe('Rated 1 star');
		expect(m.timeline_rate({ stars: 5 }, en)).toBe('Rated 5 stars');
	});

	it('says stars in Chinese with no plural', () => {
		expect(m.receipt_stars({ stars: 1 }, { locale: 'zh' })).toBe('1 星');
	});
});
