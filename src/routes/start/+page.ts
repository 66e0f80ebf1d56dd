import { redirect } from '@sveltejs/kit';
import type { PageLoad } from './$types';
import { resumeTarget } from '$lib/device/resume';

// The app icon's start page: where to go is known on the device only, with or without a network.
export const ssr = false;

export const load = (() => {
	redirect(307, resumeTarget());
}) satisfies PageLoad;
