import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { CATEGORIES, type Category, type Question } from '$lib/content/model';
import {
	AnswerSchema,
	scoreAttempt,
	type Answer,
	type AttemptScore,
	type QuestionRef
} from '$lib/quiz/attempt';
import {
	addToStat,
	isStale,
	attemptRows,
	historyOf,
	missedIn,
	missedOverall,
	overrideAnswer,
	progressSummary,
	QuestionStatSchema,
	recordAnswer,
	resumable,
	type QuestionStat
} from '$lib/quiz/progress';
import { review } from '$lib/study/schedule';
import { answer, attempt, NOW, OTHER_STORY, question, ref, STORY } from './factory';

/** Folds answers, in order, into per-question stats. */
function statsFrom(answers: readonly Answer[]): QuestionStat[] {
	const stats = new Map<string, QuestionStat>();
	for (const a of answers) stats.set(a.questionId, addToStat(stats.get(a.questionId), a, review));
	return [...stats.values()];
}

/** A question's stored totals, as given: for what no fold of answers would produce. */
function stat(
	questionId: string,
	fields: Partial<Omit<QuestionStat, 'questionId'>> = {}
): QuestionStat {
	return {
		questionId,
		storyId: STORY,
		category: 'dates',
		seen: 1,
		right: 0,
		scoreSum: 0,
		lastScore: 0,
		lastAnsweredAt: NOW,
		...fields
	};
}

/** An answer in its own attempt, so the same question can be answered again (answers are final). */
function given(
	questionId: string,
	score: number,
	answeredAt: number,
	category: Category = 'dates'
): Answer {
	return answer(questionId, score, answeredAt, { category, attemptId: `attempt-${answeredAt}` });
}

/** The score part of an attempt row, as scoreAttempt gives it. */
function scoreOf(row: AttemptScore): AttemptScore {
	return {
		asked: row.asked,
		answered: row.answered,
		points: row.points,
		accuracy: row.accuracy,
		right: row.right,
		partly: row.partly,
		toPractise: row.toPractise
	};
}

function resumableAttempt(id: string, updatedAt: number, finishedAt: number | null) {
	return attempt(id, ['q1'], { startedAt: 0, updatedAt, finishedAt });
}

describe('addToStat', () => {
	it('starts a stat from the first answer', () => {
		expect(addToStat(undefined, answer('q1', 0.5, 100, { category: 'quotes' }), review)).toEqual({
			questionId: 'q1',
			storyId: STORY,
			category: 'quotes',
			seen: 1,
			right: 0,
			scoreSum: 0.5,
			lastScore: 0.5,
			lastAnsweredAt: 100,
			// Its schedule starts here: rated by the score, at the time it was given.
			card: review(undefined, 0.5, 100),
			cardBefore: null
		});
	});

	it('leaves the schedule behind without the scheduler, and says it is stale until replayed', () => {
		const first = addToStat(undefined, answer('q1', 1, 100), review);
		expect(isStale(first)).toBe(false);
		const behind = addToStat(first, answer('q1', 0, 5_000_000), null);
		expect(behind).toMatchObject({ seen: 2, card: first.card, cardBefore: null });
		expect(isStale(behind)).toBe(true);
		// A stale schedule is not moved on from where it lags, even with the scheduler back.
		const after = addToStat(behind, answer('q1', 1, 9_000_000), review);
		expect(after.card).toEqual(first.card);
		expect(isStale(after)).toBe(true);
		expect(isStale({ seen: 0, card: undefined })).toBe(false);
	});

	it('moves the schedule on with each answer, keeping the one before', () => {
		const first = addToStat(undefined, answer('q1', 1, 100), review);
		const second = addToStat(first, answer('q1', 0, 5_000_000), review);
		expect(second.cardBefore).toEqual(first.card);
		expect(second.card).toEqual(review(first.card, 0, 5_000_000));
		expect(second.card!.reps).toBe(2);
	});

	it('accumulates answers, counting only full credit as right', () => {
		let stat = addToStat(undefined, answer('q1', 1, 100), review);
		stat = addToStat(stat, answer('q1', 0.75, 200), review);
		stat = addToStat(stat, answer('q1', 0, 300), review);
		stat = addToStat(stat, answer('q1', 1, 400), review);
		expect(stat).toMatchObject({ seen: 4, right: 2, scoreSum: 2.75 });
	});

	it('remembers the latest score and time', () => {
		const first = addToStat(undefined, answer('q1', 1, 100), review);
		const second = addToStat(first, answer('q1', 0.25, 250), review);
		expect(second).toMatchObject({ lastScore: 0.25, lastAnsweredAt: 250 });
	});

	it('leaves the earlier stat untouched', () => {
		const first = addToStat(undefined, answer('q1', 1, 100), review);
		const copy = { ...first };
		addToStat(first, answer('q1', 0, 200), review);
		expect(first).toEqual(copy);
	});

	it('gives stats that the stored-record schema accepts', () => {
		const stats = statsFrom([answer('q1', 1, 100), answer('q1', 0.5, 200), answer('q2', 0, 300)]);
		for (const stat of stats) expect(v.parse(QuestionStatSchema, stat)).toEqual(stat);
	});
});

