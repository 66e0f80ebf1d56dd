import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { database } from '$lib/server/db';
import { latestSchemaVersion, schemaVersion } from '$lib/server/db/migrate';

export const GET: RequestHandler = async () => {
	const { db, kind } = database();
	const version = await schemaVersion(db);
	return json(
		{ status: 'ok', database: kind, schemaVersion: version, latestSchemaVersion },
		{ headers: { 'Cache-Control': 'no-store' } }
	);
};
