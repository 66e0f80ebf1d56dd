import type { RequestHandler } from './$types';
import { database } from '$lib/server/db';
import { handleSyncGet, handleSyncPost } from '$lib/server/sync/http';

export const POST: RequestHandler = ({ request }) => handleSyncPost(database(), request);
export const GET: RequestHandler = ({ request }) => handleSyncGet(database(), request);
