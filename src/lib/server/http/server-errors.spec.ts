import { afterEach, describe, expect, it, vi } from 'vitest';
import { reportServerError } from './server-errors';

const event = {
	request: new Request('http://localhost/api/sync', { method: 'POST' }),
	url: new URL('http://localhost/api/sync')
} as Parameters<typeof reportServerError>[0]['event'];

describe('an unexpected error on the server', () => {
	afterEach(() => vi.restoreAllMocks());

	it('is logged, unless the client went away in the middle of its request', async () => {
		const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
		// What Node's request stream fails with when a phone's link drops mid-body.
		const gone = Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
		expect(
			await reportServerError({ error: gone, event, status: 500, message: 'Internal Error' })
		).toEqual({ message: 'Internal Error' });
		expect(logged).not.toHaveBeenCalled();

		const bug = new TypeError('x is undefined');
		await reportServerError({ error: bug, event, status: 500, message: 'Internal Error' });
		expect(logged).toHaveBeenCalledExactlyOnceWith('[500] POST /api/sync', bug);
	});

	it('that SvelteKit answers itself (no such page or action, a method not taken) is said in the reader’s language, not logged', async () => {
		const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
		const notFound = new Error("No action with name 'nosuch' found");
		expect(
			await reportServerError({ error: notFound, event, status: 404, message: 'Not Found' })
		).toEqual({ message: '找不到这个页面' });
		expect(
			await reportServerError({
				error: new Error('POST method not allowed'),
				event,
				status: 405,
				message: 'Method Not Allowed'
			})
		).toEqual({ message: '这个地址不接受这种请求' });
		expect(logged).not.toHaveBeenCalled();
	});
});
