import { qrOf } from '$lib/share/qr';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import {
	assignmentDigest,
	assignmentLink,
	decodeAssignment,
	type Assignment
} from '$lib/share/assignment';
import { toBase64url } from '$lib/share/base64url';
import {
	decodePayload,
	decodeResult,
	encodePayload,
	encodeResult,
	keyIdOf,
	type ResultPayload
} from '$lib/share/result';
import { fixture, STORY_ID } from '../../fixtures/content/fixture';
import { randomBytes, seededRandom, TEACHER_KEY } from './factory';

/**
 * How long a realistic code is: a 20-question assignment's link and the result code for it. Built
 * from the fixture's question ids (two stories' worth), never from the shipped content.
 */

const ORIGIN = 'https://byline.example';
const random = seededRandom(20);
const hex = (bytes: number) =>
	Array.from(randomBytes(random, bytes), (b) => b.toString(16).padStart(2, '0')).join('');

const fixtureIds = [...fixture().main.questions, ...fixture().extra.questions].map((q) =>
	String(q.id)
);
/** Twenty references: the fixture's questions, and the same ids again in a second story. */
const refs = [
	...fixtureIds.map((questionId) => ({ storyId: STORY_ID, questionId })),
	...fixtureIds.map((questionId) => ({
		storyId: 'second-test-story',
		questionId: questionId.replace(/^tst-/, 'snd-')
	})),
	...fixtureIds.map((questionId) => ({
		storyId: 'third-test-story',
		questionId: questionId.replace(/^tst-/, 'thd-')
	}))
].slice(0, 20);

const assignment: Assignment = {
	id: toBase64url(randomBytes(random, 12)),
	title: 'Albania and Iran: who reported what',
	instructions:
		'Answer on your own, in one sitting. You may open the sources while you answer. Hand in your result code before Friday’s lesson.',
	createdAt: 1_760_000_000_000,
	questions: refs.map((ref) => ({ ...ref, fingerprint: hex(8) })),
	pick: { kind: 'all' },
	order: 'shuffled',
	timeLimitMinutes: 25,
	attemptsAllowed: 2,
	due: 1_760_600_000_000,
	feedback: 'end',
	teacherKey: TEACHER_KEY
};

/**
 * One response of each question type's shape, in turn, as long as real ones: choices and matches
 * carry their options' whole text.
 */
const RESPONSES: unknown[] = [
	{ choice: 'Spokeswoman for the U.S. National Security Council' },
	{ choices: ['Albania', 'The United States', 'Montenegro'] },
	{ value: true },
	{ year: 2022, month: 9, day: 7 },
	{ value: 24 },
	{ order: ['tst-dates-a', 'tst-dates-b', 'tst-dates-c', 'tst-dates-d'] },
	{
		matches: [
			{ left: 'Edi Rama', right: 'Prime Minister of Albania' },
			{ left: 'Adrienne Watson', right: 'U.S. National Security Council spokeswoman' },
			{ left: 'James Cleverly', right: 'British Foreign Secretary' },
			{ left: 'Mandiant', right: 'Described the hacking activity in a blog post' }
		]
	},
	{ text: 'the Iranian foreign ministry' },
	{ sources: ['alpha-news', 'beta-wire'] }
];

const payload: ResultPayload = {
	assignmentId: assignment.id,
	assignmentDigest: assignmentDigest(assignment),
	asked: assignment.questions.map((q) => q.questionId),
	name: 'Zoë Ünal (9B)',
	attempt: 1,
	startedAt: 1_760_100_000_000,
	finishedAt: 1_760_101_200_000,
	late: false,
	timedOut: false,
	answers: assignment.questions.map((q, i) => ({
		questionId: q.questionId,
		response: RESPONSES[i % RESPONSES.length],
		atSecond: i * 55
	}))
};

/** A sealed result with a ciphertext of `length` random bytes, as AES-GCM's would look. */
function sealedCode(length: number): string {
	return encodeResult({
		assignmentId: assignment.id,
		keyId: keyIdOf(TEACHER_KEY),
		ephemeralKey: toBase64url(Uint8Array.of(4, ...randomBytes(random, 64))),
		iv: toBase64url(randomBytes(random, 12)),
		ciphertext: toBase64url(randomBytes(random, length))
	});
}

describe('code lengths for a 20-question assignment', () => {
	it('reports the link and the result code, in characters', () => {
		const link = assignmentLink(ORIGIN, assignment);
		expect(decodeAssignment(link)).toStrictEqual({ ok: true, value: assignment });

		const plaintext = encodePayload(payload);
		expect(decodePayload(plaintext)).toStrictEqual({ ok: true, value: payload });
		const json = utf8ToBytes(JSON.stringify(payload)).length;
		// AES-GCM adds its 16-byte tag to the plaintext.
		const result = sealedCode(plaintext.length + 16);
		expect(decodeResult(result).ok).toBe(true);
		// Had the payload been sealed uncompressed: its JSON and the tag.
		const uncompressed = sealedCode(json + 1 + 16);
		// The brief's rough figure: about 200 bytes of ciphertext per answer.
		const rough = sealedCode(20 * 200 + 16);

		const lengths = {
			'assignment link (with the 22-character origin)': link.length,
			'assignment code alone': link.length - `${ORIGIN}/assignment#`.length,
			'payload JSON, bytes': json,
			'payload sealed (version byte + DEFLATE), bytes': plaintext.length,
			'result code': result.length,
			'result code if the payload were not compressed': uncompressed.length,
			'result code with 200 bytes of ciphertext per answer': rough.length
		};
		const linkQr = qrOf(link);
		const resultQr = qrOf(result);
		console.log('Byline code lengths, 20 questions:', {
			...lengths,
			'QR of the link': `version ${linkQr?.version}, ECC ${linkQr?.ecc}`,
			'QR of the result code': `version ${resultQr?.version}, ECC ${resultQr?.ecc}`
		});
		// Both fit a QR symbol a phone can scan at error correction M (15% of it may be damaged or
		// covered), and the symbol is square.
		for (const qr of [linkQr, resultQr]) {
			expect(qr).not.toBeNull();
			expect(qr!.ecc).toBe('M');
			expect(qr!.modules).toHaveLength(qr!.size);
			expect(qr!.size).toBe(17 + 4 * qr!.version + 2);
		}

		// QR version 40 at error correction L holds 2,953 bytes: the realistic codes fit well within.
		expect(link.length).toBeLessThan(2_953);
		expect(result.length).toBeLessThan(2_953);
	});
});
