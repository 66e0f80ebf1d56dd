import { afterEach, describe, expect, it } from 'vitest';
import { overwriteGetLocale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';
import { formatDay, monthDay, slotDayTime, weekdayLabel } from './format';

describe('dates in the reader’s language', () => {
	afterEach(() => overwriteGetLocale(() => 'zh'));

	it('writes a day as month, day and weekday in Chinese', () => {
		overwriteGetLocale(() => 'zh');
		expect(formatDay('2026-12-09')).toBe('12月9日 周三');
		expect(slotDayTime('2026-12-07T10:00+08:00')).toBe('12月7日 周一 10:00');
		expect([1, 2, 3, 4, 5, 6, 7].map(weekdayLabel)).toEqual([
			'周一',
			'周二',
			'周三',
			'周四',
			'周五',
			'周六',
			'周日'
		]);
	});

	it('puts the weekday first in English, as English writes it', () => {
		overwriteGetLocale(() => 'en');
		expect(formatDay('2026-12-09')).toBe('Wed 9 Dec');
		expect(slotDayTime('2026-09-07T10:00+08:00')).toBe('Mon 7 Sep 10:00');
		expect(monthDay('2026-05-31')).toBe('31 May');
		expect(weekdayLabel(7)).toBe('Sun');
	});
});

describe('working days in English', () => {
	it('counts one day as one, not as "1 working days"', () => {
		const en = { locale: 'en' } as const;
		expect(m.promised_days({ days: 1 }, en)).toBe('Done within 1 working day');
		expect(m.promised_days({ days: 15 }, en)).toBe('Done within 15 working days');
		expect(m.guide_legal_days({ days: 1 }, en)).toBe('Legal limit: 1 working day');
		expect(m.catalog_workdays({ n: 1 }, en)).toBe('1 working day');
		expect(m.catalog_workdays({ n: 1 }, { locale: 'zh' })).toBe('1 个工作日');
	});
});
