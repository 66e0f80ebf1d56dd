import type { Page } from '@playwright/test';

/**
 * The controls on the page smaller than `min` CSS pixels either way, described. A checkbox or radio
 * button counts as its label; a link inside running text is exempt, as WCAG 2.5.8 exempts it (its
 * size is the text's).
 */
export function smallTargets(page: Page, min = 48): Promise<string[]> {
	return page.evaluate((min) => {
		const small: string[] = [];
		const controls = document.querySelectorAll<HTMLElement>(
			'a[href], button, input, select, textarea, summary, [role="switch"], [tabindex="0"]'
		);
		const inSentence = (el: HTMLElement) => {
			const block = el.parentElement;
			return (
				getComputedStyle(el).display === 'inline' &&
				!!block &&
				(block.textContent ?? '').trim().length > (el.textContent ?? '').trim().length
			);
		};
		for (const el of controls) {
			if (el.closest('[aria-hidden="true"], .visually-hidden')) continue;
			let target: HTMLElement = el;
			if (el instanceof HTMLInputElement && ['checkbox', 'radio'].includes(el.type)) {
				target = el.closest('label') ?? el.labels?.[0] ?? el;
			}
			const box = target.getBoundingClientRect();
			// Not shown, or off-screen until focused (the skip link).
			if (!box.width || !box.height || box.right <= 0) continue;
			if (el.tagName === 'A' && inSentence(el)) continue;
			if (box.width < min - 0.5 || box.height < min - 0.5) {
				const name = (
					el.getAttribute('aria-label') ??
					(el.textContent || el.getAttribute('type')) ??
					''
				)
					.trim()
					.slice(0, 30);
				small.push(
					`${el.tagName.toLowerCase()} "${name}" ${Math.round(box.width)}×${Math.round(box.height)}`
				);
			}
		}
		return small;
	}, min);
}
