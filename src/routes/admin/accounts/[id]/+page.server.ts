import { error, fail } from '@sveltejs/kit';
import * as v from 'valibot';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { m } from '$lib/paraglide/messages';
import { accountChangeSchema, accountLabels } from '$lib/schemas/account';
import { describeIssues } from '$lib/schemas/issues';
import { requireAdminScope } from '$lib/server/admin/scope';
import { accountIn } from '$lib/server/accounts/list';
import {
	changeAccount,
	resetPassword,
	setAccountDisabled,
	unlockAccount
} from '$lib/server/accounts/manage';
import { currentCatalog } from '$lib/server/catalog/cache';
import { database } from '$lib/server/db';
import { readForm } from '$lib/server/http/form';
import { accountChoices } from '../choices.server';
import { refusalIssue } from '../refusals.server';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { db } = database();
	const { snapshot } = await currentCatalog(db);
	const scope = requireAdminScope(locals, url, snapshot);
	const account = await accountIn(db, scope, params.id);
	// Another town's account is as unknown as a missing one.
	if (!account) error(404, m.error_not_found());
	const point = snapshot.points.find((p) => p.id === account.pointId);
	return {
		account: { ...account, pointName: point?.name ?? null },
		self: account.id === scope.user.id,
		...accountChoices(snapshot, scope)
	};
};

async function scopeOf({ locals, url }: RequestEvent) {
	const { snapshot } = await currentCatalog(database().db);
	return requireAdminScope(locals, url, snapshot);
}

/** A refusal about no field of the form (one's own account, the last administrator). */
const refused = (code: Parameters<typeof refusalIssue>[0]) =>
	fail(409, { refused: refusalIssue(code).message });

/**
 * Ending someone's sessions is asked again first: the answer to the first click is the question,
 * given only about an account this administrator may manage. The scope to act in once answered
 * yes; null while it is still to be asked.
 */
async function confirmedScope(event: RequestEvent) {
	const scope = await scopeOf(event);
	const account = await accountIn(database().db, scope, event.params.id);
	if (!account) error(404, m.error_not_found());
	return (await readForm(event.request)).get('confirm') === '1' ? scope : null;
}

export const actions: Actions = {
	disable: async (event) => {
		const scope = await confirmedScope(event);
		if (!scope) return { confirm: 'disable' as const };
		const outcome = await setAccountDisabled(database(), scope, event.params.id, true);
		return outcome.ok ? { done: m.accounts_disabled_done() } : refused(outcome.code);
	},
	enable: async (event) => {
		const outcome = await setAccountDisabled(
			database(),
			await scopeOf(event),
			event.params.id,
			false
		);
		return outcome.ok ? { done: m.accounts_enabled_done() } : refused(outcome.code);
	},
	unlock: async (event) => {
		const outcome = await unlockAccount(database(), await scopeOf(event), event.params.id);
		return outcome.ok ? { done: m.accounts_unlocked_done() } : refused(outcome.code);
	},
	reset: async (event) => {
		const scope = await confirmedScope(event);
		if (!scope) return { confirm: 'reset' as const };
		const outcome = await resetPassword(database(), scope, event.params.id);
		return outcome.ok
			? { done: m.accounts_reset_done(), password: outcome.password }
			: refused(outcome.code);
	},
	change: async (event) => {
		const scope = await scopeOf(event);
		const form = Object.fromEntries(await readForm(event.request));
		const parsed = v.safeParse(accountChangeSchema, form);
		if (!parsed.success) {
			return fail(400, { errors: describeIssues(parsed.issues, accountLabels), values: form });
		}
		const outcome = await changeAccount(database(), scope, event.params.id, {
			role: parsed.output.role,
			pointId: parsed.output.point || null
		});
		if (outcome.ok) return { done: m.accounts_changed_done() };
		const issue = refusalIssue(outcome.code);
		return issue.field
			? fail(400, { errors: [issue], values: form })
			: fail(409, { refused: issue.message });
	}
};
