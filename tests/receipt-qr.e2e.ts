import { keyBoundIds } from '../src/lib/claim-ids';
import { claimDigest, decodeQr } from '../src/lib/qr-payload';
import { expect, test } from './fixtures';
import { readQr } from './support/qr';
import { applyFromSlots, idNumber, SLOTS_PAGE, uniqueN } from './support/apply';

test('the receipt’s QR code decodes to the full application', async ({ page }) => {
	const n = uniqueN();
	await page.goto(SLOTS_PAGE);
	await applyFromSlots(page, n, '二维码测试');
	const text = await readQr(page.getByRole('img', { name: /申请二维码/ }));
	expect(text).toMatch(/^OW1\./);
	const decoded = await decodeQr(text);
	const stored = await page.evaluate(
		async (reference) => {
			const open = indexedDB.open('one-window');
			const db = await new Promise<IDBDatabase>((r) => (open.onsuccess = () => r(open.result)));
			const all = await new Promise<
				{ reference: string; opId: string; payload: unknown; claimKey: string }[]
			>((r) => {
				const req = db.transaction('applications').objectStore('applications').getAll();
				req.onsuccess = () => r(req.result);
			});
			return all.find((a) => a.reference === reference);
		},
		(await page.getByTestId('reference').textContent())!.trim()
	);
	// The code binds the application to this phone by the digest of its claim key, never the key.
	expect(decoded).toEqual({
		opId: stored!.opId,
		payload: stored!.payload,
		claim: await claimDigest(stored!.claimKey)
	});
	expect(JSON.stringify(decoded)).not.toContain(stored!.claimKey);
	// Its ids come from the key and the application as made: whoever reads the code cannot send
	// the application first, nor change it and have a counter take it over.
	const bound = await keyBoundIds(stored!.claimKey, decoded!.payload);
	expect([decoded!.opId, decoded!.payload.applicationId]).toEqual([
		bound.opId,
		bound.applicationId
	]);
	expect(decoded!.payload).toMatchObject({
		matterId: 'individual-business-registration',
		pointId: 'chengxiang-centre',
		applicant: { name: '二维码测试', idNumber: idNumber(n), phone: '13912345678' }
	});
	expect(Object.keys(decoded!.payload.fields as object)).toEqual(
		expect.arrayContaining(['businessName', 'scope', 'capital'])
	);
});
