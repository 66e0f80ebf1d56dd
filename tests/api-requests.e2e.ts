import { expect, test } from './fixtures';

async function newToken(baseURL: string): Promise<string> {
	const response = await fetch(`${baseURL}/api/devices`, { method: 'POST' });
	return ((await response.json()) as { token: string }).token;
}

test('a sync body sent with no Content-Type is refused naming it, not read as no ops', async ({
	baseURL
}) => {
	const token = await newToken(baseURL!);
	// Bytes, not a string: fetch then sends no Content-Type.
	const response = await fetch(`${baseURL}/api/sync`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${token}` },
		body: new TextEncoder().encode(JSON.stringify({ ops: [] }))
	});
	expect(response.status).toBe(415);
	expect((await response.json()).error).toMatchObject({
		code: 'unsupported_type',
		fields: [{ field: 'Content-Type' }]
	});
});

test('the authorization scheme is read whatever its case, as HTTP says', async ({ baseURL }) => {
	const token = await newToken(baseURL!);
	for (const scheme of ['Bearer', 'bearer', 'BEARER']) {
		const response = await fetch(`${baseURL}/api/sync?since=0`, {
			headers: { Authorization: `${scheme} ${token}` }
		});
		expect(response.status, scheme).toBe(200);
	}
});
