import type { RequestHandler } from './$types';
import { database } from '$lib/server/db';
import { handleRegisterDevice } from '$lib/server/sync/http';

export const POST: RequestHandler = ({ request }) => handleRegisterDevice(database(), request);
