import { describe, expect, it } from 'vitest';
import { RESUME_WITHIN_MS, rememberPage, resumeTarget } from './resume';

function memoryStore() {
	const items = new Map<string, string>();
	return {
		getItem: (key: string) => items.get(key) ?? null,
		setItem: (key: string, value: string) => void items.set(key, value)
	};
}

const at = (path: string) => new URL(path, 'https://one-window.example');

describe('opening the app where the resident left off', () => {
	it('goes back to the last page, with its query, the same day', () => {
		const store = memoryStore();
		rememberPage(at('/points/chengxiang-centre/slots?matter=x'), store, 1_000);
		expect(resumeTarget(store, 1_000 + 60_000)).toBe('/points/chengxiang-centre/slots?matter=x');
	});

	it('starts at home when nothing was remembered, or long ago', () => {
		const store = memoryStore();
		expect(resumeTarget(store, 0)).toBe('/');
		rememberPage(at('/search?q=gtgsh'), store, 1_000);
		expect(resumeTarget(store, 1_000 + RESUME_WITHIN_MS)).toBe('/');
	});

	it('never remembers the start page, which would send the app round in a loop', () => {
		const store = memoryStore();
		rememberPage(at('/applications'), store, 1_000);
		rememberPage(at('/start'), store, 2_000);
		rememberPage(at('/start?x=1'), store, 2_000);
		expect(resumeTarget(store, 3_000)).toBe('/applications');
	});

	it('refuses anything but a path of this site', () => {
		for (const path of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', '/start']) {
			const store = memoryStore();
			store.setItem('ow_last_page', JSON.stringify({ path, at: 1_000 }));
			expect(resumeTarget(store, 2_000)).toBe('/');
		}
		const broken = memoryStore();
		broken.setItem('ow_last_page', '{not json');
		expect(resumeTarget(broken, 2_000)).toBe('/');
	});
});
