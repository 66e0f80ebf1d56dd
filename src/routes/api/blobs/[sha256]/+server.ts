import type { RequestHandler } from './$types';
import { database } from '$lib/server/db';
import { handleBlobPut } from '$lib/server/blobs/http';

export const PUT: RequestHandler = ({ request, params }) =>
	handleBlobPut(database(), request, params.sha256);
