import type { CatalogSnapshot } from '$lib/catalog/types';
import { isRealDate } from '$lib/catalog/dates';
import { m } from '$lib/paraglide/messages';
import type { FieldIssue } from '$lib/schemas/issues';
import type { AdminScope } from '$lib/server/admin/scope';
import { AUDIT_ACTIONS } from '$lib/server/audit/describe';
import type { AuditFilter } from '$lib/server/audit/log';

/** The log's filter as the page and the export read it from the address; a bad date is named. */
export function auditFilterOf(url: URL, scope: AdminScope, snapshot: CatalogSnapshot) {
	const params = url.searchParams;
	const centres = snapshot.points.filter(
		(p) => p.kind === 'centre' && (scope.townId === null || p.townId === scope.townId)
	);
	const errors: FieldIssue[] = [];
	const date = (field: 'from' | 'to', label: () => string) => {
		const value = (params.get(field) ?? '').trim();
		if (!value) return undefined;
		if (isRealDate(value)) return value;
		errors.push({ field, message: m.err_date({ field: label() }) });
		return undefined;
	};
	const from = date('from', m.audit_from);
	const to = date('to', m.audit_to);
	// Kept as asked (nothing is found); the page says why.
	if (from && to && to < from) {
		errors.push({
			field: 'to',
			message: m.err_not_before({ field: m.audit_to(), other: m.audit_from() })
		});
	}
	const centre = centres.find((p) => p.id === params.get('centre'));
	const action = AUDIT_ACTIONS.find((a) => a === params.get('action'));
	const filter: AuditFilter = {
		from,
		to,
		person: (params.get('person') ?? '').trim().slice(0, 50) || undefined,
		townId: centre?.townId,
		action,
		applicationId: (params.get('application') ?? '').trim().slice(0, 64) || undefined
	};
	const values = {
		from: params.get('from') ?? '',
		to: params.get('to') ?? '',
		person: filter.person ?? '',
		centre: centre?.id ?? '',
		action: action ?? ''
	};
	return { filter, values, errors, centres: centres.map((p) => ({ id: p.id, name: p.name })) };
}
