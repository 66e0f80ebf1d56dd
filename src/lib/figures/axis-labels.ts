/**
 * Which of `count` evenly spaced points along an axis `width` pixels long get a label, so that no
 * two labels are closer than `gap` pixels (a label's width and a space): the first, the last, and
 * every so many between. A label that would crowd the last is left out.
 */
export function spacedLabels(count: number, width: number, gap: number): number[] {
	if (count <= 0) return [];
	if (count === 1) return [0];
	const spacing = width / (count - 1);
	const step = Math.max(1, Math.ceil(gap / spacing));
	const shown: number[] = [];
	for (let i = 0; i < count - 1; i += step) shown.push(i);
	while (shown.length && (count - 1 - shown.at(-1)!) * spacing < gap) shown.pop();
	shown.push(count - 1);
	return shown;
}
