import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../seed/seed-demo';
import { testDatabases } from '../testing/databases';
import { addTestUser } from '../testing/users';
import { formIssues } from './form-issues';
import { pointFromForm, spansText } from './point-form';
import { readCatalogDocument } from './rows';
import { saveEntry } from './save-entry';
import { validateDocument } from './validate';

describe('a point’s opening hours from its edit form', () => {
	const sqlite = testDatabases()[0]!;
	let conn: Awaited<ReturnType<typeof sqlite.create>>;
	beforeAll(async () => {
		conn = await sqlite.create();
		await seedDemo(conn.db);
	});
	afterAll(async () => conn?.drop());

	/** The form's errors, as saving the point into a draft gives them. */
	async function errorsFor(hours: Record<string, string>) {
		const doc = await readCatalogDocument(conn.db);
		const at = doc.points.findIndex((p) => p.id === 'chengxiang-centre');
		const base = doc.points[at]!;
		const form: Record<string, string> = Object.fromEntries(
			(['zh', 'en', 'addressZh', 'addressEn', 'lat', 'lng', 'phone', 'counters'] as const).map(
				(k) => [k, String(base[k])]
			)
		);
		for (const d of ['1', '2', '3', '4', '5', '6', '7'] as const)
			form[`hours.${d}`] = spansText(base.hours[d]);
		const parsed = pointFromForm({ ...form, ...hours }, base, [], null);
		doc.points[at] = parsed.point as typeof base;
		const checked = validateDocument(doc);
		const issues = [
			...parsed.issues.map((i) => ({ ...i, path: ['points', at, ...i.path] })),
			...(checked.ok ? [] : checked.issues)
		];
		return formIssues(issues, ['points', at], parsed.rename, parsed.point);
	}

	it('names a span that ends before it starts, or a time of day that is none, by its weekday', async () => {
		expect(await errorsFor({ 'hours.1': '08:30-12:00, 17:00-13:30' })).toEqual([
			{ field: 'hours.1', message: '“开放时间 › 周一”的结束时间应晚于开始时间' }
		]);
		expect(await errorsFor({ 'hours.3': '25:00-26:00' })).toEqual([
			{ field: 'hours.3', message: '“开放时间 › 周三”应为 00:00 至 23:59 之间的时间，如 08:30' }
		]);
		// Spans that overlap would count the places of the hour they share twice.
		expect(await errorsFor({ 'hours.4': '08:30-12:00, 11:00-14:00' })).toEqual([
			{ field: 'hours.4', message: '“开放时间 › 周四”的时段不能重叠，应按先后填写' }
		]);
		expect(await errorsFor({ 'hours.4': '13:30-17:00, 08:30-12:00' })).toEqual([
			{ field: 'hours.4', message: '“开放时间 › 周四”的时段不能重叠，应按先后填写' }
		]);
		expect(await errorsFor({ 'hours.4': '08:30-12:00, 12:00-17:00' })).toEqual([]);
		expect(await errorsFor({ 'hours.2': '8点到12点' })).toEqual([
			{ field: 'hours.2', message: '“开放时间 › 周二”应写成 08:30-12:00, 13:30-17:00 这样的时段' }
		]);
	});

	it('lists the days in the order of the week, whichever check found each', async () => {
		const errors = await errorsFor({
			'hours.1': '25:00-26:00',
			'hours.2': '8点到12点',
			'hours.5': '14:00-12:00'
		});
		expect(errors.map((e) => e.field)).toEqual(['hours.1', 'hours.2', 'hours.5']);
	});

	it('names a matter the point handles by its name, not its id, in a fault of its booking rule', async () => {
		const doc = await readCatalogDocument(conn.db);
		const at = doc.points.findIndex((p) => p.id === 'chengxiang-centre');
		const base = doc.points[at]!;
		const user = {
			id: 'point-form-admin',
			username: 'point-form-admin',
			displayName: '',
			role: 'admin' as const,
			pointId: null
		};
		await addTestUser(conn.db, user);
		const form: Record<string, string> = {
			zh: base.zh,
			en: base.en,
			addressZh: base.addressZh,
			addressEn: base.addressEn,
			lat: String(base.lat),
			lng: String(base.lng),
			phone: base.phone,
			counters: String(base.counters),
			'services.individual-business-registration.on': 'on',
			'services.individual-business-registration.slotMinutes': '30',
			'services.individual-business-registration.capacity': '0',
			'services.individual-business-registration.minHoursAhead': '1',
			'services.individual-business-registration.maxDaysAhead': '7'
		};
		for (const d of ['1', '2', '3', '4', '5', '6', '7'] as const)
			form[`hours.${d}`] = spansText(base.hours[d]);
		const parsed = pointFromForm(form, base, ['individual-business-registration'], null);
		const errors = await saveEntry(conn, user, 'points', base.id, at, parsed.point, parsed);
		expect(errors).toEqual([
			{
				field: 'services.individual-business-registration.capacity',
				message: expect.stringMatching(/^“办理事项 › 个体工商户登记 › 每段可约人数”/)
			}
		]);
	});

	it('refuses a name or an address longer than a screen can show, naming the field', async () => {
		const errors = await errorsFor({ en: 'N'.repeat(481), addressZh: '路'.repeat(2000) });
		expect(errors.map((e) => e.field)).toEqual(['en', 'addressZh']);
		expect(errors[0]!.message).toMatch(/不能超过 100 个字/);
		expect(errors[1]!.message).toMatch(/不能超过 200 个字/);
		expect(await errorsFor({ en: 'N'.repeat(100), addressZh: '路'.repeat(200) })).toEqual([]);
	});
});
