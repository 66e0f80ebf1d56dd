import type { Page } from '@playwright/test';

/** What a search showed for one query: each results section's heading and rows (name, details). */
export interface Shown {
	sections: { id: string; heading: string; rows: [string, string][] }[];
}

/** The results a search page shows now, read off its DOM. */
export function readShown(page: Page): Promise<Shown> {
	return page.evaluate(() => ({
		sections: [...document.querySelectorAll('section[aria-labelledby^="found-"]')]
			.filter((s) => !s.closest('[hidden]'))
			.map((s) => ({
				id: s.getAttribute('aria-labelledby')!,
				heading: s.querySelector('h2')?.textContent ?? '',
				rows: [...s.querySelectorAll('li')].map(
					(li) =>
						[li.firstElementChild?.textContent ?? '', li.lastElementChild?.textContent ?? ''] as [
							string,
							string
						]
				)
			}))
	}));
}

/**
 * The page as it stands, without its scripts and with its stylesheets inlined: the same DOM and
 * look for a page that does nothing but write rows.
 */
export function staticCopy(page: Page): Promise<string> {
	return page.evaluate(async () => {
		const copy = document.documentElement.cloneNode(true) as HTMLElement;
		for (const script of copy.querySelectorAll('script, link[rel=modulepreload]')) script.remove();
		for (const link of copy.querySelectorAll<HTMLLinkElement>('link[rel=stylesheet]')) {
			const style = document.createElement('style');
			style.textContent = await (await fetch(link.href)).text();
			link.replaceWith(style);
		}
		return `<!doctype html>${copy.outerHTML}`;
	});
}

/**
 * Turns a static copy of the search page into the reference: on each input it writes the rows the
 * app showed for that query with plain DOM calls (rows kept by place, as the app keeps them), and
 * does no search and no framework work.
 */
export async function becomeBareRows(page: Page, html: string, shown: Map<string, Shown>) {
	await page.setContent(html);
	await page.evaluate(
		(entries) => {
			const byQuery = new Map(entries);
			const sections = [
				...document.querySelectorAll<HTMLElement>('section[aria-labelledby^="found-"]')
			];
			const browse = document.querySelector('section[aria-labelledby="browse"]')?.parentElement;
			const input = document.querySelector<HTMLInputElement>('input[type=search]')!;
			input.addEventListener('input', () => {
				if (browse) browse.hidden = !!input.value;
				const now = byQuery.get(input.value)?.sections ?? [];
				for (const section of sections) {
					const want = now.find((s) => s.id === section.getAttribute('aria-labelledby'));
					section.hidden = !want;
					if (!want) continue;
					section.querySelector('h2')!.textContent = want.heading;
					const list = section.querySelector('ul')!;
					want.rows.forEach(([name, details], i) => {
						let li = list.children[i];
						if (!li) {
							li = document.createElement('li');
							li.append(document.createElement('a'), ' ', document.createElement('span'));
							li.firstElementChild!.className = 'row-link';
							li.lastElementChild!.className = 'muted';
							list.append(li);
						}
						li.firstElementChild!.textContent = name;
						li.lastElementChild!.textContent = details;
					});
					while (list.children.length > want.rows.length) list.lastElementChild!.remove();
				}
			});
		},
		[...shown]
	);
}
