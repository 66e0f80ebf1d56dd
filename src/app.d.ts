// See https://svelte.dev/docs/kit/types#app.d.ts
import type { SignedInUser } from '$lib/server/auth/sessions';

declare global {
	namespace App {
		interface Error {
			message: string;
			/** Where someone refused a page goes on: the start of their own area, named. */
			home?: { href: string; label: string };
		}
		interface Locals {
			/** The staff, agent or admin signed in with a session cookie, if any. */
			user: SignedInUser | null;
		}
		// interface PageData {}
		// interface PageState {}
		// interface Platform {}
	}
}

export {};
