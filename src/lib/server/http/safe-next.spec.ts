import { describe, expect, it } from 'vitest';
import { safeNext } from './safe-next';

describe('where a sign-in goes next', () => {
	it('keeps a path on this site', () => {
		expect(safeNext('/staff/queue?x=1#top')).toBe('/staff/queue?x=1#top');
		expect(safeNext('/admin/audit')).toBe('/admin/audit');
	});

	it('never leaves the site, however the address is written', () => {
		for (const next of [
			'//evil.example',
			'/\\evil.example',
			'/\\/evil.example',
			'/\t/evil.example',
			'https://evil.example',
			'javascript:alert(1)',
			'',
			null
		]) {
			expect(safeNext(next)).toBe('/staff');
		}
	});
});
