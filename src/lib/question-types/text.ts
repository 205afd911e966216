import * as v from 'valibot';
import { defineType, Text } from './define';

/**
 * Reduces a typed answer to what matters: no case, no accents, no punctuation, single spaces.
 * Hyphens, dashes and slashes separate words ("Mujahedin-e" reads as "mujahedin e").
 */
export function normalizeAnswer(text: string): string {
	return text
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[-‐‑‒–—―/]/g, ' ')
		.replace(/[^\p{L}\p{N}\s]/gu, '')
		.replace(/\s+/g, ' ')
		.trim();
}

/** Edit distance counting an insertion, a deletion, a substitution or a swap of two neighbours as one. */
export function editDistance(a: string, b: string): number {
	const rows = a.length + 1;
	const cols = b.length + 1;
	const d: number[][] = Array.from({ length: rows }, (_, i) =>
		Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0))
	);
	for (let i = 1; i < rows; i++)
		for (let j = 1; j < cols; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
				best = Math.min(best, d[i - 2]![j - 2]! + 1);
			d[i]![j] = best;
		}
	return d[a.length]![b.length]!;
}

/** The shortest word in which one slipped letter is forgiven. */
export const TYPO_MIN_WORD_LENGTH = 5;

export type TextMatch =
	{ kind: 'exact'; accepted: string } | { kind: 'typo'; accepted: string } | { kind: 'wrong' };

/**
 * A "small typo" is exactly one edit (a letter added, dropped, changed, or two neighbours swapped)
 * inside one word of at least five letters whose first letter is right, every other word being
 * right. Words with digits must be exact. So "Holtquist" passes for "Hultquist", but "Rana" does
 * not pass for "Rama" (too short), nor "Matson" for "Watson" (first letter), nor "2014" for "2013".
 */
export function matchText(response: string, accepted: readonly string[]): TextMatch {
	const given = normalizeAnswer(response);
	if (!given) return { kind: 'wrong' };
	for (const alternative of accepted) {
		const want = normalizeAnswer(alternative);
		if (given === want || given.replace(/ /g, '') === want.replace(/ /g, ''))
			return { kind: 'exact', accepted: alternative };
	}
	for (const alternative of accepted)
		if (isSmallTypo(given, normalizeAnswer(alternative)))
			return { kind: 'typo', accepted: alternative };
	return { kind: 'wrong' };
}

function isSmallTypo(given: string, want: string): boolean {
	const a = given.split(' ');
	const b = want.split(' ');
	if (a.length !== b.length) return false;
	const differing = b.map((word, i) => [a[i]!, word] as const).filter(([x, y]) => x !== y);
	if (differing.length !== 1) return false;
	const [typed, word] = differing[0]!;
	return (
		word.length >= TYPO_MIN_WORD_LENGTH &&
		!/\d/.test(word + typed) &&
		typed[0] === word[0] &&
		editDistance(typed, word) === 1
	);
}

/**
 * A short typed answer, or a cloze (the prompt holds a blank, "___", to fill). Scoring: 1 when
 * the response matches one of the accepted answers as `matchText` defines it, a forgiven typo
 * included (and said), otherwise 0.
 */
export const text = defineType({
	type: 'text',
	label: 'Short answer',
	entries: {
		answers: v.pipe(v.array(Text), v.minLength(1, 'needs at least 1 accepted answer')),
		placeholder: v.optional(v.string())
	},
	response: v.object({ text: v.string() }),
	perfect: (q) => ({ text: q.answers[0]! }),
	isComplete: (_q, r) => normalizeAnswer(r.text).length > 0,
	score(q, r) {
		const m = matchText(r.text, q.answers);
		if (m.kind === 'wrong') return { score: 0 };
		if (m.kind === 'typo')
			return { score: 1, note: `Typo forgiven: “${r.text.trim()}” was read as “${m.accepted}”.` };
		return { score: 1 };
	},
	answerText: (q) => q.answers[0]!,
	responseText: (_q, r) => r.text.trim() || '(no answer)',
	check: (q) =>
		q.answers
			.filter((a) => !normalizeAnswer(a))
			.map((a) => ({ field: 'answers', message: `"${a}" has no letters or digits to match` }))
});
