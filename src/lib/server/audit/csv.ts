import { m } from '$lib/paraglide/messages';
import type { CatalogSnapshot } from '$lib/catalog/types';
import { tr } from '$lib/i18n';
import { serviceClock, toHhmm } from '$lib/time';
import { actionWords, entryDetails } from './describe';
import type { AuditEntry } from './log';
import { csvRows } from '../http/csv';

/** `2026-12-01 14:30`, Beijing time, as a spreadsheet sorts it. */
function beijing(at: string): string {
	const clock = serviceClock(Date.parse(at));
	return `${clock.date} ${toHhmm(clock.minutes)}`;
}

/**
 * The entries as a CSV file in the reader's language, with a byte order mark so that
 * spreadsheet programs read the Chinese as UTF-8.
 */
export function auditCsv(entries: AuditEntry[], catalog: CatalogSnapshot): string {
	const pointName = (id: string | null) => {
		const point = id ? catalog.points.find((p) => p.id === id) : undefined;
		return point ? tr(point.name) : (id ?? '');
	};
	const header = [
		m.audit_at(),
		m.audit_who(),
		m.accounts_display_name(),
		m.audit_action(),
		m.audit_point(),
		m.audit_application(),
		m.audit_details()
	];
	const rows = entries.map((e) => [
		beijing(e.at),
		e.username,
		e.displayName ?? '',
		actionWords(e.action),
		pointName(e.pointId),
		e.reference ?? e.applicationId ?? '',
		entryDetails(e, catalog).join('; ')
	]);
	return '\uFEFF' + csvRows([header, ...rows]);
}
