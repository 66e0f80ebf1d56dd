import { describe, expect, it } from 'vitest';
import { decodeQr, encodeQr } from './qr-payload';

describe('receipt QR payload', () => {
	it('carries the whole application and reads back the same', async () => {
		const app = {
			opId: '5b0c1f7e-8d7c-4c59-9a5d-2f1b6a3c9e10',
			payload: {
				applicationId: 'x',
				applicant: { name: '张三', idNumber: '11010519491231002X' },
				fields: { a: '经营 范围' }
			}
		};
		const text = await encodeQr(app);
		expect(text).toMatch(/^OW1\.[A-Za-z0-9_-]+$/);
		expect(await decodeQr(text)).toEqual(app);
	});
	it('refuses what is not ours', async () => {
		expect(await decodeQr('https://example.com')).toBeNull();
		expect(await decodeQr('OW1.!!!!')).toBeNull();
	});
});
