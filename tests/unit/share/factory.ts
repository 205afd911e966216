/**
 * Generators and builders for the share tests: valid assignments, payloads and sealed results,
 * with hostile and unusual text, and the largest of each that the schemas allow.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import fc from 'fast-check';
import { deflateSync } from 'fflate';
import type { Category } from '$lib/content/categories';
import { seededRandom } from '$lib/quiz/random';
import { STORY_ID } from '../../fixtures/content/fixture';
import { NOW } from '../quiz/factory';
import {
	assignmentDigest,
	MAX_ID_LENGTH,
	MAX_INSTRUCTIONS_LENGTH,
	MAX_QUESTIONS,
	MAX_TITLE_LENGTH,
	type Assignment,
	type PinnedQuestion
} from '$lib/share/assignment';
import { toBase64url } from '$lib/share/base64url';
import {
	MAX_ANSWERS,
	MAX_CIPHERTEXT_LENGTH,
	MAX_NAME_LENGTH,
	MAX_PAYLOAD_BYTES,
	MAX_ANSWER_SECOND,
	MAX_RESPONSE_BYTES,
	type ResultAnswer,
	type ResultPayload,
	type SealedResult
} from '$lib/share/result';

/** `fc.record` with Object's prototype always, as JSON gives objects back. */
const record: typeof fc.record = (model, constraints) =>
	fc.record(model, { ...constraints, noNullPrototype: true });

/** Text a name or title might hold that must come back as the same text, never as markup. */
export const HOSTILE = [
	'<script>alert("x")</script>',
	'<img src=x onerror=alert(1)>',
	'"; DROP TABLE results; --',
	'=HYPERLINK("http://evil.example","click")',
	'مرحبا بالعالم',
	'\u202Egnp.exe',
	'שלום עולם 123',
	'👩‍👩‍👧‍👦 🏳️‍🌈 🇦🇱',
	'Zoë Ünal-Çelik',
	'日本語の名前',
	'\u0000\u0001\u001f\u007f',
	'a\u200Bb\u200Dc\uFEFF',
	'\uD800 lone high',
	'lone low \uDFFF',
	'__proto__',
	'constructor',
	'line\nbreak\r\ttab',
	'\\u0041 "quoted" \\'
];

/** Any text of at most `max` UTF-16 units, hostile and unusual text weighted in. */
export function text(max: number, min = 0): fc.Arbitrary<string> {
	return fc
		.oneof(
			{ weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: max }) },
			{ weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: max }) },
			{ weight: 2, arbitrary: fc.constantFrom(...HOSTILE) },
			{ weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: max }) }
		)
		.map((s) => s.slice(0, max))
		.filter((s) => s.length >= min);
}

/** Text with something besides whitespace in it: a name or a title. */
export const filled = (max: number) => text(max, 1).filter((s) => s.trim() !== '');

export const contentId = fc
	.stringMatching(/^[a-z0-9]+(-[a-z0-9]+)*$/)
	.filter((id) => id.length <= MAX_ID_LENGTH);
export const millis = fc.maxSafeNat();
export const bytes = (length: number) => fc.uint8Array({ minLength: length, maxLength: length });
export const base64urlOf = (length: number) => bytes(length).map(toBase64url);
export const fingerprint = bytes(8).map(bytesToHex);
export const assignmentId = fc.stringMatching(/^[A-Za-z0-9_-]{10,32}$/);
/** An uncompressed P-256 point's shape: 0x04 and 64 bytes (on the curve or not: WebCrypto's job). */
export const publicKey = bytes(64).map((xy) => toBase64url(Uint8Array.of(4, ...xy)));

export const pinnedQuestion: fc.Arbitrary<PinnedQuestion> = record({
	storyId: contentId,
	questionId: contentId,
	fingerprint
});

