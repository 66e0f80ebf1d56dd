import type { LocalApplication } from './db';

/** The application form again, filled in as this application was: to correct what was refused. */
export function fixAddress(app: LocalApplication): string {
	const q = new URLSearchParams({
		matter: app.matterId,
		point: app.pointId,
		slots: app.slots.join(','),
		fix: app.id
	});
	if (app.bundleId) q.set('bundle', app.bundleId);
	return `/apply?${q}`;
}
