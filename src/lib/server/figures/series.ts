import { addDays } from '$lib/catalog/dates';
import { weekOf, zeroMeasures, type Measures } from './measures';
import type { FigureFilter } from './filters';

/**
 * The period's figures by day or by week (a week by its Monday, the first and last possibly cut
 * by the period), every day or week present, none left out for having nothing.
 */
export function series(periods: Map<string, Measures>, f: FigureFilter): [string, Measures][] {
	const out: [string, Measures][] = [];
	for (let d = f.from; d <= f.to; d = addDays(d, 1)) {
		const key = f.grain === 'week' ? weekOf(d) : d;
		if (out.at(-1)?.[0] !== key) out.push([key, periods.get(key) ?? zeroMeasures()]);
	}
	return out;
}
