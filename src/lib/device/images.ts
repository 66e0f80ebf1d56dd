/**
 * How a material's photo is shrunk on the device. Papers and cards (most materials) are read, not
 * looked at: grey, 1280 px on the longest side and strongly compressed, they stay readable to a
 * clerk at about a third of a colour photo's bytes. A dense or grainy page that still comes out
 * over `targetBytes` is drawn once more, smaller, down to `minSide`: on 2G every 10 KB is 2 s.
 * Photographs of a person or a place keep their colour and more pixels.
 */
export const PHOTO_SETTINGS = {
	document: {
		maxSide: 1280,
		minSide: 1024,
		targetBytes: 90 * 1024,
		grey: true,
		webpQuality: 0.5,
		jpegQuality: 0.6
	},
	picture: {
		maxSide: 1600,
		minSide: 1600,
		targetBytes: Infinity,
		grey: false,
		webpQuality: 0.7,
		jpegQuality: 0.8
	}
} as const;

export type PhotoKind = keyof typeof PHOTO_SETTINGS;
type Settings = (typeof PHOTO_SETTINGS)[PhotoKind];

/** A photo shrunk on the device: WebP where the browser encodes it, JPEG elsewhere. */
export async function shrinkPhoto(file: Blob, kind: PhotoKind): Promise<Blob> {
	const settings = PHOTO_SETTINGS[kind];
	const bitmap = await createImageBitmap(file);
	try {
		const longest = Math.max(bitmap.width, bitmap.height);
		const side = Math.min(longest, settings.maxSide);
		const first = await encode(bitmap, side, settings);
		if (first.size <= settings.targetBytes || side <= settings.minSide) return first;
		// Bytes grow with the area: one more try at the side that should land under the target.
		const smaller = Math.max(
			settings.minSide,
			Math.floor(side * Math.sqrt(settings.targetBytes / first.size) * 0.95)
		);
		const second = await encode(bitmap, smaller, settings);
		return second.size < first.size ? second : first;
	} finally {
		bitmap.close();
	}
}

async function encode(bitmap: ImageBitmap, side: number, settings: Settings): Promise<Blob> {
	const scale = Math.min(1, side / Math.max(bitmap.width, bitmap.height));
	const width = Math.max(1, Math.round(bitmap.width * scale));
	const height = Math.max(1, Math.round(bitmap.height * scale));
	const canvas = new OffscreenCanvas(width, height);
	const context = canvas.getContext('2d')!;
	context.fillStyle = '#fff';
	context.fillRect(0, 0, width, height);
	// The better filter averages a camera's grain away instead of sampling it: fewer bytes, same text.
	context.imageSmoothingQuality = 'high';
	context.drawImage(bitmap, 0, 0, width, height);
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
