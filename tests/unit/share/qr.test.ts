import { describe, expect, it } from 'vitest';
import { qrOf } from '$lib/share/qr';

/** Byte-mode text of `length` characters from the code alphabet, as codes are. */
const codeLike = (length: number) => Array.from({ length }, (_, i) => 'Ab9_-xYz'[i % 8]).join('');

describe('qrOf', () => {
	it('uses error correction M while the text fits', () => {
		const qr = qrOf(codeLike(1_100))!;
		expect(qr.ecc).toBe('M');
		expect(qr.size).toBe(17 + 4 * qr.version + 2);
	});

	it('falls back to L for a text too long for M, so a long result code still gets a QR code', () => {
		// Version 40 holds 2,331 bytes at M and 2,953 at L.
		expect(qrOf(codeLike(2_331))!.ecc).toBe('M');
		const qr = qrOf(codeLike(2_500))!;
		expect(qr.ecc).toBe('L');
		expect(qr.version).toBeGreaterThan(30);
	});

	it('gives none for a text too long for any QR code', () => {
		expect(qrOf(codeLike(2_954))).toBeNull();
	});
});
