import { randomInt } from 'node:crypto';
import type { PointKind } from '$lib/catalog/types';
import type { Role } from '../db/schema';
import { pointInScope, type AdminScope } from '../admin/scope';
import type { SignedInUser } from '../auth/sessions';

/** Every role an account can have, most limited first. */
export const ROLES = ['agent', 'staff', 'town_admin', 'admin'] as const satisfies readonly Role[];

/** 3–50 letters, digits, dots, dashes or underscores: names people type at a counter PC. */
export const USERNAME = /^[\w.-]{3,50}$/;
export const MIN_PASSWORD = 8;
export const MAX_DISPLAY_NAME = 50;

/**
 * Letters and digits that cannot be taken for one another when a password is read off paper or
 * over the phone: no 0/o, 1/l/i, and one case only.
 */
const UNMISTAKABLE = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Passwords tried first by anyone guessing, as people here and elsewhere choose them. */
const COMMON = new Set(
	(
		'iloveyou admin123 admin1234 administrator ' +
		'welcome1 letmein1 sunshine football baseball superman monkey123 dragon123 ' +
		'woaini1314 woaiwojia a123456789 aa123456 qq123456 abc123456 123456abc 123qweasd qweasdzxc ' +
		'1q2w3e4r 1q2w3e4r5t 1qaz2wsx qwertyui qwerty123 asdfghjk zxcvbnm1 abcd1234 abc12345'
	).split(' ')
);
/** Keys in a row, forwards or back: a run of them is typed, not chosen. */
const RUNS = ['0123456789', 'abcdefghijklmnopqrstuvwxyz', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

/**
 * Whether a password long enough is still guessed in a few tries: a common one (with its digits
 * for letters undone), digits only (a birthday, a phone), few different characters, a run of keys,
 * or the account's own name in it. Staff accounts see residents' ID numbers and phones.
 */
export function isWeakPassword(password: string, username: string): boolean {
	const lower = password.toLowerCase();
	// Symbols and digits for the letters they look like undone first, then what is left of them.
	const plain = lower
		.replace(/@/g, 'a')
		.replace(/\$/g, 's')
		.replace(/0/g, 'o')
		.replace(/[1!]/g, 'i')
		.replace(/3/g, 'e')
		.replace(/[^a-z0-9]/g, '');
	if (COMMON.has(lower) || COMMON.has(plain) || COMMON.has(lower.replace(/[^a-z0-9]/g, '')))
		return true;
	if (plain.startsWith('password')) return true;
	if (/^\d+$/.test(password) || new Set(lower).size <= 3) return true;
	if (RUNS.some((run) => run.includes(lower) || [...run].reverse().join('').includes(lower)))
		return true;
	return username.length >= 3 && lower.includes(username.toLowerCase());
}

/** A password for a new or reset account, shown once: 16 characters (79 bits) in groups of four. */
export function newPassword(): string {
	const group = () => Array.from({ length: 4 }, () => UNMISTAKABLE[randomInt(UNMISTAKABLE.length)]);
	return Array.from({ length: 4 }, () => group().join('')).join('-');
}

/** Why a change to an account was refused; the field it concerns, where there is one. */
export type AccountRefusal =
	| 'not_found'
	| 'username_required'
	| 'username_format'
	| 'username_taken'
	| 'display_name'
	| 'password_short'
	| 'password_weak'
	| 'role_not_allowed'
	| 'point_required'
	| 'point_unknown'
	| 'point_not_centre'
	| 'out_of_scope'
	| 'self'
	| 'last_admin';

export const REFUSAL_FIELD: Partial<Record<AccountRefusal, string>> = {
	username_required: 'username',
	username_format: 'username',
	username_taken: 'username',
	display_name: 'displayName',
	password_short: 'password',
	password_weak: 'password',
	role_not_allowed: 'role',
	point_required: 'point',
	point_unknown: 'point',
	point_not_centre: 'point',
	out_of_scope: 'point'
};

/** Roles an administrator may give: a town's administrator never makes a city administrator. */
export function rolesGrantable(scope: AdminScope): Role[] {
	return scope.townId === null ? [...ROLES] : ROLES.filter((r) => r !== 'admin');
}

/**
 * Whether an account of this role may belong to a point of this kind: counter staff work in a
 * hall, a town's centre or the city hall; a town administrator's centre names their town.
 */
export function mayBeAt(role: Role, kind: PointKind): boolean {
	const halls = role === 'staff' ? ['centre', 'city'] : role === 'town_admin' ? ['centre'] : null;
	return !halls || halls.includes(kind);
}

/** A point as the rules need it. */
export interface PointFacts {
	id: string;
	kind: PointKind;
	townId: string;
}

/**
 * Whether an account may have this role at this point, given by this administrator: a city
 * administrator has no point; staff belong to a town's centre or the city hall, town
 * administrators to a town's centre, an agent to any point; a town administrator gives no city
 * role and only points of the town (the city hall is not one).
 */
export function checkRoleAndPoint(
	scope: AdminScope,
	role: Role,
	point: PointFacts | null | undefined,
	pointId: string | null
): AccountRefusal | null {
	if (!rolesGrantable(scope).includes(role)) return 'role_not_allowed';
	if (role === 'admin') return null;
	if (!pointId) return 'point_required';
	if (!point) return 'point_unknown';
	if (!mayBeAt(role, point.kind)) return 'point_not_centre';
	if (!pointInScope(scope, point)) return 'out_of_scope';
	return null;
}

/** The actor of changes made with `npm run user`: the server's operator, outside any session. */
export const COMMAND_LINE: SignedInUser = {
	id: 'command-line',
	username: 'command-line',
	displayName: 'command line',
	role: 'admin',
	pointId: null
};

/** The whole city, as the operator at the command line works on it. */
export const COMMAND_LINE_SCOPE: AdminScope = { user: COMMAND_LINE, townId: null };
