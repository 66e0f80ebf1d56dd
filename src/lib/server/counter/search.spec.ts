import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogSnapshot } from '$lib/catalog/types';
import { registerDevice } from '../auth/devices';
import { currentCatalog } from '../catalog/cache';
import { seedDemo } from '../seed/seed-demo';
import { applyOps } from '../sync/apply-ops';
import { idNumber, submitOp } from '../testing/applications';
import { clerkAt } from '../testing/clerk';
import { testDatabases } from '../testing/databases';
import { searchApplications } from './applications';

const clerk = clerkAt('chengxiang-centre');

for (const target of testDatabases()) {
	describe(`the counter's search on ${target.kind}`, () => {
		let conn: Awaited<ReturnType<typeof target.create>>;
		let catalog: CatalogSnapshot;

		beforeAll(async () => {
			conn = await target.create();
			await seedDemo(conn.db);
			catalog = (await currentCatalog(conn.db)).snapshot;
			const { deviceId } = await registerDevice(conn.db);
			const ops = [1, 2, 3].map((n) => submitOp(catalog, { n }));
			ops[2]!.payload.applicant.name = '王_100%';
			await applyOps(conn, { id: deviceId, userId: null }, ops, catalog);
		});
		afterAll(async () => conn?.drop());

		it('finds by part of a name, and takes % and _ as the letters they are, not as wildcards', async () => {
			const found = await searchApplications(conn.db, clerk, '申请人1');
			expect(found.map((a) => a.name)).toEqual(['测试申请人1']);
			// Found as typed: only the name that holds them.
			const names = async (q: string) =>
				(await searchApplications(conn.db, clerk, q)).map((a) => a.name);
			for (const q of ['%', '_', ' _ ', '_100%']) expect(await names(q), q).toEqual(['王_100%']);
			for (const q of ['%%', '\\', '1_0']) expect(await names(q), q).toEqual([]);
		});

		it('finds a reference, an ID number or a phone typed in full-width characters', async () => {
			const [first] = await searchApplications(conn.db, clerk, '申请人1');
			const fullWidth = (s: string) =>
				s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
			const found = async (q: string) =>
				(await searchApplications(conn.db, clerk, q)).map((a) => a.reference);
			expect(await found(fullWidth(first!.reference))).toEqual([first!.reference]);
			expect(await found(fullWidth(first!.reference.slice(3)))).toEqual([first!.reference]);
			expect(await found(fullWidth(idNumber(1)))).toEqual([first!.reference]);
		});

		it('finds a reference read off a phone as people type it: O for 0, l for 1, in groups, no LY-', async () => {
			const [first] = await searchApplications(conn.db, clerk, '申请人1');
			const code = first!.reference.slice(3);
			const misread = code.replace(/0/g, 'O').replace(/1/g, 'l').toLowerCase();
			const found = async (q: string) =>
				(await searchApplications(conn.db, clerk, q)).map((a) => a.reference);
			expect(await found(`${misread.slice(0, 4)} ${misread.slice(4)}`)).toEqual([first!.reference]);
			expect(await found(`ly ${code.slice(0, 4)}-${code.slice(4)}`)).toEqual([first!.reference]);
		});

		it('finds an ID number pasted from a chat, with its invisible marks and dashes', async () => {
			const [first] = await searchApplications(conn.db, clerk, '申请人1');
			const id = idNumber(1);
			const pasted = `\u200b${id.slice(0, 6)}–${id.slice(6, 14)}\u2060${id.slice(14)}`;
			expect((await searchApplications(conn.db, clerk, pasted)).map((a) => a.reference)).toEqual([
				first!.reference
			]);
		});
	});
}
