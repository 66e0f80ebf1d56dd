import writeXlsxFile from 'write-excel-file/node';
import { csvRows } from '../../http/csv';

/**
 * Rows as a CSV file Excel opens as UTF-8 (with a byte order mark), formulas defused (`csvCell`):
 * `readSheetRows` reads them back as they were.
 */
export function csvFile(rows: (string | number)[][]): Buffer {
	return Buffer.from(`\uFEFF${csvRows(rows)}`, 'utf8');
}

export async function xlsxFile(rows: (string | number)[][]): Promise<Buffer> {
	return writeXlsxFile(rows.map((row) => row.map((value) => ({ value })))).toBuffer();
}
