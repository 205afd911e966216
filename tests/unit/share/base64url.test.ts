import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBase64url, isBase64url, toBase64url } from '$lib/share/base64url';

describe('base64url', () => {
	it('writes what Node writes, without padding, and reads it back', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
				const text = toBase64url(bytes);
				expect(text).toBe(Buffer.from(bytes).toString('base64url'));
				expect(fromBase64url(text)).toEqual(bytes);
			}),
			{ numRuns: 2_000 }
		);
	});

	it('reads only canonical text: one text for one byte string', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary-ascii', maxLength: 40 }), (text) => {
				const bytes = fromBase64url(text);
				if (bytes) expect(toBase64url(bytes)).toBe(text);
			}),
			{ numRuns: 5_000 }
		);
	});

	it.each([
		['padding', 'AA=='],
		['standard base64', 'a+/b'],
		['a length no bytes have', 'AAAAA'],
		['unused bits set', 'AB'],
		['whitespace', 'AA AA'],
		['a letter outside ASCII', 'AAÅA']
	])('refuses %s', (_, text) => {
		expect(fromBase64url(text)).toBeNull();
	});

	it('knows its alphabet', () => {
		expect(isBase64url('Az09-_')).toBe(true);
		expect(isBase64url('')).toBe(true);
		expect(isBase64url('a.b')).toBe(false);
	});
});
