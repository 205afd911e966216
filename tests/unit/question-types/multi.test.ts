import { describe, expect, it } from 'vitest';
import { multi } from '$lib/question-types/multi';
import type { Outlet } from '$lib/question-types';

/** This type never names an outlet, so the story's outlets make no difference. */
const outlets: readonly Outlet[] = [{ id: 'outlet-a', outlet: 'Outlet A', name: 'Outlet A News' }];
// Two right options out of five.
const q = {
	options: ['Albania', 'Iran', 'Montenegro', 'Serbia', 'Kosovo'],
	answers: ['Albania', 'Montenegro']
};
// Three right options out of four.
const three = { options: ['A', 'B', 'C', 'D'], answers: ['A', 'B', 'C'] };

describe('multi: scoring', () => {
	it('gives 1 for exactly the right options, in any order', () => {
		expect(multi.score(q, { choices: ['Albania', 'Montenegro'] })).toEqual({ score: 1 });
		expect(multi.score(q, { choices: ['Montenegro', 'Albania'] }).score).toBe(1);
	});

	it('gives partial credit for some right options and no wrong ones', () => {
		expect(multi.score(q, { choices: ['Albania'] }).score).toBe(1 / 2);
		expect(multi.score(three, { choices: ['A'] }).score).toBeCloseTo(1 / 3);
		expect(multi.score(three, { choices: ['A', 'C'] }).score).toBeCloseTo(2 / 3);
	});

	it('takes a wrong option off as much as a right one adds', () => {
		// (2 right − 1 wrong) ÷ 2
		expect(multi.score(q, { choices: ['Albania', 'Montenegro', 'Iran'] }).score).toBe(1 / 2);
		// (3 right − 1 wrong) ÷ 3
		expect(multi.score(three, { choices: ['A', 'B', 'C', 'D'] }).score).toBeCloseTo(2 / 3);
		// (2 right − 1 wrong) ÷ 3
		expect(multi.score(three, { choices: ['A', 'B', 'D'] }).score).toBeCloseTo(1 / 3);
	});

	it('never goes below 0', () => {
		expect(multi.score(q, { choices: ['Iran', 'Serbia'] }).score).toBe(0);
		expect(multi.score(q, { choices: ['Albania', 'Iran', 'Serbia', 'Kosovo'] }).score).toBe(0);
	});

	it('earns nothing for choosing everything when half or fewer options are right', () => {
		expect(multi.score(q, { choices: [...q.options] }).score).toBe(0);
	});

	it('gives 0 for no choice', () => {
		expect(multi.score(q, { choices: [] }).score).toBe(0);
	});

	it('ignores choices that are not options and counts a repeated choice once', () => {
		expect(multi.score(q, { choices: ['Albania', 'Atlantis'] }).score).toBe(1 / 2);
		expect(multi.score(q, { choices: ['Albania', 'Albania'] }).score).toBe(1 / 2);
		expect(multi.score(q, { choices: ['Iran', 'Iran', 'Albania', 'Montenegro'] }).score).toBe(
			1 / 2
		);
	});

	it('has the right options as its perfect response', () => {
		expect(multi.perfect(q)).toEqual({ choices: ['Albania', 'Montenegro'] });
		expect(multi.score(q, multi.perfect(q)).score).toBe(1);
	});
});

describe('multi: isComplete', () => {
	it('needs at least one choice', () => {
		expect(multi.isComplete(q, { choices: [] })).toBe(false);
		expect(multi.isComplete(q, { choices: ['Iran'] })).toBe(true);
		expect(multi.isComplete(q, { choices: ['Albania', 'Montenegro'] })).toBe(true);
	});
});

describe('multi: check', () => {
	it('passes a well-formed question', () => {
		expect(multi.check(q)).toEqual([]);
	});

	it('flags a right answer that is not among the options', () => {
		const issues = multi.check({ options: ['A', 'B', 'C'], answers: ['A', 'Z'] });
		expect(issues).toEqual([{ field: 'answers', message: expect.stringContaining('"Z"') }]);
	});

	it('flags a question where every option is right', () => {
		const issues = multi.check({ options: ['A', 'B', 'C'], answers: ['C', 'A', 'B'] });
		expect(issues).toEqual([{ field: 'answers', message: expect.stringMatching(/every option/) }]);
	});

	it('flags options and answers listed twice', () => {
		const issues = multi.check({ options: ['A', 'B', 'B', 'C'], answers: ['A', 'A'] });
		expect(issues).toContainEqual({ field: 'options', message: expect.stringContaining('"B"') });
		expect(issues).toContainEqual({ field: 'answers', message: expect.stringContaining('"A"') });
	});
});

describe('multi: text', () => {
	it('lists the right options', () => {
		expect(multi.answerText(q, outlets)).toBe('Albania; Montenegro');
	});

	it('lists the choices, or says there are none', () => {
		expect(multi.responseText(q, { choices: ['Iran', 'Albania'] }, outlets)).toBe('Iran; Albania');
		expect(multi.responseText(q, { choices: [] }, outlets)).toBe('(no answer)');
	});
});
