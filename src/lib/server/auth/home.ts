import { m } from '$lib/paraglide/messages';
import type { Role } from '../db/schema';

/** Where an account starts: administrators in the admin area (a city one reaches the counter from it). */
export const homeOf = (role: Role): string =>
	role === 'town_admin' || role === 'admin' ? '/admin' : role === 'agent' ? '/agent' : '/staff';

const areaOf = (role: Role): string =>
	role === 'town_admin' || role === 'admin'
		? m.admin_area()
		: role === 'agent'
			? m.me_agent()
			: m.staff_area();

/** A page refused to a signed-in person: why, and the way to their own pages. */
export function refusal(role: Role): App.Error {
	return { message: m.error_forbidden(), home: { href: homeOf(role), label: areaOf(role) } };
}

/** Signing in and out: for every role, and for nobody signed in (a session that lapsed). */
export const signsInOrOut = (path: string): boolean =>
	path === '/staff/login' || path === '/staff/logout';
