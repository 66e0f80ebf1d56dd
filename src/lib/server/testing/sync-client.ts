import type { Connection } from '../db/connect';
import type { Database } from '../db/schema';
import { handleBlobHead, handleBlobPatch } from '../blobs/chunks';
import { handleBlobPut } from '../blobs/http';
import { handleSyncGet, handleSyncPost } from '../sync/http';

const base = 'http://test.local';

/** A device talking to the sync endpoints' handlers as a phone would, with its bearer token. */
export function syncClient(conn: Connection, token: string) {
	const auth = (t: string) => ({ authorization: `Bearer ${t}` });
	return {
		post: (body: unknown, t = token) =>
			handleSyncPost(
				conn,
				new Request(`${base}/api/sync`, {
					method: 'POST',
					headers: { ...auth(t), 'content-type': 'application/json' },
					body: typeof body === 'string' ? body : JSON.stringify(body)
				})
			),
		pull: async (since: number | string, t = token) =>
			handleSyncGet(conn, new Request(`${base}/api/sync?since=${since}`, { headers: auth(t) })),
		put: (
			body: Uint8Array,
			hash: string,
			type = 'image/jpeg',
			t = token,
			options?: Parameters<typeof handleBlobPut>[3]
		) =>
			handleBlobPut(
				conn,
				new Request(`${base}/api/blobs/${hash}`, {
					method: 'PUT',
					headers: { ...auth(t), 'content-type': type },
					body: new Uint8Array(body)
				}),
				hash,
				options
			),
		/** The next chunk of a photo uploaded in parts. */
		patch: (
			chunk: Uint8Array,
			hash: string,
			offset: number,
			total: number,
			type = 'image/jpeg',
			options?: Parameters<typeof handleBlobPatch>[3]
		) =>
			handleBlobPatch(
				conn,
				new Request(`${base}/api/blobs/${hash}`, {
					method: 'PATCH',
					headers: {
						...auth(token),
						'content-type': type,
						'upload-offset': String(offset),
						'upload-length': String(total)
					},
					body: new Uint8Array(chunk)
				}),
				hash,
				options
			),
		head: (hash: string) =>
			handleBlobHead(
				conn,
				new Request(`${base}/api/blobs/${hash}`, { method: 'HEAD', headers: auth(token) }),
				hash
			)
	};
}

/** Rows in a table. */
export async function countRows(conn: Connection, table: keyof Database): Promise<number> {
	const row = await conn.db
		.selectFrom(table)
		.select((eb) => eb.fn.countAll().as('n'))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}
