import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergedFields } from '$lib/catalog/merged-fields';
import type { CatalogSnapshot } from '$lib/catalog/types';
import { situation } from '$lib/counter/record';
import { registerDevice } from '../auth/devices';
import { currentCatalog } from '../catalog/cache';
import { seedDemo } from '../seed/seed-demo';
import { fieldValues, submitOp } from '../testing/applications';
import { testDatabases } from '../testing/databases';
import { applyOps } from './apply-ops';

const BUNDLE = 'open-small-shop';

/**
 * The demo catalogue with the bundle's shared "who applies" question offering "guardian" in its
 * first matter only, as an administrator may leave it.
 */
function diverging(catalog: CatalogSnapshot): CatalogSnapshot {
	const copy = structuredClone(catalog);
	const bundle = copy.bundles.find((b) => b.id === BUNDLE)!;
	const [first, ...rest] = bundle.matterIds.map((id) => copy.matters.find((x) => x.id === id)!);
	const asked = first!.questions.find((q) => q.id === 'applicant')!;
	asked.options.push({ id: 'guardian', zh: '监护人', en: 'Guardian' });
	expect(rest.some((x) => x.questions.some((q) => q.id === 'applicant'))).toBe(true);
	return copy;
}

for (const target of testDatabases()) {
	describe(`a bundle's shared situation question on ${target.kind}`, () => {
		let conn: Awaited<ReturnType<typeof target.create>>;
		let catalog: CatalogSnapshot;

		beforeAll(async () => {
			conn = await target.create();
			await seedDemo(conn.db);
			catalog = diverging((await currentCatalog(conn.db)).snapshot);
		});
		afterAll(async () => conn?.drop());

		const bundleOp = (n: number, applicant: string) => {
			const bundle = catalog.bundles.find((b) => b.id === BUNDLE)!;
			const matters = bundle.matterIds.map((id) => catalog.matters.find((x) => x.id === id)!);
			const op = submitOp(catalog, { n, matterId: bundle.matterIds[0] });
			return {
				...op,
				payload: {
					...op.payload,
					bundleId: BUNDLE,
					fields: fieldValues(mergedFields(matters.map((x) => x.form))),
					answers: { applicant }
				}
			};
		};

		it('offers the options every one of its matters offers, whichever matter comes last', async () => {
			const bundle = catalog.bundles.find((b) => b.id === BUNDLE)!;
			const matters = bundle.matterIds.map((id) => catalog.matters.find((x) => x.id === id)!);
			for (const order of [matters, [...matters].reverse()]) {
				const asked = situation(order, {}).find((s) => s.question.id === 'applicant')!;
				expect(asked.question.options.map((o) => o.id)).toEqual(['self', 'agent']);
			}

			const device = { id: (await registerDevice(conn.db)).deviceId, userId: null };
			const [refused, applied] = await applyOps(
				conn,
				device,
				[bundleOp(901, 'guardian'), bundleOp(902, 'agent')],
				catalog
			);
			// An answer one of the matters does not know is refused, naming the question.
			expect(refused).toMatchObject({
				status: 'rejected',
				reply: { fields: [{ field: 'answers.applicant' }] }
			});
			expect(applied).toMatchObject({ status: 'applied' });
		});
	});
}
