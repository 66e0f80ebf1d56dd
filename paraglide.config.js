/**
 * One set of i18n compile options, shared by the Vite plugin and `scripts/i18n.js`.
 * @type {import("@inlang/paraglide-js").CompilerOptions}
 */
export const paraglideOptions = {
	project: './project.inlang',
	outdir: './src/lib/paraglide',
	strategy: ['cookie', 'baseLocale'],
	cookieName: 'ow_locale'
};
