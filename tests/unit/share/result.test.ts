import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import fc from 'fast-check';
import { deflateSync } from 'fflate';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { fromBase64url, toBase64url } from '$lib/share/base64url';
import { MAX_CODE_LENGTH, type CodeResult } from '$lib/share/code';
import {
	decodePayload,
	decodeResult,
	encodePayload,
	encodeResult,
	forTeacher,
	jsonBytesWithin,
	keyIdOf,
	MAX_CIPHERTEXT_LENGTH,
	MAX_PAYLOAD_BYTES,
	MAX_RESPONSE_BYTES,
	PAYLOAD_VERSION,
	RESULT_VERSION,
	ResultPayloadSchema,
	SealedResultSchema,
	type ResultAnswer,
	type ResultPayload,
	type SealedResult
} from '$lib/share/result';
import {
	bomb,
	HOSTILE,
	largestPayload,
	largestSealed,
	payload,
	randomBytes,
	sealed,
	seededRandom,
	TEACHER_KEY
} from './factory';

function reasonOf(result: CodeResult<unknown>): string {
	return result.ok ? 'ok' : result.error.reason;
}

function problemOf(result: CodeResult<unknown>): string {
	if (result.ok) throw new Error('expected an error');
	return `${result.error.reason}: ${result.error.message}`;
}

function samplePayload(overrides: Partial<ResultPayload> = {}): ResultPayload {
	return {
		assignmentId: 'asg_0123456789',
		assignmentDigest: 'AbCd-_12',
		asked: ['tst-dates-exile-years', 'tst-quotes-hasty', 'tst-actors-unanswered'],
		name: 'Zoë Ünal (9B)',
		attempt: 1,
		startedAt: 1_700_000_000_000,
		finishedAt: 1_700_000_600_000,
		late: false,
		timedOut: false,
		answers: [
			{
				questionId: 'tst-dates-exile-years',
				response: { value: 2013 },
				atSecond: 100
			},
			{
				questionId: 'tst-quotes-hasty',
				fingerprint: null,
				response: { choice: null },
				dontKnow: true,
				atSecond: 200
			}
		],
		...overrides
	};
}

/** A sealed result as the edge would make it, with random bytes standing in for the ciphertext. */
function sealFor(bytes: Uint8Array, seed = 1): SealedResult {
	const random = seededRandom(seed);
	return {
		assignmentId: 'asg_0123456789',
		keyId: keyIdOf(TEACHER_KEY),
		ephemeralKey: toBase64url(Uint8Array.of(4, ...randomBytes(random, 64))),
		iv: toBase64url(randomBytes(random, 12)),
		ciphertext: toBase64url(randomBytes(random, bytes.length + 16))
	};
}

const withVersion = (version: number, bytes: Uint8Array) => Uint8Array.of(version, ...bytes);

