import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminScope } from '../admin/scope';
import type { SignedInUser } from '../auth/sessions';
import { seedDemo } from '../seed/seed-demo';
import { insertBooking } from '../testing/bookings';
import { testDatabases } from '../testing/databases';
import { markContacted, revealPhone } from './affected-contacts';
import { listAffected } from './versions';

const user = (id: string, role: SignedInUser['role'], pointId: string | null): SignedInUser => ({
	id,
	username: id,
	displayName: `${id} 名`,
	role,
	pointId
});
const city: AdminScope = { user: user('li', 'admin', null), townId: null };
const guliu: AdminScope = { user: user('wang', 'town_admin', 'guliu-centre'), townId: 'guliu' };
const chengxiang: AdminScope = {
	user: user('zhao', 'town_admin', 'chengxiang-centre'),
	townId: 'chengxiang'
};

const listed = (bookingId: string, pointId: string, townId: string, slot: string) => ({
	version: 2,
	booking_id: bookingId,
	reference: `REF-${bookingId}`,
	point_id: pointId,
	town_id: townId,
	matter_id: 'individual-business-registration',
	slot_start: slot,
	phone_masked: '139****5678'
});

for (const target of testDatabases()) {
	describe(`contacting the residents of affected bookings, on ${target.kind}`, () => {
		let conn: Awaited<ReturnType<typeof target.create>>;
		beforeAll(async () => {
			conn = await target.create();
			await seedDemo(conn.db);
			await conn.db
				.insertInto('catalog_affected_bookings')
				.values([
					listed('g1', 'guliu-centre', 'guliu', '2026-03-03T08:30+08:00'),
					listed('g2', 'guliu-village-1', 'guliu', '2026-03-04T08:30+08:00'),
					listed('h1', 'laiyang-city-hall', 'chengxiang', '2026-03-03T09:00+08:00'),
					listed('c1', 'chengxiang-centre', 'chengxiang', '2026-03-05T09:00+08:00')
				])
				.execute();
		});
		afterAll(async () => conn?.drop());

		const refs = async (scope: AdminScope, contact?: 'all' | 'open' | 'contacted') =>
			(await listAffected(conn.db, { townId: scope.townId, contact })).map((r) => r.reference);

		it("keeps each town's administrator to their own town's bookings, not the city hall's", async () => {
			expect(await refs(guliu)).toEqual(['REF-g1', 'REF-g2']);
			expect(await refs(chengxiang)).toEqual(['REF-c1']);
			expect(await refs(city)).toEqual(['REF-g1', 'REF-h1', 'REF-g2', 'REF-c1']);
			const mark = (scope: AdminScope, bookingId: string) =>
				markContacted(conn, scope, { version: 2, bookingId, note: '' });
			expect(await mark(chengxiang, 'h1')).toEqual({ ok: false, code: 'not_found' });
			expect(await mark(chengxiang, 'g1')).toEqual({ ok: false, code: 'not_found' });
			expect(await mark(guliu, 'nothing')).toEqual({ ok: false, code: 'not_found' });
			expect(await refs(city, 'contacted')).toEqual([]);
		});

		it('marks a booking once, with who, when and the note; lists those not yet contacted first', async () => {
			const at = new Date('2026-03-02T02:00:00Z');
			expect(
				await markContacted(
					conn,
					guliu,
					{ version: 2, bookingId: 'g1', note: '  改约到 3月6日   上午 ' },
					at
				)
			).toEqual({ ok: true });
			expect(await markContacted(conn, city, { version: 2, bookingId: 'g1', note: '' })).toEqual({
				ok: false,
				code: 'already',
				by: 'wang 名',
				at: at.toISOString()
			});
			expect(
				await markContacted(conn, guliu, { version: 2, bookingId: 'g2', note: '长'.repeat(101) })
			).toEqual({ ok: false, code: 'note_too_long' });

			const rows = await listAffected(conn.db, { townId: 'guliu' });
			expect(rows.map((r) => [r.reference, r.contacted])).toEqual([
				['REF-g2', null],
				['REF-g1', { at: at.toISOString(), by: 'wang 名', note: '改约到 3月6日 上午' }]
			]);
			expect(await refs(guliu, 'open')).toEqual(['REF-g2']);
			expect(await refs(guliu, 'contacted')).toEqual(['REF-g1']);

			const audit = await conn.db
				.selectFrom('audit_log')
				.selectAll()
				.where('action', '=', 'catalog_booking_contacted')
				.execute();
			expect(audit).toMatchObject([
				{ username: 'wang', point_id: 'guliu-centre', note: 'REF-g1：改约到 3月6日 上午' }
			]);
		});

		it('gives the full phone to call only within the scope, and logs it as a view of the record', async () => {
			await insertBooking(conn.db, {
				id: 'c1',
				reference: 'REF-c1',
				pointId: 'chengxiang-centre',
				matterId: 'individual-business-registration',
				slotStart: '2026-03-05T09:00+08:00',
				phone: '13912345678',
				withdrawn: true
			});
			const reveal = (scope: AdminScope, bookingId: string) =>
				revealPhone(conn, scope, { version: 2, bookingId });
			expect(await reveal(guliu, 'c1')).toBeNull();
			expect(await reveal(chengxiang, 'h1')).toBeNull();
			expect(await reveal(chengxiang, 'c1')).toBe('13912345678');
			expect(await reveal(city, 'c1')).toBe('13912345678');
			const views = await conn.db
				.selectFrom('audit_log')
				.select(['username', 'application_id', 'note'])
				.where('action', '=', 'view')
				.orderBy('username')
				.execute();
			expect(views).toEqual([
				{ username: 'li', application_id: 'app-c1', note: 'REF-c1' },
				{ username: 'zhao', application_id: 'app-c1', note: 'REF-c1' }
			]);
			const listed = await listAffected(conn.db, { townId: 'chengxiang' });
			expect(listed.map((r) => [r.reference, r.applicationId])).toEqual([['REF-c1', 'app-c1']]);
		});
	});
}
