import { redirect } from '@sveltejs/kit';
import type { Actions } from './$types';
import { SESSION_COOKIE, endSession } from '$lib/server/auth/sessions';
import { database } from '$lib/server/db';

export const actions: Actions = {
	default: async ({ cookies }) => {
		await endSession(database().db, cookies.get(SESSION_COOKIE));
		cookies.delete(SESSION_COOKIE, { path: '/' });
		redirect(303, '/staff/login');
	}
};