describe('the payload', () => {
	it('round-trips any valid payload exactly', () => {
		fc.assert(
			fc.property(payload, (p) => {
				expect(v.is(ResultPayloadSchema, p)).toBe(true);
				const bytes = encodePayload(p);
				expect(bytes[0]).toBe(PAYLOAD_VERSION);
				expect(decodePayload(bytes)).toStrictEqual({ ok: true, value: p });
			}),
			{ numRuns: 300 }
		);
	});

	it('round-trips the largest payload, and its sealed code fits', () => {
		const largest = largestPayload();
		expect(v.is(ResultPayloadSchema, largest)).toBe(true);
		expect(JSON.stringify(largest).length).toBeGreaterThan(MAX_PAYLOAD_BYTES * 0.99);
		const bytes = encodePayload(largest);
		expect(decodePayload(bytes)).toStrictEqual({ ok: true, value: largest });
		const code = encodeResult(sealFor(bytes));
		expect(code.length).toBeLessThanOrEqual(MAX_CODE_LENGTH);
		expect(reasonOf(decodeResult(code))).toBe('ok');
	});

	it('leaves room for the whole limit of incompressible JSON in the longest ciphertext', () => {
		const worst = deflateSync(randomBytes(seededRandom(3), MAX_PAYLOAD_BYTES), { level: 9 });
		const sealedBytes = 1 + worst.length + 16;
		expect(sealedBytes).toBeLessThanOrEqual((MAX_CIPHERTEXT_LENGTH / 4) * 3);
	});

	it('refuses a payload past the whole limit, which could not be sealed into a code', () => {
		const tooLarge = largestPayload(100);
		expect(
			problemOf(decodePayload(withVersion(1, deflateSync(utf8ToBytes(JSON.stringify(tooLarge))))))
		).toBe(
			'too-large: This result code holds far more data than any result, so Byline did not open it. Ask the student to copy the whole code and send it again.'
		);
		const issues = v.safeParse(ResultPayloadSchema, tooLarge).issues;
		expect(issues?.[0]?.message).toBe(`must be at most ${MAX_PAYLOAD_BYTES} bytes of JSON in all`);
	});

	it('keeps a hostile name as the same text', () => {
		for (const name of HOSTILE.filter((n) => n.trim() !== '')) {
			const p = samplePayload({ name });
			expect(decodePayload(encodePayload(p))).toStrictEqual({ ok: true, value: p });
		}
	});

	it('bounds the name', () => {
		const valid = (name: string) => v.is(ResultPayloadSchema, samplePayload({ name }));
		expect(valid('x'.repeat(80))).toBe(true);
		expect(valid('👩‍👩‍👧‍👦')).toBe(true);
		expect(valid('x'.repeat(81))).toBe(false);
		expect(valid('')).toBe(false);
		expect(valid(' \n\t')).toBe(false);
	});

	it('takes any JSON response of at most 2 KB, and nothing else', () => {
		const withResponse = (response: unknown) => {
			const p = samplePayload();
			return v.is(ResultPayloadSchema, {
				...p,
				answers: [{ ...p.answers[0]!, response }]
			});
		};
		const fits = { text: 'é'.repeat(Math.floor((MAX_RESPONSE_BYTES - 11) / 2)) };
		expect(utf8ToBytes(JSON.stringify(fits)).length).toBe(MAX_RESPONSE_BYTES - 1);
		expect(withResponse(fits)).toBe(true);
		expect(withResponse({ text: `${fits.text}é` })).toBe(false);
		expect(withResponse(null)).toBe(true);
		expect(withResponse({ a: undefined, b: 1 })).toBe(true);
		let deep: unknown = 1;
		for (let i = 0; i < 40; i++) deep = [deep];
		const holey = new Array<number>(2);
		holey[1] = 1;
		for (const bad of [undefined, NaN, Infinity, new Date(0), () => 1, [undefined], deep, holey])
			expect(withResponse(bad), String(bad)).toBe(false);
		const p = samplePayload();
		const withoutResponse: Partial<ResultAnswer> = { ...p.answers[0]! };
		delete withoutResponse.response;
		expect(v.is(ResultPayloadSchema, { ...p, answers: [withoutResponse] })).toBe(false);
	});

	it('measures JSON as JSON.stringify writes it, in UTF-8', () => {
		fc.assert(
			fc.property(fc.jsonValue({ maxDepth: 5 }), fc.string({ unit: 'binary' }), (value, text) => {
				for (const x of [value, text, `\uD800${text}`]) {
					const size = utf8ToBytes(JSON.stringify(x)).length;
					expect(jsonBytesWithin(x, 1_000_000, 100)).toBe(size);
					expect(jsonBytesWithin(x, size - 1, 100)).toBe(Infinity);
				}
			}),
			{ numRuns: 1_000 }
		);
	});

	it('says what is wrong with bytes that are not a payload', () => {
		const json = utf8ToBytes(JSON.stringify(samplePayload()));
		expect(reasonOf(decodePayload(new Uint8Array(0)))).toBe('corrupt');
		expect(reasonOf(decodePayload(withVersion(0, deflateSync(json))))).toBe('unknown-version');
		expect(problemOf(decodePayload(withVersion(2, deflateSync(json))))).toBe(
			'newer-version: This result code was made by a newer version of Byline. Update the app (reload it while online), then try again.'
		);
		expect(reasonOf(decodePayload(withVersion(1, json)))).toBe('corrupt');
		expect(reasonOf(decodePayload(withVersion(1, deflateSync(utf8ToBytes('{"name":')))))).toBe(
			'corrupt'
		);
		expect(reasonOf(decodePayload(withVersion(1, bomb(16))))).toBe('too-large');
		expect(reasonOf(decodePayload(new Uint8Array(200_000)))).toBe('too-large');
		const late = JSON.stringify({ ...samplePayload(), late: 'yes' });
		expect(problemOf(decodePayload(withVersion(1, deflateSync(utf8ToBytes(late)))))).toBe(
			'invalid: This result code does not hold a valid result (late: should be boolean). Ask the student to copy the whole code and send it again.'
		);
		expect(reasonOf(decodePayload('not bytes' as unknown as Uint8Array))).toBe('corrupt');
	});
});

