import { describe, expect, it } from 'vitest';
import {
	askedParts,
	completed,
	date,
	daysInMonth,
	givenParts,
	parseDate,
	precisionOf
} from '$lib/question-types/date';
import type { Outlet } from '$lib/question-types';

/** This type never names an outlet, so the story's outlets make no difference. */
const outlets: readonly Outlet[] = [{ id: 'outlet-a', outlet: 'Outlet A', name: 'Outlet A News' }];
const day = { answer: '2022-07-15' };
const month = { answer: '2022-07' };
const year = { answer: '2022' };
const none = { year: null, month: null, day: null };

describe('date: reading answers', () => {
	it('reads the precision from how the answer is written', () => {
		expect(precisionOf('2022')).toBe('year');
		expect(precisionOf('2022-07')).toBe('month');
		expect(precisionOf('2022-07-15')).toBe('day');
	});

	it('splits an answer into numbers, leaving unasked parts null', () => {
		expect(parseDate('2022-07-05')).toEqual({ year: 2022, month: 7, day: 5 });
		expect(parseDate('2022-07')).toEqual({ year: 2022, month: 7, day: null });
		expect(parseDate('2022')).toEqual({ year: 2022, month: null, day: null });
	});

	it('knows month lengths, leap years included', () => {
		expect(daysInMonth(2022, 2)).toBe(28);
		expect(daysInMonth(2024, 2)).toBe(29);
		expect(daysInMonth(1900, 2)).toBe(28);
		expect(daysInMonth(2000, 2)).toBe(29);
		expect(daysInMonth(2022, 4)).toBe(30);
		expect(daysInMonth(2022, 12)).toBe(31);
	});
});

describe('date: scoring at day precision', () => {
	it('gives 1 for the right day', () => {
		expect(date.score(day, { year: 2022, month: 7, day: 15 })).toEqual({ score: 1 });
	});

	it('gives 0 when any part is wrong', () => {
		expect(date.score(day, { year: 2022, month: 7, day: 16 }).score).toBe(0);
		expect(date.score(day, { year: 2022, month: 8, day: 15 }).score).toBe(0);
		expect(date.score(day, { year: 2021, month: 7, day: 15 }).score).toBe(0);
	});

	it('is incomplete and scores 0 when only the year and month are given', () => {
		const r = { year: 2022, month: 7, day: null };
		expect(date.isComplete(day, r)).toBe(false);
		expect(date.score(day, r).score).toBe(0);
	});

	it('is incomplete and scores 0 with only the year', () => {
		const r = { year: 2022, month: null, day: null };
		expect(date.isComplete(day, r)).toBe(false);
		expect(date.score(day, r).score).toBe(0);
	});
});

describe('date: scoring at month precision', () => {
	it('gives 1 for the right month and year', () => {
		expect(date.score(month, { year: 2022, month: 7, day: null }).score).toBe(1);
	});

	it('ignores a day given beyond the precision asked, right or wrong', () => {
		expect(date.score(month, { year: 2022, month: 7, day: 15 }).score).toBe(1);
		expect(date.score(month, { year: 2022, month: 7, day: 30 }).score).toBe(1);
	});

	it('gives 0 for the wrong month or year', () => {
		expect(date.score(month, { year: 2022, month: 6, day: null }).score).toBe(0);
		expect(date.score(month, { year: 2023, month: 7, day: 15 }).score).toBe(0);
	});

	it('is incomplete without a month', () => {
		expect(date.isComplete(month, { year: 2022, month: null, day: null })).toBe(false);
		expect(date.score(month, { year: 2022, month: null, day: null }).score).toBe(0);
		expect(date.isComplete(month, { year: 2022, month: 7, day: null })).toBe(true);
	});
});

describe('date: scoring at year precision', () => {
	it('gives 1 for the right year alone', () => {
		expect(date.score(year, { year: 2022, month: null, day: null }).score).toBe(1);
	});

	it('ignores month and day in the response', () => {
		expect(date.score(year, { year: 2022, month: 1, day: 1 }).score).toBe(1);
		expect(date.score(year, { year: 2022, month: 12, day: null }).score).toBe(1);
	});

	it('gives 0 for the wrong year whatever else is given', () => {
		expect(date.score(year, { year: 2021, month: null, day: null }).score).toBe(0);
		expect(date.score(year, { year: 2021, month: 7, day: 15 }).score).toBe(0);
	});

	it('is complete with a year alone and incomplete without one', () => {
		expect(date.isComplete(year, { year: 2022, month: null, day: null })).toBe(true);
		expect(date.isComplete(year, { year: null, month: 7, day: 15 })).toBe(false);
		expect(date.score(year, { year: null, month: 7, day: 15 }).score).toBe(0);
	});
});

