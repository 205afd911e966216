import { sha256 } from '@noble/hashes/sha2.js';
import * as v from 'valibot';
import {
	AssignmentIdSchema,
	DigestSchema,
	FingerprintSchema,
	isBase64urlOf,
	listsEachOnce,
	MAX_QUESTIONS,
	MillisSchema,
	PublicKeySchema,
	SharedRefEntries
} from './assignment';
import { fromBase64url, toBase64url } from './base64url';
import {
	codeError,
	decodeCode,
	deflateJson,
	encodeCode,
	inflateJson,
	type CodeResult,
	type CodeVersions
} from './code';

/**
 * A student's result, in two layers. The payload is what the student's device records: the name,
 * every response with its question's fingerprint, the times. It travels sealed: encrypted to the
 * teacher's public key from the assignment (ECDH with a fresh key pair, then AES-GCM), so a
 * classmate who sees the code in a group chat learns only which assignment it is for. The sealing
 * itself is WebCrypto's, at the edge; the core defines the shapes and their bytes.
 *
 * For the edge: encrypt `encodePayload(payload)` with the `iv`, passing the code's
 * `assignmentId` and `keyId` as additional data so the envelope cannot be swapped around a
 * ciphertext; after decrypting, check that the payload's `assignmentId` is the envelope's.
 */

export const RESULT_VERSION = 1;
/** The first byte of a payload: the version of its format, which is sealed with it. */
export const PAYLOAD_VERSION = 1;

export const MAX_NAME_LENGTH = 80;
/** The largest response, as JSON in UTF-8 bytes; a typed answer is a few dozen. */
export const MAX_RESPONSE_BYTES = 2_048;
export const MAX_ANSWERS = MAX_QUESTIONS;
/**
 * The longest ciphertext a sealed result carries, in base64url characters (about 135 KB). It does
 * not compress, so its code is a little longer (about 186,000 characters for random bytes): this
 * keeps it within `MAX_CODE_LENGTH`.
 */
export const MAX_CIPHERTEXT_LENGTH = 180_000;
/** How deep a response may nest; the deepest today, a match's pairs, is 3 levels. */
export const MAX_JSON_DEPTH = 32;
/** AES-GCM's authentication tag, which every ciphertext ends with. */
const TAG_BYTES = 16;
/** The most plaintext a ciphertext of `MAX_CIPHERTEXT_LENGTH` can hold. */
const MAX_SEALED_BYTES = Math.floor((MAX_CIPHERTEXT_LENGTH * 3) / 4) - TAG_BYTES;
/**
 * The largest payload, as UTF-8 JSON: even incompressible, it fits in `MAX_SEALED_BYTES`, so every
 * valid payload can be sealed into a code. Twenty answers take about 4 KB; `MAX_ANSWERS` answers
 * have about 260 bytes each.
 */
export const MAX_PAYLOAD_BYTES = 128 * 1024;

/**
 * The size in bytes of `value` as UTF-8 JSON, if it is plain JSON data (null, booleans, finite
 * numbers, strings, arrays and plain objects, nested at most `depth` deep) of at most
 * `limit` bytes, and Infinity otherwise. An object's keys whose value is undefined are left out, as
 * `JSON.stringify` leaves them out. It stops as soon as the limit or the depth is passed, so a
 * deep or huge value costs little.
 */
export function jsonBytesWithin(value: unknown, limit: number, depth = MAX_JSON_DEPTH): number {
	const size = limit > 0 && depth >= 0 ? jsonBytes(value, limit, depth) : Infinity;
	return size <= limit ? size : Infinity;
}

function jsonBytes(value: unknown, limit: number, depth: number): number {
	if (value === null) return 4;
	switch (typeof value) {
		case 'boolean':
			return value ? 4 : 5;
		case 'number':
			return Number.isFinite(value) ? String(value).length : Infinity;
		case 'string':
			return value.length + 2 > limit ? Infinity : utf8Length(JSON.stringify(value));
		case 'object': {
			let used = 2;
			if (Array.isArray(value)) {
				for (let i = 0; i < value.length && used <= limit; i++) {
					// A hole would be written as null: not the value given.
					if (!(i in value)) return Infinity;
					if (i > 0) used += 1;
					used += jsonBytesWithin(value[i], limit - used, depth - 1);
				}
				return used;
			}
			const proto: unknown = Object.getPrototypeOf(value);
			if (proto !== Object.prototype && proto !== null) return Infinity;
			let entries = 0;
			for (const key of Object.keys(value)) {
				const item = (value as Record<string, unknown>)[key];
				if (item === undefined) continue;
				if (entries++ > 0) used += 1;
				used += jsonBytesWithin(key, limit - used) + 1;
				used += jsonBytesWithin(item, limit - used, depth - 1);
				if (used > limit) return Infinity;
			}
			return used;
		}
		default:
			return Infinity;
	}
}

