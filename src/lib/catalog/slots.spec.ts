import { describe, expect, it } from 'vitest';
import { addDays, weekdayOf } from './dates';
import { isBookableSlot, slotTimes } from './slots';
import { NO_CALENDAR, type NationalCalendar, type Point, type SlotRule } from './types';

const point: Pick<Point, 'hours' | 'closures'> = {
	hours: {
		'1': [
			['08:30', '12:00'],
			['13:30', '17:00']
		],
		'2': [['08:30', '12:00']],
		'6': [['09:00', '10:00']]
	},
	closures: [{ date: '2026-12-08', reason: { zh: '停电', en: 'Power cut' } }]
};
const rule: SlotRule = {
	matterId: 'm',
	slotMinutes: 30,
	capacity: 3,
	minHoursAhead: 2,
	maxDaysAhead: 14
};
// Monday 30 November 2026, 07:00 in Beijing.
const monday7am = new Date('2026-11-30T07:00:00+08:00');

describe('dates', () => {
	it('knows weekdays and crosses months', () => {
		expect(weekdayOf('2026-11-30')).toBe(1);
		expect(weekdayOf('2026-12-06')).toBe(7);
		expect(addDays('2026-11-30', 2)).toBe('2026-12-02');
		expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
	});
});

describe('slot times', () => {
	it('fills the opening spans with whole slots, from the earliest bookable time', () => {
		const slots = slotTimes(point, rule, NO_CALENDAR, '2026-11-30', 1, monday7am);
		// 07:00 + 2 h: the first slot is 09:00; 12:00 and 17:00 close their spans.
		expect(slots[0]!.start).toBe('2026-11-30T09:00+08:00');
		expect(slots.at(-1)!.end).toBe('2026-11-30T17:00+08:00');
		expect(slots.map((s) => s.start)).not.toContain('2026-11-30T12:00+08:00');
		expect(slots).toHaveLength(6 + 7);
		expect(slots.every((s) => s.capacity === 3)).toBe(true);
	});

	it('skips closed weekdays and closures, and stops at the booking window', () => {
		const slots = slotTimes(point, rule, NO_CALENDAR, '2026-12-01', 30, monday7am);
		const dates = new Set(slots.map((s) => s.date));
		expect(dates.has('2026-12-02')).toBe(false); // Wednesday: closed
		expect(dates.has('2026-12-05')).toBe(true); // Saturday morning
		expect(dates.has('2026-12-08')).toBe(false); // closure
		expect([...dates].every((d) => d <= '2026-12-14')).toBe(true);
	});

	it('tells a bookable slot from one outside the rules', () => {
		expect(isBookableSlot(point, rule, NO_CALENDAR, '2026-12-01T08:30+08:00', monday7am)).toBe(
			true
		);
		expect(isBookableSlot(point, rule, NO_CALENDAR, '2026-12-01T08:45+08:00', monday7am)).toBe(
			false
		);
		expect(isBookableSlot(point, rule, NO_CALENDAR, '2026-11-30T08:30+08:00', monday7am)).toBe(
			false
		);
		expect(isBookableSlot(point, rule, NO_CALENDAR, '2026-12-08T08:30+08:00', monday7am)).toBe(
			false
		);
		expect(isBookableSlot(point, rule, NO_CALENDAR, '2026-12-28T08:30+08:00', monday7am)).toBe(
			false
		);
		expect(isBookableSlot(point, rule, NO_CALENDAR, '2026-12-01 08:30', monday7am)).toBe(false);
	});

	it('agrees with the laid-out slots for every quarter hour of the window', () => {
		const laidOut = new Set(
			slotTimes(point, rule, NO_CALENDAR, '2026-11-29', 20, monday7am).map((s) => s.start)
		);
		let bookable = 0;
		for (let day = 0; day < 20; day++) {
			const date = addDays('2026-11-29', day);
			for (let m = 0; m < 24 * 60; m += 15) {
				const hhmm = `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
				const start = `${date}T${hhmm}+08:00`;
				expect(isBookableSlot(point, rule, NO_CALENDAR, start, monday7am), start).toBe(
					laidOut.has(start)
				);
				if (laidOut.has(start)) bookable++;
			}
		}
		expect(bookable).toBe(laidOut.size);
	});
});

describe('the national calendar', () => {
	// Monday 7 December a public holiday; Sunday 13 December a make-up working day.
	const calendar: NationalCalendar = {
		holidays: { '2026-12-07': { zh: '测试假日', en: 'Test holiday' } },
		workdays: { '2026-12-13': { zh: '测试假日', en: 'Test holiday' } }
	};
	const on = (date: string, c = calendar) =>
		slotTimes(point, rule, c, date, 1, monday7am).map((s) => s.start.slice(11, 16));

	it('closes every point on a public holiday', () => {
		expect(on('2026-12-07', NO_CALENDAR).length).toBeGreaterThan(0);
		expect(on('2026-12-07')).toEqual([]);
		expect(isBookableSlot(point, rule, calendar, '2026-12-07T08:30+08:00', monday7am)).toBe(false);
	});

	it('opens a point on a make-up working day as on its first weekday with hours', () => {
		expect(on('2026-12-13', NO_CALENDAR)).toEqual([]);
		expect(on('2026-12-13')).toEqual(on('2026-12-14'));
		expect(isBookableSlot(point, rule, calendar, '2026-12-13T13:30+08:00', monday7am)).toBe(true);
	});

	it('keeps a point’s own closure on a make-up working day', () => {
		const closed = { ...point, closures: [{ date: '2026-12-13', reason: { zh: '', en: '' } }] };
		expect(slotTimes(closed, rule, calendar, '2026-12-13', 1, monday7am)).toEqual([]);
	});
});
