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