/** UTF-8 bytes of a well-formed string (as JSON.stringify writes: lone surrogates escaped). */
function utf8Length(text: string): number {
	let bytes = 0;
	for (let i = 0; i < text.length; i++) {
		const unit = text.charCodeAt(i);
		bytes += unit < 0x80 ? 1 : unit < 0x800 ? 2 : unit >= 0xd800 && unit <= 0xdfff ? 2 : 3;
	}
	return bytes;
}

/** The furthest from `startedAt` an answer's time may be, either way: a year, in seconds. */
export const MAX_ANSWER_SECOND = 366 * 24 * 60 * 60;

/**
 * One answer as the student gave it; the teacher's device scores it again. Kept short, as every
 * character lengthens the code and its QR code: the question's story and fingerprint are the
 * link's pins, and its time is counted from the start.
 */
export const ResultAnswerSchema = v.strictObject({
	questionId: SharedRefEntries.questionId,
	/**
	 * The question's fingerprint on the student's device, when it is not the one the link pins;
	 * null if it had none. Left out when it is the pinned one.
	 */
	fingerprint: v.optional(v.nullable(FingerprintSchema)),
	/** Kept as given, and read through `readResponse` when it is scored. */
	response: v.pipe(
		v.unknown(),
		v.check(
			(response) => jsonBytesWithin(response, MAX_RESPONSE_BYTES) <= MAX_RESPONSE_BYTES,
			`must be JSON data of at most ${MAX_RESPONSE_BYTES} bytes`
		)
	),
	dontKnow: v.optional(v.literal(true)),
	/** When it was answered: whole seconds after the payload's `startedAt`, by the student's clock. */
	atSecond: v.pipe(
		v.number(),
		v.safeInteger('must be a whole number'),
		v.minValue(-MAX_ANSWER_SECOND, `must be at least -${MAX_ANSWER_SECOND}`),
		v.maxValue(MAX_ANSWER_SECOND, `must be at most ${MAX_ANSWER_SECOND}`)
	)
});
export type ResultAnswer = v.InferOutput<typeof ResultAnswerSchema>;

/**
 * The result before it is sealed. There is no score: the teacher's device scores the responses
 * itself, and never trusts one a student's device claims. Times are the student's clock, kept as
 * they are (a clock set wrong must not stop a student handing in).
 */
export const ResultPayloadSchema = v.pipe(
	v.strictObject({
		assignmentId: AssignmentIdSchema,
		/** `assignmentDigest` of the assignment as the student's device read it from the link. */
		assignmentDigest: DigestSchema,
		/** The name or class id the student typed: any text, always shown as text. */
		name: v.pipe(
			v.string(),
			v.maxLength(MAX_NAME_LENGTH, `must be at most ${MAX_NAME_LENGTH} characters`),
			v.check((name) => name.trim() !== '', 'must not be empty')
		),
		attempt: v.pipe(
			v.number(),
			v.safeInteger('must be a whole number'),
			v.minValue(1, 'must be at least 1')
		),
		startedAt: MillisSchema,
		finishedAt: MillisSchema,
		late: v.boolean(),
		timedOut: v.boolean(),
		/**
		 * The ids of the questions the student was given, in the order asked: with a fresh draw
		 * for each student, the teacher learns from this which were asked and left unanswered.
		 */
		asked: v.pipe(
			v.array(SharedRefEntries.questionId),
			v.maxLength(MAX_ANSWERS, `must list at most ${MAX_ANSWERS} questions`),
			v.check((ids) => new Set(ids).size === ids.length, 'must not list a question twice')
		),
		answers: v.pipe(
			v.array(ResultAnswerSchema),
			v.maxLength(MAX_ANSWERS, `must hold at most ${MAX_ANSWERS} answers`),
			v.check((answers) => listsEachOnce(answers), 'must not answer a question twice')
		)
	}),
	v.check(
		(payload) => payload.answers.every((a) => payload.asked.includes(a.questionId)),
		'must answer only questions it was asked'
	),
	v.check(
		// Deep enough for any answer's response (payload › answers › answer › response).
		(payload) =>
			jsonBytesWithin(payload, MAX_PAYLOAD_BYTES, MAX_JSON_DEPTH + 3) <= MAX_PAYLOAD_BYTES,
		`must be at most ${MAX_PAYLOAD_BYTES} bytes of JSON in all`
	)
);
export type ResultPayload = v.InferOutput<typeof ResultPayloadSchema>;

