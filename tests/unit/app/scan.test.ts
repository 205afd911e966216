import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { deflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCodes } from '$lib/app/qr-reader.worker';
import { decodeImage, readPhotos, ReaderUnavailableError, type QrDetector } from '$lib/app/scan';
import { newTeacherKeys, sealResult } from '$lib/app/seal';
import { assignmentDigest, type Assignment } from '$lib/share/assignment';
import { qrOf } from '$lib/share/qr';
import type { ResultPayload } from '$lib/share/result';
import { sampleAssignment } from '../share/factory';

/*
 * The QR reader itself (ZXing's wasm, as the gradebook's worker runs it), fed QR codes that Byline
 * drew (uqr) of real result codes: as pixels, as a camera frame gives them, and as a PNG file, as
 * a photo is chosen. Node has no ImageData or DOMRectReadOnly: the two small stand-ins below
 * carry what the ponyfill reads of them.
 */

class NodeImageData {
	readonly [Symbol.toStringTag] = 'ImageData';
	constructor(
		readonly data: Uint8ClampedArray,
		readonly width: number,
		readonly height: number
	) {}
}

class NodeRect {
	constructor(
		readonly x: number,
		readonly y: number,
		readonly width: number,
		readonly height: number
	) {}
}

const wasmBinary = (() => {
	const file = createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');
	const bytes = readFileSync(file);
	return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
})();

/** The worker's reader behind the detector's shape, its wasm given as bytes (Node cannot fetch it). */
const zxing: QrDetector = {
	async detect(image) {
		const codes = await readCodes(image as ImageData | Blob, { wasmBinary });
		return codes.map((rawValue) => ({ rawValue }));
	}
};

beforeAll(() => {
	const scope = globalThis as Record<string, unknown>;
	scope.ImageData ??= NodeImageData;
	scope.DOMRectReadOnly ??= NodeRect;
});

/** A grey image: `light` everywhere, then each code's modules drawn dark at `scale` pixels each. */
function canvas(width: number, height: number) {
	const grey = new Uint8Array(width * height).fill(255);
	return {
		width,
		height,
		grey,
		draw(text: string, left: number, top: number, scale: number) {
			const qr = qrOf(text);
			if (!qr) throw new Error('too long for a QR code');
			qr.modules.forEach((row, y) =>
				row.forEach((dark, x) => {
					if (!dark) return;
					for (let dy = 0; dy < scale; dy++)
						grey.fill(
							0,
							(top + y * scale + dy) * width + left + x * scale,
							(top + y * scale + dy) * width + left + (x + 1) * scale
						);
				})
			);
			return qr.size * scale;
		},
		/** As a screen looks to a camera: less contrast, and noise (seeded, the same every run). */
		photographed() {
			let seed = 7;
			for (let i = 0; i < grey.length; i++) {
				seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
				const noise = (seed % 61) - 30;
				grey[i] = Math.max(0, Math.min(255, (grey[i]! ? 200 : 60) + noise));
			}
		},
		/** As a camera frame or a canvas gives it: RGBA. */
		imageData(): ImageData {
			const rgba = new Uint8ClampedArray(width * height * 4);
			grey.forEach((v, i) => rgba.set([v, v, v, 255], i * 4));
			return new NodeImageData(rgba, width, height) as unknown as ImageData;
		},
		/** As a photo is chosen: a PNG file (8-bit greyscale). */
		png(name: string): File {
			const rows = new Uint8Array((width + 1) * height);
			for (let y = 0; y < height; y++)
				rows.set(grey.subarray(y * width, (y + 1) * width), y * (width + 1) + 1);
			const header = new Uint8Array(13);
			new DataView(header.buffer).setUint32(0, width);
			new DataView(header.buffer).setUint32(4, height);
			header.set([8, 0, 0, 0, 0], 8);
			const bytes = [
				Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a),
				chunk('IHDR', header),
				chunk('IDAT', deflateSync(rows)),
				chunk('IEND', new Uint8Array())
			];
			return new File(bytes as BlobPart[], name, { type: 'image/png' });
		}
	};
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
	let c = 0xffffffff;
	for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
	const out = new Uint8Array(12 + data.length);
	const view = new DataView(out.buffer);
	view.setUint32(0, data.length);
	out.set(new TextEncoder().encode(type), 4);
	out.set(data, 8);
	view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
	return out;
}

