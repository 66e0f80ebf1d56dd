import { describe, expect, it } from 'vitest';
import { referenceOf, typedReference } from './reference';

describe('a reference as people type it', () => {
	const reference = 'LY-8D01KQ1Z';

	it('is read in any case and width, in groups, with or without its LY-', () => {
		for (const typed of [
			'LY-8D01KQ1Z',
			'ly-8d01kq1z',
			'8D01 KQ1Z',
			'ＬＹ－８Ｄ０１ＫＱ１Ｚ',
			'LY 8D01-KQ1Z'
		])
			expect(typedReference(typed), typed).toBe(reference);
	});

	it('reads O as 0 and I or L as 1, letters no reference has', () => {
		expect(typedReference('8DOIKQlZ')).toBe(reference);
		// A code that begins with 1 typed as L, after a Y: not taken for the LY- prefix.
		expect(typedReference('lY2345AB')).toBe('LY-1Y2345AB');
	});

	it('is no reference when it cannot be one', () => {
		for (const typed of ['', 'LY-', '8D01KQ1', '8D01KQ1ZZ', '张三', 'LY-8D01KQ1U'])
			expect(typedReference(typed), typed).toBeNull();
	});

	it('reads every reference the device makes as itself', () => {
		const made = referenceOf(crypto.randomUUID());
		expect(typedReference(made)).toBe(made);
	});
});
