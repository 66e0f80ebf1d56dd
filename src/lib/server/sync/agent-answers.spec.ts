import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogSnapshot } from '$lib/catalog/types';
import { registerDevice } from '../auth/devices';
import { currentCatalog } from '../catalog/cache';
import { seedDemo } from '../seed/seed-demo';
import { submitOp } from '../testing/applications';
import { testDatabases } from '../testing/databases';
import { addTestUser } from '../testing/users';
import { applyOps } from './apply-ops';

const MATTER = 'individual-business-registration';

for (const target of testDatabases()) {
	describe(`an agent's application on ${target.kind}`, () => {
		let conn: Awaited<ReturnType<typeof target.create>>;
		let catalog: CatalogSnapshot;
		let agentPhone: { id: string; userId: string | null };
		let residentPhone: { id: string; userId: string | null };

		beforeAll(async () => {
			conn = await target.create();
			await seedDemo(conn.db);
			catalog = (await currentCatalog(conn.db)).snapshot;
			await addTestUser(conn.db, {
				id: 'u-agent-answers',
				username: 'agent-answers',
				displayName: '王代办（测试村）',
				role: 'agent',
				pointId: 'tuanwang-proxy-6'
			});
			agentPhone = { id: (await registerDevice(conn.db)).deviceId, userId: 'u-agent-answers' };
			residentPhone = { id: (await registerDevice(conn.db)).deviceId, userId: null };
		});
		afterAll(async () => conn?.drop());

		async function answersKept(
			device: { id: string; userId: string | null },
			n: number,
			answers: Record<string, string>
		) {
			const op = submitOp(catalog, { n, matterId: MATTER });
			op.payload.answers = answers;
			const [result] = await applyOps(conn, device, [op], catalog);
			expect(result).toMatchObject({ status: 'applied' });
			const row = await conn.db
				.selectFrom('applications')
				.select('answers')
				.where('id', '=', op.payload.applicationId)
				.executeTakeFirstOrThrow();
			return JSON.parse(row.answers) as Record<string, string>;
		}

		it('is applied by the agent, whatever the form said: the counter asks for the agent’s papers', async () => {
			expect(await answersKept(agentPhone, 931, { applicant: 'self' })).toEqual({
				applicant: 'agent'
			});
			expect(await answersKept(agentPhone, 932, {})).toEqual({ applicant: 'agent' });
			// A resident's own phone says who applies as the resident answered.
			expect(await answersKept(residentPhone, 933, { applicant: 'self' })).toEqual({
				applicant: 'self'
			});
			expect(await answersKept(residentPhone, 934, {})).toEqual({});
		});
	});
}
