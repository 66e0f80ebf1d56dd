const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * The application's reference, made on the device from its id, so the receipt shows it before
 * the server has seen the application: `LY-` and 8 characters (40 random bits of the UUID).
 */
export function referenceOf(applicationId: string): string {
	const hex = applicationId.replace(/-/g, '');
	// Skip the version nibble (13th hex digit): take the random bits that follow it.
	return encode(BigInt(`0x${hex.slice(13, 23)}`));
}

/** A reference from 40 fresh random bits, for the rare id whose own reference is taken. */
export function randomReference(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(5));
	return encode(bytes.reduce((n, b) => (n << 8n) | BigInt(b), 0n));
}

function encode(bits: bigint): string {
	let out = '';
	for (let i = 0; i < 8; i++) {
		out = CROCKFORD[Number(bits & 31n)] + out;
		bits >>= 5n;
	}
	return `LY-${out}`;
}

/**
 * A reference as a person types it, read off a phone or a paper: in small letters or full width
 * (ＬＹ－…), in groups, without its `LY-`, with O for 0 and I or L for 1 (Crockford's reading);
 * null when it cannot be one.
 */
export function typedReference(typed: string): string | null {
	const chars = typed
		.normalize('NFKC')
		.toUpperCase()
		.replace(/[\s\p{Cf}\-‐–—]/gu, '');
	// Only a whole prefix is one: "LY" may also begin a code typed with L for 1.
	const code = (chars.length === 10 && chars.startsWith('LY') ? chars.slice(2) : chars)
		.replace(/O/g, '0')
		.replace(/[IL]/g, '1');
	return /^[0-9A-HJKMNP-TV-Z]{8}$/.test(code) ? `LY-${code}` : null;
}
