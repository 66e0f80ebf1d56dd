import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { calendarDayLabels, calendarDaySchema } from './calendar';
import { describeIssues } from './issues';

const errors = (day: Record<string, string>) => {
	const parsed = v.safeParse(calendarDaySchema, day);
	return parsed.success ? [] : describeIssues(parsed.issues, calendarDayLabels);
};

describe('a day of the national calendar', () => {
	it('is named in both languages when it is a holiday or a working weekend: residents read why', () => {
		for (const kind of ['holiday', 'workday']) {
			expect(errors({ date: '2026-12-09', kind, nameZh: ' ', nameEn: '' })).toEqual([
				{ field: 'nameZh', message: '请填写“名称（中文）”' },
				{ field: 'nameEn', message: '请填写“名称（英文）”' }
			]);
		}
		expect(
			errors({ date: '2026-12-09', kind: 'holiday', nameZh: '元旦', nameEn: 'New Year' })
		).toEqual([]);
	});

	it('needs no name when it goes back to an ordinary day', () => {
		expect(errors({ date: '2026-12-09', kind: 'normal', nameZh: '', nameEn: '' })).toEqual([]);
	});
});
