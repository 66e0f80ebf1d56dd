import { HAN_SOUNDS } from './han-sounds';

let sounds: Map<string, string> | null = null;

function readTable(): Map<string, string> {
	const table = new Map<string, string>();
	for (const [, sound, characters] of HAN_SOUNDS.matchAll(/([a-z]+)([^a-z]+)/g)) {
		for (const character of characters!) table.set(character, sound!);
	}
	return table;
}

/**
 * How Chinese text sounds, spelt as the catalogue's pinyin keys are ('底保' → 'dibao'): each
 * character by its most common reading. Null when a character is not among the common ones.
 */
export function soundOf(text: string): string | null {
	sounds ??= readTable();
	let spelt = '';
	for (const character of text) {
		const sound = sounds.get(character);
		if (!sound) return null;
		spelt += sound;
	}
	return spelt;
}
