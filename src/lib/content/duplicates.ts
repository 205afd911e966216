/**
 * Questions that ask the same thing twice: the near-duplicate check of the content check. Two
 * questions are near duplicates when they have the same type, the same right answer (in words,
 * as the feedback gives it) and prompts at least `NEAR_DUPLICATE_SIMILARITY` alike. A pair kept on
 * purpose names the other question in `distinctFrom`, with the reason.
 */

/**
 * The least `promptSimilarity` at which two questions of the same type and answer count as one
 * question asked twice. Measured on the first story's bank: a pair asked twice in other words
 * scored 0.41; the most alike pair asking different things, 0.30.
 */
export const NEAR_DUPLICATE_SIMILARITY = 0.4;

/** A prompt's words: runs of letters and digits, lower case, accents folded. */
export function wordsOf(text: string): Set<string> {
	return new Set(
		text
			.normalize('NFKD')
			.replace(/\p{M}/gu, '')
			.toLowerCase()
			.match(/[\p{L}\p{N}]+/gu) ?? []
	);
}

/**
 * How alike two prompts are: the Jaccard index of their sets of words (shared words over all the
 * words either has), from 0 (no word in common) to 1 (the same words, in any order). Two empty
 * prompts are alike.
 */
export function promptSimilarity(a: string, b: string): number {
	const first = wordsOf(a);
	const second = wordsOf(b);
	let shared = 0;
	for (const word of first) if (second.has(word)) shared++;
	const all = first.size + second.size - shared;
	return all === 0 ? 1 : shared / all;
}

/** What the check compares of a question. */
export interface Compared {
	id: string;
	type: string;
	prompt: string;
	/** The right answer in words. */
	key: string;
	/** Ids of questions this one is alike to on purpose. */
	distinctFrom: readonly string[];
}

export interface NearDuplicate {
	/** The pair, in the order the questions come. */
	ids: [string, string];
	similarity: number;
}

/**
 * Every pair of near duplicates among `questions`, most alike first, less the pairs either
 * question allows with `distinctFrom`.
 */
export function nearDuplicates(questions: readonly Compared[]): NearDuplicate[] {
	const found: NearDuplicate[] = [];
	const words = questions.map((q) => q.prompt);
	questions.forEach((first, i) => {
		for (let j = i + 1; j < questions.length; j++) {
			const second = questions[j]!;
			if (first.type !== second.type || first.key !== second.key) continue;
			if (first.distinctFrom.includes(second.id) || second.distinctFrom.includes(first.id))
				continue;
			const similarity = promptSimilarity(words[i]!, words[j]!);
			if (similarity >= NEAR_DUPLICATE_SIMILARITY)
				found.push({ ids: [first.id, second.id], similarity });
		}
	});
	return found.sort((a, b) => b.similarity - a.similarity);
}
