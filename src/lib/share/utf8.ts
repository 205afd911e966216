/**
 * UTF-8 to text, strictly. The core's ES library has no `TextDecoder`, and a lenient decoder would
 * turn damaged bytes into U+FFFD and carry on; a code's bytes are either well-formed UTF-8 or
 * damaged, and damaged is an error the caller reports.
 */

/** The text `bytes` encode, or null when they are not well-formed UTF-8 (RFC 3629). */
export function decodeUtf8(bytes: Uint8Array): string | null {
	const parts: string[] = [];
	const units: number[] = [];
	let i = 0;
	while (i < bytes.length) {
		const b0 = bytes[i]!;
		let point: number;
		if (b0 < 0x80) {
			point = b0;
			i += 1;
		} else if (b0 >= 0xc2 && b0 <= 0xdf) {
			const b1 = bytes[i + 1];
			if (!isContinuation(b1)) return null;
			point = ((b0 & 0x1f) << 6) | (b1 & 0x3f);
			i += 2;
		} else if (b0 >= 0xe0 && b0 <= 0xef) {
			const b1 = bytes[i + 1];
			const b2 = bytes[i + 2];
			// E0 needs A0–BF (no overlong forms); ED needs 80–9F (no surrogates).
			const low = b0 === 0xe0 ? 0xa0 : 0x80;
			const high = b0 === 0xed ? 0x9f : 0xbf;
			if (b1 === undefined || b1 < low || b1 > high || !isContinuation(b2)) return null;
			point = ((b0 & 0x0f) << 12) | ((b1 & 0x3f) << 6) | (b2 & 0x3f);
			i += 3;
		} else if (b0 >= 0xf0 && b0 <= 0xf4) {
			const b1 = bytes[i + 1];
			const b2 = bytes[i + 2];
			const b3 = bytes[i + 3];
			// F0 needs 90–BF (no overlong forms); F4 needs 80–8F (nothing past U+10FFFF).
			const low = b0 === 0xf0 ? 0x90 : 0x80;
			const high = b0 === 0xf4 ? 0x8f : 0xbf;
			if (b1 === undefined || b1 < low || b1 > high) return null;
			if (!isContinuation(b2) || !isContinuation(b3)) return null;
			point = ((b0 & 0x07) << 18) | ((b1 & 0x3f) << 12) | ((b2 & 0x3f) << 6) | (b3 & 0x3f);
			i += 4;
		} else {
			return null;
		}
		if (point >= 0x10000) {
			point -= 0x10000;
			units.push(0xd800 + (point >> 10), 0xdc00 + (point & 0x3ff));
		} else {
			units.push(point);
		}
		// In slices, as an argument list has a length limit.
		if (units.length >= 8192) parts.push(String.fromCharCode(...units.splice(0)));
	}
	parts.push(String.fromCharCode(...units));
	return parts.join('');
}

function isContinuation(byte: number | undefined): byte is number {
	return byte !== undefined && byte >= 0x80 && byte <= 0xbf;
}
