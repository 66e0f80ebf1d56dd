import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { issueMessage } from '$lib/catalog-admin/describe-issue';
import { pathLabel } from '$lib/catalog-admin/labels';
import { catalogAdmin } from '$lib/server/catalog-admin/access';
import { discardDraft, readDraft } from '$lib/server/catalog-admin/draft';
import { formFields } from '$lib/server/catalog-admin/form-data';
import { publishDraft } from '$lib/server/catalog-admin/publish';
import { draftStaleness, rebaseDraft } from '$lib/server/catalog-admin/rebase-draft';

export const load: PageServerLoad = async ({ locals, url, parent }) => {
	await parent();
	const { conn, scope } = await catalogAdmin(locals, url);
	const draft = await readDraft(conn.db, scope.user.id);
	return { stale: draft ? await draftStaleness(conn.db, draft) : null };
};

const none = [] as string[];

export const actions: Actions = {
	publish: async ({ locals, url }) => {
		const { conn, publisher } = await catalogAdmin(locals, url);
		const result = await publishDraft(conn, publisher);
		switch (result.status) {
			case 'published':
				redirect(303, `/admin/catalog/versions/${result.version}?published=1`);
				break;
			case 'no_draft':
				return fail(400, { message: m.catalog_draft_none(), issues: none });
			case 'stale':
				return fail(409, {
					message: m.catalog_stale({ base: result.base, latest: result.latest }),
					issues: none
				});
			case 'unchanged':
				return fail(400, { message: m.catalog_unchanged(), issues: none });
			case 'out_of_scope':
				return fail(403, { message: m.catalog_out_of_scope(), issues: none });
			case 'invalid':
				return fail(400, {
					message: m.catalog_invalid_draft(),
					issues: result.issues.map((i) => issueMessage(i, pathLabel(i.path)))
				});
		}
	},
	rebase: async ({ locals, url, request }) => {
		const { conn, scope } = await catalogAdmin(locals, url);
		const form = await request.formData();
		const onto = Number(form.get('onto'));
		const keep = new Set(form.getAll('keep').map(String));
		const result = await rebaseDraft(conn, scope.user, onto, keep);
		switch (result.status) {
			case 'rebased':
				return {
					done: true,
					message: m.catalog_rebased({ from: result.from, to: result.to }),
					detail: result.conflicts
						? m.catalog_rebased_conflicts({ count: result.conflicts, mine: result.keptMine })
						: ''
				};
			case 'no_draft':
				return fail(400, { message: m.catalog_draft_none(), issues: none });
			case 'current':
				return { done: true, message: m.catalog_draft_current() };
			case 'moved':
				return fail(409, {
					message: m.catalog_rebase_moved({ latest: result.latest }),
					issues: none
				});
			case 'invalid':
				return fail(400, {
					message: m.catalog_rebase_invalid(),
					issues: result.issues.map((i) => issueMessage(i, pathLabel(i.path)))
				});
		}
	},
	discard: async ({ locals, url, request }) => {
		const { conn, scope } = await catalogAdmin(locals, url);
		// Every edit of the draft goes at once: asked again before it is done.
		if ((await formFields(request)).confirm !== '1') return { confirmDiscard: true };
		await discardDraft(conn.db, scope.user.id);
		return { done: true, message: m.catalog_discarded() };
	}
};
