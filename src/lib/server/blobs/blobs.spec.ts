import { createHash, randomBytes } from 'node:crypto';
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
import { pendingBytes, sweepBlobs } from './store';

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
			// Device B names A's photo (its hash is in A's receipt code): B's application waits for it.
			const op = submitOp(catalog, {
				n: 1,
				attachments: [photo(image.sha256, image.bytes.length)]
			});
			expect(await submit(b, op)).toMatchObject({ status: 'applied' });
			const applicationId = op.payload.applicationId as string;
			const attached = () =>
				conn.db
					.selectFrom('attachments')
					.select('sha256')
					.where('application_id', '=', applicationId)
					.execute();
			expect(await attached()).toEqual([]);
			// Uploading it answers as for a photo nobody had, and only then does it join.
			expect((await b.put(image.bytes, image.sha256)).status).toBe(201);
			expect(await attached()).toEqual([{ sha256: image.sha256 }]);
			expect(await countRows(conn, 'blobs')).toBe(1);
		});

		it('takes a photo in chunks, goes on from where a cut upload stopped, and attaches it', async () => {
			const head = tinyJpeg().bytes;
			const bytes = Buffer.concat([head, randomBytes(300_000)]);
			const sha = createHash('sha256').update(bytes).digest('hex');
			const op = submitOp(catalog, { n: 31, attachments: [photo(sha, bytes.length)] });
			expect(await submit(a, op)).toMatchObject({ status: 'applied' });
			const applicationId = op.payload.applicationId as string;
			const offsetOf = async (response: Response) => [
				response.status,
				Number(response.headers.get('upload-offset'))
			];
			const CHUNK = 64 * 1024;
			const part = (from: number) => bytes.subarray(from, Math.min(bytes.length, from + CHUNK));

			expect(await offsetOf(await a.head(sha))).toEqual([204, 0]);
			expect(await offsetOf(await a.patch(part(0), sha, 0, bytes.length))).toEqual([204, CHUNK]);
			// The link drops: the device asks where to go on from, instead of starting again.
			expect(await offsetOf(await a.head(sha))).toEqual([204, CHUNK]);
			// A chunk at the wrong place is refused with the server's offset.
			expect(await offsetOf(await a.patch(part(0), sha, 0, bytes.length))).toEqual([409, CHUNK]);
			// At the right place but of another length than the upload under way: the length is named,
			// with the upload's own (going on from the offset would be refused again and again).
			const otherLength = await a.patch(part(CHUNK), sha, CHUNK, bytes.length - 1);
			expect(otherLength.status).toBe(409);
			expect(otherLength.headers.get('upload-length')).toBe(String(bytes.length));
			expect(await otherLength.json()).toMatchObject({
				error: { code: 'length_mismatch', fields: [{ field: 'Upload-Length' }] }
			});
			// Another device's upload of the same photo is its own.
			expect(await offsetOf(await b.head(sha))).toEqual([204, 0]);
			let offset = CHUNK;
			let last: Response | undefined;
			while (offset < bytes.length) {
				last = await a.patch(part(offset), sha, offset, bytes.length);
				offset += part(offset).length;
				if (offset < bytes.length) expect(await offsetOf(last)).toEqual([204, offset]);
			}
			expect(last!.status).toBe(201);
			const attached = await conn.db
				.selectFrom('attachments')
				.select('sha256')
				.where('application_id', '=', applicationId)
				.execute();
			expect(attached).toEqual([{ sha256: sha }]);
			const owner = await conn.db
				.selectFrom('blob_owners')
				.select(['size', 'sent_bytes'])
				.where('sha256', '=', sha)
				.executeTakeFirstOrThrow();
			// Every byte range was taken once; the two refused chunks are counted, as they came.
			expect(owner).toEqual({ size: bytes.length, sent_bytes: bytes.length + 2 * CHUNK });
			expect(await countRows(conn, 'blob_upload_chunks')).toBe(0);
			expect(await offsetOf(await a.head(sha))).toEqual([204, bytes.length]);
		});

		it('checks a chunked photo as a whole once complete', async () => {
			const bytes = Buffer.concat([tinyJpeg().bytes, randomBytes(1000)]);
			const wrong = createHash('sha256').update('something else').digest('hex');
			expect((await a.patch(bytes.subarray(0, 500), wrong, 0, bytes.length)).status).toBe(204);
			const end = await a.patch(bytes.subarray(500), wrong, 500, bytes.length);
			expect(end.status).toBe(400);
			expect((await end.json()).error.code).toBe('hash_mismatch');
			expect(await countRows(conn, 'blob_uploads')).toBe(0);
			const junk = randomBytes(800);
			const junkSha = createHash('sha256').update(junk).digest('hex');
			expect((await a.patch(junk, junkSha, 0, junk.length)).status).toBe(415);
			expect((await a.patch(junk, junkSha, 0, 3 * 1024 * 1024)).status).toBe(413);
			// However many digits the declared length has, past the limit it is too large.
			const huge = await a.patch(junk, junkSha, 0, 99_999_999_999);
			expect(huge.status).toBe(413);
			expect((await huge.json()).error).toMatchObject({ code: 'too_large' });
			// A chunk that runs past the length declared: the length is named, not the body's format.
			const past = await a.patch(junk, junkSha, 0, 500);
			expect(past.status).toBe(400);
			expect((await past.json()).error).toMatchObject({
				code: 'length_mismatch',
				fields: [{ field: 'Upload-Length' }]
			});
			expect((await a.patch(junk, junkSha, 900, 800)).status).toBe(400);
			// A chunk past its size (the app sends smaller ones) is too large, not malformed.
			const big = await a.patch(randomBytes(256 * 1024 + 1), junkSha, 0, 1_000_000);
			expect(big.status).toBe(413);
			expect((await big.json()).error).toMatchObject({
				code: 'too_large',
				fields: [{ field: 'body' }]
			});
			// An upload left unfinished for a day is forgotten, its chunks with it.
			expect((await a.patch(junk.subarray(0, 100), junkSha, 0, junk.length)).status).toBe(204);
			await sweepBlobs(conn.db, new Date(Date.now() + 25 * 3_600_000));
			expect(await countRows(conn, 'blob_uploads')).toBe(0);
			expect(await countRows(conn, 'blob_upload_chunks')).toBe(0);
		});

		it('checks an upload is an image by decoding its header', async () => {
			const junk = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(2000, 7)]);
			const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
			expect((await a.put(junk, sha(junk))).status).toBe(415);
			const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000000000000008020000', 'hex');
			expect((await a.put(png, sha(png), 'image/png')).status).toBe(400);
			// 20,000 × 20,000 in a few bytes: 1.6 GB to decode on a counter's screen.
			const huge = Buffer.from(
				'89504e470d0a1a0a0000000d4948445200004e2000004e2008020000006c12d16e',
				'hex'
			);
			const refused = await a.put(huge, sha(huge), 'image/png');
			expect(refused.status).toBe(400);
			expect((await refused.json()).error.code).toBe('bad_image_size');
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

		it('counts a photo begun in chunks at its whole length towards the cap, until it is done', async () => {
			const registered = await registerDevice(conn.db);
			const device = syncClient(conn, registered.token);
			const reserved = 1_500_000;
			const begun = tinyJpeg();
			const head = begun.bytes.subarray(0, 100);
			expect((await device.patch(head, begun.sha256, 0, reserved)).status).toBe(204);
			expect(await pendingBytes(conn.db, registered.deviceId)).toBe(reserved);
			const image = tinyJpeg();
			const refused = await device.put(image.bytes, image.sha256, 'image/jpeg', undefined, {
				pendingLimit: reserved + image.bytes.length - 1
			});
			expect(refused.status).toBe(429);
			expect(
				(
					await device.put(image.bytes, image.sha256, 'image/jpeg', undefined, {
						pendingLimit: reserved + image.bytes.length
					})
				).status
			).toBe(201);
		});

		it('caps what all devices together leave unattached, so that free devices cannot fill the disk', async () => {
			const images = [tinyJpeg(), tinyJpeg()];
			const total = (await pendingBytes(conn.db)) + images[0]!.bytes.length + 10;
			const put = async (i: number) => {
				const device = syncClient(conn, (await registerDevice(conn.db)).token);
				return device.put(images[i]!.bytes, images[i]!.sha256, 'image/jpeg', undefined, {
					pendingTotalLimit: total
				});
			};
			expect((await put(0)).status).toBe(201);
			const over = await put(1);
			expect(over.status).toBe(429);
			expect(over.headers.get('retry-after')).toMatch(/^\d+$/);
			expect((await over.json()).error).toMatchObject({ code: 'blob_quota' });
		});

		it('counts an upload begun in chunks towards all devices’ room by what has come, so that uploads begun and left cannot fill it', async () => {
			const room = (await pendingBytes(conn.db)) + 3_000_000;
			const options = { pendingTotalLimit: room };
			// Two devices each say 2 MB will come, and send 100 bytes.
			for (let i = 0; i < 2; i++) {
				const idle = syncClient(conn, (await registerDevice(conn.db)).token);
				const begun = tinyJpeg();
				const head = begun.bytes.subarray(0, 100);
				const said = await idle.patch(head, begun.sha256, 0, 2_000_000, 'image/jpeg', options);
				expect(said.status).toBe(204);
			}
			const resident = syncClient(conn, (await registerDevice(conn.db)).token);
			const image = tinyJpeg();
			const put = await resident.put(image.bytes, image.sha256, 'image/jpeg', undefined, options);
			expect(put.status).toBe(201);

			// What does come counts, chunk by chunk: past the room, the next chunk waits.
			const tight = { pendingTotalLimit: (await pendingBytes(conn.db)) + 150 };
			const filling = syncClient(conn, (await registerDevice(conn.db)).token);
			const large = tinyJpeg();
			const chunk = (at: number) => large.bytes.subarray(at, at + 100);
			expect(
				(await filling.patch(chunk(0), large.sha256, 0, 2_000_000, 'image/jpeg', tight)).status
			).toBe(204);
			const over = await filling.patch(
				chunk(100),
				large.sha256,
				100,
				2_000_000,
				'image/jpeg',
				tight
			);
			expect(over.status).toBe(429);
			expect((await over.json()).error).toMatchObject({ code: 'blob_quota' });
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