const drawCount = fc.integer({ min: 1, max: MAX_QUESTIONS });
const perCategory = record(
	{
		dates: drawCount,
		actors: drawCount,
		quotes: drawCount,
		sources: drawCount
	} satisfies Record<Category, fc.Arbitrary<number>>,
	{ requiredKeys: [] }
).filter((counts) => Object.keys(counts).length > 0);

const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });

export const assignment: fc.Arbitrary<Assignment> = record({
	id: assignmentId,
	title: filled(MAX_TITLE_LENGTH),
	instructions: text(MAX_INSTRUCTIONS_LENGTH),
	createdAt: millis,
	questions: fc.uniqueArray(pinnedQuestion, {
		minLength: 1,
		maxLength: MAX_QUESTIONS,
		selector: (q) => q.questionId
	}),
	pick: fc.oneof(
		fc.constant({ kind: 'all' as const }),
		record({ kind: fc.constant('random' as const), perCategory, same: fc.boolean() })
	),
	order: fc.constantFrom('shuffled' as const, 'fixed' as const),
	timeLimitMinutes: nullable(fc.integer({ min: 1, max: 600 })),
	attemptsAllowed: nullable(fc.integer({ min: 1, max: 20 })),
	due: nullable(millis),
	feedback: fc.constantFrom('each' as const, 'end' as const, 'released' as const),
	teacherKey: publicKey,
	released: fc.option(fc.constant(true as const), { nil: undefined })
}).map(({ released, ...rest }) => (released ? { ...rest, released } : rest));

/** As JSON gives it back: -0 is 0, objects have Object's prototype. */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
const jsonSize = (value: unknown) => utf8ToBytes(JSON.stringify(value)).length;

/** Responses of every question type's shape, and any JSON within the size limit. */
export const response: fc.Arbitrary<unknown> = fc
	.oneof(
		record({ choice: nullable(text(40)) }),
		record({ choices: fc.array(text(40), { maxLength: 6 }) }),
		record({ value: nullable(fc.boolean()) }),
		record({ value: nullable(fc.double({ noNaN: true, noDefaultInfinity: true })) }),
		record({
			year: nullable(fc.integer({ min: -5000, max: 5000 })),
			month: nullable(fc.integer({ min: 1, max: 12 })),
			day: nullable(fc.integer({ min: 1, max: 31 }))
		}),
		record({ order: fc.array(text(40), { maxLength: 6 }) }),
		record({
			matches: fc.array(record({ left: text(30), right: nullable(text(30)) }), {
				maxLength: 6
			})
		}),
		record({ text: text(200) }),
		record({ sources: nullable(fc.array(contentId, { maxLength: 3 })) }),
		fc.jsonValue({ maxDepth: 4 })
	)
	.map(asJson)
	.filter((r) => jsonSize(r) <= MAX_RESPONSE_BYTES);

export const resultAnswer: fc.Arbitrary<ResultAnswer> = record(
	{
		questionId: contentId,
		fingerprint: nullable(fingerprint),
		response,
		dontKnow: fc.constant(true as const),
		atSecond: fc.integer({ min: -MAX_ANSWER_SECOND, max: MAX_ANSWER_SECOND })
	},
	{ requiredKeys: ['questionId', 'response', 'atSecond'] }
);

export const payload: fc.Arbitrary<ResultPayload> = record({
	assignmentId,
	assignmentDigest: base64urlOf(6),
	name: filled(MAX_NAME_LENGTH),
	attempt: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
	startedAt: millis,
	finishedAt: millis,
	late: fc.boolean(),
	timedOut: fc.boolean(),
	answers: fc.uniqueArray(resultAnswer, { maxLength: 40, selector: (a) => a.questionId }),
	unanswered: fc.uniqueArray(contentId, { maxLength: 10 })
}).map(({ unanswered, ...rest }) => ({
	...rest,
	asked: [...new Set([...rest.answers.map((a) => a.questionId), ...unanswered])]
}));

