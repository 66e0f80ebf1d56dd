import { m } from '$lib/paraglide/messages';
import type { CatalogSnapshot } from '$lib/catalog/types';
import { formatDateTime, formatDay } from '$lib/format';
import { tr } from '$lib/i18n';
import { listed } from '$lib/listed';
import { materialName } from '$lib/counter/record';
import { ROLE_WORDS } from '$lib/admin/words';
import { STATUS_WORDS } from '$lib/status-words';
import type { CatalogChange } from '$lib/catalog-admin/change';
import { describeChange } from '$lib/catalog-admin/describe-change';
import type { CalendarKind } from '../db/schema';
import type { AuditEntry } from './log';
import type { AuditAction } from '../counter/audit';

/**
 * Every action the log holds, in words, in the order the filter lists them: keyed by every action
 * the app logs (`AuditAction`), so that a new one cannot be left unnamed.
 */
const ACTION_WORDS: Record<AuditAction, () => string> = {
	view: m.audit_action_view,
	check_in: m.audit_action_check_in,
	take_in: m.audit_action_take_in,
	accept: m.audit_action_accept,
	request_materials: m.audit_action_request_materials,
	complete: m.audit_action_complete,
	refuse: m.audit_action_refuse,
	rating_follow_up: m.audit_action_rating_follow_up,
	calendar_edit: m.audit_action_calendar_edit,
	account_add: m.audit_action_account_add,
	account_change: m.audit_action_account_change,
	account_disable: m.audit_action_account_disable,
	account_enable: m.audit_action_account_enable,
	account_unlock: m.audit_action_account_unlock,
	account_password_reset: m.audit_action_account_password_reset,
	catalog_publish: m.audit_action_catalog_publish,
	catalog_restore: m.audit_action_catalog_restore,
	catalog_rebase: m.audit_action_catalog_rebase,
	catalog_booking_contacted: m.audit_action_catalog_booking_contacted
};

export const AUDIT_ACTIONS = Object.keys(ACTION_WORDS) as AuditAction[];

/** An action in the reader's language; one this code does not know, as it was logged. */
export function actionWords(action: string): string {
	return action in ACTION_WORDS ? ACTION_WORDS[action as keyof typeof ACTION_WORDS]() : action;
}

const DAY_WORDS: Record<CalendarKind, () => string> = {
	holiday: m.calendar_holiday,
	workday: m.calendar_workday,
	normal: m.calendar_normal
};

const wordOf = <K extends string>(words: Record<K, () => string>, key: unknown) =>
	typeof key === 'string' && key in words ? words[key as K]() : String(key ?? '—');

type State = Record<string, unknown> | null;

/** A log entry's `before` or `after`, read; none when it holds no object. */
export function parseLogState(json: string): State {
	try {
		const value: unknown = JSON.parse(json);
		return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
	} catch {
		return null;
	}
}

/** What the log's before and after of an entry say, as sentences in the reader's language. */
export function entryDetails(entry: AuditEntry, catalog: CatalogSnapshot): string[] {
	const before = parseLogState(entry.before);
	const after = parseLogState(entry.after);
	const pointName = (id: unknown) => {
		if (typeof id !== 'string') return m.accounts_no_point();
		const point = catalog.points.find((p) => p.id === id);
		return point ? tr(point.name) : id;
	};
	// Material ids repeat across matters ('application'): named as the application's matters name them.
	const matters = entry.matterIds
		? catalog.matters.filter((x) => entry.matterIds!.includes(x.id))
		: catalog.matters;
	const materialNames = (ids: unknown) => {
		const list = Array.isArray(ids) ? (ids as unknown[]).map(String) : [];
		return listed(list.map((id) => materialName(matters, id)));
	};
	const lines: string[] = [];
	const changed = (what: string, key: string, words: (v: unknown) => string) => {
		if (before && after && before[key] !== after[key]) {
			lines.push(m.audit_change({ what, before: words(before[key]), after: words(after[key]) }));
		}
	};
	if (entry.action.startsWith('account_') && after) {
		lines.push(m.audit_account({ username: String(after.account ?? '') }));
		if (entry.action === 'account_add') {
			lines.push(m.audit_field({ what: m.audit_role(), value: wordOf(ROLE_WORDS, after.role) }));
			lines.push(m.audit_field({ what: m.accounts_point(), value: pointName(after.point) }));
		}
		changed(m.audit_role(), 'role', (v) => wordOf(ROLE_WORDS, v));
		changed(m.accounts_point(), 'point', pointName);
	} else if (entry.action === 'calendar_edit' && after) {
		const date = typeof after.date === 'string' ? formatDay(after.date) : '';
		const kind = (state: State) => (state ? wordOf(DAY_WORDS, state.kind) : '—');
		lines.push(m.audit_change({ what: date, before: kind(before), after: kind(after) }));
		if (after.name) lines.push(String(after.name));
	} else if (entry.action === 'check_in' && after) {
		if (typeof after.checkedInAt === 'string') {
			lines.push(m.audit_checked_in_at({ time: formatDateTime(after.checkedInAt) }));
		}
		if (after.ticket) lines.push(m.audit_ticket({ code: String(after.ticket) }));
	} else if (entry.action.startsWith('catalog_') && Array.isArray(after?.changes)) {
		lines.push(...(after.changes as CatalogChange[]).map((c) => describeChange(c)));
	} else if (entry.action === 'catalog_rebase' && Array.isArray(after?.clashes)) {
		for (const clash of after.clashes as { changes: CatalogChange[]; keptMine: boolean }[]) {
			const changes = clash.changes.map((c) => describeChange(c)).join(m.semicolon());
			lines.push(
				clash.keptMine ? m.audit_kept_draft({ changes }) : m.audit_kept_published({ changes })
			);
		}
	} else if (after && 'status' in after) {
		changed(m.audit_status(), 'status', (v) => wordOf(STATUS_WORDS, v));
		const asked = materialNames(after.requestedMaterials);
		if (asked) lines.push(m.audit_materials({ materials: asked }));
		const received = materialNames(after.receivedMaterials);
		if (received) lines.push(m.audit_received({ materials: received }));
		const toFollow = materialNames(after.materialsToFollow);
		if (toFollow) lines.push(m.audit_to_follow({ materials: toFollow }));
	}
	const note = withoutReference(entry.note, entry.reference);
	if (note) lines.push(m.audit_note({ note }));
	return lines;
}

/**
 * An entry's note without the application's reference it opens with: kept in the note for when the
 * application is gone, and shown beside the entry while it is there.
 */
function withoutReference(note: string, reference: string | null): string {
	if (!reference || !note.startsWith(reference)) return note;
	return note.slice(reference.length).replace(/^[：:]\s*/, '');
}
