import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogSnapshot } from '$lib/catalog/types';
import { encodeQr, newClaimKey, claimDigest } from '$lib/qr-payload';
import { registerDevice } from '../auth/devices';
import type { SignedInUser } from '../auth/sessions';
import { currentCatalog } from '../catalog/cache';
import { checkInScanned } from '../counter/actions';
import { seedDemo } from '../seed/seed-demo';
import { boundSubmitOp } from '../testing/applications';
import { testDatabases } from '../testing/databases';
import { addTestUser } from '../testing/users';
import { countRows } from '../testing/sync-client';
import { applyOps } from './apply-ops';

for (const target of testDatabases()) {
	describe(`an application bound to its phone's claim key on ${target.kind}`, () => {
		let conn: Awaited<ReturnType<typeof target.create>>;
		let catalog: CatalogSnapshot;
		const clerk: SignedInUser = {
			id: 'u-claim-clerk',
			username: 'claim-clerk',
			displayName: 'clerk',
			role: 'staff',
			pointId: 'chengxiang-centre'
		};

		beforeAll(async () => {
			conn = await target.create();
			await seedDemo(conn.db);
			catalog = (await currentCatalog(conn.db)).snapshot;
			await addTestUser(conn.db, clerk);
		});
		afterAll(async () => conn?.drop());

		const device = async () => ({ id: (await registerDevice(conn.db)).deviceId, userId: null });

		it('cannot be sent first by whoever read its receipt’s code; the phone’s own sync applies', async () => {
			const made = await boundSubmitOp(catalog, { n: 801 });
			const { claimKey, claim, ...read } = made;
			expect(claim).toBeTruthy();
			const stranger = await device();
			const attempts = [
				read,
				{ ...read, claimKey: newClaimKey() },
				{ ...read, opId: randomUUID() },
				{ ...read, payload: { ...read.payload, applicationId: randomUUID() } }
			];
			const opsBefore = await countRows(conn, 'ops');
			for (const attempt of attempts) {
				const [refused] = await applyOps(conn, stranger, [attempt], catalog);
				expect(refused).toMatchObject({
					status: 'rejected',
					reply: { code: 'claim_mismatch', fields: [{ field: 'claimKey' }] }
				});
			}
			// Refused before anything is kept: the phone's op id stays its own.
			expect(await countRows(conn, 'ops')).toBe(opsBefore);

			const phone = await device();
			const [applied] = await applyOps(conn, phone, [{ ...read, claimKey }], catalog);
			expect(applied).toMatchObject({
				status: 'applied',
				reply: { applicationId: read.payload.applicationId }
			});
		});

		it('is taken in at a counter only from a code whose digest its ids come from', async () => {
			const made = await boundSubmitOp(catalog, { n: 802 });
			const { claimKey, claim, ...read } = made;
			const forged = await encodeQr({
				opId: read.opId,
				payload: read.payload,
				claim: await claimDigest(newClaimKey())
			});
			expect(await checkInScanned(conn, clerk, catalog, forged)).toMatchObject({
				ok: false,
				code: 'rejected'
			});
			const real = await encodeQr({ opId: read.opId, payload: read.payload, claim });
			expect(await checkInScanned(conn, clerk, catalog, real)).toMatchObject({
				ok: true,
				takenIn: true
			});
			const phone = await device();
			const [claimed] = await applyOps(conn, phone, [{ ...read, claimKey }], catalog);
			expect(claimed).toMatchObject({ status: 'duplicate' });
		});

		it('is not taken over from a code altered after it was made: the phone’s own sync applies', async () => {
			// The receipt's code as the phone made it, read and changed: another point, another phone.
			const made = await boundSubmitOp(catalog, { n: 803, pointId: 'guliu-centre' });
			const { claimKey, claim, ...read } = made;
			const altered = {
				...read.payload,
				pointId: 'chengxiang-centre',
				applicant: { ...read.payload.applicant, phone: '13900000000' }
			};
			const code = await encodeQr({ opId: read.opId, payload: altered, claim });
			expect(await checkInScanned(conn, clerk, catalog, code)).toMatchObject({
				ok: false,
				code: 'rejected'
			});
			const phone = await device();
			const [applied] = await applyOps(conn, phone, [{ ...read, claimKey }], catalog);
			expect(applied).toMatchObject({
				status: 'applied',
				reply: { applicationId: read.payload.applicationId, booking: { pointId: 'guliu-centre' } }
			});
		});
	});
}