describe('QuestionStatSchema', () => {
	const stat = addToStat(undefined, answer('q1', 1, 100), review);

	it('rejects counts that are negative or fractional, and times that are not finite', () => {
		for (const bad of [
			{ seen: -1 },
			{ seen: 1.5 },
			{ right: -1 },
			{ scoreSum: NaN },
			{ lastScore: Infinity },
			{ lastAnsweredAt: NaN },
			{ questionId: '' },
			{ category: 'weather' }
		])
			expect(
				v.safeParse(QuestionStatSchema, { ...stat, ...bad }).success,
				JSON.stringify(bad)
			).toBe(false);
	});
});

describe('recordAnswer', () => {
	const stored = attempt('attempt-1', ['q1', 'q2'], { updatedAt: NOW + 100 });
	const first = answer('q1', 0.5, NOW + 200);

	it('writes the first answer, its question’s stat and the attempt’s new time', () => {
		const writes = recordAnswer(
			{ answer: undefined, stat: undefined, attempt: stored },
			first,
			review
		);
		expect(writes).toEqual({
			answer: first,
			stat: addToStat(undefined, first, review),
			attempt: { ...stored, updatedAt: NOW + 200 }
		});
	});

	it('adds to the stat already stored for the question', () => {
		const earlier = addToStat(undefined, answer('q1', 1, NOW, { attemptId: 'attempt-0' }), review);
		const writes = recordAnswer(
			{ answer: undefined, stat: earlier, attempt: stored },
			first,
			review
		);
		expect(writes?.stat).toEqual(addToStat(earlier, first, review));
		expect(writes?.stat).toMatchObject({ seen: 2, right: 1, scoreSum: 1.5, lastScore: 0.5 });
	});

	it('writes nothing for a second answer to the same question: answers are final', () => {
		const stat = addToStat(undefined, first, review);
		const again = answer('q1', 1, NOW + 300);
		expect(recordAnswer({ answer: first, stat, attempt: stored }, again, review)).toBeNull();
		expect(
			recordAnswer({ answer: first, stat: undefined, attempt: undefined }, again, review)
		).toBeNull();
	});

	it('writes no attempt when the attempt is not stored', () => {
		const writes = recordAnswer(
			{ answer: undefined, stat: undefined, attempt: undefined },
			first,
			review
		);
		expect(writes).toEqual({
			answer: first,
			stat: addToStat(undefined, first, review),
			attempt: null
		});
	});

	it('never moves the attempt’s time back', () => {
		const late = attempt('attempt-1', ['q1'], { updatedAt: NOW + 500 });
		const writes = recordAnswer(
			{ answer: undefined, stat: undefined, attempt: late },
			first,
			review
		);
		expect(writes?.attempt?.updatedAt).toBe(NOW + 500);
		const same = recordAnswer(
			{ answer: undefined, stat: undefined, attempt: late },
			answer('q1', 1, NOW + 500),
			review
		);
		expect(same?.attempt?.updatedAt).toBe(NOW + 500);
	});

	it('changes nothing but the attempt’s time, and leaves what it was given untouched', () => {
		const before = structuredClone(stored);
		const writes = recordAnswer(
			{ answer: undefined, stat: undefined, attempt: stored },
			first,
			review
		);
		expect(stored).toEqual(before);
		expect(writes!.attempt).toEqual({ ...before, updatedAt: first.answeredAt });
	});

	it('moves the time forward to the answer’s, or keeps it, for any pair of times', () => {
		const time = fc.integer({ min: 0, max: 2 ** 48 });
		fc.assert(
			fc.property(time, time, (updatedAt, answeredAt) => {
				const a = attempt('attempt-1', ['q1'], { updatedAt });
				const writes = recordAnswer(
					{ answer: undefined, stat: undefined, attempt: a },
					answer('q1', 1, answeredAt),
					review
				);
				expect(writes?.attempt?.updatedAt).toBe(Math.max(updatedAt, answeredAt));
			})
		);
	});
});

