/** A list's page from `?page=`: a whole number from 1; anything else is the first page. */
export function pageNumber(value: string | null): number {
	const n = Number(value);
	return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}
