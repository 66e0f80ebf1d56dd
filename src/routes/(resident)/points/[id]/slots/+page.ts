import { error } from '@sveltejs/kit';
import type { PageLoad } from './$types';
import { catalogView } from '$lib/catalog/source';
import { slotsApiUrl } from '$lib/catalog/slots';
import type { KnownSlot } from '$lib/device/slot-figures';
import { m } from '$lib/paraglide/messages';
import { serviceClock } from '$lib/time';

export interface LiveSlots {
	slots: KnownSlot[];
	generatedAt: string;
}

export const load = (async ({ fetch, depends, params, url }) => {
	depends('app:catalog');
	const matter = url.searchParams.get('matter') ?? '';
	const bundle = url.searchParams.get('bundle') ?? '';
	const view = await catalogView(fetch, 'booking', { point: params.id, matter, bundle });
	if (!view) error(404, m.error_not_found());
	return {
		...view,
		move: url.searchParams.get('move'),
		/** The times chosen before, in their order, when the form sends the resident back to them. */
		chosen: (url.searchParams.get('chosen') ?? '').split(',').filter(Boolean).slice(0, 3),
		live: await liveSlots(fetch, slotsApiUrl(params.id, view.rule, serviceClock().date))
	};
}) satisfies PageLoad;

/** Free places now, when the network answers; the page falls back on the device's last figures. */
async function liveSlots(fetchFn: typeof fetch, url: string): Promise<LiveSlots | null> {
	try {
		const response = await fetchFn(url);
		return response.ok ? ((await response.json()) as LiveSlots) : null;
	} catch {
		return null;
	}
}
