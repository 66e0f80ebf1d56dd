import { error, redirect } from '@sveltejs/kit';
import type { SignedInUser } from '../auth/sessions';
import type { Role } from '../db/schema';
import { m } from '$lib/paraglide/messages';

/** Whether a role works at the counter: its staff, and city administrators. */
export const servesCounter = (role: Role): boolean => role === 'staff' || role === 'admin';

/** The signed-in staff member or admin; anyone else is sent to sign in or refused. */
export function requireCounterUser(locals: App.Locals, url: URL): SignedInUser {
	const user = locals.user;
	if (!user) redirect(303, `/staff/login?next=${encodeURIComponent(url.pathname + url.search)}`);
	if (!servesCounter(user.role)) error(403, m.error_forbidden());
	return user;
}

export function requireAdmin(locals: App.Locals, url: URL): SignedInUser {
	const user = requireCounterUser(locals, url);
	if (user.role !== 'admin') error(403, m.error_forbidden());
	return user;
}

/** Whether the user may see and act on an application or ticket of this point. */
export function mayServe(user: SignedInUser, pointId: string): boolean {
	return user.role === 'admin' || (user.role === 'staff' && user.pointId === pointId);
}
