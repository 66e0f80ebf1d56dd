import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../seed/seed-demo';
import { testDatabases } from '../../testing/databases';
import type { SignedInUser } from '../../auth/sessions';
import { readDraft, discardDraft } from '../draft';
import { readCatalogDocument } from '../rows';
import { exportRows } from './export-rows';
import { importRows } from './import-rows';
import { readSheetRows } from './read-sheet';
import { csvFile, xlsxFile } from './write-sheet';

const admin: SignedInUser = {
	id: 'u1',
	username: 'admin',
	displayName: '市管理员',
	role: 'admin',
	pointId: null
};
const city = { user: admin, townId: null };
const fileOf = (bytes: Uint8Array, name: string) => new File([new Uint8Array(bytes)], name);

/** An XLSX with each cell's text written in the sheet itself (`inlineStr`), as some programs write it. */
function inlineXlsx(rows: string[][]): Uint8Array {
	const xml = (body: string) => strToU8(`<?xml version="1.0" encoding="UTF-8"?>${body}`);
	const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
	const rels = 'http://schemas.openxmlformats.org/package/2006/relationships';
	const doc = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
	const type = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
	const cells = rows
		.map(
			(row, r) =>
				`<row r="${r + 1}">${row
					.map(
						(text, c) =>
							`<c r="${String.fromCharCode(65 + c)}${r + 1}" t="inlineStr"><is><t>${text}</t></is></c>`
					)
					.join('')}</row>`
		)
		.join('');
	return zipSync({
		'[Content_Types].xml': xml(
			`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${type}.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="${type}.worksheet+xml"/></Types>`
		),
		'_rels/.rels': xml(
			`<Relationships xmlns="${rels}"><Relationship Id="rId1" Type="${doc}/officeDocument" Target="xl/workbook.xml"/></Relationships>`
		),
		'xl/workbook.xml': xml(
			`<workbook xmlns="${main}" xmlns:r="${doc}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`
		),
		'xl/_rels/workbook.xml.rels': xml(
			`<Relationships xmlns="${rels}"><Relationship Id="rId1" Type="${doc}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`
		),
		'xl/worksheets/sheet1.xml': xml(
			`<worksheet xmlns="${main}"><sheetData>${cells}</sheetData></worksheet>`
		)
	});
}
/** A sheet's rows, read as the import reads them. */
async function rowsOf(file: File): Promise<string[][]> {
	const read = await readSheetRows(file);
	if (!Array.isArray(read)) throw new Error(`${file.name} was not read: ${read}`);
	return read;
}

