import * as v from 'valibot';
import { addDays, daysBetween } from '$lib/catalog/dates';
import type { CatalogSnapshot } from '$lib/catalog/types';
import { figureFilterLabels, figureFilterSchema } from '$lib/schemas/figures';
import { describeIssues, type FieldIssue } from '$lib/schemas/issues';
import { m } from '$lib/paraglide/messages';
import { serviceClock } from '$lib/time';
import { isPointOfTown, type AdminScope } from '../admin/scope';

/** The figures asked for, already narrowed to what the administrator may see. */
export interface FigureFilter {
	/** Beijing dates, both included. */
	from: string;
	to: string;
	townId: string | null;
	pointId: string | null;
	matterId: string | null;
	grain: 'day' | 'week';
}

export const DEFAULT_DAYS = 30;
/** Longer periods are shown by week: a year of days is more noise than a chart can show. */
export const MAX_DAILY_DAYS = 92;

export function defaultPeriod(now = new Date()): { from: string; to: string } {
	const to = serviceClock(now).date;
	return { from: addDays(to, -(DEFAULT_DAYS - 1)), to };
}

/**
 * The filters of the address, within the scope: a town administrator's town always (another town
 * in the address is ignored), a point only of the town shown, a matter only of the catalogue.
 * Bad dates are answered with the field's problem and the default period.
 */
export function figureFilter(
	params: URLSearchParams,
	scope: AdminScope,
	catalog: CatalogSnapshot,
	now = new Date()
): { filter: FigureFilter; errors: FieldIssue[] } {
	const period = defaultPeriod(now);
	const raw = {
		from: params.get('from') ?? period.from,
		to: params.get('to') ?? period.to,
		town: params.get('town') ?? '',
		point: params.get('point') ?? '',
		matter: params.get('matter') ?? '',
		grain: params.get('grain') || undefined
	};
	const parsed = v.safeParse(figureFilterSchema, raw);
	const errors = parsed.success ? [] : describeIssues(parsed.issues, figureFilterLabels);
	const bad = new Set(errors.map((e) => e.field));
	const out = parsed.success ? parsed.output : null;
	const from = out?.from ?? (bad.has('from') || bad.has('to') ? period.from : raw.from);
	const to = out?.to ?? (bad.has('from') || bad.has('to') ? period.to : raw.to);

	const asked = catalog.towns.some((t) => t.id === raw.town) ? raw.town : null;
	const townId = scope.townId ?? asked;
	const point = catalog.points.find((p) => p.id === raw.point);
	const pointId = point && (!townId || isPointOfTown(point, townId)) ? point.id : null;
	const matterId = catalog.matters.some((x) => x.id === raw.matter) ? raw.matter : null;
	// One that is none (an old link, a typo) is said, rather than shown as all of them.
	const unknown = (field: 'town' | 'point' | 'matter', known: boolean) => {
		if (raw[field] && !known) {
			errors.push({ field, message: m.err_choice({ field: figureFilterLabels[field]!() }) });
		}
	};
	unknown('town', !!asked);
	unknown('point', !!point);
	unknown('matter', !!matterId);
	return {
		filter: {
			from,
			to,
			townId,
			pointId,
			matterId,
			grain: raw.grain === 'week' || daysBetween(from, to) >= MAX_DAILY_DAYS ? 'week' : 'day'
		},
		errors
	};
}
