import { m } from '$lib/paraglide/messages';

/** The bottom bar's tabs; every resident page belongs to one of them. */
export type Tab = 'home' | 'services' | 'applications' | 'me';

/** The page each tab opens. */
export const TAB_HREF: Record<Tab, string> = {
	home: '/',
	services: '/search',
	applications: '/applications',
	me: '/me'
};

const ROUTES: Record<string, { tab: Tab; title?: () => string }> = {
	'/(resident)': { tab: 'home' },
	'/(resident)/search': { tab: 'services' },
	'/(resident)/matters/[id]': { tab: 'services', title: m.nav_guide },
	'/(resident)/matters/[id]/points': { tab: 'services', title: m.nav_points },
	'/(resident)/points/[id]': { tab: 'services', title: m.nav_points },
	'/(resident)/points/[id]/slots': { tab: 'services', title: m.nav_booking },
	'/(resident)/apply': { tab: 'services', title: m.nav_apply },
	'/(resident)/applications': { tab: 'applications' },
	'/(resident)/applications/[id]': { tab: 'applications', title: m.receipt_title },
	'/(resident)/outbox': { tab: 'applications', title: m.nav_outbox },
	'/(resident)/me': { tab: 'me' },
	'/(resident)/agent': { tab: 'me', title: m.me_agent }
};

export function tabOf(routeId: string | null): Tab | null {
	return (routeId && ROUTES[routeId]?.tab) || null;
}

/**
 * What the top bar says on a page below a tab (a tab's own page shows the app's name), or null
 * for a tab's own page.
 */
export function titleOf(routeId: string | null): string | null {
	return (routeId && ROUTES[routeId]?.title?.()) || null;
}

/** Where "back" leads when the app was opened on this page (no page of ours to go back to). */
export function parentOf(routeId: string | null, url: URL): string {
	const param = (name: string) => url.searchParams.get(name);
	const [, first, id] = url.pathname.split('/');
	switch (routeId) {
		case '/(resident)/matters/[id]/points':
			return `/matters/${id}`;
		case '/(resident)/points/[id]/slots': {
			const matter = param('matter');
			if (!matter) return `/${first}/${id}`;
			const bundle = param('bundle');
			return `/matters/${matter}/points${bundle ? `?${new URLSearchParams({ bundle })}` : ''}`;
		}
		case '/(resident)/apply': {
			const [matter, point] = [param('matter'), param('point')];
			return matter && point
				? `/points/${point}/slots?${new URLSearchParams({ matter })}`
				: TAB_HREF.services;
		}
		default: {
			const tab = tabOf(routeId);
			return tab ? TAB_HREF[tab] : '/';
		}
	}
}
