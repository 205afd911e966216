import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	NEAR_DUPLICATE_SIMILARITY,
	nearDuplicates,
	promptSimilarity,
	wordsOf,
	type Compared
} from '$lib/content/duplicates';

const question = (id: string, prompt: string, fields: Partial<Compared> = {}): Compared => ({
	id,
	type: 'single',
	prompt,
	key: 'Edi Rama',
	distinctFrom: [],
	...fields
});

describe('wordsOf', () => {
	it('takes runs of letters and digits, in lower case, with accents and punctuation gone', () => {
		expect([...wordsOf('Who said “ill-considered” on 7 Sept. 2022? Zoë, ZOE!')]).toEqual([
			'who',
			'said',
			'ill',
			'considered',
			'on',
			'7',
			'sept',
			'2022',
			'zoe'
		]);
	});

	it('has no words for a prompt of punctuation alone', () => {
		expect(wordsOf('… — ?!').size).toBe(0);
	});
});

describe('promptSimilarity', () => {
	it('is the share of words in common: shared over all the words either has', () => {
		expect(promptSimilarity('a b c', 'a b d')).toBe(2 / 4);
		expect(promptSimilarity('a b c d', 'a b e')).toBe(2 / 5);
		expect(promptSimilarity('one two', 'three four')).toBe(0);
	});

	it('counts a word once, and ignores order, case and punctuation', () => {
		expect(promptSimilarity('Who said it? Who?', 'it said WHO')).toBe(1);
	});

	it('lies between 0 and 1, and is the same either way round', () => {
		fc.assert(
			fc.property(fc.string(), fc.string(), (a, b) => {
				const s = promptSimilarity(a, b);
				expect(s).toBeGreaterThanOrEqual(0);
				expect(s).toBeLessThanOrEqual(1);
				expect(promptSimilarity(b, a)).toBe(s);
			})
		);
	});

	it('is 1 for a prompt and itself', () => {
		fc.assert(
			fc.property(fc.string(), (a) => {
				expect(promptSimilarity(a, a)).toBe(1);
			})
		);
	});
});

describe('nearDuplicates', () => {
	it('flags the same type and answer with prompts at the limit, and not just below it', () => {
		// 2 shared words of 5: exactly the limit. 2 of 6: below it.
		expect(promptSimilarity('a b c d', 'a b e')).toBe(NEAR_DUPLICATE_SIMILARITY);
		const found = nearDuplicates([
			question('q-1', 'a b c d'),
			question('q-2', 'a b e'),
			question('q-3', 'a b f g h')
		]);
		expect(found).toEqual([{ ids: ['q-1', 'q-2'], similarity: NEAR_DUPLICATE_SIMILARITY }]);
	});

	it('leaves alike prompts alone when the type or the answer differs', () => {
		const prompt = 'Who called the decision hasty?';
		expect(
			nearDuplicates([
				question('q-1', prompt),
				question('q-2', prompt, { type: 'text' }),
				question('q-3', prompt, { key: 'Iran' })
			])
		).toEqual([]);
	});

	it('leaves a pair alone when either question names the other in distinctFrom', () => {
		const prompt = 'Who called the decision hasty?';
		expect(
			nearDuplicates([
				question('q-1', prompt, { distinctFrom: ['q-2'] }),
				question('q-2', prompt),
				question('q-3', prompt)
			]).map((d) => d.ids)
		).toEqual([
			['q-1', 'q-3'],
			['q-2', 'q-3']
		]);
		expect(
			nearDuplicates([question('q-1', prompt), question('q-2', prompt, { distinctFrom: ['q-1'] })])
		).toEqual([]);
	});

	it('lists the most alike pairs first', () => {
		const found = nearDuplicates([
			question('q-1', 'a b c d'),
			question('q-2', 'a b c e'),
			question('q-3', 'a b c d')
		]);
		expect(found.map((d) => d.similarity)).toEqual([1, 3 / 5, 3 / 5]);
		expect(found[0]!.ids).toEqual(['q-1', 'q-3']);
	});

	it('finds nothing among questions that are all different', () => {
		expect(
			nearDuplicates([question('q-1', 'a b c'), question('q-2', 'd e f'), question('q-3', 'g h')])
		).toEqual([]);
	});
});