describe('the sealed result', () => {
	it('round-trips any valid sealed result exactly through its code', () => {
		fc.assert(
			fc.property(sealed, (s) => {
				expect(v.is(SealedResultSchema, s)).toBe(true);
				const code = encodeResult(s);
				expect(code).toMatch(new RegExp(`^BR${RESULT_VERSION}\\.`));
				expect(decodeResult(code)).toStrictEqual({ ok: true, value: s });
			}),
			{ numRuns: 300 }
		);
	});

	it('round-trips the longest ciphertext within the longest code', () => {
		const largest = largestSealed();
		expect(largest.ciphertext).toHaveLength(MAX_CIPHERTEXT_LENGTH);
		const code = encodeResult(largest);
		expect(code.length).toBeLessThanOrEqual(MAX_CODE_LENGTH);
		expect(decodeResult(code)).toStrictEqual({ ok: true, value: largest });
	});

	it('refuses fields of the wrong size', () => {
		const s = sealFor(new Uint8Array(100));
		const bad: [string, Partial<Record<keyof SealedResult, unknown>>][] = [
			['a key id of 7 bytes', { keyId: toBase64url(new Uint8Array(7)) }],
			['a key id of 9 bytes', { keyId: toBase64url(new Uint8Array(9)) }],
			['an iv of 16 bytes', { iv: toBase64url(new Uint8Array(16)) }],
			['a ciphertext no longer than its tag', { ciphertext: toBase64url(new Uint8Array(16)) }],
			['a ciphertext too long', { ciphertext: 'A'.repeat(MAX_CIPHERTEXT_LENGTH + 4) }],
			['a ciphertext in standard base64', { ciphertext: `${s.ciphertext.slice(0, -4)}a+/b` }],
			['an ephemeral key without 0x04', { ephemeralKey: `A${s.ephemeralKey.slice(1)}` }],
			['an assignment id too short', { assignmentId: 'abc' }]
		];
		expect(v.is(SealedResultSchema, s)).toBe(true);
		for (const [name, overrides] of bad)
			expect(v.is(SealedResultSchema, { ...s, ...overrides }), name).toBe(false);
		expect(v.is(SealedResultSchema, { ...s, score: 1 })).toBe(false);
	});
});

describe('keyIdOf and forTeacher', () => {
	it('names a key by the first 8 bytes of its SHA-256', () => {
		const id = keyIdOf(TEACHER_KEY);
		expect(id).toHaveLength(11);
		expect(fromBase64url(id)).toEqual(sha256(fromBase64url(TEACHER_KEY)!).subarray(0, 8));
		const other = toBase64url(Uint8Array.of(4, ...new Uint8Array(64)));
		expect(keyIdOf(other)).not.toBe(id);
		expect(() => keyIdOf('not base64url!')).toThrow(TypeError);
	});

	it('passes a result for this teacher and names one for another', () => {
		const s = sealFor(encodePayload(samplePayload()));
		expect(forTeacher(s, keyIdOf(TEACHER_KEY))).toEqual({ ok: true, value: s });
		const other = keyIdOf(toBase64url(Uint8Array.of(4, ...new Uint8Array(64))));
		expect(problemOf(forTeacher(s, other))).toBe(
			'other-teacher: This result code is for another teacher’s assignment, or for one made on another device. Open it in Byline on the device that made the assignment.'
		);
	});
});
