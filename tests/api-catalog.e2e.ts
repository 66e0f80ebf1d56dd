import { expect, test } from '@playwright/test';

test('health names the database and its schema version', async ({ request }) => {
	const body = await (await request.get('/api/health')).json();
	expect(body).toMatchObject({ status: 'ok', database: 'sqlite' });
	expect(body.schemaVersion).toBe(body.latestSchemaVersion);
});

test('the catalogue is one snapshot with a version, an ETag and a 304 for a current copy', async ({
	request
}) => {
	const first = await request.get('/api/catalog');
	expect(first.status()).toBe(200);
	const etag = first.headers()['etag'] ?? '';
	const snapshot = await first.json();
	expect(etag).toBe(`"${snapshot.version}"`);
	expect(snapshot.towns).toHaveLength(18);
	expect(snapshot.matters.length).toBeGreaterThanOrEqual(30);

	const again = await request.get('/api/catalog', { headers: { 'If-None-Match': etag } });
	expect(again.status()).toBe(304);
	const other = await request.get('/api/catalog', { headers: { 'If-None-Match': '"stale"' } });
	expect(other.status()).toBe(200);
});

test('the catalogue is sent compressed', async ({ request }) => {
	for (const encoding of ['br', 'gzip']) {
		const response = await request.get('/api/catalog', {
			headers: { 'Accept-Encoding': encoding }
		});
		expect(response.headers()['content-encoding']).toBe(encoding);
		expect((await response.json()).towns).toHaveLength(18);
	}
});

test('a catalogue view of something that does not exist is a 404', async ({ request }) => {
	for (const path of ['/api/catalog/views/matter?id=nope', '/api/catalog/views/nope']) {
		const response = await request.get(path);
		expect(response.status()).toBe(404);
		expect((await response.json()).error.code).toMatch(/not_found/);
	}
	expect((await request.get('/api/catalog/views/home')).status()).toBe(200);
});
