import { claimDigest } from './qr-payload';

/**
 * The ids of an application a phone makes, derived from its claim key's digest, so that no one
 * who has only read the receipt's code (which carries the digest, not the key) can send an op
 * under them first: the server takes a submit under such ids only with the key, or from a
 * counter scanning a code whose digest they come from. Version 8 (custom) marks them apart from
 * the random ids phones made before.
 */
export interface KeyBoundIds {
	claim: string;
	opId: string;
	applicationId: string;
}

/** An id of version 8 made from the first 16 bytes of a hash. */
function uuidFromHash(hash: Uint8Array): string {
	const bytes = hash.slice(0, 16);
	bytes[6] = (bytes[6]! & 0x0f) | 0x80;
	bytes[8] = (bytes[8]! & 0x3f) | 0x80;
	const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Whether an id is one a phone derived from a claim key (and so is bound to it). */
export const isKeyBound = (id: string) => id.length === 36 && id[14] === '8';

async function boundId(claim: string, purpose: 'op' | 'application'): Promise<string> {
	const source = new TextEncoder().encode(`one-window:${purpose}:${claim}`);
	return uuidFromHash(new Uint8Array(await crypto.subtle.digest('SHA-256', source)));
}

/** The ids made from a claim key's digest: what a receipt's code binds its application to. */
export async function idsOfClaim(claim: string): Promise<KeyBoundIds> {
	return {
		claim,
		opId: await boundId(claim, 'op'),
		applicationId: await boundId(claim, 'application')
	};
}

export async function keyBoundIds(claimKey: string): Promise<KeyBoundIds> {
	return idsOfClaim(await claimDigest(claimKey));
}
