// Writes src/lib/catalog/han-sounds.ts: the 3,755 common Chinese characters (GB 2312, level 1),
// grouped under the sound of their most common reading, spelt as the catalogue's pinyin keys are
// (no tones, ü as v). Usage: npx tsx scripts/han-sounds.ts
import { writeFileSync } from 'node:fs';
import { pinyin } from 'pinyin-pro';

const gb2312 = new TextDecoder('gbk');
const characters: string[] = [];
for (let high = 0xb0; high <= 0xd7; high++) {
	for (let low = 0xa1; low <= 0xfe; low++) {
		if (high === 0xd7 && low > 0xf9) break;
		characters.push(gb2312.decode(new Uint8Array([high, low])));
	}
}

const bySound = new Map<string, string>();
for (const character of characters) {
	const sound = pinyin(character, { toneType: 'none', v: true }).toLowerCase();
	if (!/^[a-z]+$/.test(sound)) throw new Error(`no reading for ${character}: ${sound}`);
	bySound.set(sound, (bySound.get(sound) ?? '') + character);
}
const table = [...bySound]
	.sort(([a], [b]) => (a < b ? -1 : 1))
	.map(([sound, chars]) => sound + chars)
	.join('');

writeFileSync(
	'src/lib/catalog/han-sounds.ts',
	`// Written by scripts/han-sounds.ts: each sound, then the common characters read so.\n` +
		`export const HAN_SOUNDS =\n\t'${table}';\n`
);
console.log(`${characters.length} characters, ${bySound.size} sounds, ${table.length} chars`);
