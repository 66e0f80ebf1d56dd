import type { SignedInUser } from '../auth/sessions';

/** A counter clerk of the point, signed in, as the counter's functions take one. */
export const clerkAt = (pointId: string): SignedInUser => ({
	id: 'u-clerk',
	username: 'clerk',
	displayName: 'clerk',
	role: 'staff',
	pointId
});
