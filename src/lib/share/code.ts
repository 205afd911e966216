import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { deflateSync, Inflate } from 'fflate';
import * as v from 'valibot';
import { fromBase64url, isBase64url, toBase64url } from './base64url';
import { decodeUtf8 } from './utf8';

/**
 * The one envelope of every Byline code: an assignment link's fragment, a student's result code.
 *
 *     BA1.<payload>.<check>
 *
 * - `B` for Byline, the kind's letter (`A` assignment, `R` result), and the version of that
 *   kind's format, in decimal from 1;
 * - the payload: the value as JSON, in UTF-8, raw DEFLATE, in base64url without padding;
 * - the check: the first 6 bytes of the SHA-256 of everything before its dot (`BA1.<payload>`),
 *   as 8 base64url characters.
 *
 * Every character is unreserved in a URL (letters, digits, `-`, `_`, `.`), so a code needs no
 * escaping in a link's fragment, a chat message or a QR code. The check comes last and is of fixed
 * length, so a code cut short is told apart from one with a changed character, and it is verified
 * before anything is inflated. It catches damage, not forgery: anyone can compute it.
 */

export const CODE_KINDS = ['assignment', 'result'] as const;
export type CodeKind = (typeof CODE_KINDS)[number];

export const KIND_LETTERS: Readonly<Record<CodeKind, string>> = { assignment: 'A', result: 'R' };

/**
 * The longest code accepted, in characters. The largest valid assignment takes about 113,000 (a
 * realistic 500-question one about 17,000), the longest sealed result about 186,000.
 */
export const MAX_CODE_LENGTH = 200_000;

/** The most JSON a payload may inflate to, in bytes. Inflating stops as soon as it is passed. */
export const MAX_JSON_BYTES = 2 * 1024 * 1024;

/** The most compressed bytes read: those of the longest code. */
const MAX_DEFLATED_BYTES = (MAX_CODE_LENGTH / 4) * 3;

/** Bytes of SHA-256 in the check, and the base64url characters they take. */
const CHECK_BYTES = 6;
const CHECK_LENGTH = 8;

/**
 * Compressed bytes fed to the inflater at a time. DEFLATE expands a byte at most about 1032-fold,
 * so one step yields at most about 1 MB, and a zip bomb is stopped just past the limit.
 */
const INFLATE_STEP = 1024;

/** The shortest payload `findCodes` takes for a code: shorter runs are ordinary words ("BA1.5"). */
const MIN_FOUND_PAYLOAD = 16;

export const CODE_ERROR_REASONS = [
	'empty',
	'not-byline',
	'wrong-kind',
	'newer-version',
	'unknown-version',
	'truncated',
	'checksum',
	'too-large',
	'corrupt',
	'invalid',
	'other-teacher'
] as const;
export type CodeErrorReason = (typeof CODE_ERROR_REASONS)[number];

/** Why a code was refused, and what to do about it, in words for the student or teacher. */
export interface CodeError {
	reason: CodeErrorReason;
	message: string;
}

export type CodeResult<T> = { ok: true; value: T } | { ok: false; error: CodeError };

/**
 * How to read each version of a kind's format that this Byline knows, into the current shape. A
 * code of a higher version than any here was made by a newer Byline.
 */
export type CodeVersions<T> = Readonly<Record<number, v.GenericSchema<unknown, T>>>;

// --- words ---------------------------------------------------------------------------------------

interface Wording {
	/** What the reader pastes or opens. */
	code: string;
	/** The same, with its article, for "This is X, not Y". */
	aCode: string;
	/** What it holds. */
	value: string;
	/** What to do when it cannot be read. */
	again: string;
	/** What it is for, said to someone who pasted it in the wrong place. */
	use: string;
}

const WORDING: Record<CodeKind, Wording> = {
	assignment: {
		code: 'assignment link',
		aCode: 'an assignment link',
		value: 'assignment',
		again: 'Ask your teacher to send it again.',
		use: 'students open it to take the assignment'
	},
	result: {
		code: 'result code',
		aCode: 'a result code',
		value: 'result',
		again: 'Ask the student to copy the whole code and send it again.',
		use: 'it goes into the teacher’s gradebook'
	}
};

/**
 * Each reason in words. `detail` is the kind letter found for `wrong-kind`, `code` or `data` for
 * `too-large` (the text is too long, or it inflates to too much), and the problem for `invalid`.
 */
