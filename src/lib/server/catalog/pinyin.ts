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

/** A matter's aliases with the pinyin keys of each, in order ('' for an alias without Chinese). */
export function aliasKeys(aliases: string[]): {
	aliases: string[];
	aliasPinyin: string[];
	aliasInitials: string[];
} {
	const keys = aliases.map((a) => (/\p{Script=Han}/u.test(a) ? pinyinKeys(a) : null));
	return {
		aliases,
		aliasPinyin: keys.map((k) => k?.pinyin ?? ''),
		aliasInitials: keys.map((k) => k?.initials ?? '')
	};
}
