/** The best compression the client accepts among those the server makes, or none. */
export function pickEncoding(acceptEncoding: string | null): 'br' | 'gzip' | null {
	if (!acceptEncoding) return null;
	const accepted = new Map<string, number>();
	for (const part of acceptEncoding.split(',')) {
		const [name, ...params] = part.trim().toLowerCase().split(';');
		const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
		accepted.set(name!.trim(), q ? Number(q.slice(2)) : 1);
	}
	const quality = (name: string) => accepted.get(name) ?? (accepted.get('*') || 0);
	if (quality('br') > 0) return 'br';
	if (quality('gzip') > 0) return 'gzip';
	return null;
}

/** Whether an `If-None-Match` header names this entity tag (weak comparison, as for GET). */
export function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
	if (!ifNoneMatch) return false;
	if (ifNoneMatch.trim() === '*') return true;
	const bare = (tag: string) => tag.trim().replace(/^W\//, '');
	return ifNoneMatch.split(',').some((tag) => bare(tag) === bare(etag));
}