/** A result as it travels: which assignment, for which teacher's key, and the sealed payload. */
export const SealedResultSchema = v.strictObject({
	assignmentId: AssignmentIdSchema,
	/** `keyIdOf` the teacher's key: tells a code for another teacher without decrypting. */
	keyId: v.pipe(
		v.string(),
		v.length(11, 'must be 11 characters'),
		v.check((text) => isBase64urlOf(text, 8), 'must be 8 bytes in base64url')
	),
	/** The public half of the key pair the student's device made for this result alone. */
	ephemeralKey: PublicKeySchema,
	iv: v.pipe(
		v.string(),
		v.length(16, 'must be 16 characters'),
		v.check((text) => isBase64urlOf(text, 12), 'must be 12 bytes in base64url')
	),
	ciphertext: v.pipe(
		v.string(),
		v.maxLength(MAX_CIPHERTEXT_LENGTH, `must be at most ${MAX_CIPHERTEXT_LENGTH} characters`),
		v.check(
			(text) => (fromBase64url(text)?.length ?? 0) > TAG_BYTES,
			'must be AES-GCM ciphertext in base64url'
		)
	)
});
export type SealedResult = v.InferOutput<typeof SealedResultSchema>;

const VERSIONS: CodeVersions<SealedResult> = { [RESULT_VERSION]: SealedResultSchema };
const PAYLOAD_VERSIONS: CodeVersions<ResultPayload> = { [PAYLOAD_VERSION]: ResultPayloadSchema };

/**
 * Which teacher key a result is for: the first 8 bytes of the SHA-256 of the key's 65 bytes, in
 * base64url. Throws if `teacherKey` is not base64url.
 */
export function keyIdOf(teacherKey: string): string {
	const key = fromBase64url(teacherKey);
	if (!key) throw new TypeError('keyIdOf takes a public key in base64url.');
	return toBase64url(sha256(key).subarray(0, 8));
}

/** The result code. Throws if `sealed` does not pass `SealedResultSchema`. */
export function encodeResult(sealed: SealedResult): string {
	return encodeCode('result', RESULT_VERSION, v.parse(SealedResultSchema, sealed));
}

/** A result code read back, still sealed. Never throws. */
export function decodeResult(text: string): CodeResult<SealedResult> {
	return decodeCode(text, 'result', VERSIONS);
}

/** The sealed result, if it is for the teacher whose key has `teacherKeyId`. */
export function forTeacher(sealed: SealedResult, teacherKeyId: string): CodeResult<SealedResult> {
	return sealed.keyId === teacherKeyId
		? { ok: true, value: sealed }
		: { ok: false, error: codeError('result', 'other-teacher') };
}

/**
 * The plaintext the edge encrypts: the payload's version byte, then its JSON in UTF-8, raw
 * DEFLATE. Compressed before it is sealed, as ciphertext does not compress: it keeps a result
 * code short enough for a QR code. Throws if `payload` does not pass `ResultPayloadSchema`.
 */
export function encodePayload(payload: ResultPayload): Uint8Array {
	const deflated = deflateJson(v.parse(ResultPayloadSchema, payload));
	const bytes = new Uint8Array(deflated.length + 1);
	bytes[0] = PAYLOAD_VERSION;
	bytes.set(deflated, 1);
	return bytes;
}

/** The payload from decrypted bytes, with the limits and errors of a code. Never throws. */
export function decodePayload(bytes: Uint8Array): CodeResult<ResultPayload> {
	try {
		if (!(bytes instanceof Uint8Array) || bytes.length === 0)
			return { ok: false, error: codeError('result', 'corrupt') };
		if (bytes.length > MAX_SEALED_BYTES)
			return { ok: false, error: codeError('result', 'too-large', 'data') };
		const version = bytes[0]!;
		if (version > PAYLOAD_VERSION)
			return { ok: false, error: codeError('result', 'newer-version') };
		const schema = PAYLOAD_VERSIONS[version];
		if (!schema) return { ok: false, error: codeError('result', 'unknown-version') };
		return inflateJson(bytes.subarray(1), 'result', schema, MAX_PAYLOAD_BYTES);
	} catch {
		return { ok: false, error: codeError('result', 'corrupt') };
	}
}

/**
 * A result as the teacher's device keeps it once opened: its payload, validated, under the id
 * that makes the same submission pasted twice one record (`resultId`), and when it came in.
 */
export const ReceivedResultSchema = v.object({
	id: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
	payload: ResultPayloadSchema,
	receivedAt: MillisSchema
});
export type ReceivedResult = v.InferOutput<typeof ReceivedResultSchema>;
