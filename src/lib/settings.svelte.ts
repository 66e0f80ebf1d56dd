import { getLocale, setLocale, type Locale } from '$lib/paraglide/runtime';

const ELDER_COOKIE = 'ow_elder';
const YEAR = 60 * 60 * 24 * 400;

/** Offline copies of pages are in the language and mode they were saved in: drop them on a change. */
async function forgetSavedPages(): Promise<void> {
	if (!('caches' in globalThis)) return;
	const names = await caches.keys();
	await Promise.all(names.filter((n) => n.startsWith('ow-pages-')).map((n) => caches.delete(n)));
}

/** The reader's choices, remembered on the device (cookies, so the server renders them too). */
class Settings {
	elder = $state(false);

	init(): void {
		this.elder = document.cookie.split('; ').includes(`${ELDER_COOKIE}=1`);
		document.documentElement.classList.toggle('elder', this.elder);
		document.documentElement.lang = getLocale();
	}

	async setElder(on: boolean): Promise<void> {
		this.elder = on;
		document.cookie = `${ELDER_COOKIE}=${on ? 1 : 0}; path=/; max-age=${YEAR}; samesite=lax`;
		document.documentElement.classList.toggle('elder', on);
		await forgetSavedPages();
	}

	async setLanguage(locale: Locale): Promise<void> {
		if (locale === getLocale()) return;
		await forgetSavedPages();
		// Reloads the page, which renders in the new language.
		await setLocale(locale);
	}
}

export const settings = new Settings();
