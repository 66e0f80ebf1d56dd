import { describe, expect, it } from 'vitest';
import { spacedLabels } from './axis-labels';

const closest = (shown: number[], spacing: number) =>
	Math.min(...shown.slice(1).map((i, k) => (i - shown[k]!) * spacing));

describe('the dates labelled along a chart', () => {
	it('keeps a month of days on a phone apart, from the first day to the last', () => {
		const width = 240;
		const shown = spacedLabels(30, width, 48);
		expect(shown[0]).toBe(0);
		expect(shown.at(-1)).toBe(29);
		expect(closest(shown, width / 29)).toBeGreaterThanOrEqual(48);
		expect(shown.length).toBeGreaterThanOrEqual(4);
	});

	it('labels every point where there is room', () => {
		expect(spacedLabels(7, 640, 48)).toEqual([0, 1, 2, 3, 4, 5, 6]);
	});

	it('labels one point, or none', () => {
		expect(spacedLabels(1, 240, 48)).toEqual([0]);
		expect(spacedLabels(0, 240, 48)).toEqual([]);
	});

	it('labels the first and the last alone where only they fit', () => {
		expect(spacedLabels(3, 60, 48)).toEqual([0, 2]);
	});
});
