import type { PageServerLoad } from './$types';
import { database } from '$lib/server/db';
import { requireAdmin } from '$lib/server/counter/access';

/** The audit log, newest first; `?application=` narrows it to one application. */
export const load: PageServerLoad = async ({ locals, url }) => {
	requireAdmin(locals, url);
	let query = database().db.selectFrom('audit_log').selectAll().orderBy('at', 'desc').limit(200);
	const application = url.searchParams.get('application');
	if (application) query = query.where('application_id', '=', application);
	return { entries: await query.execute(), application };
};
