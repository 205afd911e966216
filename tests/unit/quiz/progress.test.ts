import { describe, expect, it } from 'vitest';
import { CATEGORIES, type Category, type Question } from '$lib/content/model';
import type { Answer, Attempt } from '$lib/quiz/attempt';
import {
	accuracyByCategory,
	addToStat,
	mostMissed,
	resumable,
	type QuestionStat
} from '$lib/quiz/progress';

const STORY = 'albania-iran-2022';

function answer(
	questionId: string,
	score: number,
	answeredAt: number,
	category: Category = 'dates'
): Answer {
	return {
		attemptId: 'attempt-1',
		questionId,
		storyId: STORY,
		category,
		response: { value: true },
		score,
		answeredAt
	};
}

/** Folds answers, in order, into per-question stats. */
function statsFrom(answers: readonly Answer[]): QuestionStat[] {
	const stats = new Map<string, QuestionStat>();
	for (const a of answers) stats.set(a.questionId, addToStat(stats.get(a.questionId), a));
	return [...stats.values()];
}

function question(id: string, category: Category = 'dates'): Question {
	return {
		id,
		category,
		type: 'truefalse',
		answer: true,
		prompt: `Is ${id} true?`,
		explanation: 'It is.',
		difficulty: 1,
		actors: [],
		outlets: [],
		evidence: [{ source: 'reuters-2022-09-07', quote: 'a passage' }]
	};
}

function attempt(id: string, updatedAt: number, finishedAt: number | null): Attempt {
	return {
		id,
		storyId: STORY,
		seed: 1,
		categories: [...CATEGORIES],
		questionIds: ['q1'],
		position: 0,
		startedAt: 0,
		updatedAt,
		finishedAt
	};
}

describe('addToStat', () => {
	it('starts a stat from the first answer', () => {
		expect(addToStat(undefined, answer('q1', 0.5, 100, 'quotes'))).toEqual({
			questionId: 'q1',
			storyId: STORY,
			category: 'quotes',
			seen: 1,
			right: 0,
			scoreSum: 0.5,
			lastScore: 0.5,
			lastAnsweredAt: 100
		});
	});

	it('accumulates answers, counting only full credit as right', () => {
		let stat = addToStat(undefined, answer('q1', 1, 100));
		stat = addToStat(stat, answer('q1', 0.75, 200));
		stat = addToStat(stat, answer('q1', 0, 300));
		stat = addToStat(stat, answer('q1', 1, 400));
		expect(stat).toMatchObject({ seen: 4, right: 2, scoreSum: 2.75 });
	});

	it('remembers the latest score and time', () => {
		const first = addToStat(undefined, answer('q1', 1, 100));
		const second = addToStat(first, answer('q1', 0.25, 250));
		expect(second).toMatchObject({ lastScore: 0.25, lastAnsweredAt: 250 });
	});

	it('leaves the earlier stat untouched', () => {
		const first = addToStat(undefined, answer('q1', 1, 100));
		const copy = { ...first };
		addToStat(first, answer('q1', 0, 200));
		expect(first).toEqual(copy);
	});
});

describe('accuracyByCategory', () => {
	it('gives a row for every category, in order', () => {
		expect(accuracyByCategory([]).map((r) => r.category)).toEqual([...CATEGORIES]);
	});

	it('gives 0 answered and accuracy 0 (not NaN) for an untouched category', () => {
		for (const row of accuracyByCategory([]))
			expect(row).toEqual({ category: row.category, answered: 0, accuracy: 0 });
	});

	it('averages every answer given in a category, partial credit included', () => {
		const stats = statsFrom([
			answer('d1', 1, 1, 'dates'),
			answer('d1', 0, 2, 'dates'),
			answer('d2', 0.5, 3, 'dates'),
			answer('a1', 1, 4, 'actors'),
			answer('q1', 0.25, 5, 'quotes')
		]);
		const rows = Object.fromEntries(accuracyByCategory(stats).map((r) => [r.category, r]));
		expect(rows.dates).toEqual({ category: 'dates', answered: 3, accuracy: 1.5 / 3 });
		expect(rows.actors).toEqual({ category: 'actors', answered: 1, accuracy: 1 });
		expect(rows.quotes).toEqual({ category: 'quotes', answered: 1, accuracy: 0.25 });
		expect(rows.sources).toEqual({ category: 'sources', answered: 0, accuracy: 0 });
	});

	it('weights by answers, not by questions', () => {
		// One question answered right three times, another wrong once: 3 of 4 answers right.
		const stats = statsFrom([
			answer('d1', 1, 1),
			answer('d1', 1, 2),
			answer('d1', 1, 3),
			answer('d2', 0, 4)
		]);
		expect(accuracyByCategory(stats)[0]).toEqual({
			category: 'dates',
			answered: 4,
			accuracy: 0.75
		});
	});
});

