/** Reads a request body up to `limit` bytes; null when it is larger. */
export async function readLimited(request: Request, limit: number): Promise<Uint8Array | null> {
	const declared = Number(request.headers.get('content-length'));
	if (Number.isFinite(declared) && declared > limit) return null;
	if (!request.body) return new Uint8Array();
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > limit) {
			// Not cancelled: SvelteKit's Node adapter answers a cancelled body by destroying the
			// connection, answer and all. The server drops the rest after the answer (server.js).
			reader.releaseLock();
			return null;
		}
		chunks.push(value);
	}
	const out = new Uint8Array(size);
	let offset = 0;
	for (const c of chunks) {
		out.set(c, offset);
		offset += c.byteLength;
	}
	return out;
}
