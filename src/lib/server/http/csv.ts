/**
 * A cell a spreadsheet would run as a formula: one that starts with = + - @ (or a tab or carriage
 * return, which some strip first). Such a cell is written with a leading apostrophe, read as text.
 */
export const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell; a number as it is (a negative one is no formula). */
export function csvCell(value: string | number): string {
	if (typeof value === 'number') return String(value);
	const safe = FORMULA_START.test(value) ? `'${value}` : value;
	return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Rows as CSV text, each line ended by CR LF. */
export function csvRows(rows: (string | number)[][]): string {
	return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
