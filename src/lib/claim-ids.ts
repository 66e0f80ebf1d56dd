import { canonicalJson } from './canonical-json';
import { claimDigest } from './qr-payload';

/**
 * The ids of an application a phone makes, derived from its claim key's digest, so that no one
 * who has only read the receipt's code (which carries the digest, not the key) can send an op
 * under them first: the server takes a submit under such ids only with the key, or from a
 * counter scanning a code whose digest they come from. Version 8 (custom) marks them apart from
 * the random ids phones made before. They also come from the application as it was made (its
 * payload but its own id): a code changed after it was made (another point, another name) names
 * other ids, so that a counter taking it in makes another application, never takes this one over.
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

/** SHA-256 of the application as made (its payload without its own id), in hex. */
async function madeDigest(payload: Record<string, unknown>): Promise<string> {
	const made = { ...payload, applicationId: undefined };
	const text = new TextEncoder().encode(canonicalJson(made));
	const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', text));
	return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The ids made from a claim key's digest and the application as made: what a receipt's code
 * binds its application to. Without `payload`, the ids phones made before they were bound to it
 * too (still theirs to send with the key).
 */
export async function idsOfClaim(
	claim: string,
	payload?: Record<string, unknown>
): Promise<KeyBoundIds> {
	const source = payload ? `${claim}:${await madeDigest(payload)}` : claim;
	return {
		claim,
		opId: await boundId(source, 'op'),
		applicationId: await boundId(source, 'application')
	};
}

/** The ids of an application made with this payload (its own id aside) and claim key. */
export async function keyBoundIds(
	claimKey: string,
	payload: Record<string, unknown>
): Promise<KeyBoundIds> {
	return idsOfClaim(await claimDigest(claimKey), payload);
}
