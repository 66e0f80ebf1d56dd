import { m } from '$lib/paraglide/messages';
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { database } from '$lib/server/db';
import { mayServe, requireCounterUser } from '$lib/server/counter/access';

/** A photo of an application's material, for the counter that serves the application. */
export const GET: RequestHandler = async ({ locals, url, params }) => {
	const user = requireCounterUser(locals, url);
	const { db } = database();
	const row = await db
		.selectFrom('attachments')
		.innerJoin('applications', 'applications.id', 'attachments.application_id')
		.innerJoin('blobs', 'blobs.sha256', 'attachments.sha256')
		.select(['applications.point_id', 'blobs.content_type', 'blobs.data'])
		.where('attachments.sha256', '=', params.sha256)
		.where('attachments.application_id', '=', url.searchParams.get('application') ?? '')
		.executeTakeFirst();
	if (!row || !mayServe(user, row.point_id)) error(404, m.error_not_found());
	return new Response(new Uint8Array(row.data), {
		headers: {
			'Content-Type': row.content_type,
			'Cache-Control': 'private, no-store',
			'Content-Security-Policy': "default-src 'none'",
			'X-Content-Type-Options': 'nosniff'
		}
	});
};
