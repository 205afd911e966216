import type { ReaderAsk, ReaderReply, ReaderRequest } from './qr-reader.worker';

/**
 * Reading QR codes from the camera or a photo: the browser's own `BarcodeDetector` where it reads
 * QR codes (Android, macOS, ChromeOS), otherwise ZXing compiled to WebAssembly, in a worker
 * (`qr-reader.worker.ts`), loaded only when the gradebook asks for it: a student never downloads
 * it, and the service worker stores it the first time a teacher opens the gradebook.
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

/** The reader's code could not be loaded: offline before the gradebook ever stored it. */
export class ReaderUnavailableError extends Error {
	constructor() {
		super('The QR code reader could not be loaded.');
		this.name = 'ReaderUnavailableError';
	}
}

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

/** The worker and its pending requests: one for the tab, started on first use. */
let reader: {
	worker: Worker;
	pending: Map<number, { resolve: (codes: string[]) => void; reject: (e: Error) => void }>;
} | null = null;
let nextId = 1;

function readerWorker() {
	if (reader) return reader;
	const worker = new Worker(new URL('./qr-reader.worker.ts', import.meta.url), {
		type: 'module',
		name: 'byline-qr-reader'
	});
	const pending = new Map<
		number,
		{ resolve: (codes: string[]) => void; reject: (e: Error) => void }
	>();
	worker.addEventListener('message', ({ data }: MessageEvent<ReaderReply>) => {
		const waiting = pending.get(data.id);
		pending.delete(data.id);
		if ('codes' in data) waiting?.resolve(data.codes);
		else waiting?.reject(new Error(data.error));
	});
	// The worker's script could not be loaded (offline, not stored yet): every request fails, and
	// the next one starts a new worker.
	worker.addEventListener('error', (event) => {
		event.preventDefault();
		for (const waiting of pending.values()) waiting.reject(new ReaderUnavailableError());
		pending.clear();
		worker.terminate();
		reader = null;
	});
	reader = { worker, pending };
	return reader;
}

function ask(request: ReaderAsk, transfer: Transferable[] = []): Promise<string[]> {
	const { worker, pending } = readerWorker();
	const id = nextId++;
	return new Promise((resolve, reject) => {
		pending.set(id, { resolve, reject });
		worker.postMessage({ ...request, id } satisfies ReaderRequest, transfer);
	});
}

/** Pictures the worker takes as they are (ImageData and ImageBitmap are not in every test's DOM). */
function passedAsIs(source: ScanSource): source is ImageBitmap | ImageData | Blob {
	return (
		source instanceof Blob ||
		(typeof ImageData !== 'undefined' && source instanceof ImageData) ||
		(typeof ImageBitmap !== 'undefined' && source instanceof ImageBitmap)
	);
}

/** A frame or picture as the worker takes it: a bitmap (handed over, not copied), pixels or bytes. */
async function transferable(source: ScanSource): Promise<ImageBitmap | ImageData | Blob> {
	return passedAsIs(source) ? source : createImageBitmap(source);
}

/** ZXing in its worker, behind the Barcode Detection API's shape. */
const workerDetector: QrDetector = {
	async detect(source) {
		const image = await transferable(source);
		const codes = await ask(
			{ kind: 'detect', image },
			// A bitmap made here is handed over, not copied; what the caller passed stays theirs.
			image !== source ? [image as ImageBitmap] : []
		);
		return codes.map((rawValue) => ({ rawValue }));
	}
};

/** A detector for QR codes: the browser's own where it has one, otherwise ZXing in a worker. */
export async function detector(): Promise<QrDetector> {
	return (await nativeDetector()) ?? workerDetector;
}

/**
 * Every QR code's text in a still image (a photo of a student's screen), in the order found,
 * each once; none when there is no readable code. Throws when the image cannot be decoded (not an
 * image, or a format this browser does not read) or the reader cannot be loaded.
 */
export async function decodeImage(image: ScanSource, using?: QrDetector): Promise<string[]> {
	const found = await (using ?? (await detector())).detect(image);
	return [...new Set(found.map((code) => code.rawValue).filter((text) => text !== ''))];
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
	using?: QrDetector
): Promise<PhotoReading> {
	const reader = using ?? (await detector());
	const reading: PhotoReading = { codes: [], problems: [] };
	for (const photo of photos) {
		let codes: string[];
		try {
			codes = await decodeImage(photo, reader);
		} catch (error) {
			if (error instanceof ReaderUnavailableError) throw error;
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

/**
 * Gets the reader ready for offline use without scanning: its worker's code and wasm are fetched
 * (and so stored by the service worker) and compiled, off the page's thread. Never throws: a
 * failure here only means the reader is loaded when first used instead.
 */
export async function warmScanner(): Promise<void> {
	try {
		if (await nativeDetector()) return;
		await ask({ kind: 'warm' });
	} catch {
		// Offline and not stored yet: nothing to warm.
	}
}
