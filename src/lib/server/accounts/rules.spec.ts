import { describe, expect, it } from 'vitest';
import { MIN_PASSWORD, newPassword } from './rules';

describe('newPassword', () => {
	const many = Array.from({ length: 500 }, newPassword);

	it('can be read aloud or off paper: no characters that look alike, in groups of four', () => {
		for (const password of many) {
			expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
			expect(password).not.toMatch(/[01ilo]/);
			expect(password.length).toBeGreaterThanOrEqual(MIN_PASSWORD);
		}
	});

	it('is a new one each time', () => {
		expect(new Set(many).size).toBe(many.length);
	});
});
