/**
 * JSON with every object's keys in order (and keys whose value is undefined left out, as
 * `JSON.stringify` leaves them): one value gives one text, however it was written, on a phone and
 * on the server alike.
 */
export function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (value !== null && typeof value === 'object') {
		const object = value as Record<string, unknown>;
		const keys = Object.keys(object)
			.filter((key) => object[key] !== undefined)
			.sort();
		return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(object[key])}`).join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}
