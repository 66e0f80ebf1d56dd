/** A seeded pseudo-random generator (mulberry32): the same data for the same seed. */
export function prng(seed: number) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Picks from cumulative weights. */
export function picker<T>(items: T[], weight: (t: T) => number, random: () => number) {
	const cumulative: number[] = [];
	let sum = 0;
	for (const it of items) cumulative.push((sum += weight(it)));
	return () => {
		const x = random() * sum;
		let lo = 0;
		let hi = cumulative.length - 1;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (cumulative[mid]! < x) lo = mid + 1;
			else hi = mid;
		}
		return items[lo]!;
	};
}

export const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
export const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华';
