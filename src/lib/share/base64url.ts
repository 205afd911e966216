/**
 * Base64url (RFC 4648 §5) without padding: the alphabet of every Byline code, safe unescaped in a
 * URL's fragment, a chat message and a QR code. Written here because the core's ES library has no
 * `btoa`, and because a decoder of outside data must be strict: one text, one byte string.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUES = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUES[ALPHABET.charCodeAt(i)] = i;

/** Whether every character of `text` is in the base64url alphabet. */
export function isBase64url(text: string): boolean {
	return /^[A-Za-z0-9_-]*$/.test(text);
}

export function toBase64url(bytes: Uint8Array): string {
	const out: string[] = [];
	let i = 0;
	for (; i + 2 < bytes.length; i += 3) {
		const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
		out.push(
			ALPHABET[n >> 18]!,
			ALPHABET[(n >> 12) & 63]!,
			ALPHABET[(n >> 6) & 63]!,
			ALPHABET[n & 63]!
		);
	}
	const left = bytes.length - i;
	if (left === 1) {
		const n = bytes[i]! << 16;
		out.push(ALPHABET[n >> 18]!, ALPHABET[(n >> 12) & 63]!);
	} else if (left === 2) {
		const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
		out.push(ALPHABET[n >> 18]!, ALPHABET[(n >> 12) & 63]!, ALPHABET[(n >> 6) & 63]!);
	}
	return out.join('');
}

/**
 * The bytes `text` spells, or null when it is not canonical base64url: a character outside the
 * alphabet, padding, a length no byte string has (4n + 1), or unused bits at the end that are not
 * zero (so no two texts decode to the same bytes).
 */
export function fromBase64url(text: string): Uint8Array | null {
	if (text.length % 4 === 1) return null;
	const out = new Uint8Array(Math.floor((text.length * 3) / 4));
	let buffer = 0;
	let bits = 0;
	let o = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		const value = c < 128 ? VALUES[c]! : -1;
		if (value < 0) return null;
		buffer = (buffer << 6) | value;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[o++] = (buffer >> bits) & 255;
			buffer &= (1 << bits) - 1;
		}
	}
	return buffer === 0 ? out : null;
}
