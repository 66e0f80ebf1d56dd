/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/// <reference types="@sveltejs/kit" />
import { build, files, version } from '$service-worker';
import { checkForNewCatalog } from '$lib/device/catalog';
import { flush } from '$lib/device/flusher';
import { REFRESH_CATALOG } from '$lib/device/catalog-messages';
import { CATALOG_CACHE } from '$lib/device/catalog-store';
import { SLOT_FIGURES_CACHE } from '$lib/device/slot-figures';

const sw = self as unknown as ServiceWorkerGlobalScope;

const ASSETS_CACHE = `ow-assets-${version}`;
const PAGES_CACHE = `ow-pages-${version}`;
/** Rendered in the browser for any URL: what an offline navigation gets when its page was never saved. */
const SHELL = '/shell';
// The counter's code reader (1 MB of wasm) is for staff only: residents' phones never fetch it.
const ASSETS = [...build.filter((f) => !f.endsWith('.wasm')), ...files];
const ASSET_SET = new Set(ASSETS);
/** On a weak signal, a saved page beats waiting: give the network this long when a copy exists. */
const NETWORK_GRACE_MS = 3500;

sw.addEventListener('install', (event) => {
	event.waitUntil(
		(async () => {
			await precache([...ASSETS, SHELL]);
			await sw.skipWaiting();
		})()
	);
});

/**
 * Saves every file the app needs offline. Each is tried a few times, and each saved stays saved:
 * on a weak signal one dropped request must neither fail the rest nor, should the install still
 * fail, make the next try download them all again.
 */
async function precache(urls: string[]): Promise<void> {
	const cache = await caches.open(ASSETS_CACHE);
	const saved = new Set((await cache.keys()).map((request) => new URL(request.url).pathname));
	await Promise.all(
		urls
			.filter((url) => !saved.has(url))
			.map(async (url) => cache.put(url, await fetchWithRetries(url)))
	);
}

async function fetchWithRetries(url: string): Promise<Response> {
	for (let attempt = 1; ; attempt++) {
		try {
			const response = await fetch(url);
			if (response.ok) return response;
			if (attempt >= 3) throw new Error(`${url}: ${response.status}`);
		} catch (error) {
			if (attempt >= 3) throw error;
		}
		await delay(1000 * attempt);
	}
}

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			const kept = [ASSETS_CACHE, PAGES_CACHE, CATALOG_CACHE, SLOT_FIGURES_CACHE];
			for (const key of await caches.keys()) {
				if (!kept.includes(key)) await caches.delete(key);
			}
			await sw.clients.claim();
		})()
	);
	// Not part of the activation: until it ends, the browser holds every request of the pages the
	// worker controls, and on a weak signal the catalogue takes many seconds. Every page asks for
	// the check as it opens, which keeps the worker running until it ends (the same check).
	void checkCatalog();
});

// Background Sync: the browser wakes the worker when a connection returns, even with the app closed.
sw.addEventListener('sync', (event) => {
	const e = event as ExtendableEvent & { tag?: string };
	if (e.tag === 'ow-outbox') e.waitUntil(flush().then(() => undefined));
});

sw.addEventListener('message', (event) => {
	if ((event.data as { type?: string } | null)?.type === REFRESH_CATALOG) {
		// Every page asks as it opens. One that opened past the worker (a forced reload) or while
		// it was taking over (its claim came before the page) is taken over now: else its own
		// requests, its next page's code and data, would not reach the worker, offline too.
		event.waitUntil(Promise.all([checkCatalog(), sw.clients.claim()]));
	}
});

/** Keeps the device's catalogue current and tells every open page what it found. */
let checking: Promise<void> | undefined;
function checkCatalog(): Promise<void> {
	checking ??= (async () => {
		const message = await checkForNewCatalog();
		const pages = await sw.clients.matchAll({ type: 'window', includeUncontrolled: true });
		for (const page of pages) page.postMessage(message);
	})().finally(() => (checking = undefined));
	return checking;
}

sw.addEventListener('fetch', (event) => {
	const { request } = event;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;
	if (ASSET_SET.has(url.pathname)) {
		event.respondWith(fromCacheFirst(request));
	} else if (request.mode === 'navigate' && !url.pathname.startsWith('/api/')) {
		event.respondWith(page(request, event));
	} else if (url.pathname.startsWith(VIEWS)) {
		event.respondWith(catalogView(request));
	}
});

const VIEWS = '/api/catalog/views/';

/**
 * A page's view of the catalogue from the server, kept: a phone whose own copy never arrived (a
 * weak signal) shows offline what it was shown online. Public data only, as the views are.
 */
async function catalogView(request: Request): Promise<Response> {
	const views = await caches.open(PAGES_CACHE);
	try {
		const response = await fetch(request);
		if (response.ok) await views.put(request, response.clone());
		return response;
	} catch (error) {
		const saved = await views.match(request);
		if (saved) return saved;
		throw error;
	}
}

async function fromCacheFirst(request: Request): Promise<Response> {
	const cached = await caches.match(request, { cacheName: ASSETS_CACHE });
	return cached ?? fetch(request);
}

/** Network first; a saved copy of the page when the network fails or lags; else the shell. */
async function page(request: Request, event: FetchEvent): Promise<Response> {
	const pages = await caches.open(PAGES_CACHE);
	const saved = await pages.match(request);
	const network = fetch(request).then(async (response) => {
		if (response.ok && isSaveable(response)) {
			await pages.put(request, response.clone());
		}
		return response;
	});
	event.waitUntil(network.then(() => undefined).catch(() => undefined));
	try {
		if (!saved) return await network;
		return await Promise.race([network, delay(NETWORK_GRACE_MS).then(() => saved)]);
	} catch {
		return saved ?? (await caches.match(SHELL, { cacheName: ASSETS_CACHE })) ?? Response.error();
	}
}

/** Pages a server marks private (staff work, personal data) never go into the offline store. */
function isSaveable(response: Response): boolean {
	const cacheControl = response.headers.get('cache-control') ?? '';
	return (
		!!response.headers.get('content-type')?.includes('text/html') &&
		!/no-store|private/.test(cacheControl)
	);
}

function delay(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
