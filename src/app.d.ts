// See https://svelte.dev/docs/kit/types#app.d.ts
import type { SignedInUser } from '$lib/server/auth/sessions';

declare global {
	namespace App {
		// interface Error {}
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