for (const target of testDatabases()) {
	describe(`importing a spreadsheet on ${target.kind}`, () => {
		let conn: Awaited<ReturnType<typeof target.create>>;
		beforeAll(async () => {
			conn = await target.create();
			await seedDemo(conn.db);
		});
		afterAll(async () => conn?.drop());

		/** Imports rows as a sheet gives them: every cell as text. */
		const importCells = (
			who: Parameters<typeof importRows>[1],
			kind: 'points' | 'matters',
			rows: (string | number)[][]
		) =>
			importRows(
				conn,
				who,
				kind,
				rows.map((r) => r.map(String))
			);

		/** The exported points with a change to the row of `id` (sheet row 2 is the first point). */
		async function pointsSheet(change: (row: (string | number)[], header: string[]) => void) {
			const rows = exportRows(await readCatalogDocument(conn.db), 'points', null);
			const header = rows[0] as string[];
			change(rows[4]!, header);
			return rows;
		}

		it('refuses a sheet that gives one id twice, naming both rows, rather than keep the last', async () => {
			const rows = await pointsSheet(() => {});
			const header = rows[0] as string[];
			const copy = [...rows[3]!];
			copy[header.indexOf('中文名称')] = '另一个名字';
			rows.push(copy);
			const result = await importCells(city, 'points', rows);
			expect(result).toEqual({
				ok: false,
				errors: [
					`第 ${rows.length} 行「编号」：“编号”重复：${rows[3]![header.indexOf('编号')]}（与第 4 行相同）`
				]
			});
			expect(await readDraft(conn.db, admin.id)).toBeNull();
		});

		it('says a CSV file not saved as UTF-8 (Excel’s GBK “CSV”) is to be saved again as CSV UTF-8', async () => {
			const gbk = Buffer.from([0xb1, 0xe0, 0xba, 0xc5, 0x2c, 0xc3, 0xfb, 0xb3, 0xc6, 0x0a]); // 编号,名称
			expect(await readSheetRows(fileOf(gbk, 'points.csv'))).toBe('not_utf8');
		});

		it('names the row and column of a bad cell and imports nothing, from CSV or XLSX', async () => {
			const rows = await pointsSheet((row, header) => {
				row[header.indexOf('电话')] = '电话号码';
				row[header.indexOf('周一')] = '8点到12点';
			});
			rows[2]![rows[0]!.indexOf('中文名称')] = '新名字';
			for (const file of [
				fileOf(csvFile(rows), 'points.csv'),
				fileOf(await xlsxFile(rows), 'points.xlsx')
			]) {
				const result = await importRows(conn, city, 'points', await rowsOf(file));
				expect(result).toEqual({
					ok: false,
					errors: [
						'第 5 行「周一」：“周一”应写成 08:30-12:00, 13:30-17:00 这样的时段',
						'第 5 行「电话」：“电话”应为电话号码，如 0535-7211234'
					]
				});
				expect(await readDraft(conn.db, admin.id)).toBeNull();
			}
		});

		it('holds a new id to the rule a new entry’s form does: it becomes part of a web address', async () => {
			const rows = exportRows(await readCatalogDocument(conn.db), 'points', null);
			const header = rows[0] as string[];
			const like = (id: string) =>
				rows[1]!.map((cell, i) => (i === header.indexOf('编号') ? id : cell));
			const sheet = [header, like('New Point!'), like('../../etc'), like('tuanwang-annex')];
			const result = await importCells(city, 'points', sheet);
			const rule = '“编号”只能用小写字母、数字和连字符（不以连字符开头或结尾）';
			expect(result).toEqual({
				ok: false,
				errors: [`第 2 行「编号」：${rule}`, `第 3 行「编号」：${rule}`]
			});
			// An id already in the catalogue stays as it is, whatever it looks like.
			expect(await readDraft(conn.db, admin.id)).toBeNull();
		});

		it('refuses a number of visits or days no matter could need', async () => {
			const rows = exportRows(await readCatalogDocument(conn.db), 'matters', null);
			const header = rows[0] as string[];
			rows[1]![header.indexOf('跑动次数')] = 1_000_000_000;
			rows[2]![header.indexOf('法定时限（工作日）')] = 100_000;
			const result = await importCells(city, 'matters', rows);
			expect(result).toEqual({
				ok: false,
				errors: [
					'第 2 行「跑动次数」：“跑动次数”不能大于 10',
					'第 3 行「法定时限（工作日）」：“法定时限（工作日）”不能大于 365'
				]
			});
		});

		it('refuses a sheet of more rows than one import takes, in one line rather than one a row', async () => {
			const rows = exportRows(await readCatalogDocument(conn.db), 'points', null);
			const header = rows[0] as string[];
			const sheet = [header];
			for (let i = 0; sheet.length <= 2001; i++) {
				sheet.push(
					rows[1]!.map((cell, c) => (c === header.indexOf('编号') ? `p-${i}` : String(cell)))
				);
			}
			const result = await importCells(city, 'points', sheet);
			expect(result).toEqual({
				ok: false,
				errors: ['表格有 2001 行数据，一次最多导入 2000 行：请分成几个表格导入']
			});
		});

		it('refuses an XLSX with a cell of 2,000,000 characters before reading it', async () => {
			const rows = exportRows(await readCatalogDocument(conn.db), 'points', null).map((r) =>
				r.map(String)
			);
			const header = rows[0]!;
			const row = [...rows[1]!];
			row[header.indexOf('中文名称')] = '长'.repeat(2_000_000);
			// Zipped as fflate zips, with cells after the long one: the reader used to take most of
			// a minute over it, the server's whole process with it, and then fail.
			const file = fileOf(inlineXlsx([header, row]), 'p.xlsx');
			expect(file.size).toBeLessThan(100_000);
			expect(await readSheetRows(file)).toBe('long_cell');
			// A cell as long as any the catalogue takes is read, and judged by the catalogue's rules.
			row[header.indexOf('中文名称')] = '长'.repeat(1000);
			const result = await importRows(
				conn,
				city,
				'points',
				await rowsOf(fileOf(inlineXlsx([header, row]), 'p.xlsx'))
			);
			expect(result).toEqual({
				ok: false,
				errors: ['第 2 行「中文名称」：“中文名称”不能超过 100 个字']
			});
		});

		it('refuses an XLSX that unpacks to more than 20 MB before unpacking it', async () => {
			const header = exportRows(await readCatalogDocument(conn.db), 'points', null)[0]!;
			const many = Array.from({ length: 4000 }, (_, i) => [`${i}`.padEnd(8000, 'y')]);
			const big = fileOf(await xlsxFile([header, ...many]), 'p.xlsx');
			expect(big.size).toBeLessThan(3_000_000);
			expect(await readSheetRows(big)).toBe('too_large');
		});

		it('names every fault of a sheet at once: a cell’s own, and a reference that does not resolve', async () => {
			const rows = await pointsSheet((row, header) => {
				row[header.indexOf('电话')] = '电话号码';
			});
			const header = rows[0] as string[];
			rows[2]![header.indexOf('所属镇街')] = 'no-such-town';
			const result = await importCells(city, 'points', rows);
			expect(result).toEqual({
				ok: false,
				errors: [
					'第 3 行「所属镇街」：“所属镇街”指向不存在的编号：no-such-town',
					'第 5 行「电话」：“电话”应为电话号码，如 0535-7211234'
				]
			});
		});

		it('names a cell once, however many of its parts are wrong', async () => {
			// Both ends of the span are no time of day: one problem of one cell.
			const rows = await pointsSheet((row, header) => {
				row[header.indexOf('周一')] = '25:00-26:00';
			});
			expect(await importCells(city, 'points', rows)).toEqual({
				ok: false,
				errors: ['第 5 行「周一」：“周一”应为 00:00 至 23:59 之间的时间，如 08:30']
			});
		});

		it('names a reference that does not resolve', async () => {
			const rows = await pointsSheet((row, header) => {
				row[header.indexOf('办理事项')] = 'no-such-matter';
			});
			const result = await importCells(city, 'points', rows);
			expect(result).toMatchObject({
				ok: false,
				errors: ['第 5 行「办理事项」：“办理事项”指向不存在的编号：no-such-matter']
			});
		});

		it('imports a good sheet into the draft, keeping what the sheet has no column for', async () => {
			const before = await readCatalogDocument(conn.db);
			const rows = await pointsSheet((row, header) => {
				row[header.indexOf('电话')] = '0535-1234567';
			});
			const file = fileOf(await xlsxFile(rows), 'points.xlsx');
			const result = await importRows(conn, city, 'points', await rowsOf(file));
			expect(result).toEqual({ ok: true, count: rows.length - 1 });
			const draft = (await readDraft(conn.db, admin.id))!.doc;
			const changed = draft.points[3]!;
			expect(changed.phone).toBe('0535-1234567');
			expect(changed.closures).toEqual(before.points[3]!.closures);
			expect(changed.services).toEqual(before.points[3]!.services);
			expect({ ...draft, points: [] }).toEqual({ ...before, points: [] });
			await discardDraft(conn.db, admin.id);
		});

		it("refuses another town's points to a town administrator", async () => {
			const rows = await pointsSheet(() => {});
			const town = { user: { ...admin, role: 'town_admin' as const }, townId: 'guliu' };
			const result = await importCells(town, 'points', rows);
			expect(result.ok).toBe(false);
			if (!result.ok) expect(result.errors[0]).toBe('第 2 行「所属镇街」：只能修改本镇街的服务点');
		});

		it('imports a city hall, by its kind code or its name', async () => {
			const rows = exportRows(await readCatalogDocument(conn.db), 'points', null);
			const header = rows[0] as string[];
			const centre = rows.find((r) => r[0] === 'chengxiang-centre')!;
			const hall = (id: string, kind: string) =>
				centre.map((cell, i) =>
					i === header.indexOf('编号') ? id : i === header.indexOf('类型') ? kind : cell
				);
			const sheet = [
				header,
				hall('hall-annex-1', 'city'),
				hall('hall-annex-2', '市级政务服务中心')
			];
			const result = await importCells(city, 'points', sheet);
			expect(result).toEqual({ ok: true, count: 2 });
			const draft = (await readDraft(conn.db, admin.id))!.doc;
			expect(draft.points.filter((p) => p.id.startsWith('hall-annex')).map((p) => p.kind)).toEqual([
				'city',
				'city'
			]);
			await discardDraft(conn.db, admin.id);
		});

		it("keeps the city hall from a town administrator's sheets, though it stands in the town", async () => {
			const town = { user: { ...admin, role: 'town_admin' as const }, townId: 'chengxiang' };
			const own = exportRows(await readCatalogDocument(conn.db), 'points', 'chengxiang');
			expect(own.map((r) => r[0])).toContain('chengxiang-centre');
			expect(own.map((r) => r[0])).not.toContain('laiyang-city-hall');

			const all = exportRows(await readCatalogDocument(conn.db), 'points', null);
			const hall = all.find((r) => r[0] === 'laiyang-city-hall')!;
			const result = await importCells(town, 'points', [all[0]!, hall]);
			expect(result).toEqual({
				ok: false,
				errors: ['第 2 行「类型」：市政务服务中心由市级管理员维护']
			});
			// Nor may a town point become one.
			const centre = own.find((r) => r[0] === 'chengxiang-centre')!;
			centre[own[0]!.indexOf('类型')] = 'city';
			const again = await importCells(town, 'points', [own[0]!, centre]);
			expect(again).toEqual({
				ok: false,
				errors: ['第 2 行「类型」：市政务服务中心由市级管理员维护']
			});
		});

		it('imports matters from CSV, and names a bad time limit', async () => {
			const rows = exportRows(await readCatalogDocument(conn.db), 'matters', null);
			rows[1]![rows[0]!.indexOf('承诺时限（工作日）')] = '十五';
			const bad = await importRows(
				conn,
				city,
				'matters',
				await rowsOf(fileOf(csvFile(rows), 'm.csv'))
			);
			expect(bad).toEqual({
				ok: false,
				errors: ['第 2 行「承诺时限（工作日）」：“承诺时限（工作日）”应填数字']
			});
			rows[1]![rows[0]!.indexOf('承诺时限（工作日）')] = 2;
			const good = await importRows(
				conn,
				city,
				'matters',
				await rowsOf(fileOf(csvFile(rows), 'm.csv'))
			);
			expect(good.ok).toBe(true);
			expect((await readDraft(conn.db, admin.id))!.doc.matters[0]!.promisedDays).toBe(2);
		});
	});
}
