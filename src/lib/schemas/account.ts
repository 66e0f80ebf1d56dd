import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { maxChars, reason, type FieldLabels } from './issues';

const ROLES = ['agent', 'staff', 'town_admin', 'admin'] as const;

const role = v.picklist(ROLES, reason({ k: 'choice' }));
const point = v.optional(v.pipe(v.string(), v.trim(), v.maxLength(100)), '');

/** An account as an administrator adds it; the server's account rules check the rest. */
export const newAccountSchema = v.object({
	// Left empty, it is named with the account rules' other refusals, all at once.
	username: v.optional(v.pipe(v.string(), v.trim()), ''),
	displayName: v.optional(v.pipe(v.string(), v.trim(), maxChars(50)), ''),
	role,
	point,
	password: v.optional(v.pipe(v.string(), v.maxLength(200, reason({ k: 'length', max: 200 }))), '')
});

/** A new role and point for an account. */
export const accountChangeSchema = v.object({ role, point });

export const accountLabels: FieldLabels = {
	username: m.accounts_username,
	displayName: m.accounts_display_name,
	role: m.accounts_role,
	point: m.accounts_point,
	password: m.accounts_password
};
