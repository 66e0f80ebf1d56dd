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
