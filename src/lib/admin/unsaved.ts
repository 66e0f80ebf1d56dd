import { beforeNavigate } from '$app/navigation';
import { m } from '$lib/paraglide/messages';

/** Forms of the page with changes typed and not yet saved. */
const unsaved = new Set<HTMLFormElement>();
/** Forms whose save says whether it was kept (`AdminSubmit`): unsaved until it was. */
const answered = new WeakSet<HTMLFormElement>();
/** When a form was last sent: the page it leads to is no leaving with changes unsaved. */
let sentAt = 0;

export function answersItsSave(form: HTMLFormElement): void {
	answered.add(form);
}

export function markSaved(form: HTMLFormElement): void {
	unsaved.delete(form);
}

function anyUnsaved(): boolean {
	for (const form of unsaved) if (!form.isConnected) unsaved.delete(form);
	return unsaved.size > 0;
}

/**
 * Asks before the administrator leaves a page whose form has changes not saved: by a link, back,
 * or closing or reloading the tab (the browser's own question). Call as the layout starts; the
 * function returned listens for typing, once the page is live.
 */
export function guardUnsaved(): () => () => void {
	beforeNavigate(({ cancel, type }) => {
		if (!anyUnsaved()) return;
		if (type === 'leave') {
			if (Date.now() - sentAt > 1_000) cancel();
			return;
		}
		if (confirm(m.admin_unsaved_leave())) unsaved.clear();
		else cancel();
	});
	return () => {
		const typed = (event: Event) => {
			const form = (event.target as HTMLInputElement | null)?.form;
			if (form?.method === 'post' && form.closest('main')) unsaved.add(form);
		};
		const sent = (event: SubmitEvent) => {
			sentAt = Date.now();
			const form = event.target as HTMLFormElement;
			if (!answered.has(form)) unsaved.delete(form);
		};
		document.addEventListener('input', typed);
		document.addEventListener('change', typed);
		document.addEventListener('submit', sent);
		return () => {
			document.removeEventListener('input', typed);
			document.removeEventListener('change', typed);
			document.removeEventListener('submit', sent);
			unsaved.clear();
		};
	};
}