export const sealed: fc.Arbitrary<SealedResult> = record({
	assignmentId,
	keyId: base64urlOf(8),
	ephemeralKey: publicKey,
	iv: base64urlOf(12),
	ciphertext: fc.uint8Array({ minLength: 17, maxLength: 3000 }).map(toBase64url)
});

// --- examples ----------------------------------------------------------------------------------

/** A key of the right shape (0x04 and 64 bytes). */
export const TEACHER_KEY = toBase64url(Uint8Array.from({ length: 65 }, (_, i) => (i ? i * 3 : 4)));

/** A small valid assignment; tests change one field at a time. */
export function sampleAssignment(overrides: Partial<Assignment> = {}): Assignment {
	return {
		id: 'asg_0123456789',
		title: 'Albania and Iran: who said what',
		instructions: 'Answer on your own. You may read the sources.',
		createdAt: 1_700_000_000_000,
		questions: [
			{ storyId: STORY_ID, questionId: 'tst-dates-exile-years', fingerprint: '0123456789abcdef' },
			{ storyId: STORY_ID, questionId: 'tst-quotes-hasty', fingerprint: 'fedcba9876543210' }
		],
		pick: { kind: 'all' },
		order: 'shuffled',
		timeLimitMinutes: 20,
		attemptsAllowed: 2,
		due: 1_700_600_000_000,
		feedback: 'end',
		teacherKey: TEACHER_KEY,
		...overrides
	};
}

// --- the largest of each, as hard to compress as the schemas allow ---------------------------------

/** Seeded, so the largest cases are the same on every run. */
function randomText(random: () => number, length: number, alphabet: string): string {
	let out = '';
	for (let i = 0; i < length; i++) out += alphabet[Math.floor(random() * alphabet.length)];
	return out;
}

function randomBytes(random: () => number, length: number): Uint8Array {
	return Uint8Array.from({ length }, () => Math.floor(random() * 256));
}

/** Astral characters: two UTF-16 units and four UTF-8 bytes each, spread over many code points. */
function astralText(random: () => number, units: number): string {
	let out = '';
	while (out.length + 2 <= units)
		out += String.fromCodePoint(0x10000 + Math.floor(random() * 0xf0000));
	return out;
}

const ID_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** The `i`th of many questions, with random ids of `idLength` characters. */
function pinnedAt(random: () => number, i: number, idLength = MAX_ID_LENGTH): PinnedQuestion {
	const id = () => randomText(random, idLength - 4, ID_CHARS) + String(i).padStart(4, '0');
	return { storyId: id(), questionId: id(), fingerprint: bytesToHex(randomBytes(random, 8)) };
}

/**
 * A valid result for `assignment` under `name`: one attempt, a minute long from `NOW`, on time,
 * with nothing asked or answered unless `fields` says so.
 */
export function samplePayload(
	assignment: Assignment,
	name: string,
	fields: Partial<ResultPayload> = {}
): ResultPayload {
	return {
		assignmentId: assignment.id,
		assignmentDigest: assignmentDigest(assignment),
		name,
		attempt: 1,
		startedAt: NOW,
		finishedAt: NOW + 60_000,
		late: false,
		timedOut: false,
		asked: [],
		answers: [],
		...fields
	};
}

export function largestAssignment(seed = 1): Assignment {
	const random = seededRandom(seed);
	return {
		id: randomText(random, 32, `${ID_CHARS}ABCDEFGHIJKLMNOPQRSTUVWXYZ_-`),
		title: astralText(random, MAX_TITLE_LENGTH),
		instructions: astralText(random, MAX_INSTRUCTIONS_LENGTH),
		createdAt: Number.MAX_SAFE_INTEGER,
		questions: Array.from({ length: MAX_QUESTIONS }, (_, i) => pinnedAt(random, i)),
		pick: {
			kind: 'random',
			perCategory: { dates: 500, actors: 500, quotes: 500, sources: 500 },
			same: true
		},
		order: 'shuffled',
		timeLimitMinutes: 600,
		attemptsAllowed: 20,
		due: Number.MAX_SAFE_INTEGER,
		feedback: 'released',
		teacherKey: toBase64url(Uint8Array.of(4, ...randomBytes(random, 64)))
	};
}

