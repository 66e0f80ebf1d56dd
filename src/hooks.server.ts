import {
	json,
	redirect,
	type Handle,
	type HandleServerError,
	type RequestEvent,
	type ServerInit
} from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { stringify } from 'devalue';
import { env } from '$env/dynamic/private';
import { database, openDatabase } from '$lib/server/db';
import { apiError, fieldError } from '$lib/server/http/errors';
import { formFields } from '$lib/server/http/form';
import { reportServerError } from '$lib/server/http/server-errors';
import { m } from '$lib/paraglide/messages';
import { inRequestLocale } from '$lib/server/http/request-locale';
import { SESSION_COOKIE, userFromSession } from '$lib/server/auth/sessions';
import { signsInOrOut } from '$lib/server/auth/home';
import { servesCounter } from '$lib/server/counter/access';
import { seedDemoIfEmpty } from '$lib/server/seed/seed-demo';
import { startMaintenance } from '$lib/server/maintenance';
import { rebuildFiguresIfMissing } from '$lib/server/figures/rebuild';
import { calendarSince, prefillCalendar } from '$lib/server/calendar/national';

export const init: ServerInit = async () => {
	const conn = await openDatabase();
	const { db } = conn;
	if (env.DEMO_DATA === '1') await seedDemoIfEmpty(db);
	// The national calendar's newly announced days, whatever the catalogue (never an admin's edit).
	await prefillCalendar(db, calendarSince());
	await rebuildFiguresIfMissing(conn);
	startMaintenance(db, conn);
};

const i18n: Handle = ({ event, resolve }) =>
	inRequestLocale(event.request, event.url, (locale) =>
		resolve(event, {
			transformPageChunk: ({ html }) =>
				html
					.replace('%paraglide.lang%', locale)
					.replace('%app.class%', event.cookies.get('ow_elder') === '1' ? 'elder' : '')
		})
	);

/**
 * The one page whose policy lets WebAssembly compile: the counter's code reader runs there. The
 * staff layout reaches it with a full page load, so that its document gets this policy.
 */
const CODE_READER_PAGE = '/staff/check-in';

const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'same-origin');
	if (!response.headers.has('X-Frame-Options')) response.headers.set('X-Frame-Options', 'DENY');
	const policy = response.headers.get('Content-Security-Policy');
	if (policy && event.url.pathname === CODE_READER_PAGE) {
		response.headers.set(
			'Content-Security-Policy',
			policy.replace(/(^|;)\s*script-src /, "$1 script-src 'wasm-unsafe-eval' ")
		);
	}
	return response;
};

/**
 * A form action's request, checked before SvelteKit looks its action up: the name must be one an
 * actions object can have, not one every object inherits (`constructor`, `__proto__`, `toString`)
 * nor the reserved `default`; the body must be a form, which `text/plain` (accepted by SvelteKit
 * for actions) never is to the form parser.
 */
const formActions: Handle = ({ event, resolve }) => {
	const { request, url } = event;
	if (request.method !== 'POST' || url.pathname.startsWith('/api/')) return resolve(event);
	const name = [...url.searchParams.keys()].find((key) => key.startsWith('/'))?.slice(1);
	if (name !== undefined && (name === 'default' || name in Object.prototype)) {
		return plain('not found', 404);
	}
	const type = request.headers.get('content-type')?.split(';')[0]!.trim().toLowerCase();
	if (type === 'text/plain') return plain('unsupported media type', 415);
	return resolve(event);
};

/**
 * The API answers in JSON, an address or a method it does not have too (SvelteKit would answer
 * those with a page or a line of text).
 */
