import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogSnapshot } from '$lib/catalog/types';
import { registerDevice } from '../auth/devices';
import { currentCatalog } from '../catalog/cache';
import { processApplication } from '../counter/actions';
import { seedDemo } from '../seed/seed-demo';
import { submitOp } from '../testing/applications';
import { clerkAt } from '../testing/clerk';
import { testDatabases } from '../testing/databases';
import { tinyJpeg } from '../testing/images';
import { syncClient } from '../testing/sync-client';

const clerk = clerkAt('chengxiang-centre');
const none = { note: '', materials: [] };
const askFor = { note: '请补拍身份证', materials: ['operator-id'] };

for (const target of testDatabases()) {
	describe(`materials added from the phone on ${target.kind}`, () => {
		let conn: Awaited<ReturnType<typeof target.create>>;
		let catalog: CatalogSnapshot;
		let phone: ReturnType<typeof syncClient>;
		let n = 0;
		const send = async (client: typeof phone, op: unknown) =>
			(await (await client.post({ ops: [op] })).json()).results[0];
		const addOp = (
			applicationId: string,
			photo: { sha256: string; bytes: Buffer },
			materialId = 'operator-id'
		) => ({
			opId: randomUUID(),
			kind: 'materials.add',
			schemaVersion: 1,
			payload: {
				applicationId,
				attachments: [
					{
						sha256: photo.sha256,
						materialId,
						contentType: 'image/jpeg',
						size: photo.bytes.length
					}
				]
			}
		});
		async function application(steps: ('accept' | 'request_materials')[]) {
			const op = submitOp(catalog, { n: ++n });
			expect((await send(phone, op)).status).toBe('applied');
			const id = op.payload.applicationId;
			for (const step of steps)
				expect(
					(
						await processApplication(
							conn,
							clerk,
							catalog,
							id,
							step,
							step === 'accept' ? none : askFor
						)
					).ok
				).toBe(true);
			return id;
		}
		/** The application as the phone's next pull has it. */
		const stateOf = async (id: string) => {
			const { changes } = (await (await phone.pull(0)).json()) as {
				changes: { applicationId: string; status: string; requestedMaterials: string[] }[];
			};
			return changes.findLast((c) => c.applicationId === id);
		};
		const statusOf = async (id: string) =>
			(
				await conn.db
					.selectFrom('applications')
					.select('status')
					.where('id', '=', id)
					.executeTakeFirstOrThrow()
			).status;

		beforeAll(async () => {
			conn = await target.create();
			await seedDemo(conn.db);
			catalog = (await currentCatalog(conn.db)).snapshot;
			phone = syncClient(conn, (await registerDevice(conn.db)).token);
		});
		afterAll(async () => conn?.drop());

		it('takes the photos asked for and gives the application back to the counter', async () => {
			const id = await application(['accept', 'request_materials']);
			const photo = tinyJpeg();
			const op = addOp(id, photo);
			// The application goes back to the counter at once; the photo joins it when it arrives.
			expect(await send(phone, op)).toMatchObject({
				status: 'applied',
				reply: { applicationId: id, status: 'accepted' }
			});
			// Nothing is owed any more: the accepted receipt names nothing still to bring.
			expect((await stateOf(id))?.requestedMaterials).toEqual([]);
			expect(await statusOf(id)).toBe('accepted');
			const attached = () =>
				conn.db
					.selectFrom('attachments')
					.select(['sha256', 'material_id'])
					.where('application_id', '=', id)
					.execute();
			expect(await attached()).toEqual([]);
			expect((await phone.put(photo.bytes, photo.sha256)).status).toBe(201);
			expect(await attached()).toEqual([{ sha256: photo.sha256, material_id: 'operator-id' }]);
			const steps = await conn.db
				.selectFrom('application_events')
				.select('step')
				.where('application_id', '=', id)
				.orderBy('seq')
				.execute();
			expect(steps.map((s) => s.step)).toEqual([
				'submitted',
				'accept',
				'request_materials',
				'add_materials'
			]);
			expect((await processApplication(conn, clerk, catalog, id, 'complete', none)).ok).toBe(true);
		});

		it('keeps waiting for what is still owed when only some of the materials asked for come', async () => {
			const op = submitOp(catalog, { n: ++n });
			expect((await send(phone, op)).status).toBe('applied');
			const id = op.payload.applicationId;
			const both = { note: '请补两样', materials: ['operator-id', 'application'] };
			expect(
				(await processApplication(conn, clerk, catalog, id, 'request_materials', both)).ok
			).toBe(true);
			const photo = tinyJpeg();
			await phone.put(photo.bytes, photo.sha256);
			expect(await send(phone, addOp(id, photo))).toMatchObject({
				status: 'applied',
				reply: { status: 'more_materials' }
			});
			expect(await stateOf(id)).toMatchObject({
				status: 'more_materials',
				requestedMaterials: ['application']
			});
			const row = await conn.db
				.selectFrom('applications')
				.select(['status', 'requested_materials', 'status_note'])
				.where('id', '=', id)
				.executeTakeFirstOrThrow();
			expect(row).toMatchObject({ status: 'more_materials', status_note: '请补两样' });
			expect(JSON.parse(row.requested_materials)).toEqual(['application']);
			// The rest sent, the application goes back to the counter.
			const rest = tinyJpeg();
			await phone.put(rest.bytes, rest.sha256);
			expect(await send(phone, addOp(id, rest, 'application'))).toMatchObject({
				status: 'applied',
				reply: { status: 'submitted' }
			});
		});

		it('sends an application never accepted back as submitted', async () => {
			const id = await application(['request_materials']);
			const photo = tinyJpeg();
			await phone.put(photo.bytes, photo.sha256);
			expect(await send(phone, addOp(id, photo))).toMatchObject({
				status: 'applied',
				reply: { status: 'submitted' }
			});
		});

		it('takes photos only when asked for, and only from the phone that applied', async () => {
			const notAsked = await application(['accept']);
			const photo = tinyJpeg();
			await phone.put(photo.bytes, photo.sha256);
			expect(await send(phone, addOp(notAsked, photo))).toMatchObject({
				status: 'conflict',
				reply: { code: 'not_asked' }
			});
			const asked = await application(['request_materials']);
			const stranger = syncClient(conn, (await registerDevice(conn.db)).token);
			await stranger.put(photo.bytes, photo.sha256);
			expect(await send(stranger, addOp(asked, photo))).toMatchObject({
				status: 'rejected',
				reply: { code: 'not_found', fields: [{ field: 'applicationId' }] }
			});
			expect(await statusOf(asked)).toBe('more_materials');
		});

		it('refuses a photo of a material the matter does not ask for, and the counter still waits', async () => {
			const id = await application(['request_materials']);
			const photo = tinyJpeg();
			await phone.put(photo.bytes, photo.sha256);
			const refused = await send(phone, addOp(id, photo, 'no-such-material'));
			expect(refused).toMatchObject({ status: 'rejected', reply: { code: 'invalid_input' } });
			expect(refused.reply.fields[0].field).toBe('attachments.0.materialId');
			expect(await statusOf(id)).toBe('more_materials');
			// The right photo is still taken afterwards.
			expect(await send(phone, addOp(id, photo))).toMatchObject({ status: 'applied' });
		});
	});
}
