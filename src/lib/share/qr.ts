import { encode } from 'uqr';

/**
 * Error correction for codes shown on one screen and scanned by another: M recovers about 15%
 * (glare, a smudge) and keeps the symbol a size a phone camera reads across a desk. A text too
 * long for M (a long assignment's result code) falls back to L, which recovers about 7% and holds
 * a quarter more: a screen shows a clean symbol, and one QR code beats none.
 */
export const QR_ECC = 'M' as const;
export const QR_ECC_FALLBACK = 'L' as const;

export interface Qr {
	/** 1–40: the symbol's size class (version v is 17 + 4v modules a side). */
	version: number;
	/** Which error correction it uses. */
	ecc: typeof QR_ECC | typeof QR_ECC_FALLBACK;
	/** Modules a side, the one-module quiet border included. */
	size: number;
	/** Rows of modules, true for dark. */
	modules: boolean[][];
}

function at(text: string, ecc: Qr['ecc']): Qr | null {
	try {
		const qr = encode(text, { ecc, border: 1 });
		return { version: qr.version, ecc, size: qr.size, modules: qr.data };
	} catch {
		return null;
	}
}

/**
 * A QR code for a link or a result code, drawn on the device (`uqr`): no request leaves it. Null
 * when the text is too long for the largest symbol even at the fallback error correction.
 */
export function qrOf(text: string): Qr | null {
	return at(text, QR_ECC) ?? at(text, QR_ECC_FALLBACK);
}
