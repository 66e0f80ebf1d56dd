import * as v from 'valibot';
import { issueMessage } from '$lib/catalog-admin/describe-issue';
import { m } from '$lib/paraglide/messages';
import type { SignedInUser } from '../../auth/sessions';
import type { Connection } from '../../db/connect';
import { writeTransaction } from '../../db/transaction';
import {
	docMatterSchema,
	docPointSchema,
	type CatalogDocument,
	type DocMatter,
	type DocPoint
} from '../document';
import { draftOrNew, saveDraft } from '../draft';
import { numberField } from '../form-issues';
import { parseSpans } from '../point-form';
import { newIdIssue } from '../save-entry';
import { fromValibot, validateDocument, type DocIssue, type DocPath } from '../validate';
import { COLUMNS, locateColumns, type SheetKind } from './columns';

export type ImportResult = { ok: true; count: number } | { ok: false; errors: string[] };

const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;
/** Rows one import takes: more than a city's points, and a bound on one request's work. */
const MAX_ROWS = 2000;
const LIST = /[\s,，;；、]+/;

interface Parsed {
	/** The row's number in the sheet, as a spreadsheet program shows it (the heading is 1). */
	row: number;
	entry: Record<string, unknown>;
	issues: DocIssue[];
}

/**
 * Imports a sheet of points or matters into the draft, all or nothing: each row is checked with
 * the seed data's schema, then the whole catalogue with it; any problem is reported by row and
 * column and nothing is kept. A town administrator imports only their own town's points.
 */
export async function importRows(
	conn: Connection,
	who: { user: SignedInUser; townId: string | null },
	kind: SheetKind,
	rows: string[][]
): Promise<ImportResult> {
	const [header = [], ...body] = rows;
	const { at, missing } = locateColumns(kind, header);
	if (missing.length) {
		return {
			ok: false,
			errors: missing.map((c) => m.catalog_import_missing_column({ column: c.heading() }))
		};
	}
	if (!body.length) return { ok: false, errors: [m.catalog_import_empty()] };
	if (body.length > MAX_ROWS) {
		return {
			ok: false,
			errors: [m.catalog_import_too_many_rows({ count: body.length, max: MAX_ROWS })]
		};
	}
	const columnOf = (key: string) => COLUMNS[kind].find((c) => c.key === key) ?? COLUMNS[kind][0]!;
	const say = (row: number, path: DocPath, issue: DocIssue) => {
		const column = columnOf(columnKey(path)).heading();
		return m.catalog_import_row_error({ row, column, message: issueMessage(issue, column) });
	};

	return writeTransaction(conn, async (tx) => {
		const { doc, base } = await draftOrNew(tx, who.user.id);
		const cell = (r: string[], key: string) => {
			const i = at.get(key);
			return i === undefined ? undefined : (r[i] ?? '').trim();
		};
		const parsed: Parsed[] = body.map((r, i) =>
			kind === 'points' ? pointRow(doc, r, i + 2, cell, who.townId) : matterRow(doc, r, i + 2, cell)
		);
		// Into the document, the rows sound in themselves: an existing id replaced where it stands, a
		// new one added at the end. It is checked with them even when other rows are not, so that a
		// sheet's faults are all named at once, its references with its cells.
		const list = (kind === 'points' ? doc.points : doc.matters) as { id: string }[];
		const rowAt = new Map<number, number>();
		for (const p of parsed) {
			if (p.issues.length) continue;
			const index = list.findIndex((x) => x.id === p.entry.id);
			if (index >= 0) list[index] = p.entry as never;
			else list.push(p.entry as never);
			rowAt.set(index >= 0 ? index : list.length - 1, p.row);
		}
		const checked = validateDocument(doc);
		const faults: Fault[] = [
			...parsed.flatMap((p) =>
				p.issues.map((issue) => ({ row: p.row, text: say(p.row, issue.path, issue) }))
			),
			...repeatedIds(parsed, columnOf('id').heading()),
			...(checked.ok ? [] : checked.issues).map((issue) => {
				const row = issue.path[0] === kind ? rowAt.get(Number(issue.path[1])) : undefined;
				return row
					? { row, text: say(row, issue.path.slice(2), issue) }
					: { row: Infinity, text: issueMessage(issue, issue.path.join('.')) };
			})
		];
		if (faults.length || !checked.ok) {
			// By row; one line per problem of a cell, however many of its parts share it.
			const errors = unique(faults.sort((a, b) => a.row - b.row).map((f) => f.text));
			return { ok: false as const, errors };
		}
		await saveDraft(tx, who.user, checked.doc, base);
		return { ok: true as const, count: parsed.length };
	});
}

const unique = (lines: string[]) => [...new Set(lines)];

/** A problem of the sheet, and the row it is in (a problem of no row: after every row). */
interface Fault {
	row: number;
	text: string;
}

/** A sheet giving one id twice: which would stand is the sheet's order, not the author's choice. */
function repeatedIds(parsed: Parsed[], column: string): Fault[] {
	const first = new Map<string, number>();
	const errors: Fault[] = [];
	for (const { entry, row } of parsed) {
		const id = String(entry.id ?? '');
		if (!id) continue;
		const earlier = first.get(id);
		if (earlier === undefined) first.set(id, row);
		else {
			const message = m.catalog_import_repeated_id({ column, id, first: earlier });
			errors.push({ row, text: m.catalog_import_row_error({ row, column, message }) });
		}
	}
	return errors;
}

