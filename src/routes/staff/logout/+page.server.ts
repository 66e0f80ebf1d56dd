import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { SESSION_COOKIE, endSession } from '$lib/server/auth/sessions';
import { database } from '$lib/server/db';
import { homeOf } from '$lib/server/auth/home';

/** Signing out is a form's post; the address opened as a page signs nobody out. */
export const load: PageServerLoad = ({ locals }) =>
	redirect(303, locals.user ? homeOf(locals.user.role) : '/staff/login');

export const actions: Actions = {
	default: async ({ cookies }) => {
		await endSession(database().db, cookies.get(SESSION_COOKIE));
		cookies.delete(SESSION_COOKIE, { path: '/' });
		redirect(303, '/staff/login');
	}
};
