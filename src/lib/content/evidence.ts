import type { Evidence, Source } from './model';

/** Folds every run of whitespace to one space, so line breaks never decide a match. */
export function foldWhitespace(text: string): string {
	return text.replace(/\s+/g, ' ').trim();
}

/** Where a passage in a source's headline stands: the paragraph before the first. */
export const HEADLINE = -1;

export interface Passage {
	/** Index of the paragraph the quote stands in, or `HEADLINE`. */
	paragraph: number;
	/** Where the quote starts and ends within that paragraph's folded text. */
	start: number;
	end: number;
}

/** The text of one of a source's paragraphs, or of its headline (`HEADLINE`). */
export function textAt(source: Source, paragraph: number): string {
	return (paragraph === HEADLINE ? source.headline : source.paragraphs[paragraph]) ?? '';
}

/**
 * Finds a quote in a source, word for word (whitespace aside), within a single paragraph, or
 * else in the headline.
 */
export function findPassage(source: Source, quote: string): Passage | null {
	const wanted = foldWhitespace(quote);
	if (!wanted) return null;
	for (let paragraph = 0; paragraph < source.paragraphs.length; paragraph++) {
		const start = foldWhitespace(source.paragraphs[paragraph]!).indexOf(wanted);
		if (start >= 0) return { paragraph, start, end: start + wanted.length };
	}
	const start = foldWhitespace(source.headline).indexOf(wanted);
	return start >= 0 ? { paragraph: HEADLINE, start, end: start + wanted.length } : null;
}

/**
 * Words written with a full stop that seldom end a sentence: titles before a name. Initials and
 * dotted abbreviations ("U.S.", "N.W.", "J.") are recognised by their shape.
 */
const ABBREVIATIONS = new Set([
	'mr',
	'mrs',
	'ms',
	'dr',
	'prof',
	'st',
	'jr',
	'sr',
	'gen',
	'col',
	'lt',
	'sgt',
	'capt',
	'gov',
	'sen',
	'rep',
	'rev',
	'no',
	'vs'
]);

/**
 * Where each sentence of a folded paragraph ends (just past its last character). A sentence ends
 * at ".", "!" or "?" (a run of them, as "..."), with any closing quotes or brackets after it,
 * followed by a space or the paragraph's end; not where the next word begins with a lower-case
 * letter ("forced... and"), nor after an abbreviation ("Mr.", "U.S.") unless the paragraph ends.
 */
function sentenceEnds(text: string): number[] {
	const ends: number[] = [];
	for (const m of text.matchAll(/[.!?]+["'”’)\]]*(?= |$)/g)) {
		const end = m.index + m[0].length;
		const next = text.slice(end).trimStart();
		if (next && /^\p{Ll}/u.test(next)) continue;
		if (next && m[0].startsWith('.') && !m[0].startsWith('..')) {
			const word = /[^\s("'“‘[]*$/.exec(text.slice(0, m.index))![0];
			if (/^(\p{L}\.)*\p{L}$/u.test(word) || ABBREVIATIONS.has(word.toLowerCase())) continue;
		}
		ends.push(end);
	}
	return ends;
}

/**
 * The rest of the sentence a passage stands in: `before` runs from the start of the sentence
 * holding the passage's first character, `after` to the end of the sentence holding its last
 * (several sentences when the passage spans them), never past the paragraph. Whitespace is
 * folded, and `start`/`end` index the folded paragraph, as `findPassage` gives them, so
 * `before + passage + after` is exactly that stretch of the folded paragraph.
 */
export function sentenceAround(
	paragraph: string,
	start: number,
	end: number
): { before: string; after: string } {
	const text = foldWhitespace(paragraph);
	const ends = sentenceEnds(text);
	// A sentence starts after the space that follows the end of the one before.
	const from = ends
		.filter((e) => e < start)
		.reduce((at, e) => Math.max(at, text[e] === ' ' ? e + 1 : e), 0);
	const to = ends.find((e) => e >= end) ?? text.length;
	return { before: text.slice(Math.min(from, start), start), after: text.slice(end, to) };
}

/** Whether a passage stands anywhere in a source's text. */
export function occursIn(source: Source, quote: string): boolean {
	return findPassage(source, quote) !== null;
}

/** A run of a paragraph's text, and the passage it marks, if any. */
export interface Piece<M> {
	text: string;
	mark?: M;
}

/**
 * Cuts a paragraph into runs of text around the passages marked in it, so a view can mark them
 * as text, never as HTML. Marks are taken in order of position; one that overlaps an earlier
 * one is dropped.
 */
export function markPassages<M extends Pick<Passage, 'start' | 'end'>>(
	paragraph: string,
	marks: readonly M[]
): Piece<M>[] {
	const text = foldWhitespace(paragraph);
	const ordered = [...marks]
		.sort((a, b) => a.start - b.start)
		.filter((m, i, all) => i === 0 || m.start >= all[i - 1]!.end);
	const out: Piece<M>[] = [];
	let at = 0;
	for (const mark of ordered) {
		if (mark.start > at) out.push({ text: text.slice(at, mark.start) });
		out.push({ text: text.slice(mark.start, mark.end), mark });
		at = mark.end;
	}
	if (at < text.length) out.push({ text: text.slice(at) });
	return out;
}

/** The link that opens a source in the reader at the passage a piece of evidence quotes. */
export function evidenceHash(evidence: Evidence): string {
	return `#quote=${encodeURIComponent(foldWhitespace(evidence.quote))}`;
}

/** Reads the quote back out of a reader URL's hash; null when there is none. */
export function quoteFromHash(hash: string): string | null {
	const m = /^#quote=(.*)$/.exec(hash);
	if (!m) return null;
	try {
		return decodeURIComponent(m[1]!);
	} catch {
		return null;
	}
}

/** The passages a source's notes point at, each with the number of its note (from 1). */
export function notedPassages(source: Source): (Passage & { note: number })[] {
	return (source.notes ?? []).flatMap((note, i) => {
		const at = note.passage ? findPassage(source, note.passage) : null;
		return at ? [{ ...at, note: i + 1 }] : [];
	});
}

/** `extra` less the passages that overlap any of `kept`: so `kept` are all marked. */
export function besides<M extends Passage>(kept: readonly Passage[], extra: readonly M[]): M[] {
	return extra.filter(
		(m) => !kept.some((k) => k.paragraph === m.paragraph && k.start < m.end && m.start < k.end)
	);
}
