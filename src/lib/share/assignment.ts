import { sha256 } from '@noble/hashes/sha2.js';
import * as v from 'valibot';
import { CATEGORIES } from '../content/categories';
import { IdSchema } from '../content/model';
import type { QuestionRef } from '../quiz/attempt';
import { fromBase64url, toBase64url } from './base64url';
import { codeError, decodeCode, encodeCode, type CodeResult, type CodeVersions } from './code';
import { utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * An assignment as a teacher shares it: the whole of it travels in a link's fragment, which no
 * browser sends to any server. Each question is pinned by reference and fingerprint, so a
 * student's app can tell when its copy of a question is not the one the teacher chose.
 */

export const ASSIGNMENT_VERSION = 1;

export const MAX_TITLE_LENGTH = 200;
export const MAX_INSTRUCTIONS_LENGTH = 2_000;
export const MAX_QUESTIONS = 500;
/** The longest story or question id a code carries: the content's ids are far shorter. */
export const MAX_ID_LENGTH = 100;
export const MAX_TIME_LIMIT_MINUTES = 600;
export const MAX_ATTEMPTS = 20;

/** Where an assignment opens, below the app's base: `<base>/assignment#<code>`. */
export const ASSIGNMENT_PATH = '/assignment';

function count(min: number, max: number, what: string) {
	return v.pipe(
		v.number(),
		v.safeInteger(`must be a whole number of ${what}`),
		v.minValue(min, `must be at least ${min}`),
		v.maxValue(max, `must be at most ${max}`)
	);
}

/** Made on the teacher's device; letters, digits, `-` and `_`, so it can stand in a URL. */
export const AssignmentIdSchema = v.pipe(
	v.string(),
	v.regex(/^[A-Za-z0-9_-]{10,32}$/, 'must be 10 to 32 letters, digits, - or _')
);

/** A moment, in milliseconds since 1970, as `Date.now()` gives it. */
export const MillisSchema = v.pipe(
	v.number(),
	v.safeInteger('must be whole milliseconds'),
	v.minValue(0, 'must not be before 1970')
);

/** A question's fingerprint, as `questionFingerprint` writes it. */
export const FingerprintSchema = v.pipe(
	v.string(),
	v.regex(/^[0-9a-f]{16}$/, 'must be 16 hex digits')
);

/** Whether `text` is the canonical base64url of `length` bytes (and, if given, of that first byte). */
export function isBase64urlOf(text: string, length: number, first?: number): boolean {
	const bytes = fromBase64url(text);
	return bytes !== null && bytes.length === length && (first === undefined || bytes[0] === first);
}

/**
 * A P-256 public key, uncompressed (0x04, then x and y: 65 bytes), in base64url: 87 characters.
 * Whether the point is on the curve is for WebCrypto to find when it imports the key.
 */
export const PublicKeySchema = v.pipe(
	v.string(),
	v.length(87, 'must be 87 characters'),
	v.check((text) => isBase64urlOf(text, 65, 0x04), 'must be a P-256 public key in base64url')
);

/** A story or question id as a code carries it: the content's ids, bounded in length. */
const SharedIdSchema = v.pipe(
	IdSchema,
	v.maxLength(MAX_ID_LENGTH, `must be at most ${MAX_ID_LENGTH} characters`)
);

/**
 * A question reference (`QuestionRef`, the quiz's) as a code carries it: the same fields, holding
 * content ids, so that every valid assignment and result fits in a code.
 */
export const SharedRefEntries = {
	storyId: SharedIdSchema,
	questionId: SharedIdSchema
} satisfies Record<keyof QuestionRef, v.GenericSchema<unknown, string>>;

/** A question as the teacher chose it: which one, and the fingerprint it had then. */
export const PinnedQuestionSchema = v.strictObject({
	...SharedRefEntries,
	fingerprint: FingerprintSchema
});
export type PinnedQuestion = v.InferOutput<typeof PinnedQuestionSchema>;

/** Question ids are unique across every story, so a question listed twice has its id twice. */
export function listsEachOnce(refs: readonly { questionId: string }[]): boolean {
	return new Set(refs.map((ref) => ref.questionId)).size === refs.length;
}

/**
 * Which of the questions a student gets: all of them, or so many drawn at random from each
 * category, either one draw for the whole class (`same`) or a fresh draw for each student.
 */
export const PickSchema = v.variant('kind', [
	v.strictObject({ kind: v.literal('all') }),
	v.strictObject({
		kind: v.literal('random'),
		perCategory: v.pipe(
			v.record(v.picklist(CATEGORIES), count(1, MAX_QUESTIONS, 'questions')),
			v.check((counts) => Object.keys(counts).length > 0, 'must draw from at least one category')
		),
		same: v.boolean()
	})
]);
export type Pick = v.InferOutput<typeof PickSchema>;

export const ORDERS = ['shuffled', 'fixed'] as const;
/** When the student sees right or wrong, the explanation and the evidence. */
export const FEEDBACK = ['each', 'end', 'released'] as const;

export const AssignmentSchema = v.strictObject({
	id: AssignmentIdSchema,
	title: v.pipe(
		v.string(),
		v.maxLength(MAX_TITLE_LENGTH, `must be at most ${MAX_TITLE_LENGTH} characters`),
		v.check((title) => title.trim() !== '', 'must not be empty')
	),
	instructions: v.pipe(
		v.string(),
		v.maxLength(MAX_INSTRUCTIONS_LENGTH, `must be at most ${MAX_INSTRUCTIONS_LENGTH} characters`)
	),
	createdAt: MillisSchema,
	questions: v.pipe(
		v.array(PinnedQuestionSchema),
		v.minLength(1, 'must list a question'),
		v.maxLength(MAX_QUESTIONS, `must list at most ${MAX_QUESTIONS} questions`),
		v.check((refs) => listsEachOnce(refs), 'must not list a question twice')
	),
	pick: PickSchema,
	order: v.picklist(ORDERS),
	timeLimitMinutes: v.nullable(count(1, MAX_TIME_LIMIT_MINUTES, 'minutes')),
	attemptsAllowed: v.nullable(count(1, MAX_ATTEMPTS, 'attempts')),
	due: v.nullable(MillisSchema),
	feedback: v.picklist(FEEDBACK),
	/** Where the student's result is encrypted to: only this teacher's device can read it. */
	teacherKey: PublicKeySchema,
	/**
	 * Set on the link a teacher sends once feedback held back (`released`) may be seen: a
	 * student's device that opens it shows their finished attempts' results. It is a courtesy, not
	 * a lock: the answers are in every copy of Byline anyway.
	 */
	released: v.optional(v.literal(true))
});
export type Assignment = v.InferOutput<typeof AssignmentSchema>;

const VERSIONS: CodeVersions<Assignment> = { [ASSIGNMENT_VERSION]: AssignmentSchema };

/** The assignment's code. Throws if `assignment` does not pass `AssignmentSchema`. */
export function encodeAssignment(assignment: Assignment): string {
	return encodeCode('assignment', ASSIGNMENT_VERSION, v.parse(AssignmentSchema, assignment));
}

/**
 * The link a teacher shares: `base` (the app's origin and base path, or '' for a path from the
 * root) with `/assignment#<code>`. The code sits in the fragment, which is never sent to a server.
 */
export function assignmentLink(base: string, assignment: Assignment): string {
	return `${base.replace(/\/+$/, '')}${ASSIGNMENT_PATH}#${encodeAssignment(assignment)}`;
}

/** Text that starts like a link: a scheme (`https:`) or a path (`/`, `//`). */
const LINK_START = /^(?:[a-z][a-z0-9+.-]*:|\/)/i;

/**
 * An assignment from a whole link or from its bare code. A link with nothing after its `#` (or no
 * `#` at all) lost its code on the way, and is reported as cut short. Never throws.
 */
export function decodeAssignment(text: string): CodeResult<Assignment> {
	if (typeof text !== 'string') return decodeCode(text, 'assignment', VERSIONS);
	const trimmed = text.trim();
	const hash = trimmed.indexOf('#');
	if (hash >= 0) {
		const code = trimmed.slice(hash + 1).trim();
		if (code === '') return { ok: false, error: codeError('assignment', 'truncated') };
		return decodeCode(code, 'assignment', VERSIONS);
	}
	if (LINK_START.test(trimmed) || trimmed.includes(`${ASSIGNMENT_PATH}`))
		return { ok: false, error: codeError('assignment', 'truncated') };
	return decodeCode(trimmed, 'assignment', VERSIONS);
}

/** 8 base64url characters: 6 bytes of a SHA-256. */
export const DigestSchema = v.pipe(
	v.string(),
	v.regex(/^[A-Za-z0-9_-]{8}$/, 'must be 8 base64url characters')
);

/**
 * A short digest of everything an assignment says (its JSON, fields in the schema's order). A
 * result carries the digest of the assignment the student took, so the teacher can tell a result
 * taken from a link someone changed (a longer time limit, say) from one taken from the link shared.
 * Throws if `assignment` does not pass `AssignmentSchema`.
 */
export function assignmentDigest(assignment: Assignment): string {
	// The released link is the same assignment: the digest does not tell them apart.
	const asked: Partial<Assignment> = { ...v.parse(AssignmentSchema, assignment) };
	delete asked.released;
	const json = JSON.stringify(asked);
	return toBase64url(sha256(utf8ToBytes(json)).subarray(0, 6));
}
