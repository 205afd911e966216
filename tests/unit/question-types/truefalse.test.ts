import { describe, expect, it } from 'vitest';
import { truefalse } from '$lib/question-types/truefalse';
import type { Outlet } from '$lib/question-types';

/** This type never names an outlet, so the story's outlets make no difference. */
const outlets: readonly Outlet[] = [{ id: 'outlet-a', outlet: 'Outlet A', name: 'Outlet A News' }];

describe('truefalse: scoring', () => {
	it('gives 1 when the response matches the answer, for either answer', () => {
		expect(truefalse.score({ answer: true }, { value: true })).toEqual({ score: 1 });
		expect(truefalse.score({ answer: false }, { value: false })).toEqual({ score: 1 });
	});

	it('gives 0 for the opposite value', () => {
		expect(truefalse.score({ answer: true }, { value: false }).score).toBe(0);
		expect(truefalse.score({ answer: false }, { value: true }).score).toBe(0);
	});

	it('gives 0 for no answer, whatever the key', () => {
		expect(truefalse.score({ answer: true }, { value: null }).score).toBe(0);
		expect(truefalse.score({ answer: false }, { value: null }).score).toBe(0);
	});

	it('has the key as its perfect response', () => {
		expect(truefalse.perfect({ answer: false })).toEqual({ value: false });
		expect(truefalse.perfect({ answer: true })).toEqual({ value: true });
	});
});

describe('truefalse: isComplete', () => {
	it('needs a value; false counts as one', () => {
		expect(truefalse.isComplete({ answer: true }, { value: false })).toBe(true);
		expect(truefalse.isComplete({ answer: true }, { value: true })).toBe(true);
		expect(truefalse.isComplete({ answer: true }, { value: null })).toBe(false);
	});
});

describe('truefalse: check', () => {
	it('has nothing to check beyond the schema', () => {
		expect(truefalse.check({ answer: true })).toEqual([]);
		expect(truefalse.check({ answer: false })).toEqual([]);
	});
});

describe('truefalse: text', () => {
	it('writes the answer as True or False', () => {
		expect(truefalse.answerText({ answer: true }, outlets)).toBe('True');
		expect(truefalse.answerText({ answer: false }, outlets)).toBe('False');
	});

	it('writes the response as True, False or no answer', () => {
		expect(truefalse.responseText({ answer: true }, { value: true }, outlets)).toBe('True');
		expect(truefalse.responseText({ answer: true }, { value: false }, outlets)).toBe('False');
		expect(truefalse.responseText({ answer: true }, { value: null }, outlets)).toBe('(no answer)');
	});
});
