import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';

/** A form action's fields; a body that is not the form it claims to be is refused with a 400. */
export async function readForm(request: Request): Promise<FormData> {
	try {
		return await request.formData();
	} catch (e) {
		// The parser's refusal. Anything else (a body over the size limit: 413) keeps its status.
		if (e instanceof TypeError) error(400, m.err_invalid_input());
		throw e;
	}
}

/** A form's text fields by name (files left out). */
export async function formFields(request: Request): Promise<Record<string, string>> {
	const out: Record<string, string> = {};
	for (const [name, value] of await readForm(request)) {
		if (typeof value === 'string') out[name] = value;
	}
	return out;
}
