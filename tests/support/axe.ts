import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import type { AxeResults } from 'axe-core';

const axeSource = readFileSync(
	createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
	'utf8'
);

/**
 * axe-core's rules on the page as it is now, run in the page itself. (The app has no frames, so
 * the per-frame runs `@axe-core/playwright` makes, and the extra page it opens to merge them, cost
 * seconds a page and check nothing more.)
 */
export async function axeViolations(page: Page): Promise<AxeResults['violations']> {
	if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
	return page.evaluate(async () => {
		const { axe } = window as unknown as { axe: typeof import('axe-core') };
		// Only violations are read: axe then skips collecting what passed.
		return (await axe.run(document, { resultTypes: ['violations'] })).violations;
	});
}

/** The serious and critical violations, each named with its rule and elements, after `what`. */
export async function seriousViolations(page: Page, what: string): Promise<string[]> {
	return (await axeViolations(page))
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${what}: ${v.id} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
