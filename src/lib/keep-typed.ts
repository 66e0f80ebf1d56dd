type Control = HTMLInputElement | HTMLTextAreaElement;

const isChoice = (el: Control): el is HTMLInputElement =>
	el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio');

/**
 * What the reader typed into a server-rendered page before its code arrived (a slow computer, a
 * weak link): hydration puts each field's `value={…}` back over it, and typing on appends to the
 * saved value. Call as the page's code starts, before the fields hydrate; the function returned
 * puts the typed values back once the page is live, with the events typing would have sent.
 */
export function keepTypedValues(): () => void {
	const typed: [Control, string | boolean][] = [];
	for (const el of document.querySelectorAll<Control>('input, textarea')) {
		if (isChoice(el)) {
			if (el.checked !== el.defaultChecked) typed.push([el, el.checked]);
		} else if (el.type !== 'file' && el.value !== el.defaultValue) typed.push([el, el.value]);
	}
	return () => {
		for (const [el, value] of typed) {
			if (!el.isConnected) continue;
			if (isChoice(el)) {
				if (el.checked === value) continue;
				el.checked = value as boolean;
				el.dispatchEvent(new Event('change', { bubbles: true }));
			} else if (el.value !== value) {
				el.value = value as string;
				el.dispatchEvent(new Event('input', { bubbles: true }));
			}
		}
	};
}