const apiErrors: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	if (!event.url.pathname.startsWith('/api/') || response.ok) return response;
	if (response.headers.get('content-type')?.startsWith('application/json')) return response;
	if (response.status === 404) return apiError(404, 'not_found', m.err_no_endpoint());
	// SvelteKit's own 400: an address that is no valid percent-encoding.
	if (response.status === 400) {
		const message = m.err_format({ field: 'path' });
		return fieldError(400, 'invalid_input', 'path', message);
	}
	if (response.status === 405) {
		const allow = response.headers.get('allow');
		return apiError(
			405,
			'method_not_allowed',
			m.err_method_not_allowed({ method: event.request.method }),
			[],
			allow ? { Allow: allow } : undefined
		);
	}
	return response;
};

/**
 * A page opened in the browser, rather than its data, a form's post or a call of an endpoint. By
 * what it accepts: the service worker sends a page's request on as a fetch of its own.
 */
function opensPage(event: RequestEvent): boolean {
	const { request } = event;
	return request.method === 'GET' && !event.isDataRequest && acceptsHtml(request);
}

/** A request from a browser that takes a page for its answer. */
function acceptsHtml(request: Request): boolean {
	return (request.headers.get('accept') ?? '').includes('text/html');
}

/**
 * A form sent after the session lapsed. An enhanced one is answered as a failure that gives back
 * what was sent, as the forms' own refusals do, so the page keeps what was typed (its layout asks
 * to sign in again in another window, then to send it again); a plain one is sent to sign in.
 */
async function signedOut(event: RequestEvent): Promise<Response> {
	const { request, url } = event;
	if (request.headers.get('x-sveltekit-action') === 'true') {
		const values = await formFields(request).catch(() => ({}) as Record<string, string>);
		for (const name of Object.keys(values)) if (/password/i.test(name)) values[name] = '';
		// In SvelteKit's own encoding of an action's data.
		const data = stringify({ signedOut: true, values });
		return json({ type: 'failure', status: 401, data }, { status: 401 });
	}
	if (acceptsHtml(request)) {
		redirect(303, `/staff/login?next=${encodeURIComponent(url.pathname)}`);
	}
	return plain('unauthorized', 401);
}

/** A refusal in a word; typed, so that a browser shows it rather than saving it as a file. */
function plain(body: string, status: number): Response {
	return new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** The path decoded, or null when it is no valid percent-encoding. */
function decoded(path: string): string | null {
	try {
		return decodeURI(path);
	} catch {
		return null;
	}
}

const session: Handle = async ({ event, resolve }) => {
	const token = event.cookies.get(SESSION_COOKIE);
	event.locals.user = token ? await userFromSession(database().db, token) : null;
	const path = event.url.pathname;
	const counter = path === '/staff' || (path.startsWith('/staff/') && !signsInOrOut(path));
	const admin = path === '/admin' || path.startsWith('/admin/');
	// An address that is no valid percent-encoding names no page: SvelteKit's 400, for anyone.
	// (SvelteKit runs the hooks of such a request outside its catch, so a redirect thrown here
	// would end the process.)
	if ((counter || admin) && decoded(path) === null) return resolve(event);
	if (counter || admin) {
		// Every page, action and endpoint of the counter and admin areas, checked once here (and
		// again, by centre, where each reads its data).
		const user = event.locals.user;
		if (!user) {
			if (event.request.method !== 'GET') return signedOut(event);
			redirect(303, `/staff/login?next=${encodeURIComponent(path + event.url.search)}`);
		}
		// The admin area takes city and town administrators (each page checks the scope further).
		const allowed = admin
			? user.role === 'admin' || user.role === 'town_admin'
			: servesCounter(user.role);
		// A page opened in the browser goes on to its area's layout, which refuses it with the app's
		// error page in the reader's language and the way to their own pages; anything else ends here.
		if (!allowed && !opensPage(event)) return plain('forbidden', 403);
		const response = await resolve(event);
		response.headers.set('Cache-Control', 'private, no-store');
		return response;
	}
	return resolve(event);
};

export const handle = sequence(securityHeaders, formActions, i18n, apiErrors, session);

export const handleError: HandleServerError = reportServerError;
