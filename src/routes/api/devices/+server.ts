import type { RequestHandler } from './$types';
import { database } from '$lib/server/db';
import { refuseOverLimit } from '$lib/server/http/rate-limits';
import { handleRegisterDevice } from '$lib/server/sync/http';

export const POST: RequestHandler = async ({ request, getClientAddress }) =>
	(await refuseOverLimit('devices', getClientAddress())) ??
	handleRegisterDevice(database(), request);
