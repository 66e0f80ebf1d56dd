/**
 * Open event streams in this process, per client address and in all. Each holds a connection and
 * is written to on every change it follows, so one client may not open them without end.
 */
const PER_ADDRESS = 20;
const IN_ALL = 2000;

const open = new Map<string, number>();
let total = 0;

/** Takes one of the address's places for an open stream: how to give it back, or null if none is left. */
export function takeStreamPlace(address: string): (() => void) | null {
	const held = open.get(address) ?? 0;
	if (held >= PER_ADDRESS || total >= IN_ALL) return null;
	open.set(address, held + 1);
	total++;
	let given = false;
	return () => {
		if (given) return;
		given = true;
		total--;
		const left = (open.get(address) ?? 1) - 1;
		if (left) open.set(address, left);
		else open.delete(address);
	};
}
