import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { issueMessage } from '$lib/catalog-admin/describe-issue';
import { pathLabel } from '$lib/catalog-admin/labels';
import { catalogAdmin } from '$lib/server/catalog-admin/access';
import { discardDraft, readDraft } from '$lib/server/catalog-admin/draft';
import { formFields } from '$lib/server/http/form';
import {
	previewDraft,
	publishDraft,
	type PublishQuestion,
	type PublishResult
} from '$lib/server/catalog-admin/publish';
import { draftStaleness, rebaseDraft } from '$lib/server/catalog-admin/rebase-draft';

export const load: PageServerLoad = async ({ locals, url, parent }) => {
	await parent();
	const { conn, scope } = await catalogAdmin(locals, url);
	const draft = await readDraft(conn.db, scope.user.id);
	return { stale: draft ? await draftStaleness(conn.db, draft) : null };
};

const none = [] as string[];

/** Why a draft may not be published, as the page says it. */
function refusal(result: Exclude<PublishResult, { status: 'published' }>) {
	switch (result.status) {
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
}

export const actions: Actions = {
	publish: async ({ locals, url, request }) => {
		const { conn, publisher } = await catalogAdmin(locals, url);
		const fields = await formFields(request);
		// Asked first, with what it will do; a yes to a draft saved again since is asked again.
		const preview = await previewDraft(conn, publisher);
		if (preview.status !== 'ready') return refusal(preview);
		const yes =
			fields.confirm === '1' &&
			fields.draft === preview.draftAt &&
			Number(fields.version) === preview.version;
		if (!yes) {
			const confirmPublish: PublishQuestion = {
				next: preview.version,
				changes: preview.changes.length,
				affected: preview.affected,
				gaps: preview.gaps,
				draftAt: preview.draftAt,
				again: fields.confirm === '1'
			};
			return { confirmPublish };
		}
		const result = await publishDraft(conn, publisher);
		if (result.status !== 'published') return refusal(result);
		redirect(303, `/admin/catalog/versions/${result.version}?published=1`);
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
