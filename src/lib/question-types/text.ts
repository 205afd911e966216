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
 * Matches a response that may name the person with one of their titles: after normalising, it is
 * one of the accepted answers (as `matchText` reads it, a slipped letter included), either alone
 * or with exactly one of `titles` before it ("Prime Minister Edi Rama", "the Prime Minister Edi
 * Rama") or after it ("Edi Rama, the Prime Minister"). A title must be written exactly
 * (normalised); it never stands alone ("Prime Minister" fails), and any other word fails, a
 * title the question does not list included ("Foreign Secretary Edi Rama"). A plain exact match
 * wins over a titled one, and an exact one over a typo.
 */
export function matchTitled(
	response: string,
	accepted: readonly string[],
	titles: readonly string[]
): TextMatch {
	const plain = matchText(response, accepted);
	if (plain.kind === 'exact' || !titles.length) return plain;
	const given = normalizeAnswer(response);
	let best = plain;
	for (const title of titles) {
		const t = normalizeAnswer(title);
		if (!t) continue;
		for (const name of namesBesideTitle(given, t)) {
			const m = matchText(name, accepted);
			if (m.kind === 'exact') return m;
			if (m.kind === 'typo' && best.kind === 'wrong') best = m;
		}
	}
	return best;
}

/** What is left of a normalised response once the title is taken off its front or its end. */
function namesBesideTitle(given: string, title: string): string[] {
	const names: string[] = [];
	for (const lead of [`${title} `, `the ${title} `])
		if (given.startsWith(lead)) names.push(given.slice(lead.length));
	for (const tail of [` ${title}`, ` the ${title}`])
		if (given.endsWith(tail)) names.push(given.slice(0, -tail.length));
	return names;
}

/**
 * The titles a text question accepts with its answer: those its editor wrote, and the titles of
 * the question's actors whose name is one of its accepted answers (an exact match, as
 * `matchText` reads it). So "Prime Minister" goes with "Edi Rama" only where an answer is
 * "Edi Rama" and Edi Rama is among the question's actors; another actor's titles never do.
 */
export function titlesFor(
	q: { answers: readonly string[]; titles: readonly string[] },
	actors: readonly { name: string; titles: readonly string[] }[]
): string[] {
	const named = actors.filter((a) => matchText(a.name, q.answers).kind === 'exact');
	return [...new Set([...q.titles, ...named.flatMap((a) => a.titles)])];
}

/**
 * A short typed answer, or a cloze (the prompt holds a blank, "___", to fill). Scoring: 1 when
 * the response matches one of the accepted answers as `matchTitled` defines it (the answer as
 * `matchText` reads it, a forgiven typo included and said, optionally with one of the question's
 * `titles` before or after it), otherwise 0.
 *
 * `titles` are the person's titles or roles ("Prime Minister", "PM"). The content check fills
 * them in from the story's actors (`titlesFor`); an editor may add more. They decide nothing in
 * the fingerprint unless an editor writes them.
 */
export const text = defineType({
	type: 'text',
	label: 'Short answer',
	entries: {
		answers: v.pipe(v.array(Text), v.minLength(1, 'needs at least 1 accepted answer')),
		placeholder: v.optional(v.string()),
		titles: v.optional(v.array(Text), [])
	},
	addedFields: ['titles'],
	response: v.object({ text: v.string() }),
	perfect: (q) => ({ text: q.answers[0]! }),
	isComplete: (_q, r) => normalizeAnswer(r.text).length > 0,
	score(q, r) {
		const m = matchTitled(r.text, q.answers, q.titles);
		if (m.kind === 'wrong') return { score: 0 };
		if (m.kind === 'typo')
			return { score: 1, note: `Typo forgiven: “${r.text.trim()}” was read as “${m.accepted}”.` };
		return { score: 1 };
	},
	answerText: (q) => q.answers[0]!,
	responseText: (_q, r) => r.text.trim() || '(no answer)',
	check: (q) => [
		...q.answers
			.filter((a) => !normalizeAnswer(a))
			.map((a) => ({ field: 'answers', message: `"${a}" has no letters or digits to match` })),
		...q.titles
			.filter((t) => !normalizeAnswer(t))
			.map((t) => ({ field: 'titles', message: `"${t}" has no letters or digits to match` }))
	]
});
