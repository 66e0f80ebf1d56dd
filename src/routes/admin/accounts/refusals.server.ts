import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import type { FieldIssue } from '$lib/schemas/issues';
import { REFUSAL_FIELD, type AccountRefusal } from '$lib/server/accounts/rules';

/** A refusal of the account rules as a message in the reader's language, at its field if any. */
export function refusalIssue(code: AccountRefusal, username = ''): FieldIssue {
	if (code === 'not_found') error(404, m.error_not_found());
	const message = {
		username_required: () => m.err_required({ field: m.accounts_username() }),
		username_format: () => m.accounts_err_username({ field: m.accounts_username() }),
		username_taken: () => m.accounts_err_taken({ username }),
		display_name: () => m.err_too_long({ field: m.accounts_display_name(), max: '50' }),
		password_short: () => m.accounts_err_password({ field: m.accounts_password() }),
		password_weak: () => m.accounts_err_password_weak({ field: m.accounts_password() }),
		role_not_allowed: m.accounts_err_role,
		point_required: () => m.err_choice({ field: m.accounts_point() }),
		point_unknown: () => m.err_choice({ field: m.accounts_point() }),
		point_not_centre: m.accounts_err_point_centre,
		out_of_scope: m.accounts_err_out_of_scope,
		self: m.accounts_err_self,
		last_admin: m.accounts_err_last_admin
	}[code]();
	return { field: REFUSAL_FIELD[code] ?? '', message };
}
