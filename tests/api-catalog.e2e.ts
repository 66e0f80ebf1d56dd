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

test('the compact catalogue names each rule once and gives back the same points', async ({
	request
}) => {
	const full = await (await request.get('/api/catalog')).json();
	const compact = await (await request.get('/api/catalog?format=2')).json();
	expect(compact).toMatchObject({ format: 2, version: full.version });
	expect(compact.points).toHaveLength(full.points.length);
	expect(compact.points.some((p: object) => 'services' in p)).toBe(false);
	const centre = full.points.find((p: { id: string }) => p.id === 'chengxiang-centre');
	const sent = compact.points.find((p: { id: string }) => p.id === 'chengxiang-centre');
	expect(compact.hours[sent.hours]).toEqual(centre.hours);
	for (const rule of centre.services) {
		const body = sent.rules?.[rule.matterId] ?? compact.rules[rule.matterId];
		expect(body).toEqual([rule.slotMinutes, rule.capacity, rule.minHoursAhead, rule.maxDaysAhead]);
	}
	// A version the server does not know: the whole catalogue, not a difference.
	const unknown = await (await request.get('/api/catalog?format=2&from=nope')).json();
	expect(unknown.format).toBe(2);
	expect(unknown.from).toBeUndefined();
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
	// Said in the reader's words, naming what was not found, not the view's own name.
	for (const [path, message] of [
		['/api/catalog/views/matter?id=nope', '找不到办理事项'],
		['/api/catalog/views/matterPoints?id=nope', '找不到办理事项'],
		['/api/catalog/views/point?id=nope', '找不到服务点']
	]) {
		const response = await request.get(path!);
		expect((await response.json()).error, path).toMatchObject({ code: 'not_found', message });
	}
});

test('a catalogue asked for in a format the server has not is a 400 naming the format', async ({
	request
}) => {
	const response = await request.get('/api/catalog?format=abc');
	expect(response.status()).toBe(400);
	expect((await response.json()).error).toMatchObject({
		code: 'invalid_input',
		fields: [{ field: 'format' }]
	});
	expect((await request.get('/api/catalog?format=2')).status()).toBe(200);
});

test('a catalogue view of one matter or point asked without its id is a 400 naming the id', async ({
	request
}) => {
	for (const path of ['/api/catalog/views/matter', '/api/catalog/views/point?id=']) {
		const response = await request.get(path);
		expect(response.status()).toBe(400);
		expect((await response.json()).error).toMatchObject({
			code: 'invalid_input',
			fields: [{ field: 'id' }]
		});
	}
});

test('a slot list from a day that is no date is a 400 naming the field, whatever the month or day', async ({
	request
}) => {
	const url = '/api/points/chengxiang-centre/slots?matter=individual-business-registration';
	for (const from of ['2026-13-01', '2026-00-10', '2026-12-00', '2026-12-32', '2026-02-30']) {
		const res = await request.get(`${url}&from=${from}`);
		expect(res.status(), from).toBe(400);
		expect((await res.json()).error.fields[0].field).toBe('from');
	}
});

test('an address or a method the API does not have is answered in the API’s JSON, not a page', async ({
	request
}) => {
	for (const [method, path, status] of [
		['GET', '/api/applications', 404],
		['POST', '/api/nothing/here', 404],
		['GET', `/api/blobs/${'a'.repeat(64)}`, 405],
		['DELETE', '/api/sync', 405],
		// An address that is no valid percent-encoding.
		['GET', '/api/%ZZ', 400],
		['GET', '/api/points/%ZZ/slots?matter=x', 400]
	] as const) {
		const res = await request.fetch(path, { method });
		expect(res.status(), `${method} ${path}`).toBe(status);
		expect(res.headers()['content-type'], `${method} ${path}`).toMatch(/^application\/json/);
		const { error } = await res.json();
		const code = { 400: 'invalid_input', 404: 'not_found', 405: 'method_not_allowed' }[status];
		expect(error.code, `${method} ${path}`).toBe(code);
		expect(error.message).toBeTruthy();
		if (status === 400) expect(error.fields[0].field).toBe('path');
	}
});
