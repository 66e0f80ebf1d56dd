import type { CatalogSnapshot } from '$lib/catalog/types';
import { followUpState } from '$lib/figures/follow-up-state';
import type { FigureTable } from '$lib/figures/table';
import { formatDateTime } from '$lib/format';
import { tr } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';
import { FIGURE_VIEWS, type FigureView } from '$lib/schemas/figures';
import type { FieldIssue } from '$lib/schemas/issues';
import type { AdminScope } from '../admin/scope';
import type { Connection } from '../db/connect';
import { figureFilter, type FigureFilter } from './filters';
import { FOLLOW_UP_WORKING_DAYS } from './follow-up-deadline';
import { followUps, FOLLOW_UP_LIMIT, type FollowUp } from './follow-ups';
import { satisfactionFigures, type SatisfactionFigures } from './satisfaction';
import { timeFigures, type TimeFigures } from './time';
import { volumeFigures, type VolumeFigures } from './volume';

export type FiguresOfView =
	| { view: 'volume'; figures: VolumeFigures }
	| { view: 'time'; figures: TimeFigures }
	| { view: 'satisfaction'; figures: SatisfactionFigures; followUps: FollowUp[] };

export interface FiguresPage {
	filter: FigureFilter;
	errors: FieldIssue[];
	data: FiguresOfView;
	tables: FigureTable[];
	followUpLimit: number;
	/** Working days a poor rating's follow-up has. */
	followUpDueDays: number;
}

function followUpTable(list: FollowUp[], catalog: CatalogSnapshot): FigureTable {
	const point = (id: string) => catalog.points.find((p) => p.id === id);
	const matter = (id: string) => catalog.matters.find((x) => x.id === id);
	return {
		id: 'follow-ups',
		title: m.figures_follow_ups(),
		columns: [
			{ key: 'reference', label: m.figures_reference() },
			{ key: 'point', label: m.figures_point() },
			{ key: 'matter', label: m.figures_matter() },
			{ key: 'stars', label: m.figures_stars(), numeric: true },
			{ key: 'comment', label: m.figures_comment() },
			{ key: 'ratedAt', label: m.figures_rated_at() },
			{ key: 'deadline', label: m.figures_follow_up_deadline() },
			{ key: 'state', label: m.figures_state() },
			{ key: 'action', label: m.figures_follow_up_action() },
			{ key: 'by', label: m.figures_follow_up_by_column() },
			{ key: 'at', label: m.figures_follow_up_at_column() }
		],
		rows: list.map((f) => ({
			reference: f.reference,
			point: point(f.pointId) ? tr(point(f.pointId)!.name) : f.pointId,
			matter: matter(f.matterId) ? tr(matter(f.matterId)!.name) : f.matterId,
			stars: f.stars,
			comment: f.comment,
			ratedAt: formatDateTime(f.ratedAt),
			deadline: f.deadline,
			state: followUpState(f),
			action: f.action,
			by: f.followedBy ?? '',
			at: f.followedAt ? formatDateTime(f.followedAt) : ''
		}))
	};
}

export function viewOf(params: URLSearchParams): FigureView {
	const asked = params.get('view');
	return (FIGURE_VIEWS as readonly string[]).includes(asked ?? '')
		? (asked as FigureView)
		: 'volume';
}

/** One view of the figures, for the address's filters within the scope: the page's and the export's. */
export async function figuresPage(
	conn: Connection,
	scope: AdminScope,
	catalog: CatalogSnapshot,
	params: URLSearchParams,
	now = new Date()
): Promise<FiguresPage> {
	const { filter, errors } = figureFilter(params, scope, catalog, now);
	const view = viewOf(params);
	const db = conn.db;
	let data: FiguresOfView;
	let tables: FigureTable[];
	if (view === 'time') {
		const figures = await timeFigures(db, catalog, filter, now);
		data = { view, figures };
		tables = [figures.series, figures.places, figures.matters, figures.backlog];
	} else if (view === 'satisfaction') {
		const [figures, list] = await Promise.all([
			satisfactionFigures(db, catalog, filter, now),
			followUps(db, filter, FOLLOW_UP_LIMIT, now)
		]);
		data = { view, figures, followUps: list };
		tables = [
			figures.distribution,
			figures.places,
			figures.matters,
			figures.clerks,
			figures.followUpDeadlines,
			followUpTable(list, catalog)
		];
	} else {
		const figures = await volumeFigures(db, catalog, filter);
		data = { view: 'volume', figures };
		tables = [figures.series, figures.levels, figures.places, figures.matters];
	}
	return {
		filter,
		errors,
		data,
		tables,
		followUpLimit: FOLLOW_UP_LIMIT,
		followUpDueDays: FOLLOW_UP_WORKING_DAYS
	};
}