describe('date: no response', () => {
	it('is incomplete and scores 0 at every precision', () => {
		for (const q of [day, month, year]) {
			expect(date.isComplete(q, none)).toBe(false);
			expect(date.score(q, none).score).toBe(0);
		}
	});
});

describe('date: perfect response', () => {
	it('gives exactly the parts asked for and scores 1', () => {
		expect(date.perfect(day)).toEqual({ year: 2022, month: 7, day: 15 });
		expect(date.perfect(month)).toEqual({ year: 2022, month: 7, day: null });
		expect(date.perfect(year)).toEqual({ year: 2022, month: null, day: null });
		for (const q of [day, month, year]) {
			expect(date.isComplete(q, date.perfect(q))).toBe(true);
			expect(date.score(q, date.perfect(q)).score).toBe(1);
		}
	});
});

describe('date: check', () => {
	it('passes real dates at every precision, 29 February in a leap year included', () => {
		for (const answer of ['2022', '2022-07', '2022-07-15', '2024-02-29', '2022-12-31', '2022-01'])
			expect(date.check({ answer })).toEqual([]);
	});

	it('rejects days that do not exist', () => {
		for (const answer of ['2022-02-30', '2022-02-29', '2022-04-31', '2022-07-32', '2022-07-00']) {
			const issues = date.check({ answer });
			expect(issues, answer).toEqual([
				{ field: 'answer', message: expect.stringContaining(answer) }
			]);
		}
	});

	it('rejects months that do not exist', () => {
		expect(date.check({ answer: '2022-13' })).toEqual([
			{ field: 'answer', message: expect.stringContaining('13') }
		]);
		expect(date.check({ answer: '2022-13-01' })).toHaveLength(1);
		expect(date.check({ answer: '2022-00' })).toHaveLength(1);
	});
});

describe('date: text', () => {
	it('writes the answer in words at its precision', () => {
		expect(date.answerText(day, outlets)).toBe('15 July 2022');
		expect(date.answerText(month, outlets)).toBe('July 2022');
		expect(date.answerText(year, outlets)).toBe('2022');
	});

	it('writes the response in words, or says there is none', () => {
		expect(date.responseText(day, { year: 2022, month: 9, day: 7 }, outlets)).toBe(
			'7 September 2022'
		);
		expect(date.responseText(day, { year: 2022, month: 1, day: null }, outlets)).toBe(
			'January 2022'
		);
		expect(date.responseText(day, none, outlets)).toBe('(no answer)');
	});
});

