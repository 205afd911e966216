import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { typeOf } from '../question-types';
import type { QuestionData } from './model';

/** JSON with every object's keys in order, so the same content always gives the same text. */
function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (value !== null && typeof value === 'object')
		return `{${Object.keys(value)
			.sort()
			.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
			.join(',')}}`;
	return JSON.stringify(value) ?? 'null';
}

/** Whether a field was left out: absent, or an empty list. */
function isUnset(value: unknown): boolean {
	return value === undefined || (Array.isArray(value) && value.length === 0);
}

/**
 * The fields that decide what is asked and what is right: the type, the prompt and the type's own
 * fields, less those the type added later (`addedFields`) while they are unset, so that adding a
 * field to a type left every existing fingerprint as it was.
 */
export function fingerprintedFields(q: QuestionData): Record<string, unknown> {
	const def = typeOf(q.type);
	const fields: Record<string, unknown> = { type: q.type, prompt: q.prompt };
	const data = q as unknown as Record<string, unknown>;
	for (const key of Object.keys(def.entries)) {
		if (def.addedFields?.includes(key) && isUnset(data[key])) continue;
		fields[key] = data[key];
	}
	return fields;
}

/**
 * A question's fingerprint: 16 hex digits of the SHA-256 of its deciding fields. Computed when
 * the content is built, from the question as its editor wrote it (before the check adds anything,
 * such as a text answer's titles), and recorded with every answer, so an answer tells which
 * version of a question it answered. Rewording the explanation or the evidence leaves it as it
 * is; changing the prompt, the options or the key changes it.
 */
export function questionFingerprint(q: QuestionData): string {
	return bytesToHex(sha256(utf8ToBytes(canonical(fingerprintedFields(q))))).slice(0, 16);
}