describe('overrideAnswer', () => {
	const practice = attempt('attempt-1', ['q1', 'q2']);
	const wrong = answer('q1', 0, NOW + 10);
	/** The stat after an earlier right answer (another attempt) and then `wrong`. */
	const statAfter = addToStat(
		addToStat(undefined, answer('q1', 1, NOW, { attemptId: 'attempt-0' }), review),
		wrong,
		review
	);
	const stored = { answer: wrong, stat: statAfter, attempt: practice };

	it('marks the answer right, keeping the score the rule gave and when it was overridden', () => {
		const writes = overrideAnswer(stored, NOW + 50, review)!;
		expect(writes.answer).toEqual({ ...wrong, score: 1, override: { from: 0, at: NOW + 50 } });
		expect(v.parse(AnswerSchema, writes.answer)).toEqual(writes.answer);
	});

	it('corrects the question’s totals as if the answer had been right', () => {
		const writes = overrideAnswer(stored, NOW + 50, review)!;
		expect(statAfter).toMatchObject({ seen: 2, right: 1, scoreSum: 1, lastScore: 0 });
		expect(writes.stat).toEqual({
			...statAfter,
			right: 2,
			scoreSum: 2,
			lastScore: 1,
			// Rescheduled from the card before the wrong answer, as a right one.
			card: review(statAfter.cardBefore!, 1, wrong.answeredAt)
		});
		expect(writes.stat).toEqual(
			addToStat(
				addToStat(undefined, answer('q1', 1, NOW, { attemptId: 'attempt-0' }), review),
				{
					...wrong,
					score: 1
				},
				review
			)
		);
		expect(v.parse(QuestionStatSchema, writes.stat)).toEqual(writes.stat);
	});

	it('drops the schedule of an overridden last answer when the scheduler is missing, for a replay', () => {
		const writes = overrideAnswer(stored, NOW + 50, null)!;
		expect(writes.stat).toMatchObject({ right: 2, card: undefined, cardBefore: undefined });
		expect(isStale(writes.stat!)).toBe(true);
	});

	it('adds only the credit the rule did not give to a part-right answer', () => {
		const half = answer('q1', 0.25, NOW + 10);
		const writes = overrideAnswer(
			{ answer: half, stat: addToStat(undefined, half, review), attempt: practice },
			NOW + 50,
			review
		)!;
		expect(writes.answer.override).toEqual({ from: 0.25, at: NOW + 50 });
		expect(writes.stat).toMatchObject({ seen: 1, right: 1, scoreSum: 1, lastScore: 1 });
	});

	it('leaves the latest score alone when the question was answered again since', () => {
		const later = answer('q1', 0.5, NOW + 20, { attemptId: 'attempt-2' });
		const stat = addToStat(statAfter, later, review);
		const writes = overrideAnswer({ answer: wrong, stat, attempt: practice }, NOW + 50, review)!;
		expect(writes.stat).toEqual({
			...stat,
			right: stat.right + 1,
			scoreSum: stat.scoreSum + 1,
			lastScore: 0.5,
			lastAnsweredAt: NOW + 20
		});
	});

	it('never counts more right answers than answers seen', () => {
		// Totals that already count this answer as right (another tab's sum, say).
		const stat = { ...addToStat(undefined, wrong, review), right: 1 };
		const writes = overrideAnswer({ answer: wrong, stat, attempt: practice }, NOW + 50, review)!;
		expect(writes.stat).toMatchObject({ seen: 1, right: 1 });
	});

	it('writes no totals when none are stored for the question', () => {
		const writes = overrideAnswer(
			{ answer: wrong, stat: undefined, attempt: practice },
			NOW + 50,
			review
		);
		expect(writes).toEqual({
			answer: { ...wrong, score: 1, override: { from: 0, at: NOW + 50 } },
			stat: null
		});
	});

	it('gives null when there is nothing to override', () => {
		const refused = [
			{ ...stored, attempt: { ...practice, mode: 'assignment' as const } },
			{ ...stored, answer: undefined },
			{ ...stored, attempt: undefined },
			{ ...stored, answer: { ...wrong, score: 1 } },
			{ ...stored, answer: { ...wrong, response: null, dontKnow: true as const } },
			{ ...stored, answer: { ...wrong, score: 1, override: { from: 0, at: NOW + 20 } } },
			{ ...stored, answer: { ...wrong, override: { from: 0, at: NOW + 20 } } }
		];
		for (const given of refused) expect(overrideAnswer(given, NOW + 50, review)).toBeNull();
	});

	it('leaves what it is given untouched', () => {
		const before = structuredClone(stored);
		overrideAnswer(stored, NOW + 50, review);
		expect(stored).toEqual(before);
	});

	it('gives the totals that recording the answer as right would have, for any history of the question', () => {
		const scores = fc.array(fc.constantFrom(0, 0.25, 0.5, 1), { minLength: 1, maxLength: 8 });
		fc.assert(
			fc.property(
				scores.chain((list) => fc.tuple(fc.constant(list), fc.nat(list.length - 1))),
				([list, pick]) => {
					const answers = list.map((score, i) =>
						answer('q1', score, NOW + i, { attemptId: `attempt-${i}` })
					);
					const stat = statsFrom(answers)[0]!;
					const target = answers[pick]!;
					const writes = overrideAnswer(
						{ answer: target, stat, attempt: attempt(target.attemptId, ['q1']) },
						NOW + 100,
						review
					);
					if (target.score >= 1) {
						expect(writes).toBeNull();
						return;
					}
					const asIfRight = statsFrom(
						answers.map((a, i) => (i === pick ? { ...a, score: 1 } : a))
					)[0]!;
					// The schedule is redone only for the last answer; an older one's stays as it was.
					const card = pick === list.length - 1 ? asIfRight.card : stat.card;
					expect(writes!.stat).toEqual({
						...asIfRight,
						scoreSum: expect.any(Number),
						card,
						cardBefore: stat.cardBefore
					});
					expect(writes!.stat!.scoreSum).toBeCloseTo(asIfRight.scoreSum, 12);
				}
			)
		);
	});
});