describe('mostMissed', () => {
	const questions = ['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7'].map((id) => question(id));

	it('puts the most-missed question first', () => {
		const stats = statsFrom([
			answer('q1', 0, 10),
			answer('q2', 0, 1),
			answer('q2', 0, 2),
			answer('q2', 0, 3),
			answer('q3', 0, 4),
			answer('q3', 0.5, 5)
		]);
		const rows = mostMissed(stats, questions);
		expect(rows.map((r) => [r.question.id, r.missed])).toEqual([
			['q2', 3],
			['q3', 2],
			['q1', 1]
		]);
		expect(rows[0]!.stat).toBe(stats.find((s) => s.questionId === 'q2'));
	});

	it('breaks ties by the most recent answer', () => {
		const stats = statsFrom([answer('q1', 0, 100), answer('q2', 0, 300), answer('q3', 0, 200)]);
		expect(mostMissed(stats, questions).map((r) => r.question.id)).toEqual(['q2', 'q3', 'q1']);
	});

	it('counts partial credit as a miss', () => {
		const stats = statsFrom([answer('q1', 0.9, 1)]);
		expect(mostMissed(stats, questions).map((r) => r.missed)).toEqual([1]);
	});

	it('leaves out questions that were always fully right', () => {
		const stats = statsFrom([
			answer('q1', 1, 1),
			answer('q1', 1, 2),
			answer('q2', 1, 3),
			answer('q2', 0, 4),
			answer('q2', 1, 5)
		]);
		const rows = mostMissed(stats, questions);
		expect(rows.map((r) => r.question.id)).toEqual(['q2']);
		expect(rows[0]!.missed).toBe(1);
	});

	it('leaves out questions no longer in the bank', () => {
		const stats = statsFrom([answer('retired', 0, 1), answer('q1', 0, 2)]);
		expect(mostMissed(stats, questions).map((r) => r.question.id)).toEqual(['q1']);
	});

	it('gives at most five by default, and as many as asked', () => {
		const stats = statsFrom(questions.map((q, i) => answer(q.id, 0, i)));
		expect(mostMissed(stats, questions)).toHaveLength(5);
		expect(mostMissed(stats, questions, 2).map((r) => r.question.id)).toEqual(['q7', 'q6']);
		expect(mostMissed(stats, questions, 10)).toHaveLength(7);
	});

	it('gives nothing when nothing was missed', () => {
		expect(mostMissed([], questions)).toEqual([]);
		expect(mostMissed(statsFrom([answer('q1', 1, 1)]), questions)).toEqual([]);
	});
});

describe('resumable', () => {
	it('picks the most recently updated unfinished attempt', () => {
		const attempts = [
			attempt('old', 100, null),
			attempt('latest', 300, null),
			attempt('middle', 200, null)
		];
		expect(resumable(attempts)?.id).toBe('latest');
	});

	it('skips finished attempts, however recent', () => {
		const attempts = [attempt('unfinished', 100, null), attempt('finished', 500, 500)];
		expect(resumable(attempts)?.id).toBe('unfinished');
	});

	it('gives null when every attempt is finished, or there are none', () => {
		expect(resumable([attempt('a', 1, 2), attempt('b', 3, 4)])).toBeNull();
		expect(resumable([])).toBeNull();
	});

	it('does not reorder the list it is given', () => {
		const attempts = [attempt('a', 1, null), attempt('b', 3, null), attempt('c', 2, null)];
		resumable(attempts);
		expect(attempts.map((a) => a.id)).toEqual(['a', 'b', 'c']);
	});
});
