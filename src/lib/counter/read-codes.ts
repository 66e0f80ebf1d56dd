import { BarcodeDetector, prepareZXingModule } from 'barcode-detector/ponyfill';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';

// The reader's wasm comes from this app, not from a CDN: counters may have no outside access.
prepareZXingModule({
	overrides: {
		locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path)
	}
});

const detector = new BarcodeDetector({ formats: ['qr_code'] });

/** The text of each QR code in an image or video frame. */
export async function readCodes(source: ImageBitmapSource): Promise<string[]> {
	return (await detector.detect(source)).map((b) => b.rawValue);
}