describe('missedIn', () => {
	const four = attempt('attempt-1', [ref('q1'), ref('q2'), ref('b-1', OTHER_STORY), ref('q4')]);
	const sections: Record<string, Category> = { q1: 'dates', q2: 'actors', 'b-1': 'quotes' };
	const categoryOf = (r: QuestionRef) => sections[r.questionId];
	const scored = (questionId: string, score: number, category: Category = 'dates') => ({
		questionId,
		score,
		category
	});

	it('lists the questions not fully right, answered or not, in the order asked', () => {
		const answers = [scored('q2', 0.5, 'actors'), scored('q1', 0), scored('b-1', 1, 'quotes')];
		expect(
			missedIn({ questions: [ref('q1'), ref('q2'), ref('b-1', OTHER_STORY)] }, answers, categoryOf)
		).toEqual([
			{ ref: ref('q1'), category: 'dates' },
			{ ref: ref('q2'), category: 'actors' }
		]);
		// Unanswered, q2 and b-1 are to practise too.
		expect(missedIn(four, [scored('q1', 1)], categoryOf)).toEqual([
			{ ref: ref('q2'), category: 'actors' },
			{ ref: ref('b-1', OTHER_STORY), category: 'quotes' }
		]);
	});

	it('takes the section from the answer, and from the bank for an unanswered question', () => {
		const answers = [scored('q1', 0, 'sources')];
		expect(missedIn({ questions: [ref('q1'), ref('q2')] }, answers, categoryOf)).toEqual([
			{ ref: ref('q1'), category: 'sources' },
			{ ref: ref('q2'), category: 'actors' }
		]);
	});

	it('leaves out an unanswered question no bank knows, but not an answered one', () => {
		// q4 is in no bank and unanswered; "retired" is in no bank but was answered.
		const attempt4 = { questions: [ref('q4'), ref('retired')] };
		expect(missedIn(attempt4, [scored('retired', 0, 'quotes')], categoryOf)).toEqual([
			{ ref: ref('retired'), category: 'quotes' }
		]);
	});

	it('gives nothing when every question was fully right', () => {
		const answers = ['q1', 'q2', 'b-1', 'q4'].map((id) => scored(id, 1));
		expect(missedIn(four, answers, categoryOf)).toEqual([]);
	});

	it('counts an overridden answer as right', () => {
		const overridden = answer('q1', 1, NOW, { override: { from: 0, at: NOW + 1 } });
		expect(missedIn({ questions: [ref('q1')] }, [overridden], categoryOf)).toEqual([]);
	});
});

describe('missedOverall', () => {
	it('lists each question whose latest answer was not fully right, the most recent first', () => {
		const stats = [
			stat('q1', { lastScore: 0, lastAnsweredAt: NOW + 100 }),
			stat('q2', { lastScore: 1, right: 1, lastAnsweredAt: NOW + 400 }),
			stat('b-1', {
				storyId: OTHER_STORY,
				category: 'quotes',
				lastScore: 0.5,
				lastAnsweredAt: NOW + 300
			}),
			stat('q3', { lastScore: 0, lastAnsweredAt: NOW + 200 })
		];
		expect(missedOverall(stats)).toEqual([
			{ ref: ref('b-1', OTHER_STORY), category: 'quotes' },
			{ ref: ref('q3'), category: 'dates' },
			{ ref: ref('q1'), category: 'dates' }
		]);
	});

	it('leaves out a question missed before but right the last time', () => {
		const stats = statsFrom([
			given('q1', 0, 1),
			given('q1', 1, 2),
			given('q2', 1, 3),
			given('q2', 0, 4)
		]);
		expect(missedOverall(stats)).toEqual([{ ref: ref('q2'), category: 'dates' }]);
	});

	it('gives nothing for no stats, and leaves the stats in their order', () => {
		expect(missedOverall([])).toEqual([]);
		const stats = [stat('q1', { lastAnsweredAt: 1 }), stat('q2', { lastAnsweredAt: 2 })];
		const before = structuredClone(stats);
		expect(missedOverall(stats).map((m) => m.ref.questionId)).toEqual(['q2', 'q1']);
		expect(stats).toEqual(before);
	});
});

