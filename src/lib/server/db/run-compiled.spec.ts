import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testDatabases } from '../testing/databases';
import { runCompiled } from './run-compiled';
import { writeTransaction, type Tx } from './transaction';

for (const target of testDatabases()) {
	describe(`compiled statements on ${target.kind}`, () => {
		let conn: Awaited<ReturnType<typeof target.create>>;
		beforeAll(async () => {
			conn = await target.create();
		});
		afterAll(async () => conn?.drop());

		const put = (tx: Tx, key: string, value: string) =>
			tx.insertInto('meta').values({ key, value }).compile();
		const change = (tx: Tx, key: string, value: string) =>
			tx.updateTable('meta').set({ value }).where('key', '=', key).compile();
		const read = (tx: Tx, key: string) =>
			tx.selectFrom('meta').select('value').where('key', '=', key).compile();
		const valueOf = async (key: string) =>
			(await conn.db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst())
				?.value;

		it('answers as Kysely does: rows read, rows changed', async () => {
			const seen = await writeTransaction(conn, async (tx) => {
				await runCompiled(tx, put(tx, 'a', '1'));
				const changed = await runCompiled(tx, change(tx, 'a', '2'));
				const none = await runCompiled(tx, change(tx, 'missing', '2'));
				const { rows } = await runCompiled(tx, read(tx, 'a'));
				return { changed: changed.numAffectedRows, none: none.numAffectedRows, rows };
			});
			expect(seen).toEqual({ changed: 1n, none: 0n, rows: [{ value: '2' }] });
			expect(await valueOf('a')).toBe('2');
		});

		it('fails as a promise, and the transaction undoes what it wrote', async () => {
			await expect(
				writeTransaction(conn, async (tx) => {
					await runCompiled(tx, put(tx, 'b', '1'));
					const again = runCompiled(tx, put(tx, 'b', '2'));
					expect(again).toBeInstanceOf(Promise);
					await again;
				})
			).rejects.toMatchObject({ code: expect.stringMatching(/^(SQLITE_CONSTRAINT|23505)/) });
			expect(await valueOf('b')).toBeUndefined();
		});

		it('is undone with the savepoint it ran in, and the rest of the transaction stands', async () => {
			await writeTransaction(conn, async (tx) => {
				await runCompiled(tx, put(tx, 'kept', '1'));
				await sql`savepoint op`.execute(tx);
				await runCompiled(tx, put(tx, 'undone', '1'));
				await sql`rollback to savepoint op`.execute(tx);
				await sql`release savepoint op`.execute(tx);
			});
			expect(await valueOf('kept')).toBe('1');
			expect(await valueOf('undone')).toBeUndefined();
		});

		it('goes through Kysely outside a write transaction', async () => {
			const spy = vi.spyOn(conn.db, 'executeQuery');
			try {
				await runCompiled(conn.db, put(conn.db, 'c', '1'));
				expect(spy).toHaveBeenCalledTimes(1);
			} finally {
				spy.mockRestore();
			}
			expect(await valueOf('c')).toBe('1');
		});

		it.runIf(target.kind === 'sqlite')(
			'runs straight on the connection an SQLite write transaction holds',
			async () => {
				await writeTransaction(conn, async (tx) => {
					const spy = vi.spyOn(tx, 'executeQuery');
					try {
						await runCompiled(tx, put(tx, 'd', '1'));
						expect(spy).not.toHaveBeenCalled();
					} finally {
						spy.mockRestore();
					}
				});
				expect(await valueOf('d')).toBe('1');
			}
		);
	});
}
