import { randomUUID } from 'node:crypto';
import type { Tx } from '../db/transaction';
import type { SignedInUser } from '../auth/sessions';

export type AuditAction =
	| 'view'
	| 'check_in'
	| 'take_in'
	| 'accept'
	| 'request_materials'
	| 'complete'
	| 'refuse'
	| 'calendar_edit'
	| 'account_add'
	| 'account_disable'
	| 'account_enable'
	| 'account_unlock'
	| 'account_password_reset'
	| 'account_change'
	| 'catalog_publish'
	| 'catalog_restore'
	| 'catalog_rebase'
	| 'catalog_booking_contacted'
	| 'rating_follow_up';

/** One line of the audit log: who did what to which application, and its state before and after. */
export async function audit(
	tx: Tx,
	user: SignedInUser,
	entry: {
		action: AuditAction;
		pointId: string | null;
		applicationId?: string | null;
		before?: unknown;
		after?: unknown;
		note?: string;
	},
	now = new Date()
): Promise<void> {
	await tx
		.insertInto('audit_log')
		.values({
			id: randomUUID(),
			at: now.toISOString(),
			user_id: user.id,
			username: user.username,
			point_id: entry.pointId,
			action: entry.action,
			application_id: entry.applicationId ?? null,
			before: JSON.stringify(entry.before ?? null),
			after: JSON.stringify(entry.after ?? null),
			note: entry.note ?? ''
		})
		.execute();
}
