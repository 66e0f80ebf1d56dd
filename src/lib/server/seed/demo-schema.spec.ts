import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import mattersJson from './data/matters.json';
import { mattersFile } from './demo-schema';

/** The demo matters file with some of the first matter's fields replaced. */
const withFirst = (fields: Record<string, unknown>) => {
	const [first, ...rest] = structuredClone(mattersJson).matters;
	return { ...mattersJson, matters: [{ ...first!, ...fields }, ...rest] };
};
const withAliases = (aliases: unknown) => withFirst({ aliases });
const issue = (file: unknown) => v.safeParse(mattersFile, file).issues?.[0];

describe('the demo matters file', () => {
	it('holds valid aliases as it is', () => {
		expect(issue(mattersJson)).toBeUndefined();
	});

	it('refuses aliases that are missing, empty, repeated or part of the name', () => {
		expect(issue(withAliases(undefined))?.path?.map((p) => p.key)).toContain('aliases');
		expect(issue(withAliases(['个体户', ' ']))).toBeDefined();
		expect(issue(withAliases(['个体户', 'Sole trader', 'sole trader']))?.message).toMatch(/repeat/);
		expect(issue(withAliases(['工商户']))?.message).toMatch(/part of the name/);
		expect(issue(withAliases(['business']))?.message).toMatch(/part of the name/);
		expect(issue(withAliases([]))).toBeUndefined();
	});

	it('refuses a promised time limit longer than the legal one, and a matter placed nowhere', () => {
		const over = issue(withFirst({ promisedDays: 40, legalDays: 30 }));
		expect(over?.path?.map((p) => p.key)).toEqual(['matters', 0, 'promisedDays']);
		expect(issue(withFirst({ promisedDays: 30, legalDays: 30 }))).toBeUndefined();
		expect(issue(withFirst({ handledAt: [] }))?.path?.map((p) => p.key)).toEqual([
			'matters',
			0,
			'handledAt'
		]);
	});

	it('bounds every date of something that has happened from below: no life event before its applicant', () => {
		const unbounded = mattersJson.matters.flatMap((matter) =>
			(matter.form as { key: string; type: string; past?: boolean; notBefore?: string }[])
				.filter((f) => f.type === 'date' && f.past && !f.notBefore)
				.map((f) => `${matter.id}.${f.key}`)
		);
		expect(unbounded).toEqual([]);
	});
});