describe('historyOf', () => {
	it('gives each question’s latest score, by id', () => {
		const stats = statsFrom([
			given('q1', 1, 1),
			given('q1', 0, 2),
			given('q2', 0.5, 3),
			given('q3', 0, 4),
			given('q3', 1, 5)
		]);
		expect(historyOf(stats)).toEqual(
			new Map([
				['q1', 0],
				['q2', 0.5],
				['q3', 1]
			])
		);
		expect(historyOf([])).toEqual(new Map());
	});
});

describe('attemptRows', () => {
	it('lists attempts in the order given, with the stories they draw on', () => {
		const attempts = [
			attempt('old', ['q1'], { startedAt: NOW }),
			attempt('newest', [ref('q1'), ref('b-1', OTHER_STORY)], { startedAt: NOW + 300 }),
			attempt('middle', ['q2'], { startedAt: NOW + 100 })
		];
		const rows = attemptRows(attempts, []);
		expect(rows.map((r) => r.attempt.id)).toEqual(['old', 'newest', 'middle']);
		expect(rows.map((r) => r.stories)).toEqual([[STORY], [STORY, OTHER_STORY], [STORY]]);
		rows.forEach((row, i) => expect(row.attempt).toBe(attempts[i]));
	});

	it('does not reorder the list it is given', () => {
		const attempts = [
			attempt('a', ['q1'], { updatedAt: 1 }),
			attempt('b', ['q1'], { updatedAt: 3 }),
			attempt('c', ['q1'], { updatedAt: 2 })
		];
		attemptRows(attempts, []);
		expect(attempts.map((a) => a.id)).toEqual(['a', 'b', 'c']);
	});

	it('scores each attempt from its own answers, as scoreAttempt does', () => {
		const first = attempt('first', ['q1', 'q2', 'q3'], { startedAt: NOW });
		const second = attempt('second', ['q1', 'q4'], { startedAt: NOW + 1000 });
		const answers = [
			answer('q1', 1, NOW + 1, { attemptId: 'first' }),
			answer('q2', 0.5, NOW + 2, { attemptId: 'first' }),
			answer('q1', 0, NOW + 1001, { attemptId: 'second' }),
			// Belongs to no listed attempt: it must not count for second, which also asks q4.
			answer('q4', 1, NOW + 5, { attemptId: 'deleted' })
		];
		const [firstRow, secondRow] = attemptRows([first, second], answers);
		expect(scoreOf(firstRow!)).toEqual({
			asked: 3,
			answered: 2,
			points: 1.5,
			accuracy: 0.5,
			right: 1,
			partly: 1,
			toPractise: 1
		});
		expect(scoreOf(firstRow!)).toEqual(
			scoreAttempt(
				first,
				answers.filter((a) => a.attemptId === 'first')
			)
		);
		expect(scoreOf(secondRow!)).toEqual({
			asked: 2,
			answered: 1,
			points: 0,
			accuracy: 0,
			right: 0,
			partly: 0,
			toPractise: 2
		});
	});

	it('lists an attempt with no answers yet as asked but unanswered', () => {
		expect(attemptRows([attempt('a', ['q1', 'q2'])], [])).toEqual([
			{
				attempt: attempt('a', ['q1', 'q2']),
				stories: [STORY],
				asked: 2,
				answered: 0,
				points: 0,
				accuracy: 0,
				right: 0,
				partly: 0,
				toPractise: 2,
				overridden: 0
			}
		]);
	});

	it('counts the answers the student marked right themselves, per attempt', () => {
		const first = attempt('first', ['q1', 'q2', 'q3']);
		const second = attempt('second', ['q1']);
		const overridden = (questionId: string, attemptId: string, from: number) =>
			answer(questionId, 1, NOW + 1, { attemptId, override: { from, at: NOW + 2 } });
		const answers = [
			overridden('q1', 'first', 0),
			overridden('q2', 'first', 0.5),
			answer('q3', 1, NOW + 1, { attemptId: 'first' }),
			answer('q1', 0, NOW + 3, { attemptId: 'second' }),
			// Another attempt's override is not this one's.
			overridden('q9', 'deleted', 0)
		];
		const [firstRow, secondRow] = attemptRows([first, second], answers);
		expect(firstRow).toMatchObject({ overridden: 2, right: 3, points: 3 });
		expect(secondRow).toMatchObject({ overridden: 0, right: 0, toPractise: 1 });
	});

	it('gives no rows for no attempts, whatever the answers', () => {
		expect(attemptRows([], [])).toEqual([]);
		expect(attemptRows([], [answer('q1', 1, NOW)])).toEqual([]);
	});

	it('agrees with scoreAttempt for any attempts and answers, in the order given', () => {
		const ids = ['q1', 'q2', 'q3', 'q4', 'q5'];
		const attemptsArb = fc.uniqueArray(
			fc.record({
				id: fc.constantFrom('a1', 'a2', 'a3', 'a4'),
				questions: fc.uniqueArray(fc.constantFrom(...ids), { minLength: 1 }),
				updatedAt: fc.integer({ min: 0, max: 10_000 })
			}),
			{ selector: (a) => a.id, maxLength: 4 }
		);
		const answersArb = fc.uniqueArray(
			fc.record({
				attemptId: fc.constantFrom('a1', 'a2', 'a3', 'a4', 'gone'),
				questionId: fc.constantFrom(...ids, 'retired'),
				score: fc.constantFrom(0, 0.25, 0.5, 1),
				answeredAt: fc.integer({ min: 0, max: 10_000 })
			}),
			{ selector: (a) => `${a.attemptId}/${a.questionId}`, maxLength: 20 }
		);
		fc.assert(
			fc.property(attemptsArb, answersArb, (specs, given) => {
				const attempts = specs.map((s) =>
					attempt(s.id, s.questions, { updatedAt: NOW + s.updatedAt })
				);
				const answers = given.map((a) =>
					answer(a.questionId, a.score, NOW + a.answeredAt, { attemptId: a.attemptId })
				);
				const rows = attemptRows(attempts, answers);
				expect(rows.map((r) => r.attempt)).toEqual(attempts);
				rows.forEach((row, i) => expect(row.attempt).toBe(attempts[i]));
				for (const row of rows) {
					const own = answers.filter((a) => a.attemptId === row.attempt.id);
					expect(scoreOf(row)).toEqual(scoreAttempt(row.attempt, own));
				}
			})
		);
	});
});

