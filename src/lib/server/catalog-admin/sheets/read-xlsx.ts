import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { unzipSync } from 'fflate';

/**
 * What an XLSX file may unpack to, its parts together: many times any sheet of the catalogue. A zip
 * of the upload's few megabytes can unpack to gigabytes.
 */
export const MAX_UNPACKED_MB = 20;

/**
 * The longest text between two tags of the file's XML: ten times any cell the catalogue takes. The
 * reader spent most of a minute on a cell of 2,000,000 characters, holding the server, then failed.
 */
export const LONGEST_CELL = 10_000;

/** Far longer than any sheet within `MAX_UNPACKED_MB` takes to read. */
const READ_LIMIT_MS = 15_000;

/** The reader runs on a thread of its own, started for each file: it never holds the server's. */
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { readSheet } = require(workerData.reader);
readSheet(workerData.bytes).then(
	(rows) => parentPort.postMessage({ rows }),
	(error) => parentPort.postMessage({ error: String(error?.message ?? error) })
);
`;

/**
 * The first sheet of an XLSX file as rows of cell values; `too_large` when it would unpack to more
 * than `MAX_UNPACKED_MB`, `long_cell` when its XML holds a text longer than `LONGEST_CELL`; null when
 * it cannot be read, or not within `READ_LIMIT_MS`.
 */
export async function readXlsx(
	bytes: Uint8Array
): Promise<unknown[][] | 'too_large' | 'long_cell' | null> {
	try {
		if (unpackedSize(bytes) > MAX_UNPACKED_MB * 1024 * 1024) return 'too_large';
		const parts = unzipSync(bytes, { filter: (entry) => entry.name.endsWith('.xml') });
		if (Object.values(parts).some((part) => longestText(part) > LONGEST_CELL)) return 'long_cell';
	} catch {
		return null;
	}
	const copy = new Uint8Array(bytes).buffer;
	const reader = createRequire(import.meta.url).resolve('read-excel-file/universal');
	const worker = new Worker(SOURCE, {
		eval: true,
		workerData: { reader, bytes: copy },
		transferList: [copy]
	});
	try {
		return await new Promise<unknown[][] | null>((resolve) => {
			const timer = setTimeout(() => resolve(null), READ_LIMIT_MS);
			worker.once('message', (answer: { rows?: unknown[][] }) => {
				clearTimeout(timer);
				resolve(answer.rows ?? null);
			});
			worker.once('error', () => {
				clearTimeout(timer);
				resolve(null);
			});
		});
	} finally {
		await worker.terminate();
	}
}

/** The sizes a zip's directory gives its files, added up, without unpacking any. */
function unpackedSize(bytes: Uint8Array): number {
	let total = 0;
	unzipSync(bytes, {
		filter: (entry) => {
			total += entry.originalSize;
			return false;
		}
	});
	return total;
}

/** The most characters that come between two of `<` and `>` in a part of XML (UTF-8). */
function longestText(xml: Uint8Array): number {
	let longest = 0;
	let since = 0;
	for (let i = 0; i < xml.length; i++) {
		const byte = xml[i]!;
		if (byte === 0x3c || byte === 0x3e) since = 0;
		// A character's first byte, not one continuing it.
		else if ((byte & 0xc0) !== 0x80 && ++since > longest) longest = since;
	}
	return longest;
}