const MESSAGES: Record<CodeErrorReason, (w: Wording, detail: string) => string> = {
	empty: (w) => `There is nothing here to read: paste the whole ${w.code}.`,
	'not-byline': (w) =>
		`This is not a Byline ${w.code}. Check that you copied all of it, and nothing else.`,
	'wrong-kind': (w, letter) => {
		const found = CODE_KINDS.find((k) => KIND_LETTERS[k] === letter);
		const other = found && WORDING[found];
		return other
			? `This is ${other.aCode}, not ${w.aCode}: ${other.use}.`
			: `This is a different kind of Byline code, not ${w.aCode}.`;
	},
	'newer-version': (w) =>
		`This ${w.code} was made by a newer version of Byline. Update the app (reload it while online), then try again.`,
	'unknown-version': (w) =>
		`This ${w.code} is in a format this version of Byline does not know. ${w.again}`,
	truncated: (w) => `This ${w.code} is incomplete: its end is missing. ${w.again}`,
	checksum: (w) =>
		`This ${w.code} has been changed or damaged: some characters are not the ones Byline wrote. ${w.again}`,
	'too-large': (w, what) =>
		what === 'code'
			? `This is far longer than any ${w.code}. Check that you copied only the ${w.code}.`
			: `This ${w.code} holds far more data than any ${w.value}, so Byline did not open it. ${w.again}`,
	corrupt: (w) => `This ${w.code} is damaged and cannot be read. ${w.again}`,
	invalid: (w, problem) =>
		`This ${w.code} does not hold a valid ${w.value}${problem ? ` (${problem})` : ''}. ${w.again}`,
	'other-teacher': (w) =>
		`This ${w.code} is for another teacher’s assignment, or for one made on another device. Open it in Byline on the device that made the assignment.`
};

export function codeError(kind: CodeKind, reason: CodeErrorReason, detail = ''): CodeError {
	return { reason, message: MESSAGES[reason](WORDING[kind], detail) };
}

function fail(kind: CodeKind, reason: CodeErrorReason, detail?: string): CodeResult<never> {
	return { ok: false, error: codeError(kind, reason, detail) };
}

/** Cuts outside text to a length a message can show. */
function clip(text: string, length: number): string {
	return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}

/**
 * The first problem a schema found, briefly: where (`questions › 3 › fingerprint`) and what. Made
 * from the schema's words, never the input's, so a megabyte of text is not echoed back.
 */
function describeIssue(issue: v.BaseIssue<unknown>): string {
	const path = (issue.path ?? []).map((item) => clip(String(item.key), 40)).join(' › ');
	const problem =
		issue.kind !== 'schema'
			? issue.message
			: issue.expected === 'never'
				? 'is not expected here'
				: issue.input === undefined
					? 'is missing'
					: `should be ${issue.expected ?? 'something else'}`;
	return clip(path ? `${path}: ${problem}` : problem, 200);
}

// --- writing -------------------------------------------------------------------------------------

/** The value as JSON, in UTF-8, raw DEFLATE: a payload's bytes. */
export function deflateJson(value: unknown): Uint8Array {
	const json = JSON.stringify(value);
	if (json === undefined) throw new TypeError('A code holds JSON, and this value has none.');
	return deflateSync(utf8ToBytes(json), { level: 9 });
}

function checkOf(body: string): string {
	return toBase64url(sha256(utf8ToBytes(body)).subarray(0, CHECK_BYTES));
}

/**
 * The code for `value`, which the caller has validated against the kind's current schema. Throws
 * on a version that is not a positive integer and on a code past `MAX_CODE_LENGTH`, which no one
 * could open.
 */
export function encodeCode(kind: CodeKind, version: number, value: unknown): string {
	if (!Number.isSafeInteger(version) || version < 1)
		throw new RangeError(`A code's version is a positive integer, not ${version}.`);
	const body = `B${KIND_LETTERS[kind]}${version}.${toBase64url(deflateJson(value))}`;
	const code = `${body}.${checkOf(body)}`;
	if (code.length > MAX_CODE_LENGTH)
		throw new RangeError(
			`This ${WORDING[kind].value} makes a code of ${code.length} characters, past the ${MAX_CODE_LENGTH} any Byline accepts.`
		);
	return code;
}

// --- reading -------------------------------------------------------------------------------------

type Inflated = { ok: true; bytes: Uint8Array } | { ok: false; reason: 'too-large' | 'corrupt' };

/**
 * Inflates raw DEFLATE a step at a time, giving up as soon as the output passes `limit`. Bytes
 * after the end of the stream are carried from step to step (fflate ignores them), at a cost that
 * grows with the square of their length: hence `MAX_DEFLATED_BYTES`.
 */
function inflateWithin(deflated: Uint8Array, limit: number): Inflated {
	const chunks: Uint8Array[] = [];
	let total = 0;
	const inflater = new Inflate((chunk) => {
		chunks.push(chunk);
		total += chunk.length;
	});
	try {
		let at = 0;
		do {
			const end = Math.min(at + INFLATE_STEP, deflated.length);
			inflater.push(deflated.subarray(at, end), end === deflated.length);
			if (total > limit) return { ok: false, reason: 'too-large' };
			at = end;
		} while (at < deflated.length);
	} catch {
		// fflate throws on a malformed or unfinished stream.
		return { ok: false, reason: 'corrupt' };
	}
	const bytes = new Uint8Array(total);
	let offset = 0;
	for (const chunk of chunks) {
		bytes.set(chunk, offset);
		offset += chunk.length;
	}
	return { ok: true, bytes };
}

