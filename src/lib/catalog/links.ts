/** The slot page of a point for a matter, or for a bundle booked under its first matter. */
export function slotsHref(pointId: string, matterId: string, bundleId?: string | null): string {
	const query = new URLSearchParams({
		matter: matterId,
		...(bundleId ? { bundle: bundleId } : {})
	});
	return `/points/${encodeURIComponent(pointId)}/slots?${query}`;
}

/** Where a bundle starts: the points that handle all of its matters. */
export function bundleHref(bundle: { id: string; matterIds: string[] }): string {
	return `/matters/${encodeURIComponent(bundle.matterIds[0] ?? '')}/points?bundle=${encodeURIComponent(bundle.id)}`;
}
