import { m } from '$lib/paraglide/messages';

/** Account roles and statuses in the reader's language, for the admin pages and the log. */
export const ROLE_WORDS: Record<'agent' | 'staff' | 'town_admin' | 'admin', () => string> = {
	agent: m.role_agent,
	staff: m.role_staff,
	town_admin: m.role_town_admin,
	admin: m.role_admin
};

export const ACCOUNT_STATUS_WORDS: Record<'active' | 'locked' | 'disabled', () => string> = {
	active: m.account_status_active,
	locked: m.account_status_locked,
	disabled: m.account_status_disabled
};
