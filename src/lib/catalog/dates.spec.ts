import { describe, expect, it } from 'vitest';
import { isRealDate } from './dates';

describe('isRealDate', () => {
	it('takes days of the calendar, leap days in leap years only', () => {
		expect(isRealDate('2026-12-01')).toBe(true);
		expect(isRealDate('2024-02-29')).toBe(true);
		expect(isRealDate('2026-02-29')).toBe(false);
		expect(isRealDate('2026-02-30')).toBe(false);
	});
	it('answers false, never throws, for months and days out of range or other shapes', () => {
		for (const value of ['2026-13-01', '2026-00-10', '2026-12-00', '2026-12-32', '1980-13-45'])
			expect(isRealDate(value)).toBe(false);
		for (const value of ['2026-1-01', '20261201', '', '2026-12-01T00:00', ' 2026-12-01'])
			expect(isRealDate(value)).toBe(false);
	});
});
