import { pinyin } from 'pinyin-pro';

/** Whole pinyin and initials of a Chinese name, lower case, without tones or spaces (ü as v). */
export function pinyinKeys(name: string): { pinyin: string; initials: string } {
	const syllables = pinyin(name, {
		toneType: 'none',
		type: 'array',
		v: true,
		nonZh: 'consecutive'
	});
	const words = syllables.map((s) => s.toLowerCase().replace(/[^a-z0-9]/g, '')).filter(Boolean);
	return { pinyin: words.join(''), initials: words.map((w) => w[0]).join('') };
}