/** The sheet column a path inside one entry falls in. */
function columnKey(path: DocPath): string {
	const [first, second] = path;
	if (first === 'hours' && second !== undefined) return `hours.${second}`;
	if (first === 'fee' && second !== undefined) return `fee.${second}`;
	return String(first ?? 'id');
}

type Cell = (r: string[], key: string) => string | undefined;

function pointRow(
	doc: CatalogDocument,
	r: string[],
	row: number,
	cell: Cell,
	townId: string | null
): Parsed {
	const issues: DocIssue[] = [];
	const id = cell(r, 'id') ?? '';
	const base: DocPoint | undefined = doc.points.find((p) => p.id === id);
	const hours: Record<string, [string, string][]> = {};
	for (const d of WEEKDAYS) {
		const spans = parseSpans(cell(r, `hours.${d}`) ?? '');
		if (spans === null) issues.push({ path: ['hours', d], code: 'hours' });
		else if (spans.length) hours[d] = spans;
	}
	const counters = numberField(cell(r, 'counters'));
	const listed = cell(r, 'services');
	const services =
		listed === undefined
			? (base?.services ?? [])
			: listed
					.split(LIST)
					.filter(Boolean)
					.map(
						(matter) =>
							base?.services.find((s) => s.matter === matter) ?? {
								matter,
								slotMinutes: 30,
								capacity: typeof counters === 'number' && counters > 0 ? counters : 1,
								minHoursAhead: 2,
								maxDaysAhead: 14
							}
					);
	const entry = {
		id,
		town: cell(r, 'town') ?? '',
		kind: kindOf(cell(r, 'kind') ?? ''),
		zh: cell(r, 'zh') ?? '',
		en: cell(r, 'en') ?? '',
		addressZh: cell(r, 'addressZh') ?? '',
		addressEn: cell(r, 'addressEn') ?? '',
		lat: numberField(cell(r, 'lat')),
		lng: numberField(cell(r, 'lng')),
		phone: cell(r, 'phone') ?? '',
		counters,
		hours,
		closures: base?.closures ?? [],
		services
	};
	if (!base) issues.push(...newIdIssues(id));
	if (townId !== null && (entry.town !== townId || (base && base.town !== townId))) {
		issues.push({ path: ['town'], code: 'other_town' });
	}
	if (townId !== null && (entry.kind === 'city' || base?.kind === 'city')) {
		issues.push({ path: ['kind'], code: 'city_only' });
	}
	return { row, entry, issues: [...issues, ...schemaIssues(docPointSchema, entry)] };
}

function matterRow(doc: CatalogDocument, r: string[], row: number, cell: Cell): Parsed {
	const id = cell(r, 'id') ?? '';
	const base: DocMatter | undefined = doc.matters.find((x) => x.id === id);
	const aliases = cell(r, 'aliases');
	const entry = {
		id,
		code: cell(r, 'code') ?? '',
		category: cell(r, 'category') ?? '',
		department: cell(r, 'department') ?? '',
		zh: cell(r, 'zh') ?? '',
		en: cell(r, 'en') ?? '',
		aliases:
			aliases === undefined
				? (base?.aliases ?? [])
				: aliases
						.split(/[;；、\n]+/)
						.map((a) => a.trim())
						.filter(Boolean),
		summaryZh: cell(r, 'summaryZh') ?? '',
		summaryEn: cell(r, 'summaryEn') ?? '',
		conditions: base?.conditions ?? [],
		promisedDays: numberField(cell(r, 'promisedDays')),
		legalDays: numberField(cell(r, 'legalDays')),
		fee: { zh: cell(r, 'fee.zh') ?? '', en: cell(r, 'fee.en') ?? '' },
		legalBasis: base?.legalBasis ?? [],
		visits: numberField(cell(r, 'visits')),
		questions: base?.questions ?? [],
		materials: base?.materials ?? [],
		form: base?.form ?? []
	};
	const issues = base ? [] : newIdIssues(id);
	return { row, entry, issues: [...issues, ...schemaIssues(docMatterSchema, entry)] };
}

/** A new entry's id, held to the rule its form holds it to (an empty one: see the schema). */
function newIdIssues(id: string): DocIssue[] {
	const issue = id ? newIdIssue(id) : null;
	return issue ? [issue] : [];
}

/** A point's kind by its code or its name in either language. */
function kindOf(text: string): string {
	const names: Record<string, string[]> = {
		centre: [m.point_kind_centre({}, { locale: 'zh' }), m.point_kind_centre({}, { locale: 'en' })],
		village: [
			m.point_kind_village({}, { locale: 'zh' }),
			m.point_kind_village({}, { locale: 'en' })
		],
		proxy: [m.point_kind_proxy({}, { locale: 'zh' }), m.point_kind_proxy({}, { locale: 'en' })],
		city: [m.point_kind_city({}, { locale: 'zh' }), m.point_kind_city({}, { locale: 'en' })]
	};
	const lower = text.toLowerCase();
	return (
		Object.entries(names).find(([, list]) => list.some((n) => n.toLowerCase() === lower))?.[0] ??
		text
	);
}

function schemaIssues(
	schema: typeof docPointSchema | typeof docMatterSchema,
	entry: unknown
): DocIssue[] {
	const parsed = v.safeParse(schema, entry);
	return parsed.success ? [] : parsed.issues.map(fromValibot);
}
