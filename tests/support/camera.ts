import type { Page } from '@playwright/test';

/**
 * A camera's picture of a coloured card: 4000 × 3000 JPEG, made in the page; with `noise`, grainy
 * enough that the app's copy takes several upload chunks.
 */
export async function cameraPicture(
	page: Page,
	noise = 0,
	[width, height] = [4000, 3000]
): Promise<Buffer> {
	const bytes = await page.evaluate(
		async ({ noise, width, height }) => {
			const canvas = new OffscreenCanvas(width, height);
			const context = canvas.getContext('2d')!;
			const gradient = context.createLinearGradient(0, 0, width, height);
			gradient.addColorStop(0, '#c33');
			gradient.addColorStop(1, '#36c');
			context.fillStyle = gradient;
			context.fillRect(0, 0, width, height);
			context.fillStyle = '#fff';
			context.font = '240px sans-serif';
			context.fillText('370682198605171234', 300, 1500);
			if (noise) {
				const image = context.getImageData(0, 0, width, height);
				let seed = 7;
				for (let i = 0; i < image.data.length; i += 4) {
					seed = (seed * 1103515245 + 12345) & 0x7fffffff;
					const n = (seed % (2 * noise + 1)) - noise;
					for (let c = 0; c < 3; c++) image.data[i + c] = image.data[i + c]! + n;
				}
				context.putImageData(image, 0, 0);
			}
			const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 });
			return [...new Uint8Array(await blob.arrayBuffer())];
		},
		{ noise, width, height }
	);
	return Buffer.from(bytes);
}

/**
 * A phone camera's photo of a dense printed page (4000 × 3000 JPEG): 34 lines of text across the
 * whole sheet, at a slight angle on a dark desk, with sensor grain; `k` makes each one different.
 */
export async function photographedPage(page: Page, k: number): Promise<Buffer> {
	const bytes = await page.evaluate(async (k) => {
		const canvas = new OffscreenCanvas(4000, 3000);
		const c = canvas.getContext('2d')!;
		const desk = c.createLinearGradient(0, 0, 4000, 3000);
		desk.addColorStop(0, '#6d6253');
		desk.addColorStop(1, '#2f2a24');
		c.fillStyle = desk;
		c.fillRect(0, 0, 4000, 3000);
		c.save();
		c.translate(2000, 1500);
		c.rotate(-0.04 + k * 0.03);
		c.fillStyle = '#f4f1ea';
		c.fillRect(-1300, -1400, 2600, 2800);
		c.fillStyle = '#222';
		c.font = '64px sans-serif';
		for (let line = 0; line < 34; line++) {
			c.fillText(
				`第${line + 1}项 申请人姓名 身份证号码 370682198605171234 莱阳市城厢街道 ${k}`,
				-1200,
				-1300 + line * 80
			);
		}
		c.restore();
		const image = c.getImageData(0, 0, 4000, 3000);
		const px = image.data;
		let seed = 12345 + k;
		for (let i = 0; i < px.length; i += 4) {
			seed = (seed * 1103515245 + 12345) & 0x7fffffff;
			const n = (seed % 9) - 4;
			px[i] = px[i]! + n;
			px[i + 1] = px[i + 1]! + n;
			px[i + 2] = px[i + 2]! + n;
		}
		c.putImageData(image, 0, 0);
		const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
		return [...new Uint8Array(await blob.arrayBuffer())];
	}, k);
	return Buffer.from(bytes);
}
