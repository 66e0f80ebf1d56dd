import type { Role } from '../db/schema';

/** Where an account starts: administrators in the admin area (a city one reaches the counter from it). */
export const homeOf = (role: Role): string =>
	role === 'town_admin' || role === 'admin' ? '/admin' : role === 'agent' ? '/agent' : '/staff';