describe('date: parts given in the prompt', () => {
	const dayInMonth = { answer: '2022-07-15', given: 'month' as const };
	const dayInYear = { answer: '2022-07-15', given: 'year' as const };
	const monthInYear = { answer: '2022-07', given: 'year' as const };

	it('asks only for the parts the prompt does not give, finest last', () => {
		expect(askedParts(day)).toEqual(['year', 'month', 'day']);
		expect(askedParts(month)).toEqual(['year', 'month']);
		expect(askedParts(year)).toEqual(['year']);
		expect(askedParts(dayInMonth)).toEqual(['day']);
		expect(askedParts(dayInYear)).toEqual(['month', 'day']);
		expect(askedParts(monthInYear)).toEqual(['month']);
		expect(askedParts({ answer: '2022', given: 'year' })).toEqual([]);
	});

	it('takes the given parts from the answer', () => {
		expect(givenParts(dayInMonth)).toEqual({ year: 2022, month: 7, day: null });
		expect(givenParts(dayInYear)).toEqual({ year: 2022, month: null, day: null });
		expect(givenParts(day)).toEqual(none);
	});

	it('completes a response with the given parts, whatever it held there', () => {
		expect(completed(dayInMonth, { year: null, month: null, day: 15 })).toEqual({
			year: 2022,
			month: 7,
			day: 15
		});
		expect(completed(dayInMonth, { year: 1999, month: 1, day: 15 })).toEqual({
			year: 2022,
			month: 7,
			day: 15
		});
		expect(completed(dayInYear, { year: null, month: 8, day: null })).toEqual({
			year: 2022,
			month: 8,
			day: null
		});
		expect(completed(day, { year: 2021, month: 1, day: 2 })).toEqual({
			year: 2021,
			month: 1,
			day: 2
		});
	});

	it('scores the day alone when the month and year are given', () => {
		expect(date.score(dayInMonth, { year: null, month: null, day: 15 }).score).toBe(1);
		expect(date.score(dayInMonth, { year: null, month: null, day: 16 }).score).toBe(0);
		expect(date.score(dayInMonth, { year: null, month: null, day: null }).score).toBe(0);
	});

	it('counts the given parts as given, whatever the response holds there', () => {
		expect(date.score(dayInMonth, { year: 2021, month: 8, day: 15 }).score).toBe(1);
		expect(date.score(dayInYear, { year: 1990, month: 7, day: 15 }).score).toBe(1);
	});

	it('still needs the asked parts right when only the year is given', () => {
		expect(date.score(dayInYear, { year: null, month: 7, day: 15 }).score).toBe(1);
		expect(date.score(dayInYear, { year: null, month: 8, day: 15 }).score).toBe(0);
		expect(date.score(dayInYear, { year: null, month: 7, day: 14 }).score).toBe(0);
		expect(date.score(monthInYear, { year: null, month: 7, day: null }).score).toBe(1);
		expect(date.score(monthInYear, { year: null, month: 6, day: null }).score).toBe(0);
	});

	it('is complete once the asked parts are given, and not before', () => {
		expect(date.isComplete(dayInMonth, { year: null, month: null, day: 15 })).toBe(true);
		expect(date.isComplete(dayInMonth, none)).toBe(false);
		expect(date.isComplete(dayInYear, { year: null, month: 7, day: null })).toBe(false);
		expect(date.isComplete(dayInYear, { year: null, month: null, day: 15 })).toBe(false);
		expect(date.isComplete(dayInYear, { year: null, month: 7, day: 15 })).toBe(true);
		expect(date.isComplete(monthInYear, { year: null, month: 7, day: null })).toBe(true);
	});

	it('has a perfect response of the asked parts only, which is complete and scores 1', () => {
		expect(date.perfect(dayInMonth)).toEqual({ year: null, month: null, day: 15 });
		expect(date.perfect(dayInYear)).toEqual({ year: null, month: 7, day: 15 });
		expect(date.perfect(monthInYear)).toEqual({ year: null, month: 7, day: null });
		for (const q of [dayInMonth, dayInYear, monthInYear]) {
			expect(date.isComplete(q, date.perfect(q))).toBe(true);
			expect(date.score(q, date.perfect(q)).score).toBe(1);
		}
	});

	it('writes the answer in full, and the response with the given parts put in', () => {
		expect(date.answerText(dayInMonth, outlets)).toBe('15 July 2022');
		expect(date.answerText(monthInYear, outlets)).toBe('July 2022');
		expect(date.responseText(dayInMonth, { year: null, month: null, day: 9 }, outlets)).toBe(
			'9 July 2022'
		);
		expect(date.responseText(dayInYear, { year: null, month: 3, day: 9 }, outlets)).toBe(
			'9 March 2022'
		);
		expect(date.responseText(dayInMonth, none, outlets)).toBe('(no answer)');
		expect(date.responseText(dayInYear, { year: 2022, month: null, day: null }, outlets)).toBe(
			'(no answer)'
		);
	});

	it('checks that something is left to ask', () => {
		expect(date.check(dayInMonth)).toEqual([]);
		expect(date.check(monthInYear)).toEqual([]);
		expect(date.check({ answer: '2022-07', given: 'month' })).toEqual([
			{ field: 'given', message: expect.stringContaining('nothing') }
		]);
		expect(date.check({ answer: '2022', given: 'year' })).toEqual([
			{ field: 'given', message: expect.stringContaining('nothing') }
		]);
	});

	it('checks that the prompt states the given parts', () => {
		const checkPrompt = (q: { answer: string; given?: 'year' | 'month' }, prompt: string) =>
			date.checkPrompt!(q, prompt);
		expect(checkPrompt(dayInMonth, 'On what day in July 2022 did it happen?')).toEqual([]);
		expect(checkPrompt(dayInMonth, 'What day of july, 2022, was it?')).toEqual([]);
		expect(checkPrompt(dayInYear, 'On what day in 2022 did it happen?')).toEqual([]);
		expect(checkPrompt(day, 'On what day did it happen?')).toEqual([]);
		expect(checkPrompt(dayInMonth, 'On what day in 2022 did it happen?')).toEqual([
			{ field: 'prompt', message: expect.stringContaining('"July"') }
		]);
		expect(checkPrompt(dayInMonth, 'On what day in July did it happen?')).toEqual([
			{ field: 'prompt', message: expect.stringContaining('"2022"') }
		]);
		const [issue] = checkPrompt(dayInMonth, 'On what day did it happen?');
		expect(issue!.message).toContain('"July" or "2022"');
		expect(issue!.message).toContain('given: month');
		// A year must stand as a number of its own, a month as a word of its own.
		expect(checkPrompt(dayInYear, 'On what day in 20221 did it happen?')).toHaveLength(1);
		expect(checkPrompt(dayInMonth, 'On what day in Julyish 2022 did it happen?')).toHaveLength(1);
	});
});
