import { readFileSync } from 'node:fs';
import { expect, type Locator } from '@playwright/test';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';

prepareZXingModule({
	overrides: {
		wasmBinary: readFileSync('node_modules/zxing-wasm/dist/reader/zxing_reader.wasm').buffer
	}
});

/**
 * The text of the QR code an image shows, read from a picture of it as a camera would: once the
 * image is decoded, and again until it reads (a busy machine may picture it before it is painted).
 */
export async function readQr(image: Locator): Promise<string> {
	await expect(image).toBeVisible();
	await expect
		.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0))
		.toBe(true);
	let text = '';
	await expect
		.poll(
			async () => {
				const png = await image.screenshot();
				const [code] = await readBarcodes(new Uint8Array(png), { formats: ['QRCode'] });
				return (text = code?.text ?? '');
			},
			{ message: 'the QR code reads' }
		)
		.not.toBe('');
	return text;
}
