import { describe, expect, it } from 'vitest';
import { date, daysInMonth, parseDate, precisionOf } from '$lib/question-types/date';
import type { Outlet } from '$lib/question-types';

/** This type never names an outlet, so the story's outlets make no difference. */
const outlets: readonly Outlet[] = [{ id: 'outlet-a', outlet: 'Outlet A' }];
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
