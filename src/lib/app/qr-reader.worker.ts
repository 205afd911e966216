import { BarcodeDetector, prepareZXingModule } from 'barcode-detector/ponyfill';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';

/**
 * ZXing (WebAssembly, through `barcode-detector`'s ponyfill) reading QR codes, in a worker of
 * its own. A worker for two reasons: reading a camera frame of a dense code takes a phone tens of
 * milliseconds, which would stall the page five times a second; and SvelteKit names a worker's
 * files `_app/immutable/workers/…`, which the service worker's precache leaves out by that name
 * (vite.config.ts), so a student never downloads this megabyte. It is stored for offline use the
 * first time a teacher opens the gradebook (runtime caching, and `warmScanner` in scan.ts).
 *
 * The module is also imported as it is by tests, in Node, where it starts no worker.
 */

/** What the page asks: read the QR codes in an image, or load the reader ahead of use. */
export type ReaderAsk =
	{ kind: 'detect'; image: ImageBitmap | ImageData | Blob } | { kind: 'warm' };

/** A request as it travels, numbered so the reply finds its way back. */
export type ReaderRequest = ReaderAsk & { id: number };

export type ReaderReply = { id: number; codes: string[] } | { id: number; error: string };

export interface ZxingOptions {
	/** The wasm's bytes, where it cannot be fetched (Node); otherwise it is fetched from this origin. */
	wasmBinary?: ArrayBuffer;
}

let reader: Promise<BarcodeDetector> | null = null;

/**
 * The ZXing detector, made once. Its wasm is fetched here, from this origin, and handed over as
 * bytes: by default it would come from a CDN that Byline never contacts (the CSP forbids it too),
 * and bytes compile whatever type a static host labels a .wasm file with.
 */
export function zxingDetector(options: ZxingOptions = {}): Promise<BarcodeDetector> {
	reader ??= (async () => {
		const wasmBinary = options.wasmBinary ?? (await fetchWasm());
		prepareZXingModule({ overrides: { wasmBinary } });
		const detector = new BarcodeDetector({ formats: ['qr_code'] });
		// Compiled now, so a wasm that cannot be used fails here, and once.
		await prepareZXingModule({ fireImmediately: true });
		return detector;
	})().catch((error: unknown) => {
		reader = null;
		throw error;
	});
	return reader;
}

async function fetchWasm(): Promise<ArrayBuffer> {
	const response = await fetch(new URL(wasmUrl, globalThis.location.href));
	if (!response.ok)
		throw new Error(`The QR code reader's wasm could not be loaded (${response.status}).`);
	return response.arrayBuffer();
}

/** Every QR code's text in the image, in the order found. */
export async function readCodes(
	image: ImageBitmap | ImageData | Blob,
	options: ZxingOptions = {}
): Promise<string[]> {
	const found = await (await zxingDetector(options)).detect(image);
	return found.map((code) => code.rawValue);
}

interface WorkerScope {
	addEventListener(type: 'message', listener: (event: MessageEvent<ReaderRequest>) => void): void;
	postMessage(reply: ReaderReply): void;
}

const scope = globalThis as unknown as Partial<WorkerScope> & { WorkerGlobalScope?: unknown };

if (scope.WorkerGlobalScope !== undefined && scope.addEventListener && scope.postMessage) {
	const post = scope.postMessage.bind(scope);
	scope.addEventListener('message', async ({ data }) => {
		try {
			if (data.kind === 'warm') {
				await zxingDetector();
				post({ id: data.id, codes: [] });
			} else {
				const codes = await readCodes(data.image);
				if (data.image instanceof ImageBitmap) data.image.close();
				post({ id: data.id, codes });
			}
		} catch (error) {
			post({ id: data.id, error: error instanceof Error ? error.message : String(error) });
		}
	});
}
