import { isRealDate } from '$lib/catalog/dates';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/**
 * A resident ID number per GB 11643: 17 digits and a check character (ISO 7064 MOD 11-2), with
 * a real birth date (YYYYMMDD at positions 7–14) no later than today.
 */
export function isResidentIdNumber(value: string, today = new Date()): boolean {
	return !idNumberFault(value, today);
}

/**
 * What is wrong with an ID number: `form` when it is no resident ID number (length, characters,
 * birth date), `check` when it looks like one but its check character does not match the rest
 * (a digit typed wrong, or two swapped); null when it is right.
 */
export function idNumberFault(value: string, today = new Date()): 'form' | 'check' | null {
	if (!/^\d{17}[\dX]$/.test(value)) return 'form';
	const birth = birthDateOf(value);
	if (!isRealDate(birth) || birth < '1900-01-01' || birth > today.toISOString().slice(0, 10)) {
		return 'form';
	}
	let sum = 0;
	for (let i = 0; i < 17; i++) sum += Number(value[i]) * WEIGHTS[i]!;
	return CHECK[sum % 11] === value[17] ? null : 'check';
}

/** The birth date an ID number holds (YYYYMMDD at positions 7–14), as YYYY-MM-DD. */
export function birthDateOf(idNumber: string): string {
	return `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
}

/** Shows the first 6 and last 4 characters only, for lists. */
export function maskIdNumber(value: string): string {
	return value.length < 10 ? '****' : `${value.slice(0, 6)}********${value.slice(-4)}`;
}

export function maskPhone(value: string): string {
	return value.length < 7 ? '****' : `${value.slice(0, 3)}****${value.slice(-4)}`;
}
