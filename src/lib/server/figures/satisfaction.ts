import type { Kysely } from 'kysely';
import type { CatalogSnapshot } from '$lib/catalog/types';
import { mean, percent, type FigureTable } from '$lib/figures/table';
import { m } from '$lib/paraglide/messages';
import type { Database } from '../db/schema';
import type { Tx } from '../db/transaction';
import type { FigureFilter } from './filters';
import { followUpCounts } from './follow-up-counts';
import type { Measures } from './measures';
import { placeLookup } from './places';
import { ratingsByClerk } from './ratings-by-clerk';
import { figuresByPlace, sumBy, total } from './rollup';

const STARS = [1, 2, 3, 4, 5] as const;
const count = (x: Measures) => STARS.reduce((s, k) => s + x[`rating_${k}`], 0);
const starSum = (x: Measures) => STARS.reduce((s, k) => s + k * x[`rating_${k}`], 0);
const poor = (x: Measures) => x.rating_1 + x.rating_2;

export interface SatisfactionFigures {
	totals: {
		ratings: number;
		average: number | null;
		poor: number;
		poorShare: number | null;
		/** The poor ratings' follow-ups still open, overdue among them today, and closed late. */
		open: number;
		overdue: number;
		closedLate: number;
	};
	distribution: FigureTable;
	places: FigureTable;
	matters: FigureTable;
	clerks: FigureTable;
	followUpDeadlines: FigureTable;
}

/**
 * Satisfaction: the ratings (好差评) of the period, their spread and average, by place, matter and
 * clerk, and how the poor ones' follow-ups keep to their deadlines (overdue as of `now`).
 */
export async function satisfactionFigures(
	db: Kysely<Database> | Tx,
	catalog: CatalogSnapshot,
	f: FigureFilter,
	now = new Date()
): Promise<SatisfactionFigures> {
	const [places, clerks, followUps] = await Promise.all([
		figuresByPlace(db, f, ['rating_1', 'rating_2', 'rating_3', 'rating_4', 'rating_5']),
		ratingsByClerk(db, catalog, f),
		followUpCounts(db, catalog, f, now)
	]);
	const look = placeLookup(catalog, f);
	const all = total(places);
	const byPlace = sumBy(places, (r) => look.placeOf(r.pointId));
	const byMatter = sumBy(places, (r) => (r.matterId === '' ? null : r.matterId));
	const n = (label: string, key: string) => ({ key, label, numeric: true });
	const line = (x: Measures) => ({
		ratings: count(x),
		average: mean(starSum(x), count(x)),
		poor: poor(x)
	});
	return {
		totals: {
			ratings: count(all),
			average: mean(starSum(all), count(all)),
			poor: poor(all),
			poorShare: percent(poor(all), count(all)),
			open: followUps.totals.open,
			overdue: followUps.totals.overdue,
			closedLate: followUps.totals.closedLate
		},
		distribution: {
			id: 'ratings-distribution',
			title: m.figures_distribution(),
			columns: [
				{ key: 'stars', label: m.figures_stars() },
				n(m.figures_ratings(), 'ratings'),
				n(m.figures_share(), 'share')
			],
			rows: STARS.map((k) => ({
				stars: k,
				ratings: all[`rating_${k}`],
				share: percent(all[`rating_${k}`], count(all))
			}))
		},
		places: {
			id: 'ratings-by-place',
			title: look.byPoint ? m.figures_by_point() : m.figures_by_town(),
			columns: [
				{ key: 'place', label: look.placeHeading },
				n(m.figures_ratings(), 'ratings'),
				n(m.figures_average_stars(), 'average'),
				n(m.figures_poor(), 'poor')
			],
			rows: look
				.placeOrder()
				.filter((id) => byPlace.has(id) && count(byPlace.get(id)!))
				.map((id) => ({ place: look.placeName(id), ...line(byPlace.get(id)!) }))
		},
		matters: {
			id: 'ratings-by-matter',
			title: m.figures_by_matter(),
			columns: [
				{ key: 'matter', label: m.figures_matter() },
				n(m.figures_ratings(), 'ratings'),
				n(m.figures_average_stars(), 'average'),
				n(m.figures_poor(), 'poor')
			],
			rows: look
				.matterOrder()
				.filter((id) => byMatter.has(id) && count(byMatter.get(id)!))
				.map((id) => ({ matter: look.matterName(id), ...line(byMatter.get(id)!) }))
		},
		clerks,
		followUpDeadlines: followUps.places
	};
}
