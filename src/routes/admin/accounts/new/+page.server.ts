import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import type { Actions, PageServerLoad } from './$types';
import { accountLabels, newAccountSchema } from '$lib/schemas/account';
import { describeIssues } from '$lib/schemas/issues';
import { requireAdminScope } from '$lib/server/admin/scope';
import { addAccount } from '$lib/server/accounts/manage';
import { currentCatalog } from '$lib/server/catalog/cache';
import { database } from '$lib/server/db';
import { readForm } from '$lib/server/http/form';
import { accountChoices } from '../choices.server';
import { refusalIssue } from '../refusals.server';

/** The form's fields, in the order it asks them. */
const FIELD_ORDER = Object.keys(accountLabels);

export const load: PageServerLoad = async ({ locals, url }) => {
	const { snapshot } = await currentCatalog(database().db);
	return accountChoices(snapshot, requireAdminScope(locals, url, snapshot));
};

export const actions: Actions = {
	default: async ({ locals, url, request }) => {
		const conn = database();
		const { snapshot } = await currentCatalog(conn.db);
		const scope = requireAdminScope(locals, url, snapshot);
		const form = Object.fromEntries(await readForm(request));
		// The password typed, if any, never goes back to the page.
		const values = { ...form, password: '' } as Record<string, unknown>;
		const parsed = v.safeParse(newAccountSchema, form);
		if (!parsed.success) {
			return fail(400, { errors: describeIssues(parsed.issues, accountLabels), values });
		}
		const input = parsed.output;
		const outcome = await addAccount(conn, scope, {
			username: input.username,
			displayName: input.displayName,
			role: input.role,
			pointId: input.point || null,
			password: input.password || undefined
		});
		if (!outcome.ok) {
			const issues = [outcome.code, ...(outcome.more ?? [])].map((code) =>
				refusalIssue(code, input.username)
			);
			// In the order the form asks.
			issues.sort((a, b) => FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field));
			return fail(400, { errors: issues, values });
		}
		return {
			created: { id: outcome.id, username: input.username, password: outcome.password }
		};
	}
};
