import { encode } from 'uqr';

/**
 * Error correction for codes shown on one screen and scanned by another: M recovers about 15%
 * (glare, a smudge) and keeps the symbol a size a phone camera reads across a desk.
 */
export const QR_ECC = 'M' as const;

export interface Qr {
	/** 1–40: the symbol's size class (version v is 17 + 4v modules a side). */
	version: number;
	/** Modules a side, the one-module quiet border included. */
	size: number;
	/** Rows of modules, true for dark. */
	modules: boolean[][];
}

/**
 * A QR code for a link or a result code, drawn on the device (`uqr`): no request leaves it. Null
 * when the text is too long for the largest symbol at this error correction.
 */
export function qrOf(text: string): Qr | null {
	try {
		const qr = encode(text, { ecc: QR_ECC, border: 1 });
		return { version: qr.version, size: qr.size, modules: qr.data };
	} catch {
		return null;
	}
}