/**
 * A payload's bytes read back (inflated within `limit` bytes, UTF-8, JSON) and checked against
 * `schema`. For the parts of a kind that are not a whole code, such as a result's sealed payload.
 */
export function inflateJson<T>(
	deflated: Uint8Array,
	kind: CodeKind,
	schema: v.GenericSchema<unknown, T>,
	limit = MAX_JSON_BYTES
): CodeResult<T> {
	if (deflated.length > MAX_DEFLATED_BYTES) return fail(kind, 'too-large', 'data');
	const inflated = inflateWithin(deflated, limit);
	if (!inflated.ok) return fail(kind, inflated.reason, 'data');
	const json = decodeUtf8(inflated.bytes);
	if (json === null) return fail(kind, 'corrupt');
	let data: unknown;
	try {
		data = JSON.parse(json);
	} catch {
		return fail(kind, 'corrupt');
	}
	// Only the first problem is reported, so the rest of a large value is not searched for more.
	const parsed = v.safeParse(schema, data, { abortEarly: true });
	if (!parsed.success) return fail(kind, 'invalid', describeIssue(parsed.issues[0]));
	return { ok: true, value: parsed.output };
}

const HEADER = /^B([A-Za-z])(\d+)\./;
/** The start of a code of a known kind, cut before its payload: `BA`, `BR1`. */
const HEADER_START = new RegExp(`^B[${Object.values(KIND_LETTERS).join('')}]\\d*$`);

/**
 * Reads a code of `kind`: surrounding whitespace aside, the text must be the whole code. Never
 * throws: every input gives a value that passed its version's schema, or the first reason it was
 * refused, in this order: empty, too long, not Byline's, cut short, damaged (the check), another
 * kind, another version, then what the payload holds (too large, corrupt, invalid).
 */
export function decodeCode<T>(
	text: string,
	kind: CodeKind,
	versions: CodeVersions<T>
): CodeResult<T> {
	try {
		return readCode(text, kind, versions);
	} catch {
		// Nothing above is known to throw; a decoder of outside data still must not.
		return fail(kind, 'corrupt');
	}
}

function readCode<T>(text: string, kind: CodeKind, versions: CodeVersions<T>): CodeResult<T> {
	if (typeof text !== 'string') return fail(kind, 'empty');
	const code = text.trim();
	if (code === '') return fail(kind, 'empty');
	if (code.length > MAX_CODE_LENGTH) return fail(kind, 'too-large', 'code');

	const header = HEADER.exec(code);
	if (!header) return fail(kind, HEADER_START.test(code) ? 'truncated' : 'not-byline');
	const [prefix, letter = '', digits = ''] = header;
	const rest = code.slice(prefix.length);
	const dot = rest.indexOf('.');
	if (dot < 0) return fail(kind, isBase64url(rest) ? 'truncated' : 'corrupt');
	const payload = rest.slice(0, dot);
	const check = rest.slice(dot + 1);
	if (!isBase64url(payload) || !isBase64url(check)) return fail(kind, 'corrupt');
	if (check.length < CHECK_LENGTH) return fail(kind, 'truncated');
	if (check.length > CHECK_LENGTH || check !== checkOf(code.slice(0, -CHECK_LENGTH - 1)))
		return fail(kind, 'checksum');

	if (letter !== KIND_LETTERS[kind]) return fail(kind, 'wrong-kind', letter);
	const version = Number(digits);
	const known = Object.keys(versions).map(Number);
	if (version > Math.max(...known)) return fail(kind, 'newer-version');
	const schema = String(version) === digits ? versions[version] : undefined;
	if (!schema) return fail(kind, 'unknown-version');

	const deflated = fromBase64url(payload);
	if (!deflated) return fail(kind, 'corrupt');
	return inflateJson(deflated, kind, schema);
}

/**
 * Every code of `kind` in pasted text, in order, duplicates kept: codes among chat messages,
 * several on a line, inside a link's `#` fragment. A code is found by its start (`BR1.` not
 * preceded by a code character) and runs while code characters last, so a sentence's full stop
 * after it is left out. A code cut short or damaged is still found; reading it says what is wrong.
 */
export function findCodes(text: string, kind: CodeKind): string[] {
	if (typeof text !== 'string') return [];
	const pattern = new RegExp(
		`(?<![A-Za-z0-9_-])B${KIND_LETTERS[kind]}\\d+\\.[A-Za-z0-9_-]{${MIN_FOUND_PAYLOAD},}(?:\\.[A-Za-z0-9_-]*)?`,
		'g'
	);
	return Array.from(text.matchAll(pattern), (match) => match[0]);
}
