import type { RequestHandler } from './$types';
import { currentCatalog, type Body } from '$lib/server/catalog/cache';
import { database } from '$lib/server/db';
import { etagMatches, pickEncoding } from '$lib/server/http/encoding';
import { fieldError } from '$lib/server/http/errors';
import { m } from '$lib/paraglide/messages';

/**
 * The whole catalogue as one snapshot; 304 when the device's copy is current. `?format=2` asks for
 * the compact form, and `&from=<version>` for only what changed since that version when the server
 * still knows it (the answer then has `from`); `&towns=a,b` for the points of those towns only
 * (a province's phone: its town and its neighbours; see docs/province.md).
 */
export const GET: RequestHandler = async ({ request, url }) => {
	const format = url.searchParams.get('format');
	if (format !== null && format !== '2') {
		return fieldError(400, 'invalid_input', 'format', m.err_format({ field: 'format' }));
	}
	const catalog = await currentCatalog(database().db);
	const compact = format === '2';
	const headers = new Headers({
		ETag: catalog.etag,
		'Cache-Control': 'no-cache',
		Vary: 'Accept-Encoding'
	});
	if (etagMatches(request.headers.get('If-None-Match'), catalog.etag)) {
		return new Response(null, { status: 304, headers });
	}
	const from = url.searchParams.get('from');
	const towns = url.searchParams.get('towns');
	const body: Body = !compact
		? { json: catalog.json, encoded: catalog.encoded }
		: towns
			? catalog.partial(towns.split(',').slice(0, 50))
			: ((from ? catalog.deltaFrom(from) : null) ?? catalog.compact);
	headers.set('Content-Type', 'application/json; charset=utf-8');
	const encoding = pickEncoding(request.headers.get('Accept-Encoding'));
	if (!encoding) return new Response(new Uint8Array(body.json), { headers });
	headers.set('Content-Encoding', encoding);
	return new Response(new Uint8Array(await body.encoded(encoding)), { headers });
};
