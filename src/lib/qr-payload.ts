/**
 * What a receipt's QR code carries: the whole `application.submit` op (no photos, only their
 * hashes), deflated and in base64url, so a counter can take the application in by scanning even
 * if the phone never synced, under the same op id.
 */
const PREFIX = 'OW1.';

export interface QrApplication {
	opId: string;
	payload: Record<string, unknown>;
	/** The digest of the phone's claim key: only that phone may take the application over. */
	claim?: string;
}

/** SHA-256 of a claim key, base64url: what a receipt's code carries of it. */
export async function claimDigest(claimKey: string): Promise<string> {
	const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(claimKey));
	return toBase64Url(new Uint8Array(digest));
}

/** A new claim key: 32 random bytes, base64url. */
export function newClaimKey(): string {
	return toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
}

async function pipe(
	bytes: Uint8Array,
	stream: CompressionStream | DecompressionStream
): Promise<Uint8Array> {
	const out = new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(stream));
	return new Uint8Array(await out.arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
	let binary = '';
	for (const b of bytes) binary += String.fromCharCode(b);
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
	const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
	return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

export async function encodeQr(application: QrApplication): Promise<string> {
	const json = new TextEncoder().encode(JSON.stringify(application));
	return PREFIX + toBase64Url(await pipe(json, new CompressionStream('deflate-raw')));
}

/** Text that begins as our codes do: read in part or spoilt when `decodeQr` finds nothing in it. */
export function looksLikeQr(text: string): boolean {
	return text.startsWith(PREFIX);
}

/** The application in a scanned code; null for anything that is not one of ours. */
export async function decodeQr(text: string): Promise<QrApplication | null> {
	if (!text.startsWith(PREFIX)) return null;
	try {
		const bytes = await pipe(
			fromBase64Url(text.slice(PREFIX.length)),
			new DecompressionStream('deflate-raw')
		);
		const value = JSON.parse(new TextDecoder().decode(bytes)) as QrApplication;
		return typeof value?.opId === 'string' &&
			value.payload &&
			typeof value.payload === 'object' &&
			(value.claim === undefined || typeof value.claim === 'string')
			? value
			: null;
	} catch {
		return null;
	}
}
