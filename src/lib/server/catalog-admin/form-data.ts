import { readForm } from '../http/form';

/** A form's text fields by name (files left out). */
export async function formFields(request: Request): Promise<Record<string, string>> {
	const out: Record<string, string> = {};
	for (const [name, value] of await readForm(request)) {
		if (typeof value === 'string') out[name] = value;
	}
	return out;
}
