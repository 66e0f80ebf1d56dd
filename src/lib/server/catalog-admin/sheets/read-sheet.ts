import Papa from 'papaparse';
import { FORMULA_START } from '../../http/csv';
import { readXlsx } from './read-xlsx';

/** The apostrophe `csvCell` puts before a cell that would run as a formula. */
const DEFUSED = new RegExp(`^'(?=${FORMULA_START.source.slice(1)})`);

/**
 * A spreadsheet's first sheet as rows of text cells; null when it is neither CSV nor XLSX;
 * `not_utf8` for a CSV file in another encoding (Excel's plain "CSV" on a Chinese system is GBK);
 * `too_large` or `long_cell` for an XLSX too large to read (see `readXlsx`).
 */
export async function readSheetRows(
	file: File
): Promise<string[][] | null | 'not_utf8' | 'too_large' | 'long_cell'> {
	const bytes = Buffer.from(await file.arrayBuffer());
	const zip = bytes[0] === 0x50 && bytes[1] === 0x4b;
	if (zip || /\.xlsx$/i.test(file.name)) {
		const rows = await readXlsx(bytes);
		return Array.isArray(rows) ? rows.map((row) => row.map(cellText)) : rows;
	}
	// One line ending throughout: the parser takes the first line's for all, and rows added to an
	// export in another editor may end otherwise.
	const text = bytes
		.toString('utf8')
		.replace(/^\uFEFF/, '')
		.replace(/\r\n?/g, '\n');
	if (text.includes('\u0000')) return null;
	if (text.includes('\uFFFD')) return 'not_utf8';
	const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' });
	if (parsed.errors.some((e) => e.type === 'Quotes')) return null;
	return parsed.data.map((row) => row.map((c) => (c ?? '').replace(DEFUSED, '')));
}

function cellText(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (value instanceof Date) return value.toISOString().slice(0, 10);
	return String(value);
}
