import { describe, expect, it } from 'vitest';
import { isResidentIdNumber, maskIdNumber } from './id-number';

describe('resident ID number', () => {
	it('accepts numbers with a right check character and a real birth date', () => {
		expect(isResidentIdNumber('11010519491231002X')).toBe(true);
		expect(
			isResidentIdNumber('370682199003071234'.slice(0, 17) + checkOf('37068219900307123'))
		).toBe(true);
	});
	it('refuses a wrong check character, a false date, a future date and bad shapes', () => {
		expect(isResidentIdNumber('110105194912310021')).toBe(false);
		expect(isResidentIdNumber('37068219900230123' + checkOf('37068219900230123'))).toBe(false);
		expect(isResidentIdNumber('37068229990101123' + checkOf('37068229990101123'))).toBe(false);
		expect(isResidentIdNumber('1101051949123100')).toBe(false);
		expect(isResidentIdNumber('11010519491231002x')).toBe(false);
	});
	it('refuses a birth date that is no date at all (month 13, month or day 0) without failing', () => {
		for (const first17 of ['37068219801345123', '37068219800001123', '37068219800100123'])
			expect(isResidentIdNumber(first17 + checkOf(first17))).toBe(false);
	});
	it('masks for lists', () => {
		expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
	});
});

function checkOf(first17: string): string {
	const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
	const sum = [...first17].reduce((s, c, i) => s + Number(c) * w[i]!, 0);
	return '10X98765432'[sum % 11]!;
}
