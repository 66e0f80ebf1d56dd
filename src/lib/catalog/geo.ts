/** Great-circle distance in kilometres. */
export function distanceKm(
	a: { lat: number; lng: number },
	b: { lat: number; lng: number }
): number {
	const rad = Math.PI / 180;
	const dLat = (b.lat - a.lat) * rad;
	const dLng = (b.lng - a.lng) * rad;
	const h =
		Math.sin(dLat / 2) ** 2 +
		Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
	return 12742 * Math.asin(Math.sqrt(h));
}

/** Opens the phone's own map app (Android, many others). */
export function geoLink(p: { lat: number; lng: number }, label: string): string {
	return `geo:${p.lat},${p.lng}?q=${p.lat},${p.lng}(${encodeURIComponent(label)})`;
}

/** A web map (Amap) for phones without a `geo:` handler; it offers to open the Amap app. */
export function webMapLink(p: { lat: number; lng: number }, label: string): string {
	const q = new URLSearchParams({
		position: `${p.lng},${p.lat}`,
		name: label,
		coordinate: 'wgs84',
		callnative: '1'
	});
	return `https://uri.amap.com/marker?${q}`;
}
