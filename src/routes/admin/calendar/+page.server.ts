import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { calendarDayLabels, calendarDaySchema } from '$lib/schemas/calendar';
import { describeIssues } from '$lib/schemas/issues';
import { calendarDays, setCalendarDay } from '$lib/server/calendar/national';
import { requireAdmin } from '$lib/server/counter/access';
import { database } from '$lib/server/db';
import { readForm } from '$lib/server/http/form';
import { serviceClock } from '$lib/time';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireAdmin(locals, url);
	const thisYear = Number(serviceClock().date.slice(0, 4));
	const asked = Number(url.searchParams.get('year'));
	const year = Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : thisYear;
	return { year, thisYear, days: await calendarDays(database().db, year) };
};

export const actions: Actions = {
	save: async ({ locals, url, request }) => {
		const user = requireAdmin(locals, url);
		const form = Object.fromEntries(await readForm(request));
		const parsed = v.safeParse(calendarDaySchema, form);
		if (!parsed.success) {
			const errors = describeIssues(parsed.issues, calendarDayLabels);
			return fail(400, { errors, values: form });
		}
		const day = parsed.output;
		const { affected } = await setCalendarDay(database(), user, {
			date: day.date,
			kind: day.kind,
			name: { zh: day.nameZh, en: day.nameEn }
		});
		return { saved: day.date, message: m.calendar_saved(), affected };
	}
};
