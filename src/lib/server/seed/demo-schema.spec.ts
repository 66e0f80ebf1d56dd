import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import mattersJson from './data/matters.json';
import { mattersFile } from './demo-schema';

/** The demo matters file with the first matter's aliases replaced. */
const withAliases = (aliases: unknown) => {
	const [first, ...rest] = structuredClone(mattersJson).matters;
	return { ...mattersJson, matters: [{ ...first!, aliases }, ...rest] };
};
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
});
