import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '$lib/catalog/dates';
import { slotTimes } from '$lib/catalog/slots';
import type { CatalogSnapshot } from '$lib/catalog/types';
import { serviceClock } from '$lib/time';
import { registerDevice } from '../auth/devices';
import type { SignedInUser } from '../auth/sessions';
import { currentCatalog } from '../catalog/cache';
import { checkIn, processApplication } from '../counter/actions';
import { callNext, changeTicket, issueTicket, ticketOf } from '../counter/tickets';
import { writeTransaction } from '../db/transaction';
import { seedDemo } from '../seed/seed-demo';
import { applyOps } from '../sync/apply-ops';
import { submitOp } from '../testing/applications';
import { testDatabases } from '../testing/databases';
import { addTestUser } from '../testing/users';
import { adminScopeOf } from '../admin/scope';
import { figureFilter, type FigureFilter } from './filters';
import { foldFigures } from './fold';
import { sweepMissedBookings } from './missed';
import { followUps, recordFollowUp } from './follow-ups';
import { followUpDeadline } from './follow-up-deadline';
import { figuresPage } from './page';
import { rebuildDailyFigures, rebuildFiguresIfMissing } from './rebuild';
import { periodParts } from './rollup';
import { satisfactionFigures } from './satisfaction';
import { timeFigures } from './time';
import { volumeFigures } from './volume';

/** Beijing time to an instant. */
const at = (local: string) => new Date(`${local}+08:00`);
const X = 'individual-business-registration'; // promised: 1 working day
const A = 'chengxiang-centre';
const V = 'chengxiang-proxy-6'; // a proxy point of the same town
const G = 'guliu-centre';
const NOW = at('2026-03-10T10:00:00');
const NO_EXCEPTIONS = { holidays: new Set<string>(), workdays: new Set<string>() };
const WEEK: FigureFilter = {
	from: '2026-03-02',
	to: '2026-03-08',
	townId: null,
	pointId: null,
	matterId: null,
	grain: 'day'
};

