import type { CatalogSnapshot } from '$lib/catalog/types';
import { percent, type FigureTable } from '$lib/figures/table';
import { m } from '$lib/paraglide/messages';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { Tx } from '../db/transaction';
import type { FigureFilter } from './filters';
import { LEVELS, levelLabel, placeLookup } from './places';
import { figuresByPeriod, figuresByPlace, sumBy, total } from './rollup';
import { series } from './series';

export interface VolumeFigures {
	totals: {
		applications: number;
		booked: number;
		walkIns: number;
		checkIns: number;
		noShows: number;
		ticketNoShows: number;
		/** Share of applications and walk-ins handled below the city hall, in %. */
		movedDown: number | null;
		/** Applications made without a connection and sent later (docs/figures.md). */
		offline: number;
		/** Applications a proxy agent (代办员) filed for a resident. */
		byAgent: number;
	};
	series: FigureTable;
	levels: FigureTable;
	places: FigureTable;
	matters: FigureTable;
}

/** Volume: applications, bookings, walk-ins, arrivals, no-shows; where, what, and when. */
export async function volumeFigures(
	db: Kysely<Database> | Tx,
	catalog: CatalogSnapshot,
	f: FigureFilter
): Promise<VolumeFigures> {
	const [days, places] = await Promise.all([
		figuresByPeriod(db, f, ['applications', 'walk_ins', 'check_ins']),
		figuresByPlace(db, f, [
			'applications',
			'booked',
			'walk_ins',
			'check_ins',
			'missed',
			'ticket_no_shows',
			'offline',
			'by_agent'
		])
	]);
	const look = placeLookup(catalog, f);
	const all = total(places);
	const work = (x: { applications: number; walk_ins: number }) => x.applications + x.walk_ins;

	const byLevel = sumBy(places, (r) => look.levelOf(r.pointId));
	const city = byLevel.get('city');
	const movedDown = percent(work(all) - (city ? work(city) : 0), work(all));

	const byPlace = sumBy(places, (r) => look.placeOf(r.pointId));
	const byPlaceVillage = sumBy(
		places.filter((r) => look.levelOf(r.pointId) === 'village'),
		(r) => look.placeOf(r.pointId)
	);
	const byMatter = sumBy(places, (r) => r.matterId);

	const n = (label: string, key: string) => ({ key, label, numeric: true });
	return {
		totals: {
			applications: all.applications,
			booked: all.booked,
			walkIns: all.walk_ins,
			checkIns: all.check_ins,
			noShows: all.missed,
			ticketNoShows: all.ticket_no_shows,
			movedDown,
			offline: all.offline,
			byAgent: all.by_agent
		},
		series: {
			id: 'volume-over-time',
			title: m.figures_over_time(),
			columns: [
				{ key: 'period', label: f.grain === 'week' ? m.figures_week_of() : m.figures_day() },
				n(m.figures_applications(), 'applications'),
				n(m.figures_walk_ins(), 'walkIns'),
				n(m.figures_check_ins(), 'checkIns')
			],
			rows: series(days, f).map(([period, x]) => ({
				period,
				applications: x.applications,
				walkIns: x.walk_ins,
				checkIns: x.check_ins
			}))
		},
		levels: {
			id: 'volume-by-level',
			title: m.figures_by_level(),
			columns: [
				{ key: 'level', label: m.figures_level() },
				n(m.figures_applications(), 'applications'),
				n(m.figures_walk_ins(), 'walkIns'),
				n(m.figures_share(), 'share')
			],
			rows: LEVELS.map((l) => {
				const x = byLevel.get(l);
				return {
					level: levelLabel(l),
					applications: x?.applications ?? 0,
					walkIns: x?.walk_ins ?? 0,
					share: x ? percent(work(x), work(all)) : percent(0, work(all))
				};
			})
		},
		places: {
			id: 'volume-by-place',
			title: look.byPoint ? m.figures_by_point() : m.figures_by_town(),
			columns: [
				{ key: 'place', label: look.placeHeading },
				n(m.figures_applications(), 'applications'),
				n(m.figures_booked(), 'booked'),
				n(m.figures_walk_ins(), 'walkIns'),
				n(m.figures_check_ins(), 'checkIns'),
				n(m.figures_no_shows(), 'noShows'),
				n(m.figures_village_share(), 'villageShare'),
				n(m.figures_offline(), 'offline'),
				n(m.figures_by_agent(), 'byAgent')
			],
			rows: look
				.placeOrder()
				.filter((id) => byPlace.has(id))
				.map((id) => {
					const x = byPlace.get(id);
					const v = byPlaceVillage.get(id);
					return {
						place: look.placeName(id),
						applications: x?.applications ?? 0,
						booked: x?.booked ?? 0,
						walkIns: x?.walk_ins ?? 0,
						checkIns: x?.check_ins ?? 0,
						noShows: x?.missed ?? 0,
						villageShare: x ? percent(v ? work(v) : 0, work(x)) : null,
						offline: x?.offline ?? 0,
						byAgent: x?.by_agent ?? 0
					};
				})
		},
		matters: {
			id: 'volume-by-matter',
			title: m.figures_by_matter(),
			columns: [
				{ key: 'matter', label: m.figures_matter() },
				n(m.figures_applications(), 'applications'),
				n(m.figures_booked(), 'booked'),
				n(m.figures_check_ins(), 'checkIns'),
				n(m.figures_no_shows(), 'noShows')
			],
			rows: look
				.matterOrder()
				.filter((id) => byMatter.has(id))
				.map((id) => {
					const x = byMatter.get(id);
					return {
						matter: look.matterName(id),
						applications: x?.applications ?? 0,
						booked: x?.booked ?? 0,
						checkIns: x?.check_ins ?? 0,
						noShows: x?.missed ?? 0
					};
				})
				.sort((a, b) => b.applications - a.applications)
		}
	};
}
