import { availableParallelism } from 'node:os';
import { expect, test } from './fixtures';

/** The hall display's live feed keeps one response open per screen. */
const FEED = '/display/chengxiang-centre/events';
/** Open feeds one client address may hold in each app process. */
const PER_ADDRESS = 20;

test('one client address cannot hold the hall display’s feed open without end', async ({
	baseURL
}) => {
	const streams: AbortController[] = [];
	const answers: Response[] = [];
	try {
		for (let i = 0; i < 100; i++) {
			const stream = new AbortController();
			streams.push(stream);
			answers.push(await fetch(`${baseURL}${FEED}`, { signal: stream.signal }));
		}
		const held = answers.filter((r) => r.status === 200).length;
		const refused = answers.filter((r) => r.status === 429);
		expect(held).toBeGreaterThan(0);
		expect(held).toBeLessThanOrEqual(PER_ADDRESS * availableParallelism());
		expect(refused.length + held).toBe(100);
		const answer = refused[0]!;
		expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
		expect(((await answer.json()) as { error: { message: string } }).error.message).toBe(
			'请求太频繁，请稍后再试'
		);
	} finally {
		for (const stream of streams) stream.abort();
	}
	// Closed feeds give their places back.
	await expect
		.poll(async () => {
			const stream = new AbortController();
			const { status } = await fetch(`${baseURL}${FEED}`, { signal: stream.signal });
			stream.abort();
			return status;
		})
		.toBe(200);
});
