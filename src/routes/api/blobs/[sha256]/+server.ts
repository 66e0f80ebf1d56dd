import type { RequestHandler } from './$types';
import { database } from '$lib/server/db';
import { handleBlobPut } from '$lib/server/blobs/http';
import { handleBlobHead, handleBlobPatch } from '$lib/server/blobs/chunks';

export const PUT: RequestHandler = ({ request, params }) =>
	handleBlobPut(database(), request, params.sha256);

export const PATCH: RequestHandler = ({ request, params }) =>
	handleBlobPatch(database(), request, params.sha256);

export const HEAD: RequestHandler = ({ request, params }) =>
	handleBlobHead(database(), request, params.sha256);
