import { describe, expect, it } from 'vitest';
import type { Outlet } from '$lib/question-types';
import { single } from '$lib/question-types/single';

/** A single-choice question never names an outlet, so the story's outlets make no difference. */
const outlets: readonly Outlet[] = [{ id: 'outlet-a', outlet: 'Outlet A', name: 'Outlet A News' }];

const q = { options: ['Edi Rama', 'Ilir Meta', 'Bajram Begaj'], answer: 'Edi Rama' };

describe('single: scoring', () => {
	it('gives 1 for the answer', () => {
		expect(single.score(q, { choice: 'Edi Rama' })).toEqual({ score: 1 });
	});

	it('gives 0 for another option', () => {
		expect(single.score(q, { choice: 'Ilir Meta' }).score).toBe(0);
		expect(single.score(q, { choice: 'Bajram Begaj' }).score).toBe(0);
	});

	it('gives 0 for no choice and for a choice that is not an option', () => {
		expect(single.score(q, { choice: null }).score).toBe(0);
		expect(single.score(q, { choice: 'edi rama' }).score).toBe(0);
		expect(single.score(q, { choice: '' }).score).toBe(0);
	});

	it('adds no note', () => {
		expect(single.score(q, { choice: 'Edi Rama' }).note).toBeUndefined();
	});

	it('has the answer as its perfect response', () => {
		expect(single.perfect(q)).toEqual({ choice: 'Edi Rama' });
		expect(single.score(q, single.perfect(q)).score).toBe(1);
	});
});

describe('single: isComplete', () => {
	it('is complete once something is chosen, right or wrong', () => {
		expect(single.isComplete(q, { choice: 'Ilir Meta' })).toBe(true);
		expect(single.isComplete(q, { choice: 'Edi Rama' })).toBe(true);
	});

	it('is not complete with no choice', () => {
		expect(single.isComplete(q, { choice: null })).toBe(false);
	});
});

describe('single: check', () => {
	it('passes a well-formed question', () => {
		expect(single.check(q)).toEqual([]);
	});

	it('flags an answer that is not among the options', () => {
		const issues = single.check({ options: ['A', 'B'], answer: 'C' });
		expect(issues).toEqual([{ field: 'answer', message: expect.stringContaining('"C"') }]);
	});

	it('flags an option listed twice, once', () => {
		const issues = single.check({ options: ['A', 'B', 'A', 'A'], answer: 'B' });
		expect(issues).toHaveLength(1);
		expect(issues[0]).toEqual({ field: 'options', message: expect.stringContaining('"A"') });
	});

	it('reports both problems together', () => {
		const fields = single.check({ options: ['A', 'A'], answer: 'B' }).map((i) => i.field);
		expect(fields.sort()).toEqual(['answer', 'options']);
	});
});

describe('single: text', () => {
	it('gives the answer in words', () => {
		expect(single.answerText(q, outlets)).toBe('Edi Rama');
		expect(single.answerText(q, [])).toBe('Edi Rama');
	});

	it('gives the choice, or says there is none', () => {
		expect(single.responseText(q, { choice: 'Ilir Meta' }, outlets)).toBe('Ilir Meta');
		expect(single.responseText(q, { choice: null }, outlets)).toBe('(no answer)');
	});
});
