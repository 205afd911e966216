import { describe, expect, it } from 'vitest';
import { number } from '$lib/question-types/number';
import type { Outlet } from '$lib/question-types';

/** This type never names an outlet, so the story's outlets make no difference. */
const outlets: readonly Outlet[] = [{ id: 'outlet-a', outlet: 'Outlet A', name: 'Outlet A News' }];
const exact = { answer: 1000, tolerance: 0 };
const around = { answer: 1000, tolerance: 250, unit: 'people' };

describe('number: scoring', () => {
	it('gives 1 for the answer and 0 for anything else when there is no tolerance', () => {
		expect(number.score(exact, { value: 1000 })).toEqual({ score: 1 });
		expect(number.score(exact, { value: 1001 }).score).toBe(0);
		expect(number.score(exact, { value: 999.5 }).score).toBe(0);
	});

	it('accepts anything within the tolerance, both ways', () => {
		expect(number.score(around, { value: 900 }).score).toBe(1);
		expect(number.score(around, { value: 1100 }).score).toBe(1);
	});

	it('accepts a response exactly at ± tolerance', () => {
		expect(number.score(around, { value: 750 }).score).toBe(1);
		expect(number.score(around, { value: 1250 }).score).toBe(1);
	});

	it('rejects a response just beyond the tolerance', () => {
		expect(number.score(around, { value: 749 }).score).toBe(0);
		expect(number.score(around, { value: 1251 }).score).toBe(0);
		expect(number.score(around, { value: 749.99 }).score).toBe(0);
		expect(number.score(around, { value: 1250.01 }).score).toBe(0);
	});

	it('accepts a response exactly at ± tolerance when the numbers are decimals', () => {
		// 0.4 − 0.3 is 0.10000000000000003 in floating point: the edge must still count as inside.
		expect(number.score({ answer: 0.3, tolerance: 0.1 }, { value: 0.4 }).score).toBe(1);
		expect(number.score({ answer: 0.3, tolerance: 0.1 }, { value: 0.2 }).score).toBe(1);
		expect(number.score({ answer: 1.1, tolerance: 0.1 }, { value: 1.0 }).score).toBe(1);
		expect(number.score({ answer: 1.1, tolerance: 0.1 }, { value: 1.2 }).score).toBe(1);
		expect(number.score({ answer: 0.3, tolerance: 0.1 }, { value: 0.41 }).score).toBe(0);
	});

	it('handles negative answers', () => {
		const q = { answer: -5, tolerance: 2 };
		expect(number.score(q, { value: -7 }).score).toBe(1);
		expect(number.score(q, { value: -3 }).score).toBe(1);
		expect(number.score(q, { value: -8 }).score).toBe(0);
		expect(number.score(q, { value: 5 }).score).toBe(0);
	});

	it('gives 0 for no value and for non-finite values', () => {
		const wide = { answer: 0, tolerance: Number.MAX_VALUE };
		expect(number.score(around, { value: null }).score).toBe(0);
		expect(number.score(wide, { value: Infinity }).score).toBe(0);
		expect(number.score(wide, { value: -Infinity }).score).toBe(0);
		expect(number.score(wide, { value: NaN }).score).toBe(0);
	});

	it('has the answer as its perfect response', () => {
		expect(number.perfect(around)).toEqual({ value: 1000 });
		expect(number.score(around, number.perfect(around)).score).toBe(1);
	});
});

describe('number: isComplete', () => {
	it('needs a finite number', () => {
		expect(number.isComplete(around, { value: 0 })).toBe(true);
		expect(number.isComplete(around, { value: -12.5 })).toBe(true);
		expect(number.isComplete(around, { value: null })).toBe(false);
		expect(number.isComplete(around, { value: NaN })).toBe(false);
		expect(number.isComplete(around, { value: Infinity })).toBe(false);
	});
});

describe('number: check', () => {
	it('has nothing to check beyond the schema', () => {
		expect(number.check(around)).toEqual([]);
		expect(number.check(exact)).toEqual([]);
	});
});

describe('number: text', () => {
	it('writes the answer with separators, unit and tolerance', () => {
		expect(number.answerText(around, outlets)).toBe('1,000 people (±250 accepted)');
		expect(number.answerText({ answer: 12500, tolerance: 0 }, outlets)).toBe('12,500');
		expect(number.answerText({ answer: 3, tolerance: 0, unit: 'days' }, outlets)).toBe('3 days');
	});

	it('writes negative and fractional answers and tolerances as they are', () => {
		expect(number.answerText({ answer: -2.5, tolerance: 0.5 }, outlets)).toBe(
			'-2.5 (±0.5 accepted)'
		);
		expect(number.answerText({ answer: 0, tolerance: 0, unit: 'days' }, outlets)).toBe('0 days');
	});

	it('writes the response with the unit, or says there is none', () => {
		expect(number.responseText(around, { value: 1200 }, outlets)).toBe('1,200 people');
		expect(number.responseText(exact, { value: 7 }, outlets)).toBe('7');
		expect(number.responseText(around, { value: null }, outlets)).toBe('(no answer)');
	});
});
