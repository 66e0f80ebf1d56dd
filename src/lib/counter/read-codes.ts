import { BarcodeDetector, prepareZXingModule } from 'barcode-detector/ponyfill';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';

// The reader's wasm comes from this app, not from a CDN: counters may have no outside access.
// It is compiled as soon as this module loads (the check-in page loads it when it opens), so the
// first code a clerk shows is read without waiting for it.
const ready = prepareZXingModule({
	overrides: {
		locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path)
	},
	fireImmediately: true
});

const detector = new BarcodeDetector({ formats: ['qr_code'] });

/** Resolves once the reader can read (its wasm fetched and compiled). */
export async function readerReady(): Promise<void> {
	await ready;
}

/** The text of each QR code in an image or video frame. */
export async function readCodes(source: ImageBitmapSource): Promise<string[]> {
	return (await detector.detect(source)).map((b) => b.rawValue);
}
