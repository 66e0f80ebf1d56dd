import type { RequestHandler } from './$types';
import { currentCatalog } from '$lib/server/catalog/cache';
import { database } from '$lib/server/db';
import { etagMatches, pickEncoding } from '$lib/server/http/encoding';

/** The whole catalogue as one snapshot; 304 when the device's copy is current. */
export const GET: RequestHandler = async ({ request }) => {
	const catalog = await currentCatalog(database().db);
	const headers = new Headers({
		ETag: catalog.etag,
		'Cache-Control': 'no-cache',
		Vary: 'Accept-Encoding'
	});
	if (etagMatches(request.headers.get('If-None-Match'), catalog.etag)) {
		return new Response(null, { status: 304, headers });
	}
	headers.set('Content-Type', 'application/json; charset=utf-8');
	const encoding = pickEncoding(request.headers.get('Accept-Encoding'));
	if (!encoding) return new Response(new Uint8Array(catalog.json), { headers });
	headers.set('Content-Encoding', encoding);
	return new Response(new Uint8Array(await catalog.encoded(encoding)), { headers });
};
