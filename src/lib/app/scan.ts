import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';

/**
 * Reading QR codes from the camera or a photo: the browser's own `BarcodeDetector` where it
 * reads QR codes (Android, macOS, ChromeOS), otherwise ZXing compiled to WebAssembly
 * (`barcode-detector`'s ponyfill). The ponyfill is about 1 MB of wasm, so it is never part of a
 * student's download: it is imported here on first use, on the gradebook only, and its wasm comes
 * from this origin (the CSP allows no other), then is kept by the service worker for offline use.
 */

/** A found code, as the Barcode Detection API reports it (only what Byline reads). */
export interface DetectedCode {
	rawValue: string;
}

/** What can be scanned: a video frame, a canvas, a decoded image, or a file's bytes. */
export type ScanSource =
	HTMLVideoElement | HTMLCanvasElement | HTMLImageElement | ImageBitmap | ImageData | Blob;

/** The part of the Barcode Detection API Byline uses. */
export interface QrDetector {
	detect(source: ScanSource): Promise<DetectedCode[]>;
}

interface DetectorClass {
	new (options: { formats: string[] }): QrDetector;
	getSupportedFormats(): Promise<readonly string[]>;
}

export interface DetectorOptions {
	/** Use the browser's own detector where it reads QR codes (true unless a test says otherwise). */
	native?: boolean;
	/**
	 * The wasm's bytes, where it cannot be fetched (Node, in tests); in the browser it is fetched
	 * from this origin.
	 */
	wasmBinary?: ArrayBuffer;
}

/** Where the reader's wasm is served from: this origin, under a hashed, immutable name. */
export const SCANNER_WASM_URL = wasmUrl;

/** The browser's own detector, when there is one and it reads QR codes. */
async function nativeDetector(): Promise<QrDetector | null> {
	const native = (globalThis as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
	if (!native) return null;
	try {
		const formats = await native.getSupportedFormats();
		return formats.includes('qr_code') ? new native({ formats: ['qr_code'] }) : null;
	} catch {
		return null;
	}
}

let polyfill: Promise<QrDetector> | null = null;

/**
 * ZXing, loaded once per tab. The wasm's location must be set before the first detector is made,
 * as making one starts loading it (by default from a CDN, which Byline never contacts).
 */
function polyfillDetector(wasmBinary?: ArrayBuffer): Promise<QrDetector> {
	polyfill ??= import('barcode-detector/ponyfill')
		.then(({ BarcodeDetector, prepareZXingModule }) => {
			prepareZXingModule({
				overrides: wasmBinary
					? { wasmBinary }
					: {
							locateFile: (path: string, prefix: string) =>
								path.endsWith('.wasm') ? new URL(wasmUrl, location.href).href : prefix + path
						}
			});
			return new BarcodeDetector({ formats: ['qr_code'] });
		})
		.catch((error: unknown) => {
			// Offline before it was ever stored, say: a later try may work.
			polyfill = null;
			throw error;
		});
	return polyfill;
}

/** A detector for QR codes: the browser's own where it has one, otherwise ZXing. */
export async function detector(options: DetectorOptions = {}): Promise<QrDetector> {
	return (
		((options.native ?? true) && (await nativeDetector())) || polyfillDetector(options.wasmBinary)
	);
}

/**
 * Every QR code's text in a still image (a photo of a student's screen), in the order found,
 * each once; none when there is no readable code. Throws when the image cannot be decoded (not an
 * image, or a format this browser does not read) or the reader cannot be loaded.
 */
export async function decodeImage(image: ScanSource, reader?: QrDetector): Promise<string[]> {
	const found = await (reader ?? (await detector())).detect(image);
	return [...new Set(found.map((code) => code.rawValue).filter((text) => text !== ''))];
}

/**
 * Stores the reader for offline use without scanning: loads its code (which the service worker
 * then keeps) and fetches the wasm once, so the service worker keeps that too. Never throws: a
 * failure here only means the reader is loaded when first used instead.
 */
export async function warmScanner(fetcher: typeof fetch = fetch): Promise<void> {
	try {
		if (await nativeDetector()) return;
		await Promise.all([
			import('barcode-detector/ponyfill'),
			fetcher(wasmUrl).then((r) => r.blob())
		]);
	} catch {
		// Offline and not stored yet: nothing to warm.
	}
}

/** What reading photos found: the codes, and why a photo gave none. */
export interface PhotoReading {
	codes: string[];
	problems: { name: string; message: string }[];
}

/**
 * The QR codes in photos of students' screens, every photo read; a photo with no readable code,
 * or that is no image, is named with what to do. Throws only when the reader cannot be loaded.
 */
export async function readPhotos(
	photos: readonly File[],
	reader?: QrDetector
): Promise<PhotoReading> {
	const using = reader ?? (await detector());
	const reading: PhotoReading = { codes: [], problems: [] };
	for (const photo of photos) {
		let codes: string[];
		try {
			codes = await decodeImage(photo, using);
		} catch {
			reading.problems.push({
				name: photo.name,
				message: 'This file could not be read as a picture. Choose a photo (JPEG or PNG).'
			});
			continue;
		}
		if (codes.length === 0)
			reading.problems.push({
				name: photo.name,
				message:
					'No QR code was found in this photo. Take it again with the whole code in view, closer and in focus, or paste the code instead.'
			});
		reading.codes.push(...codes);
	}
	return reading;
}