/**
 * A payload of `MAX_ANSWERS` answers, with ids of `idLength` characters and random text responses
 * as long as the whole payload's limit lets them be: as large, and as hard to compress, as a
 * payload can be. With the longest ids, the answers alone pass the limit.
 */
export function largestPayload(idLength = 30, seed = 1): ResultPayload {
	const random = seededRandom(seed);
	const answers: ResultAnswer[] = Array.from({ length: MAX_ANSWERS }, (_, i) => {
		const { questionId, fingerprint } = pinnedAt(random, i, idLength);
		return { questionId, fingerprint, response: { text: '' }, atSecond: -MAX_ANSWER_SECOND };
	});
	const payload: ResultPayload = {
		assignmentId: 'a'.repeat(32),
		assignmentDigest: 'A'.repeat(8),
		asked: answers.map((a) => a.questionId),
		name: astralText(random, MAX_NAME_LENGTH),
		attempt: Number.MAX_SAFE_INTEGER,
		startedAt: Number.MAX_SAFE_INTEGER,
		finishedAt: Number.MAX_SAFE_INTEGER,
		late: true,
		timedOut: true,
		answers
	};
	// Share what is left of the limit among the responses.
	const each = Math.floor((MAX_PAYLOAD_BYTES - jsonSize(payload)) / MAX_ANSWERS);
	const chars = `${ID_CHARS}ABCDEFGHIJKLMNOPQRSTUVWXYZ+/`;
	if (each > 0)
		for (const answer of answers) answer.response = { text: randomText(random, each, chars) };
	return payload;
}

export function largestSealed(seed = 1): SealedResult {
	const random = seededRandom(seed);
	return {
		assignmentId: 'a'.repeat(32),
		keyId: toBase64url(randomBytes(random, 8)),
		ephemeralKey: toBase64url(Uint8Array.of(4, ...randomBytes(random, 64))),
		iv: toBase64url(randomBytes(random, 12)),
		ciphertext: toBase64url(randomBytes(random, (MAX_CIPHERTEXT_LENGTH / 4) * 3))
	};
}

// --- codes built by hand, to reach every branch of a decoder --------------------------------------

/** The check of a code's body, as the format defines it: 6 bytes of SHA-256, in base64url. */
export function checkOf(body: string): string {
	return toBase64url(sha256(utf8ToBytes(body)).subarray(0, 6));
}

/** A code with a correct check around any header and payload text. */
export function seal(header: string, payload: string): string {
	const body = `${header}.${payload}`;
	return `${body}.${checkOf(body)}`;
}

/** A payload's text for any bytes, deflated as a code's are. */
export function deflatedText(bytes: Uint8Array): string {
	return toBase64url(deflateSync(bytes, { level: 9 }));
}

/** A code with a correct check whose payload is `json` (any text, JSON or not). */
export function sealJson(header: string, json: string): string {
	return seal(header, deflatedText(utf8ToBytes(json)));
}

/**
 * A zip bomb: a few kilobytes that inflate to `megabytes` of a JSON string, far past the limit.
 * Made once per size, as deflating many megabytes takes a moment.
 */
const bombs = new Map<number, Uint8Array>();
export function bomb(megabytes = 16): Uint8Array {
	let made = bombs.get(megabytes);
	if (!made) {
		const inner = new Uint8Array(megabytes * 1024 * 1024).fill(0x61);
		inner.set(utf8ToBytes('{"title":"'));
		made = deflateSync(inner, { level: 9 });
		bombs.set(megabytes, made);
	}
	return made;
}

export { randomBytes, seededRandom };