describe('progressSummary', () => {
	/** The summary of these answers, from the stats that recording them, in order, keeps. */
	const summaryOf = (
		answers: readonly Answer[],
		questions: readonly Question[] = [],
		limit?: number
	) => progressSummary(statsFrom(answers), questions, limit);

	describe('accuracy by category', () => {
		it('gives a row for every category, in order', () => {
			expect(progressSummary([], []).byCategory.map((r) => r.category)).toEqual([...CATEGORIES]);
		});

		it('gives 0 answered and accuracy 0 (not NaN) for an untouched category', () => {
			for (const row of progressSummary([], []).byCategory)
				expect(row).toEqual({ category: row.category, answered: 0, accuracy: 0 });
		});

		it('averages every answer given in a category, partial credit included', () => {
			const answers = [
				given('d1', 1, 1, 'dates'),
				given('d1', 0, 2, 'dates'),
				given('d2', 0.5, 3, 'dates'),
				given('a1', 1, 4, 'actors'),
				given('q1', 0.25, 5, 'quotes')
			];
			const rows = Object.fromEntries(summaryOf(answers).byCategory.map((r) => [r.category, r]));
			expect(rows.dates).toEqual({ category: 'dates', answered: 3, accuracy: 1.5 / 3 });
			expect(rows.actors).toEqual({ category: 'actors', answered: 1, accuracy: 1 });
			expect(rows.quotes).toEqual({ category: 'quotes', answered: 1, accuracy: 0.25 });
			expect(rows.sources).toEqual({ category: 'sources', answered: 0, accuracy: 0 });
		});

		it('weights by answers, not by questions', () => {
			// One question answered right three times, another wrong once: 3 of 4 answers right.
			const answers = [given('d1', 1, 1), given('d1', 1, 2), given('d1', 1, 3), given('d2', 0, 4)];
			expect(summaryOf(answers).byCategory[0]).toEqual({
				category: 'dates',
				answered: 4,
				accuracy: 0.75
			});
		});

		it('counts every answer, whether or not a bank still holds its question', () => {
			const answers = [given('retired', 0, 1), given('d1', 1, 2)];
			expect(summaryOf(answers, [question('d1')]).byCategory[0]).toEqual({
				category: 'dates',
				answered: 2,
				accuracy: 0.5
			});
		});

		it('takes the totals from the stats: seen answers and their summed score', () => {
			const stats = [
				stat('d1', { seen: 10, right: 4, scoreSum: 5 }),
				stat('d2', { seen: 2, right: 2, scoreSum: 2 }),
				stat('q1', { category: 'quotes', seen: 4, right: 0, scoreSum: 1 })
			];
			const rows = Object.fromEntries(
				progressSummary(stats, []).byCategory.map((r) => [r.category, r])
			);
			expect(rows.dates).toEqual({ category: 'dates', answered: 12, accuracy: 7 / 12 });
			expect(rows.quotes).toEqual({ category: 'quotes', answered: 4, accuracy: 0.25 });
		});

		it('gives the same accuracy per category as computing it straight from the answers', () => {
			const categoryOf = (id: string) => CATEGORIES[Number(id.slice(1)) % CATEGORIES.length]!;
			const answersArb = fc.array(
				fc.record({
					questionId: fc.constantFrom('q0', 'q1', 'q2', 'q3', 'q4', 'q5', 'q6'),
					score: fc.constantFrom(0, 0.25, 0.5, 0.75, 1),
					answeredAt: fc.integer({ min: 1, max: 10_000 })
				}),
				{ maxLength: 40 }
			);
			const bankArb = fc.subarray(['q0', 'q1', 'q2', 'q3', 'q4', 'q5', 'q6']);
			fc.assert(
				fc.property(answersArb, bankArb, (specs, held) => {
					const answers = specs.map((s, i) =>
						answer(s.questionId, s.score, s.answeredAt, {
							attemptId: `attempt-${i}`,
							category: categoryOf(s.questionId)
						})
					);
					const straight = CATEGORIES.map((category) => {
						const mine = answers.filter((a) => a.category === category);
						const points = mine.reduce((n, a) => n + a.score, 0);
						return {
							category,
							answered: mine.length,
							accuracy: mine.length ? points / mine.length : 0
						};
					});
					const questions = held.map((id) => question(id, categoryOf(id)));
					expect(summaryOf(answers, questions).byCategory).toEqual(straight);
				})
			);
		});
	});

	describe('most missed', () => {
		const questions = ['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7'].map((id) => question(id));
		const missedOf = (answers: readonly Answer[], limit?: number) =>
			summaryOf(answers, questions, limit).missed;

		it('puts the most-missed question first', () => {
			const rows = missedOf([
				given('q1', 0, 10),
				given('q2', 0, 1),
				given('q2', 0, 2),
				given('q2', 0, 3),
				given('q3', 0, 4),
				given('q3', 0.5, 5)
			]);
			expect(rows.map((r) => [r.question.id, r.missed, r.seen])).toEqual([
				['q2', 3, 3],
				['q3', 2, 2],
				['q1', 1, 1]
			]);
			expect(rows[0]!.question).toBe(questions[1]);
		});

		it('breaks ties by the most recent answer', () => {
			const rows = missedOf([given('q1', 0, 100), given('q2', 0, 300), given('q3', 0, 200)]);
			expect(rows.map((r) => r.question.id)).toEqual(['q2', 'q3', 'q1']);
		});

		it('breaks ties by the latest answer to the question, missed or not', () => {
			// Both missed once; q1 was answered (right) after q2's miss.
			const rows = missedOf([given('q1', 0, 100), given('q2', 0, 200), given('q1', 1, 300)]);
			expect(rows.map((r) => [r.question.id, r.missed, r.seen])).toEqual([
				['q1', 1, 2],
				['q2', 1, 1]
			]);
		});

		it('breaks ties by the stat’s lastAnsweredAt', () => {
			const stats = [
				stat('q1', { seen: 3, right: 1, lastAnsweredAt: NOW + 100 }),
				stat('q2', { seen: 2, right: 0, lastAnsweredAt: NOW + 300 }),
				stat('q3', { seen: 5, right: 3, lastAnsweredAt: NOW + 200 })
			];
			expect(progressSummary(stats, questions).missed.map((r) => r.question.id)).toEqual([
				'q2',
				'q3',
				'q1'
			]);
		});

		it('counts as missed every answer the stat does not count as right', () => {
			const stats = [stat('q1', { seen: 5, right: 2, scoreSum: 3.5 })];
			expect(progressSummary(stats, questions).missed).toEqual([
				{ question: questions[0], seen: 5, missed: 3 }
			]);
		});

		it('counts partial credit as a miss', () => {
			expect(missedOf([given('q1', 0.9, 1)]).map((r) => r.missed)).toEqual([1]);
		});

		it('leaves out questions that were always fully right', () => {
			const rows = missedOf([
				given('q1', 1, 1),
				given('q1', 1, 2),
				given('q2', 1, 3),
				given('q2', 0, 4),
				given('q2', 1, 5)
			]);
			expect(rows).toEqual([{ question: questions[1], seen: 3, missed: 1 }]);
		});

		it('leaves out questions no bank holds, which still count in the totals', () => {
			const answers = [given('retired', 0, 1), given('retired', 0, 2), given('q1', 0, 3)];
			const summary = summaryOf(answers, questions);
			expect(summary.missed.map((r) => r.question.id)).toEqual(['q1']);
			expect(summary.byCategory[0]).toEqual({ category: 'dates', answered: 3, accuracy: 0 });
		});

		it('gives at most five by default, and as many as asked', () => {
			const answers = questions.map((q, i) => given(q.id, 0, i + 1));
			expect(missedOf(answers)).toHaveLength(5);
			expect(missedOf(answers, 2).map((r) => r.question.id)).toEqual(['q7', 'q6']);
			expect(missedOf(answers, 10)).toHaveLength(7);
			expect(missedOf(answers, 0)).toEqual([]);
		});

		it('gives nothing when nothing was missed', () => {
			expect(missedOf([])).toEqual([]);
			expect(missedOf([given('q1', 1, 1)])).toEqual([]);
		});

		it('lists what counting straight from the answers gives, worst first, for any answers', () => {
			const ids = ['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'retired'];
			const answersArb = fc.array(
				fc.record({
					questionId: fc.constantFrom(...ids),
					score: fc.constantFrom(0, 0.5, 1),
					answeredAt: fc.integer({ min: 1, max: 10_000 })
				}),
				{ maxLength: 40 }
			);
			fc.assert(
				fc.property(answersArb, fc.integer({ min: 0, max: 8 }), (specs, limit) => {
					// Recorded as they were given: in time order.
					const answers = specs
						.map((s, i) => answer(s.questionId, s.score, s.answeredAt, { attemptId: `a-${i}` }))
						.sort((a, b) => a.answeredAt - b.answeredAt);
					const counted = new Map<string, { seen: number; missed: number; last: number }>();
					for (const a of answers) {
						const c = counted.get(a.questionId) ?? { seen: 0, missed: 0, last: 0 };
						counted.set(a.questionId, {
							seen: c.seen + 1,
							missed: c.missed + (a.score < 1 ? 1 : 0),
							last: a.answeredAt
						});
					}
					const listable = [...counted].filter(([id, c]) => id !== 'retired' && c.missed > 0);
					const rows = missedOf(answers, limit);
					expect(rows).toHaveLength(Math.min(limit, listable.length));
					for (const row of rows) {
						const c = counted.get(row.question.id)!;
						expect(row).toEqual({ question: row.question, seen: c.seen, missed: c.missed });
						expect(row.question).toBe(questions.find((q) => q.id === row.question.id));
					}
					// Worst first, ties to the latest; nothing left out ranks above what is listed.
					const rank = (id: string) => counted.get(id)!;
					const before = (x: string, y: string) =>
						rank(x).missed > rank(y).missed ||
						(rank(x).missed === rank(y).missed && rank(x).last >= rank(y).last);
					for (let i = 1; i < rows.length; i++)
						expect(before(rows[i - 1]!.question.id, rows[i]!.question.id)).toBe(true);
					const listed = new Set(rows.map((r) => r.question.id));
					const last = rows.at(-1);
					if (last)
						for (const [id] of listable)
							if (!listed.has(id)) expect(before(last.question.id, id)).toBe(true);
				})
			);
		});
	});

	it('gives an empty summary for no stats', () => {
		expect(progressSummary([], [])).toEqual({
			byCategory: CATEGORIES.map((category) => ({ category, answered: 0, accuracy: 0 })),
			missed: []
		});
		expect(progressSummary([], [question('q1')]).missed).toEqual([]);
	});

	it('leaves the stats it is given as they were, in their order', () => {
		const stats = [
			stat('q1', { seen: 1, right: 0, lastAnsweredAt: NOW }),
			stat('q2', { seen: 3, right: 0, lastAnsweredAt: NOW + 1 })
		];
		const before = structuredClone(stats);
		progressSummary(stats, [question('q1'), question('q2')]);
		expect(stats).toEqual(before);
	});
});

describe('resumable', () => {
	it('picks the most recently updated unfinished attempt', () => {
		const attempts = [
			resumableAttempt('old', 100, null),
			resumableAttempt('latest', 300, null),
			resumableAttempt('middle', 200, null)
		];
		expect(resumable(attempts)?.id).toBe('latest');
	});

	it('skips finished attempts, however recent', () => {
		const attempts = [
			resumableAttempt('unfinished', 100, null),
			resumableAttempt('finished', 500, 500)
		];
		expect(resumable(attempts)?.id).toBe('unfinished');
	});

	it('gives null when every attempt is finished, or there are none', () => {
		expect(resumable([resumableAttempt('a', 1, 2), resumableAttempt('b', 3, 4)])).toBeNull();
		expect(resumable([])).toBeNull();
	});

	it('does not reorder the list it is given', () => {
		const attempts = [
			resumableAttempt('a', 1, null),
			resumableAttempt('b', 3, null),
			resumableAttempt('c', 2, null)
		];
		resumable(attempts);
		expect(attempts.map((a) => a.id)).toEqual(['a', 'b', 'c']);
	});
});
