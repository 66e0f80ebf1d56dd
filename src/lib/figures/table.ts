/** A view's figures as a table: shown beside its chart, and exported as CSV or XLSX. */
export interface FigureTable {
	id: string;
	title: string;
	columns: { key: string; label: string; numeric?: boolean }[];
	rows: Record<string, string | number | null>[];
}

/** A share as a percentage with one decimal, or null when there is nothing to share. */
export const percent = (part: number, whole: number): number | null =>
	whole ? Math.round((part / whole) * 1000) / 10 : null;

/** A mean with one decimal, or null over nothing. */
export const mean = (sum: number, n: number): number | null =>
	n ? Math.round((sum / n) * 10) / 10 : null;
