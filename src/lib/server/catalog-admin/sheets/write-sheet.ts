import Papa from 'papaparse';
import writeXlsxFile from 'write-excel-file/node';

/** Rows as a CSV file Excel opens as UTF-8 (with a byte order mark). */
export function csvFile(rows: (string | number)[][]): Buffer {
	return Buffer.from(`\uFEFF${Papa.unparse(rows)}\r\n`, 'utf8');
}

export async function xlsxFile(rows: (string | number)[][]): Promise<Buffer> {
	return writeXlsxFile(rows.map((row) => row.map((value) => ({ value })))).toBuffer();
}
