import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogSnapshot } from '$lib/catalog/types';
import { registerDevice } from '../auth/devices';
import { currentCatalog } from '../catalog/cache';
import { configureRateLimits, refuseOverLimit } from '../http/rate-limits';
import { seedDemo } from '../seed/seed-demo';
import { submitOp } from '../testing/applications';
import { testDatabases } from '../testing/databases';
import { tinyJpeg } from '../testing/images';
import { countRows, syncClient } from '../testing/sync-client';
import { sweepBlobs } from './store';

const photo = (sha256: string, size: number) => ({
	sha256,
	materialId: 'operator-id',
	contentType: 'image/jpeg',
	size
});

for (const target of testDatabases()) {
	describe(`photos and limits on ${target.kind}`, () => {
		let conn: Awaited<ReturnType<typeof target.create>>;
		let catalog: CatalogSnapshot;
		let a: ReturnType<typeof syncClient>;
		let b: ReturnType<typeof syncClient>;
		const submit = async (client: typeof a, op: unknown) =>
			(await (await client.post({ ops: [op] })).json()).results[0];

		beforeAll(async () => {
			conn = await target.create();
			await seedDemo(conn.db);
			catalog = (await currentCatalog(conn.db)).snapshot;
			a = syncClient(conn, (await registerDevice(conn.db)).token);
			b = syncClient(conn, (await registerDevice(conn.db)).token);
		});
		afterAll(async () => conn?.drop());

		it('lets a device attach only photos it uploaded, without telling it another has one', async () => {
			const image = tinyJpeg();
			expect((await a.put(image.bytes, image.sha256)).status).toBe(201);
			expect((await a.put(image.bytes, image.sha256)).status).toBe(200);
			// Device B names A's photo (its hash is in A's receipt code): it is missing for B.
			const op = submitOp(catalog, {
				n: 1,
				attachments: [photo(image.sha256, image.bytes.length)]
			});
			expect(await submit(b, op)).toMatchObject({
				status: 'rejected',
				reply: { code: 'missing_blobs', missingBlobs: [image.sha256] }
			});
			// Uploading it answers as for a photo nobody had.
			expect((await b.put(image.bytes, image.sha256)).status).toBe(201);
			expect(await submit(b, op)).toMatchObject({ status: 'applied' });
			expect(await countRows(conn, 'blobs')).toBe(1);
		});

		it('checks an upload is an image by decoding its header', async () => {
			const junk = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(2000, 7)]);
			const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
			expect((await a.put(junk, sha(junk))).status).toBe(415);
			const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000000000000008020000', 'hex');
			expect((await a.put(png, sha(png), 'image/png')).status).toBe(400);
			const jpeg = tinyJpeg();
			expect((await a.put(jpeg.bytes, jpeg.sha256, 'image/png')).status).toBe(415);
		});

		it('caps what a device leaves unattached, and forgets it after a day', async () => {
			const device = syncClient(conn, (await registerDevice(conn.db)).token);
			const images = [tinyJpeg(), tinyJpeg(), tinyJpeg()];
			const limit = images[0]!.bytes.length * 2 + 10;
			const put = (i: number, now?: Date) =>
				device.put(images[i]!.bytes, images[i]!.sha256, 'image/jpeg', undefined, {
					pendingLimit: limit,
					now
				});
			const dayAgo = new Date(Date.now() - 25 * 3_600_000);
			expect((await put(0, dayAgo)).status).toBe(201);
			expect((await put(1)).status).toBe(201);
			const over = await put(2);
			expect(over.status).toBe(429);
			expect(over.headers.get('retry-after')).toMatch(/^\d+$/);
			expect((await over.json()).error.code).toBe('blob_quota');

			// The one attached stays; the day-old one nobody attached goes, and room returns.
			const op = submitOp(catalog, {
				n: 2,
				attachments: [photo(images[1]!.sha256, images[1]!.bytes.length)]
			});
			expect(await submit(device, op)).toMatchObject({ status: 'applied' });
			expect(await sweepBlobs(conn.db)).toBe(1);
			const left = await conn.db.selectFrom('blobs').select('sha256').execute();
			expect(left.map((r) => r.sha256)).not.toContain(images[0]!.sha256);
			expect(left.map((r) => r.sha256)).toContain(images[1]!.sha256);
			expect((await put(2)).status).toBe(201);
		});

		it('limits requests per device and per address with 429 and Retry-After', async () => {
			configureRateLimits({ syncPerMinute: 3, devicesPerMinute: 2 });
			try {
				const device = syncClient(conn, (await registerDevice(conn.db)).token);
				const statuses = [];
				for (let i = 0; i < 4; i++) statuses.push((await device.pull(0)).status);
				expect(statuses).toEqual([200, 200, 200, 429]);
				const refused = await device.post({ ops: [] });
				expect(refused.status).toBe(429);
				expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
				// Another device is not held back by this one.
				expect((await a.pull(0)).status).toBe(200);

				expect(await refuseOverLimit('devices', '10.0.0.1')).toBeNull();
				expect(await refuseOverLimit('devices', '10.0.0.1')).toBeNull();
				expect((await refuseOverLimit('devices', '10.0.0.1'))?.status).toBe(429);
				expect(await refuseOverLimit('devices', '10.0.0.2')).toBeNull();
			} finally {
				configureRateLimits({});
			}
		});
	});
}
