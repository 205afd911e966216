import { describe, expect, it } from 'vitest';
import { source } from '$lib/question-types/source';

const outlets: Record<string, string> = {
	'rferl-2022-09-07': 'RFE/RL',
	'reuters-2022-09-07': 'Reuters'
};
const names = { source: (id: string) => outlets[id] ?? id };
const rferl = { answer: ['rferl-2022-09-07'] };
const both = { answer: ['rferl-2022-09-07', 'reuters-2022-09-07'] };
const neither = { answer: [] as string[] };

describe('source: scoring', () => {
	it('gives 1 for exactly the sources in the key', () => {
		expect(source.score(rferl, { sources: ['rferl-2022-09-07'] })).toEqual({ score: 1 });
		expect(source.score(both, { sources: ['rferl-2022-09-07', 'reuters-2022-09-07'] }).score).toBe(
			1
		);
	});

	it('ignores the order of the ids', () => {
		expect(source.score(both, { sources: ['reuters-2022-09-07', 'rferl-2022-09-07'] }).score).toBe(
			1
		);
	});

	it('gives 0 for a source too many or too few', () => {
		expect(source.score(rferl, { sources: ['rferl-2022-09-07', 'reuters-2022-09-07'] }).score).toBe(
			0
		);
		expect(source.score(both, { sources: ['rferl-2022-09-07'] }).score).toBe(0);
		expect(source.score(rferl, { sources: ['reuters-2022-09-07'] }).score).toBe(0);
	});

	it('reads [] as "neither"', () => {
		expect(source.score(neither, { sources: [] }).score).toBe(1);
		expect(source.score(neither, { sources: ['rferl-2022-09-07'] }).score).toBe(0);
		expect(source.score(rferl, { sources: [] }).score).toBe(0);
	});

	it('gives 0 for no answer, even when the key is "neither"', () => {
		expect(source.score(neither, { sources: null }).score).toBe(0);
		expect(source.score(rferl, { sources: null }).score).toBe(0);
	});

	it('gives 0 when an unknown id stands in for a right one', () => {
		expect(source.score(both, { sources: ['rferl-2022-09-07', 'nyt'] }).score).toBe(0);
	});

	it('has the key as its perfect response', () => {
		for (const q of [rferl, both, neither]) {
			expect(source.perfect(q)).toEqual({ sources: q.answer });
			expect(source.score(q, source.perfect(q)).score).toBe(1);
		}
	});
});

describe('source: isComplete', () => {
	it('counts "neither" as an answer, and no choice as none', () => {
		expect(source.isComplete(rferl, { sources: [] })).toBe(true);
		expect(source.isComplete(rferl, { sources: ['reuters-2022-09-07'] })).toBe(true);
		expect(source.isComplete(rferl, { sources: null })).toBe(false);
	});
});

describe('source: check', () => {
	it('passes one, both or neither', () => {
		expect(source.check(rferl)).toEqual([]);
		expect(source.check(both)).toEqual([]);
		expect(source.check(neither)).toEqual([]);
	});

	it('flags a source listed twice', () => {
		expect(source.check({ answer: ['rferl-2022-09-07', 'rferl-2022-09-07'] })).toEqual([
			{ field: 'answer', message: expect.stringContaining('"rferl-2022-09-07"') }
		]);
	});
});

describe('source: text', () => {
	it('names one source, both or neither', () => {
		expect(source.answerText(rferl, names)).toBe('RFE/RL only');
		expect(source.answerText({ answer: ['reuters-2022-09-07'] }, names)).toBe('Reuters only');
		expect(source.answerText(both, names)).toBe('Both');
		expect(source.answerText(neither, names)).toBe('Neither');
	});

	it('writes the response the same way, or says there is none', () => {
		expect(source.responseText(rferl, { sources: ['reuters-2022-09-07'] }, names)).toBe(
			'Reuters only'
		);
		expect(source.responseText(rferl, { sources: [] }, names)).toBe('Neither');
		expect(source.responseText(rferl, { sources: null }, names)).toBe('(no answer)');
	});

	it('names every source when more than two are given', () => {
		const three = { sources: ['rferl-2022-09-07', 'reuters-2022-09-07', 'ap'] };
		expect(source.responseText(rferl, three, names)).toBe('RFE/RL, Reuters, ap');
	});
});
