import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { SESSION_COOKIE, createSession } from '$lib/server/auth/sessions';
import { signIn } from '$lib/server/auth/sign-in';
import { safeNext } from '$lib/server/http/safe-next';
import { homeOf } from '$lib/server/auth/home';
import { database } from '$lib/server/db';
import { readForm } from '$lib/server/http/form';
import { formatDateTime } from '$lib/format';

export const load: PageServerLoad = ({ locals, url, setHeaders }) => {
	setHeaders({ 'Cache-Control': 'private, no-store' });
	if (locals.user && locals.user.role !== 'agent')
		redirect(303, safeNext(url.searchParams.get('next'), homeOf(locals.user.role)));
	return {};
};

export const actions: Actions = {
	default: async ({ request, cookies, url }) => {
		const form = await readForm(request);
		const username = String(form.get('username') ?? '')
			.trim()
			.slice(0, 100);
		const password = String(form.get('password') ?? '').slice(0, 200);
		const errors: { username?: string; password?: string } = {};
		if (!username) errors.username = m.err_required({ field: m.staff_username() });
		if (!password) errors.password = m.err_required({ field: m.staff_password() });
		if (Object.keys(errors).length) return fail(400, { username, errors, message: '' });

		const { db } = database();
		const result = await signIn(db, username, password);
		if (!result.ok) {
			const message =
				result.reason === 'locked'
					? m.err_locked({ until: formatDateTime(result.until) })
					: m.err_bad_credentials();
			return fail(result.reason === 'locked' ? 429 : 401, {
				username,
				errors: {} as typeof errors,
				message
			});
		}
		const user = await db
			.selectFrom('users')
			.select('role')
			.where('id', '=', result.userId)
			.executeTakeFirstOrThrow();
		if (user.role === 'agent') {
			return fail(403, {
				username,
				errors: {} as typeof errors,
				message: m.staff_agent_elsewhere()
			});
		}
		const { token, expires } = await createSession(db, result.userId);
		const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
		cookies.set(SESSION_COOKIE, token, {
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure: !local,
			expires
		});
		redirect(303, safeNext(url.searchParams.get('next'), homeOf(user.role)));
	}
};