for (const target of testDatabases()) {
	describe(`city figures on ${target.kind}`, () => {
		let conn: Awaited<ReturnType<typeof target.create>>;
		let catalog: CatalogSnapshot;
		let device: { id: string; userId: null };
		const user = (role: SignedInUser['role'], pointId: string | null): SignedInUser => ({
			id: `u-${role}-${pointId}`,
			username: `${role}-${pointId}`,
			displayName: `${role} ${pointId}`,
			role,
			pointId
		});
		const admin = user('admin', null);
		const clerk = user('staff', A);
		const clerk2: SignedInUser = { ...clerk, id: 'u-staff-2', username: 'wang.fang' };
		const clerkG = user('staff', G);
		const townAdminA = user('town_admin', A);
		const townAdminG = user('town_admin', G);
		const ids: Record<string, string> = {};

		let otherMatter: string;

		async function submit(name: string, pointId: string, when: Date, daysLater = 0, matterId = X) {
			const point = catalog.points.find((p) => p.id === pointId)!;
			const rule = point.services.find((s) => s.matterId === matterId)!;
			const from = addDays(serviceClock(when).date, daysLater);
			const slots = slotTimes(point, rule, catalog.calendar, from, 5, when)
				.slice(0, 1)
				.map((s) => s.start);
			const op = submitOp(catalog, {
				n: Object.keys(ids).length + 1,
				pointId,
				matterId,
				slots
			});
			const [r] = await applyOps(conn, device, [op], catalog, () => when);
			expect(r).toMatchObject({ status: 'applied', reply: { booking: { status: 'booked' } } });
			ids[name] = op.payload.applicationId;
			return op.payload.applicationId;
		}
		const process = async (
			id: string,
			action: 'accept' | 'complete',
			when: Date,
			who: SignedInUser = clerk
		) =>
			expect(
				await processApplication(conn, who, catalog, id, action, { note: '', materials: [] }, when)
			).toMatchObject({ ok: true });
		const call = (when: Date, counter = 1) =>
			writeTransaction(conn, (tx) => callNext(conn, tx, A, counter, when));
		const rate = async (id: string, stars: number, when: Date) => {
			const [r] = await applyOps(
				conn,
				device,
				[
					{
						opId: randomUUID(),
						kind: 'rating.submit',
						schemaVersion: 1,
						payload: { applicationId: id, stars, comment: `${stars} 星` }
					}
				],
				catalog,
				() => when
			);
			expect(r!.status).toBe('applied');
		};

		beforeAll(async () => {
			conn = await target.create();
			await seedDemo(conn.db);
			// Wednesday 4 March a holiday: no working day. Monday and Tuesday 16–17 March holidays too,
			// made up for on Sunday 22 March (调休).
			for (const [date, kind] of [
				['2026-03-04', 'holiday'],
				['2026-03-16', 'holiday'],
				['2026-03-17', 'holiday'],
				['2026-03-22', 'workday']
			] as const) {
				await conn.db
					.insertInto('national_calendar')
					.values({ date, kind, source: 'admin', updated_at: new Date().toISOString() })
					.onConflict((oc) => oc.column('date').doUpdateSet({ kind }))
					.execute();
			}
			// The clerks' accounts, for their names.
			for (const [u, name] of [
				[clerk, '李明'],
				[clerk2, '王芳'],
				[clerkG, '张华']
			] as const)
				await addTestUser(conn.db, { ...u, displayName: name });
			catalog = (await currentCatalog(conn.db)).snapshot;
			otherMatter = catalog.points
				.find((p) => p.id === G)!
				.services.find((s) => s.matterId !== X)!.matterId;
			device = { id: (await registerDevice(conn.db)).deviceId, userId: null };

			// Monday 2 March: five applications, each with a booked slot.
			await submit('a1', A, at('2026-03-02T09:00:00'));
			await submit('a2', A, at('2026-03-02T09:01:00'));
			await submit('a3', V, at('2026-03-02T09:02:00')); // never comes: a no-show
			await submit('a4', G, at('2026-03-02T09:03:00'), 3); // cancelled
			await submit('a5', A, at('2026-03-02T09:04:00')); // asked for more materials: open

			const [cancelled] = await applyOps(
				conn,
				device,
				[
					{
						opId: randomUUID(),
						kind: 'booking.cancel',
						schemaVersion: 1,
						payload: { applicationId: ids.a4 }
					}
				],
				catalog,
				() => at('2026-03-02T09:30:00')
			);
			expect(cancelled!.status).toBe('applied');

			// At the centre on Monday: three check-ins, two walk-ins, four first calls.
			for (const [name, time] of [
				['a1', '10:00'],
				['a2', '10:05'],
				['a5', '10:06']
			] as const) {
				expect(
					await checkIn(conn, clerk, catalog, ids[name]!, at(`2026-03-02T${time}:00`))
				).toMatchObject({ ok: true });
			}
			const walkIn = (time: string) =>
				writeTransaction(conn, (tx) =>
					issueTicket(
						conn,
						tx,
						{ pointId: A, categoryId: 'market', prefix: 'A' },
						at(`2026-03-02T${time}:00`)
					)
				);
			const w1 = await walkIn('10:07');
			const w2 = await walkIn('10:08');
			// Calls in ticket order: a1 waited 12 min, a2 30, a5 36, w1 50; a1 recalled (no new wait).
			expect((await call(at('2026-03-02T10:12:00'), 1))!.applicationId).toBe(ids.a1);
			expect((await call(at('2026-03-02T10:35:00'), 2))!.applicationId).toBe(ids.a2);
			expect((await call(at('2026-03-02T10:42:00'), 3))!.applicationId).toBe(ids.a5);
			expect((await call(at('2026-03-02T10:57:00'), 4))!.id).toBe(w1.id);
			await writeTransaction(conn, (tx) =>
				changeTicket(tx, w1.id, 'transfer', 5, at('2026-03-02T10:58:00'))
			);
			expect((await call(at('2026-03-02T11:00:00'), 5))!.id).toBe(w1.id); // called again: no second wait
			// w2 is called and missed its call: a ticket no-show (waited 62 min).
			expect((await call(at('2026-03-02T11:10:00'), 6))!.id).toBe(w2.id);
			await writeTransaction(conn, (tx) =>
				changeTicket(tx, w2.id, 'no_show', null, at('2026-03-02T11:11:00'))
			);
			expect((await writeTransaction(conn, (tx) => ticketOf(tx, w2.id)))!.status).toBe('no_show');

			await process(ids.a1!, 'accept', at('2026-03-02T10:20:00'));
			await process(ids.a2!, 'accept', at('2026-03-02T10:40:00'));
			expect(
				await processApplication(
					conn,
					clerk,
					catalog,
					ids.a5!,
					'request_materials',
					{ note: '', materials: ['lease-contract'] },
					at('2026-03-02T10:50:00')
				)
			).toMatchObject({ ok: true });
			// a1 done on Tuesday: 1 working day, in time. a2 on Thursday: Tue + Thu (Wed a holiday) = 2, late.
			await process(ids.a1!, 'complete', at('2026-03-03T15:00:00'));
			await process(ids.a2!, 'complete', at('2026-03-05T11:00:00'));
			await rate(ids.a1!, 5, at('2026-03-03T16:00:00'));
			await rate(ids.a2!, 1, at('2026-03-05T12:00:00'));
			// The housekeeping after the week: a3's booked day passed with nobody checked in.
			expect(await sweepMissedBookings(conn, NOW)).toBe(1);
			expect(await sweepMissedBookings(conn, NOW)).toBe(0);

			// The week after, four applications served and rated. b1 was checked in by 李明 and
			// completed by 王芳: the rating is 王芳's. b4 is of another matter.
			const served = async (
				name: string,
				pointId: string,
				who: { checkIn: SignedInUser; complete: SignedInUser },
				rating: { stars: number; at: Date },
				matterId = X
			) => {
				const minute = String(Object.keys(ids).length).padStart(2, '0');
				const id = await submit(name, pointId, at(`2026-03-09T09:${minute}:00`), 0, matterId);
				expect(
					await checkIn(conn, who.checkIn, catalog, id, at('2026-03-09T10:00:00'))
				).toMatchObject({ ok: true });
				await process(id, 'accept', at('2026-03-09T10:10:00'), who.complete);
				await process(id, 'complete', at('2026-03-09T15:00:00'), who.complete);
				await rate(id, rating.stars, rating.at);
			};
			const byA = { checkIn: clerk, complete: clerk2 };
			const byG = { checkIn: clerkG, complete: clerkG };
			await served('b1', A, byA, { stars: 2, at: at('2026-03-09T16:00:00') });
			await served(
				'b2',
				A,
				{ checkIn: clerk, complete: clerk },
				{ stars: 4, at: at('2026-03-09T16:05:00') }
			);
			await served('b3', G, byG, { stars: 1, at: at('2026-03-10T10:00:00') });
			await served('b4', G, byG, { stars: 5, at: at('2026-03-10T10:05:00') }, otherMatter);
		});
		afterAll(async () => conn?.drop());

		it('counts the volume: applications, bookings, walk-ins, arrivals, no-shows, and where', async () => {
			const v = await volumeFigures(conn.db, catalog, WEEK);
			expect(v.totals).toEqual({
				applications: 5,
				booked: 5,
				walkIns: 2,
				checkIns: 3,
				noShows: 1, // a3; a4 was cancelled
				ticketNoShows: 1,
				movedDown: 100, // nothing at the city hall: everything was done in towns and villages
				offline: 0, // each reached the server as it was made
				byAgent: 0
			});
			// Village level: a3 (1 of 7 applications and walk-ins); town centres: 4 + 2 walk-ins.
			expect(v.levels.rows.map((r) => [r.applications, r.walkIns, r.share])).toEqual([
				[1, 0, 14.3],
				[4, 2, 85.7],
				[0, 0, 0]
			]);
			expect(v.places.rows).toEqual([
				{
					place: '城厢街道',
					applications: 4,
					booked: 4,
					walkIns: 2,
					checkIns: 3,
					noShows: 1,
					villageShare: 16.7,
					offline: 0,
					byAgent: 0
				},
				{
					place: '古柳街道',
					applications: 1,
					booked: 1,
					walkIns: 0,
					checkIns: 0,
					noShows: 0,
					villageShare: 0,
					offline: 0,
					byAgent: 0
				}
			]);
			const monday = v.series.rows.find((r) => r.period === '2026-03-02');
			expect(monday).toEqual({ period: '2026-03-02', applications: 5, walkIns: 2, checkIns: 3 });
			expect(v.series.rows).toHaveLength(7);
			expect(
				v.series.rows.filter((r) => r.period !== '2026-03-02').every((r) => !r.applications)
			).toBe(true);

			// By week: one row from Monday 2 March; the period before has nothing.
			const weekly = await volumeFigures(conn.db, catalog, { ...WEEK, grain: 'week' });
			expect(weekly.series.rows).toEqual([
				{ period: '2026-03-02', applications: 5, walkIns: 2, checkIns: 3 }
			]);
			const before = await volumeFigures(conn.db, catalog, {
				...WEEK,
				from: '2026-02-23',
				to: '2026-03-01'
			});
			expect(before.totals.applications).toBe(0);
			expect(before.totals.noShows).toBe(0);
		});

		it('filters by town, point and matter', async () => {
			const town = await volumeFigures(conn.db, catalog, { ...WEEK, townId: 'chengxiang' });
			expect(town.totals).toMatchObject({ applications: 4, walkIns: 2, noShows: 1 });
			// Within a town, by point.
			expect(town.places.rows.map((r) => [r.place, r.applications, r.walkIns])).toEqual([
				['城厢街道便民服务中心', 3, 2],
				[catalog.points.find((p) => p.id === V)!.name.zh, 1, 0]
			]);
			const point = await volumeFigures(conn.db, catalog, { ...WEEK, pointId: V });
			expect(point.totals).toMatchObject({ applications: 1, checkIns: 0, noShows: 1 });
			// Walk-ins name no matter, so a matter's figures leave them out.
			const matter = await volumeFigures(conn.db, catalog, { ...WEEK, matterId: X });
			expect(matter.totals).toMatchObject({ applications: 5, walkIns: 0 });
			const other = await volumeFigures(conn.db, catalog, {
				...WEEK,
				matterId: 'birth-registration'
			});
			expect(other.totals).toMatchObject({ applications: 0, noShows: 0 });
		});

		it('times the wait, the completion against the promised days, and the backlog', async () => {
			const t = await timeFigures(conn.db, catalog, WEEK, NOW);
			// Waits 12, 30, 36, 50 and 62 minutes: 190 / 5 = 38.
			expect(t.totals).toEqual({
				averageWait: 38,
				called: 5,
				completed: 2,
				averageDays: 1.5,
				inTime: 50,
				open: 1
			});
			expect(t.places.rows).toEqual([
				{
					place: '城厢街道',
					called: 5,
					averageWait: 38,
					ticketNoShows: 1,
					completed: 2,
					averageDays: 1.5,
					inTime: 50
				},
				// Guliu's only application was cancelled: nobody waited or was served there.
				{
					place: '古柳街道',
					called: 0,
					averageWait: null,
					ticketNoShows: 0,
					completed: 0,
					averageDays: null,
					inTime: null
				}
			]);
			expect(t.matters.rows).toEqual([
				{ matter: '个体工商户登记', promisedDays: 1, completed: 2, averageDays: 1.5, inTime: 50 }
			]);
			const days = Object.fromEntries(t.series.rows.map((r) => [r.period, r]));
			expect(days['2026-03-03']).toMatchObject({ completed: 1, inTime: 100 });
			expect(days['2026-03-05']).toMatchObject({ completed: 1, inTime: 0 });
			// a5 came in eight days before NOW: the 8–14 days bucket (a3 never came: a no-show).
			expect(t.backlog.rows.map((r) => r.total)).toEqual([0, 0, 1, 0, 0]);
			expect(t.backlog.rows[2]).toMatchObject({ submitted: 0, accepted: 0, moreMaterials: 1 });
			// Three weeks later it is in the 15–30 days bucket.
			const later = await timeFigures(conn.db, catalog, WEEK, at('2026-03-24T10:00:00'));
			expect(later.backlog.rows.map((r) => r.total)).toEqual([0, 0, 0, 1, 0]);
		});

		it('spreads and averages the ratings, and lists every poor one to follow up', async () => {
			const s = await satisfactionFigures(conn.db, catalog, WEEK, NOW);
			// a2's follow-up is open, due on 27 March.
			expect(s.totals).toEqual({
				ratings: 2,
				average: 3,
				poor: 1,
				poorShare: 50,
				open: 1,
				overdue: 0,
				closedLate: 0
			});
			expect(s.distribution.rows.map((r) => r.ratings)).toEqual([1, 0, 0, 0, 1]);
			expect(s.matters.rows).toEqual([
				{ matter: '个体工商户登记', ratings: 2, average: 3, poor: 1 }
			]);
			const list = await followUps(conn.db, WEEK);
			expect(list).toHaveLength(1);
			expect(list[0]).toMatchObject({
				applicationId: ids.a2,
				stars: 1,
				comment: '1 星',
				closed: false,
				ratedAt: at('2026-03-05T12:00:00').toISOString()
			});
			expect(await followUps(conn.db, { ...WEEK, townId: 'guliu' })).toEqual([]);
		});

		it('records a follow-up within the administrator’s town only, audited', async () => {
			const pointOf = (pointId: string) => catalog.points.find((p) => p.id === pointId);
			const scopeG = adminScopeOf(townAdminG, catalog)!;
			expect(
				await recordFollowUp(conn, scopeG, pointOf, {
					applicationId: ids.a2!,
					action: '看看',
					closed: true
				})
			).toEqual({ ok: false, code: 'other_town' });
			const scopeA = adminScopeOf(townAdminA, catalog)!;
			const when = at('2026-03-06T09:00:00');
			expect(
				await recordFollowUp(
					conn,
					scopeA,
					pointOf,
					{ applicationId: ids.a2!, action: '已致电申请人并道歉', closed: true },
					when
				)
			).toEqual({ ok: true });
			const [f] = await followUps(conn.db, WEEK);
			expect(f).toMatchObject({
				closed: true,
				action: '已致电申请人并道歉',
				followedBy: townAdminA.displayName,
				followedAt: when.toISOString()
			});
			const log = await conn.db
				.selectFrom('audit_log')
				.selectAll()
				.where('action', '=', 'rating_follow_up')
				.execute();
			expect(log).toHaveLength(1);
			expect(log[0]).toMatchObject({ user_id: townAdminA.id, application_id: ids.a2 });
			expect(JSON.parse(log[0]!.after)).toMatchObject({ closed: true });
			expect(
				await recordFollowUp(conn, adminScopeOf(admin, catalog)!, pointOf, {
					applicationId: 'nope',
					action: 'x',
					closed: false
				})
			).toEqual({ ok: false, code: 'not_found' });
		});

		it('keeps a town administrator to their town, whatever the address asks', () => {
			const scope = adminScopeOf(townAdminG, catalog)!;
			const params = new URLSearchParams({
				town: 'chengxiang',
				point: A,
				from: '2026-03-02',
				to: '2026-03-08'
			});
			const { filter } = figureFilter(params, scope, catalog, NOW);
			expect(filter).toMatchObject({ townId: 'guliu', pointId: null });
			const city = figureFilter(params, adminScopeOf(admin, catalog)!, catalog, NOW).filter;
			expect(city).toMatchObject({ townId: 'chengxiang', pointId: A });
			const bad = figureFilter(
				new URLSearchParams({ from: '2026-03-09', to: '2026-03-02' }),
				scope,
				catalog,
				NOW
			);
			// Named as the end before the start, not as a date that is no date.
			expect(bad.errors).toEqual([{ field: 'to', message: '“结束日期”不能早于“开始日期”' }]);
			expect(bad.filter).toMatchObject({ from: '2026-02-09', to: '2026-03-10' });
			// A period past ten years is named, not counted day by day (it failed after seconds).
			const endless = figureFilter(
				new URLSearchParams({ from: '2020-01-01', to: '9999-12-31' }),
				scope,
				catalog,
				NOW
			);
			expect(endless.errors).toEqual([{ field: 'to', message: expect.stringMatching(/10 年/) }]);
			expect(endless.filter).toMatchObject({ from: '2026-02-09', to: '2026-03-10' });
			// A town, point or matter that is none (an old link, a typo) is said, not shown as all.
			const nowhere = figureFilter(
				new URLSearchParams({ town: 'nowhere', point: 'no-point', matter: 'no-matter' }),
				adminScopeOf(admin, catalog)!,
				catalog,
				NOW
			);
			expect(nowhere.errors).toEqual([
				{ field: 'town', message: '请从列表中选择“镇街”' },
				{ field: 'point', message: '请从列表中选择“服务点”' },
				{ field: 'matter', message: '请从列表中选择“事项”' }
			]);
			expect(nowhere.filter).toMatchObject({ townId: null, pointId: null, matterId: null });
		});

		it('gives each poor rating 15 working days to be followed up, by the national calendar', async () => {
			// Rated on Friday 6 March, no exceptions: three whole weeks on, Friday 27 March.
			expect(followUpDeadline('2026-03-06', NO_EXCEPTIONS)).toBe('2026-03-27');
			// Rated on a Saturday: the count starts on Monday all the same.
			expect(followUpDeadline('2026-03-07', NO_EXCEPTIONS)).toBe('2026-03-27');
			// Two holidays (9–10 March) and a make-up Saturday (14th): 11–13, 14, 16–20, 23–27, 30.
			const calendar = {
				holidays: new Set(['2026-03-09', '2026-03-10']),
				workdays: new Set(['2026-03-14'])
			};
			expect(followUpDeadline('2026-03-06', calendar)).toBe('2026-03-30');

			// Stored when the rating came in, by this database's calendar (16–17 off, Sunday 22 on).
			const stored = await conn.db
				.selectFrom('rating_follow_ups')
				.select(['application_id', 'deadline'])
				.orderBy('rated_at')
				.execute();
			expect(stored).toEqual([
				// Thursday 5 March: 6, 9–13, 18–20, 22, 23–27.
				{ application_id: ids.a2, deadline: '2026-03-27' },
				// Monday 9 March: 10–13, 18–20, 22, 23–27, 30–31.
				{ application_id: ids.b1, deadline: '2026-03-31' },
				// Tuesday 10 March: 11–13, 18–20, 22, 23–27, 30–31, 1 April.
				{ application_id: ids.b3, deadline: '2026-04-01' }
			]);
		});

		const TWO_WEEKS: FigureFilter = { ...WEEK, to: '2026-03-15' };
		const followUpTotals = async (f: FigureFilter, now: Date) => {
			const { open, overdue, closedLate } = (await satisfactionFigures(conn.db, catalog, f, now))
				.totals;
			return { open, overdue, closedLate };
		};

		it('counts the open follow-ups, the overdue among them, and lists the overdue first', async () => {
			// a2 was closed on 6 March, in time. On its deadline day b1 is not overdue yet.
			const lastDay = at('2026-03-31T23:59:00');
			expect(await followUpTotals(TWO_WEEKS, lastDay)).toEqual({
				open: 2,
				overdue: 0,
				closedLate: 0
			});
			const before = await followUps(conn.db, TWO_WEEKS, 200, lastDay);
			expect(before.map((f) => [f.applicationId, f.overdue])).toEqual([
				[ids.b1, false],
				[ids.b3, false],
				[ids.a2, false]
			]);

			// The next day it is. Open ones by deadline: b1 first, though b3 is the newer rating.
			const nextDay = at('2026-04-01T00:01:00');
			expect(await followUpTotals(TWO_WEEKS, nextDay)).toEqual({
				open: 2,
				overdue: 1,
				closedLate: 0
			});
			const list = await followUps(conn.db, TWO_WEEKS, 200, nextDay);
			expect(list.map((f) => [f.applicationId, f.closed, f.overdue, f.deadline])).toEqual([
				[ids.b1, false, true, '2026-03-31'],
				[ids.b3, false, false, '2026-04-01'],
				[ids.a2, true, false, '2026-03-27']
			]);
			// The first of a list cut short is still the overdue one.
			expect((await followUps(conn.db, TWO_WEEKS, 1, nextDay)).map((f) => f.applicationId)).toEqual(
				[ids.b1]
			);
			// Each place's own: 城厢 has b1 (overdue) and a2, 古柳 b3.
			expect(await followUpTotals({ ...TWO_WEEKS, townId: 'chengxiang' }, nextDay)).toEqual({
				open: 1,
				overdue: 1,
				closedLate: 0
			});
			expect(await followUpTotals({ ...TWO_WEEKS, pointId: G, townId: 'guliu' }, nextDay)).toEqual({
				open: 1,
				overdue: 0,
				closedLate: 0
			});
			expect(await followUpTotals({ ...TWO_WEEKS, matterId: otherMatter }, nextDay)).toEqual({
				open: 0,
				overdue: 0,
				closedLate: 0
			});
			// The first week alone: only a2, closed.
			expect(await followUpTotals(WEEK, nextDay)).toEqual({ open: 0, overdue: 0, closedLate: 0 });
		});

		it('counts a follow-up closed after its deadline as closed late, in the totals and the export', async () => {
			const pointOf = (pointId: string) => catalog.points.find((p) => p.id === pointId);
			const scopeG = adminScopeOf(townAdminG, catalog)!;
			const close = (action: string, when: Date) =>
				recordFollowUp(
					conn,
					scopeG,
					pointOf,
					{ applicationId: ids.b3!, action, closed: true },
					when
				);
			// b3 was due on Wednesday 1 April, closed on Thursday 2nd.
			expect(await close('已致电申请人', at('2026-04-02T09:00:00'))).toEqual({ ok: true });
			// Recorded again, still closed: the day it was closed stands.
			expect(await close('已致电申请人，已道歉', at('2026-04-03T09:00:00'))).toEqual({ ok: true });
			const later = at('2026-04-03T10:00:00');
			expect(await followUpTotals(TWO_WEEKS, later)).toEqual({
				open: 1,
				overdue: 1,
				closedLate: 1
			});
			const b3 = (await followUps(conn.db, TWO_WEEKS, 200, later)).find(
				(f) => f.applicationId === ids.b3
			);
			expect(b3).toMatchObject({ closed: true, closedOn: '2026-04-02', closedLate: true });
			expect(await followUpTotals({ ...TWO_WEEKS, townId: 'chengxiang' }, later)).toEqual({
				open: 1,
				overdue: 1,
				closedLate: 0
			});

			// The page's tables, as exported: the counts by town, and each follow-up's deadline and state.
			const page = await figuresPage(
				conn,
				adminScopeOf(admin, catalog)!,
				catalog,
				new URLSearchParams({ view: 'satisfaction', from: '2026-03-02', to: '2026-03-15' }),
				later
			);
			const table = (id: string) => page.tables.find((t) => t.id === id)!;
			expect(table('follow-up-deadlines').rows).toEqual([
				{ place: '城厢街道', followUps: 2, open: 1, overdue: 1, closedLate: 0 },
				{ place: '古柳街道', followUps: 1, open: 0, overdue: 0, closedLate: 1 }
			]);
			expect(table('follow-ups').rows.map((r) => [r.deadline, r.state])).toEqual([
				['2026-03-31', '已逾期，待回访'],
				['2026-04-01', '逾期后关闭'],
				['2026-03-27', '已关闭']
			]);
		});

		it('spreads the ratings by the clerk who completed each application', async () => {
			const clerks = async (f: FigureFilter) =>
				(await satisfactionFigures(conn.db, catalog, f)).clerks.rows;
			// 李明: a1 5, a2 1, b2 4 (b1 he only checked in); 王芳: b1 2; 张华: b3 1, b4 5.
			expect(await clerks(TWO_WEEKS)).toEqual([
				{ clerk: '李明', point: '城厢街道便民服务中心', ratings: 3, average: 3.3, poor: 1 },
				{ clerk: '王芳', point: '城厢街道便民服务中心', ratings: 1, average: 2, poor: 1 },
				{ clerk: '张华', point: '古柳街道便民服务中心', ratings: 2, average: 3, poor: 1 }
			]);
			// The first week only.
			expect(await clerks(WEEK)).toEqual([
				{ clerk: '李明', point: '城厢街道便民服务中心', ratings: 2, average: 3, poor: 1 }
			]);
			// One town, one point, one matter.
			expect((await clerks({ ...TWO_WEEKS, townId: 'guliu' })).map((r) => r.clerk)).toEqual([
				'张华'
			]);
			expect(
				(await clerks({ ...TWO_WEEKS, townId: 'chengxiang', pointId: A })).map((r) => r.clerk)
			).toEqual(['李明', '王芳']);
			expect(await clerks({ ...TWO_WEEKS, matterId: otherMatter })).toEqual([
				{ clerk: '张华', point: '古柳街道便民服务中心', ratings: 1, average: 5, poor: 0 }
			]);
			expect(await clerks({ ...TWO_WEEKS, matterId: X, townId: 'guliu' })).toEqual([
				{ clerk: '张华', point: '古柳街道便民服务中心', ratings: 1, average: 1, poor: 1 }
			]);

			// A town administrator sees their town's clerks only, whatever the address asks.
			const page = await figuresPage(
				conn,
				adminScopeOf(townAdminG, catalog)!,
				catalog,
				new URLSearchParams({
					view: 'satisfaction',
					town: 'chengxiang',
					from: '2026-03-02',
					to: '2026-03-15'
				}),
				NOW
			);
			expect(page.tables.find((t) => t.id === 'ratings-by-clerk')!.rows).toEqual([
				{ clerk: '张华', point: '古柳街道便民服务中心', ratings: 2, average: 3, poor: 1 }
			]);
		});

		it('gives the same figures once the deltas are folded, and when rebuilt from the records', async () => {
			const views = async () => [
				await volumeFigures(conn.db, catalog, WEEK),
				await timeFigures(conn.db, catalog, WEEK, NOW),
				await satisfactionFigures(conn.db, catalog, WEEK)
			];
			const kept = await views();
			expect(
				Number(
					(await conn.db
						.selectFrom('figure_deltas')
						.select((eb) => eb.fn.countAll().as('n'))
						.executeTakeFirst())!.n
				)
			).toBeGreaterThan(0);
			await foldFigures(conn);
			const deltas = await conn.db.selectFrom('figure_deltas').selectAll().execute();
			expect(deltas).toEqual([]);
			expect(await views()).toEqual(kept);
			// A period of a whole week and some days either side: weekly rows and daily ones, the same sums.
			const wider = { ...WEEK, from: '2026-02-27', to: '2026-03-10' };
			expect(periodParts(wider)).toEqual({
				months: null,
				weeks: [['2026-03-02', '2026-03-02']],
				days: [
					['2026-02-27', '2026-03-01'],
					['2026-03-09', '2026-03-10']
				]
			});
			// The week's, and the four applications of Monday 9 March, each booked and checked in.
			const v = await volumeFigures(conn.db, catalog, wider);
			const week = (kept[0] as typeof v).totals;
			expect(v.totals).toEqual({
				...week,
				applications: week.applications + 4,
				booked: week.booked + 4,
				checkIns: week.checkIns + 4
			});
			// Whole months from the monthly rows, the weeks and days either side from theirs.
			const months = { ...WEEK, from: '2026-01-15', to: '2026-04-10' };
			expect(periodParts(months)).toEqual({
				months: ['2026-02-01', '2026-03-01'],
				weeks: [['2026-01-19', '2026-01-19']],
				days: [
					['2026-01-15', '2026-01-18'],
					['2026-01-26', '2026-01-31'],
					['2026-04-01', '2026-04-10']
				]
			});
			// The totals (by place: months) agree with the series by day (daily rows only).
			const byMonths = await volumeFigures(conn.db, catalog, months);
			const sum = (key: 'applications' | 'walkIns' | 'checkIns') =>
				byMonths.series.rows.reduce((n, r) => n + Number(r[key]), 0);
			expect(byMonths.totals.applications).toBe(week.applications + 4);
			expect([sum('applications'), sum('walkIns'), sum('checkIns')]).toEqual([
				byMonths.totals.applications,
				byMonths.totals.walkIns,
				byMonths.totals.checkIns
			]);
			// By week, a period is read by weeks and days only: a month is no whole number of weeks.
			expect(periodParts(months, false).months).toBeNull();
			const byWeek = await volumeFigures(conn.db, catalog, { ...wider, grain: 'week' });
			expect(byWeek.series.rows.map((r) => [r.period, r.applications, r.walkIns])).toEqual([
				['2026-02-23', 0, 0],
				['2026-03-02', 5, 2],
				['2026-03-09', 4, 0]
			]);
			const daily = async () =>
				[
					...(await conn.db.selectFrom('daily_figures').selectAll().execute()),
					...(await conn.db.selectFrom('weekly_figures').selectAll().execute()),
					...(await conn.db.selectFrom('monthly_figures').selectAll().execute())
				]
					.map((r) =>
						JSON.stringify(
							Object.entries(r)
								.map(([k, v]) => [k, String(v)])
								.sort()
						)
					)
					.sort();
			const folded = await daily();
			expect(folded.length).toBeGreaterThan(0);
			const clerkRows = () =>
				conn.db
					.selectFrom('clerk_ratings')
					.selectAll()
					.orderBy('matter_id')
					.orderBy('day')
					.orderBy('point_id')
					.orderBy('clerk_id')
					.execute();
			const perClerk = await clerkRows();
			// Six ratings: a row each by matter; by all matters five (张华's two of 10 March share one).
			expect(perClerk).toHaveLength(11);
			await rebuildDailyFigures(conn);
			expect(await daily()).toEqual(folded);
			expect(await clerkRows()).toEqual(perClerk);
			// A database whose ratings predate the rows per clerk gets them when the server starts.
			await conn.db.deleteFrom('clerk_ratings').execute();
			await rebuildFiguresIfMissing(conn);
			expect(await clerkRows()).toEqual(perClerk);
		});
	});
}
