/**
 * How a material's photo is shrunk on the device. Papers and cards (most materials) are read, not
 * looked at: grey, 1280 px on the longest side and strongly compressed, they stay readable to a
 * clerk at about a third of a colour photo's bytes. Photographs of a person or a place keep their
 * colour and more pixels.
 */
export const PHOTO_SETTINGS = {
	document: { maxSide: 1280, grey: true, webpQuality: 0.5, jpegQuality: 0.6 },
	picture: { maxSide: 1600, grey: false, webpQuality: 0.7, jpegQuality: 0.8 }
} as const;

export type PhotoKind = keyof typeof PHOTO_SETTINGS;

/** A photo shrunk on the device: WebP where the browser encodes it, JPEG elsewhere. */
export async function shrinkPhoto(file: Blob, kind: PhotoKind): Promise<Blob> {
	const settings = PHOTO_SETTINGS[kind];
	const bitmap = await createImageBitmap(file);
	const scale = Math.min(1, settings.maxSide / Math.max(bitmap.width, bitmap.height));
	const width = Math.max(1, Math.round(bitmap.width * scale));
	const height = Math.max(1, Math.round(bitmap.height * scale));
	const canvas = new OffscreenCanvas(width, height);
	const context = canvas.getContext('2d')!;
	context.fillStyle = '#fff';
	context.fillRect(0, 0, width, height);
	context.drawImage(bitmap, 0, 0, width, height);
	bitmap.close();
	if (settings.grey) toGrey(context, width, height);
	const webp = await canvas.convertToBlob({ type: 'image/webp', quality: settings.webpQuality });
	// A browser that cannot encode WebP hands back a PNG instead.
	if (webp.type === 'image/webp') return webp;
	return canvas.convertToBlob({ type: 'image/jpeg', quality: settings.jpegQuality });
}

/** Luma by the BT.601 weights, done by hand: not every browser has a canvas `filter`. */
function toGrey(context: OffscreenCanvasRenderingContext2D, width: number, height: number) {
	const image = context.getImageData(0, 0, width, height);
	const px = image.data;
	for (let i = 0; i < px.length; i += 4) {
		const y = (px[i]! * 77 + px[i + 1]! * 150 + px[i + 2]! * 29) >> 8;
		px[i] = px[i + 1] = px[i + 2] = y;
	}
	context.putImageData(image, 0, 0);
}

export async function sha256Hex(blob: Blob): Promise<string> {
	const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
	return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
