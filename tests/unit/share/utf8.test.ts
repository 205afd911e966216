import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeUtf8 } from '$lib/share/utf8';

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** What the platform's strict decoder makes of the bytes, or null where it refuses them. */
function platform(bytes: Uint8Array): string | null {
	try {
		return strict.decode(bytes);
	} catch {
		return null;
	}
}

describe('decodeUtf8', () => {
	it('reads back any text, astral characters and BOM included', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
				expect(decodeUtf8(new TextEncoder().encode(text))).toBe(text);
			}),
			{ numRuns: 2_000 }
		);
		expect(decodeUtf8(new TextEncoder().encode('\uFEFFé👩‍👩‍👧‍👦'))).toBe('\uFEFFé👩‍👩‍👧‍👦');
	});

	it('agrees with the platform’s strict decoder on any bytes', () => {
		const utf8ish = fc.uint8Array({ maxLength: 12 }).map((b) => b.map((x) => x | 0x80));
		fc.assert(
			fc.property(fc.oneof(fc.uint8Array({ maxLength: 40 }), utf8ish), (bytes) => {
				expect(decodeUtf8(bytes)).toBe(platform(bytes));
			}),
			{ numRuns: 10_000 }
		);
	});

	it.each([
		['an overlong slash', [0xc0, 0xaf]],
		['an overlong three-byte form', [0xe0, 0x80, 0xaf]],
		['a surrogate', [0xed, 0xa0, 0x80]],
		['a code point past U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
		['a sequence cut short', [0xe2, 0x82]],
		['a lone continuation byte', [0x80]]
	])('refuses %s', (_, bytes) => {
		expect(decodeUtf8(Uint8Array.from(bytes))).toBeNull();
	});

	it('reads long text in one piece', () => {
		const text = 'é'.repeat(50_000) + '😀'.repeat(10_000);
		expect(decodeUtf8(new TextEncoder().encode(text))).toBe(text);
	});
});