/** A real result code for a 20-question assignment, sealed to a real teacher key. */
async function resultCode(name: string): Promise<string> {
	const keys = await newTeacherKeys(1_700_000_000_000);
	const base = sampleAssignment({ teacherKey: keys.publicKey });
	const assignment: Assignment = {
		...base,
		questions: Array.from({ length: 20 }, (_, i) => ({
			storyId: 'test-story',
			questionId: `test-question-${i + 1}`,
			fingerprint: (i + 1).toString(16).padStart(16, '0')
		}))
	};
	const payload: ResultPayload = {
		assignmentId: assignment.id,
		assignmentDigest: assignmentDigest(assignment),
		name,
		attempt: 1,
		startedAt: 1_700_000_000_000,
		finishedAt: 1_700_000_900_000,
		late: false,
		timedOut: false,
		asked: assignment.questions.map((q) => q.questionId),
		answers: assignment.questions.map((q, i) => ({
			questionId: q.questionId,
			response: { choice: `Option ${i % 4} for question ${i + 1}` },
			atSecond: i * 30
		}))
	};
	return sealResult(payload, assignment);
}

describe('reading a result’s QR code', () => {
	it('reads a real result code from a frame’s pixels, character for character', async () => {
		const code = await resultCode('Zoë Ünal-Çelik');
		expect(qrOf(code)!.version).toBeGreaterThan(20);
		const image = canvas(700, 700);
		image.draw(code, 40, 40, 4);
		expect(await decodeImage(image.imageData(), zxing)).toEqual([code]);
	});

	it('reads it off a screen as a camera sees it: low contrast, noisy, 3 pixels a module', async () => {
		const code = await resultCode('Hana Kobayashi 小林');
		const image = canvas(560, 560);
		image.draw(code, 30, 30, 3);
		image.photographed();
		expect(await decodeImage(image.imageData(), zxing)).toEqual([code]);
	});

	it('reads every code in one picture, each once', async () => {
		const [a, b] = await Promise.all([resultCode('Ana Lopes'), resultCode('Ben Okafor')]);
		const image = canvas(1400, 700);
		const size = image.draw(a, 40, 40, 4);
		image.draw(b, 40 + size + 80, 40, 4);
		expect((await decodeImage(image.imageData(), zxing)).sort()).toEqual([a, b].sort());
	});

	it('finds nothing in a picture with no code', async () => {
		expect(await decodeImage(canvas(300, 200).imageData(), zxing)).toEqual([]);
	});

	it('reads photos chosen as files, and says which gave no code or no picture', async () => {
		const code = await resultCode('Mia Chen');
		const photo = canvas(700, 700);
		photo.draw(code, 40, 40, 4);
		const blank = canvas(200, 200).png('blank.png');
		const notAPicture = new File(['just some text'], 'notes.txt', { type: 'text/plain' });
		const reading = await readPhotos([photo.png('mia.png'), blank, notAPicture], zxing);
		expect(reading.codes).toEqual([code]);
		// Node's reader finds no code in the text file; a browser cannot decode it at all (below).
		expect(reading.problems.map((p) => p.name)).toEqual(['blank.png', 'notes.txt']);
		expect(reading.problems[0]!.message).toMatch(/No QR code was found/);
	});

	it('names a file that is no picture, and stops when the reader itself cannot be loaded', async () => {
		const undecodable: QrDetector = {
			detect: () => Promise.reject(new DOMException('Failed to decode', 'InvalidStateError'))
		};
		const notAPicture = new File(['just some text'], 'notes.txt', { type: 'text/plain' });
		const reading = await readPhotos([notAPicture], undecodable);
		expect(reading).toEqual({
			codes: [],
			problems: [
				{ name: 'notes.txt', message: expect.stringMatching(/could not be read as a picture/) }
			]
		});
		const unavailable: QrDetector = { detect: () => Promise.reject(new ReaderUnavailableError()) };
		await expect(readPhotos([notAPicture], unavailable)).rejects.toBeInstanceOf(
			ReaderUnavailableError
		);
	});
});
