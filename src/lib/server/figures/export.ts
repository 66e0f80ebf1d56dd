import writeXlsxFile from 'write-excel-file/node';
import type { FigureTable } from '$lib/figures/table';
import { csvRows } from '../http/csv';

/**
 * A table as CSV, with a byte-order mark so that spreadsheet programs read the Chinese right, and
 * formulas defused (`csvCell`): a place's name is a town admin's words.
 */
export function tableCsv(table: FigureTable): string {
	const header = table.columns.map((c) => c.label);
	const rows = table.rows.map((r) => table.columns.map((c) => r[c.key] ?? ''));
	return '\uFEFF' + csvRows([header, ...rows]);
}

/** A table as an XLSX workbook of one sheet, numbers kept as numbers. */
export async function tableXlsx(table: FigureTable): Promise<Buffer> {
	const header = table.columns.map((c) => ({ value: c.label, fontWeight: 'bold' as const }));
	const rows = table.rows.map((r) =>
		table.columns.map((c) => {
			const v = r[c.key];
			if (v === null || v === undefined) return null;
			return typeof v === 'number'
				? { value: v, type: Number }
				: { value: String(v), type: String };
		})
	);
	return writeXlsxFile([header, ...rows], { sheet: table.title.slice(0, 31) }).toBuffer();
}
