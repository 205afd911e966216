import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATEGORIES, type Category, type Question } from '$lib/content/model';
import {
	availableCount,
	isAttemptComplete,
	planAttempt,
	summarizeAttempt,
	type Attempt
} from '$lib/quiz/attempt';

function question(id: string, category: Category): Question {
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

/** A bank with the given number of questions in each category, ids like "actors-3". */
function bank(counts: Partial<Record<Category, number>>): Question[] {
	return CATEGORIES.flatMap((c) =>
		Array.from({ length: counts[c] ?? 0 }, (_, i) => question(`${c}-${i + 1}`, c))
	);
}

const opts = { id: 'attempt-1', storyId: 'albania-iran-2022', seed: 42, now: 1_700_000_000_000 };
const full = bank({ dates: 6, actors: 6, quotes: 6, sources: 6 });

function categoriesOf(attempt: Attempt, questions: readonly Question[]): Category[] {
	const byId = new Map(questions.map((q) => [q.id, q]));
	return attempt.questionIds.map((id) => byId.get(id)!.category);
}

function countBy(categories: readonly Category[]): Record<Category, number> {
	const counts = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
	for (const c of categories) counts[c]++;
	return counts;
}

describe('planAttempt', () => {
	it('starts a fresh attempt with the given id, story, seed and time', () => {
		const setup = { categories: ['dates', 'quotes'] as Category[], length: 5 };
		const attempt = planAttempt(full, setup, opts);
		expect(attempt).toMatchObject({
			id: 'attempt-1',
			storyId: 'albania-iran-2022',
			seed: 42,
			categories: ['dates', 'quotes'],
			position: 0,
			startedAt: opts.now,
			updatedAt: opts.now,
			finishedAt: null
		});
		// Its own copy of the categories, so the setup form's state is not stored by reference.
		expect(attempt.categories).not.toBe(setup.categories);
	});

	it('picks only from the chosen categories', () => {
		const attempt = planAttempt(full, { categories: ['actors', 'sources'], length: 10 }, opts);
		expect(attempt.questionIds).toHaveLength(10);
		expect(new Set(categoriesOf(attempt, full))).toEqual(new Set(['actors', 'sources']));
	});

	it('picks from every category when none is chosen', () => {
		const attempt = planAttempt(full, { categories: [], length: 8 }, opts);
		expect(attempt.categories).toEqual([...CATEGORIES]);
		expect(new Set(categoriesOf(attempt, full))).toEqual(new Set(CATEGORIES));
	});

	it('asks as many questions as the length says', () => {
		for (const length of [1, 5, 10, 20])
			expect(planAttempt(full, { categories: [], length }, opts).questionIds).toHaveLength(length);
	});

	it('asks at least one question', () => {
		expect(planAttempt(full, { categories: [], length: 0 }, opts).questionIds).toHaveLength(1);
		expect(planAttempt(full, { categories: [], length: -3 }, opts).questionIds).toHaveLength(1);
	});

	it('touches every chosen category in a short quiz', () => {
		for (let seed = 0; seed < 20; seed++) {
			const attempt = planAttempt(full, { categories: [], length: 5 }, { ...opts, seed });
			const counts = Object.values(countBy(categoriesOf(attempt, full)));
			expect(Math.min(...counts)).toBeGreaterThanOrEqual(1);
			expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
		}
	});

	it('fills from the other categories when one runs short', () => {
		const uneven = bank({ dates: 1, actors: 10, quotes: 10, sources: 10 });
		const attempt = planAttempt(uneven, { categories: [], length: 10 }, opts);
		expect(countBy(categoriesOf(attempt, uneven))).toEqual({
			dates: 1,
			actors: 3,
			quotes: 3,
			sources: 3
		});
	});

	it('gives every question once when the length exceeds what is available', () => {
		const small = bank({ dates: 2, actors: 1, quotes: 3 });
		const attempt = planAttempt(small, { categories: ['dates', 'actors'], length: 20 }, opts);
		expect([...attempt.questionIds].sort()).toEqual(['actors-1', 'dates-1', 'dates-2']);
	});

	it('gives an empty attempt when the chosen categories have no questions', () => {
		const attempt = planAttempt(bank({ dates: 3 }), { categories: ['quotes'], length: 5 }, opts);
		expect(attempt.questionIds).toEqual([]);
	});

	it('is the same for the same seed, so an attempt can be planned again', () => {
		const setup = { categories: [] as Category[], length: 10 };
		expect(planAttempt(full, setup, opts)).toEqual(planAttempt(full, setup, opts));
	});

	it('differs between seeds', () => {
		const setup = { categories: [] as Category[], length: 10 };
		const orders = new Set(
			[1, 2, 3, 4, 5].map((seed) =>
				planAttempt(full, setup, { ...opts, seed }).questionIds.join(',')
			)
		);
		expect(orders.size).toBeGreaterThan(1);
	});

	it('does not change the bank or the setup', () => {
		const questions = bank({ dates: 4, actors: 4 });
		const before = structuredClone(questions);
		const setup = { categories: ['actors', 'dates'] as Category[], length: 5 };
		planAttempt(questions, setup, opts);
		expect(questions).toEqual(before);
		expect(setup).toEqual({ categories: ['actors', 'dates'], length: 5 });
	});

	it('does not repeat a question when a category is chosen twice', () => {
		const attempt = planAttempt(full, { categories: ['dates', 'dates'], length: 4 }, opts);
		expect(new Set(attempt.questionIds).size).toBe(attempt.questionIds.length);
	});

	describe('for any bank and setup', () => {
		const counts = fc.record({
			dates: fc.nat(8),
			actors: fc.nat(8),
			quotes: fc.nat(8),
			sources: fc.nat(8)
		});
		const setup = fc.record({
			categories: fc.shuffledSubarray([...CATEGORIES]),
			length: fc.integer({ min: 1, max: 25 })
		});
		const seed = fc.integer({ min: 0, max: 2 ** 32 - 1 });

		it('picks distinct questions from the chosen categories, as many as asked or available', () => {
			fc.assert(
				fc.property(counts, setup, seed, (c, s, n) => {
					const questions = bank(c);
					const attempt = planAttempt(questions, s, { ...opts, seed: n });
					const chosen = s.categories.length ? s.categories : [...CATEGORIES];
					const ids = attempt.questionIds;
					expect(new Set(ids).size).toBe(ids.length);
					for (const category of categoriesOf(attempt, questions))
						expect(chosen).toContain(category);
					expect(ids).toHaveLength(Math.min(s.length, availableCount(questions, chosen)));
				})
			);
		});

		it('is balanced: a category falls more than one behind another only when it has run out', () => {
			fc.assert(
				fc.property(counts, setup, seed, (c, s, n) => {
					const questions = bank(c);
					const attempt = planAttempt(questions, s, { ...opts, seed: n });
					const picked = countBy(categoriesOf(attempt, questions));
					const chosen = s.categories.length ? s.categories : [...CATEGORIES];
					for (const a of chosen)
						for (const b of chosen)
							expect(picked[a]).toBeGreaterThanOrEqual(Math.min(c[a], picked[b] - 1));
				})
			);
		});

		it('is deterministic per seed', () => {
			fc.assert(
				fc.property(counts, setup, seed, (c, s, n) => {
					const questions = bank(c);
					const first = planAttempt(questions, s, { ...opts, seed: n });
					expect(planAttempt(questions, s, { ...opts, seed: n })).toEqual(first);
				})
			);
		});
	});
});

describe('availableCount', () => {
	it('counts the questions in the chosen categories', () => {
		const questions = bank({ dates: 3, actors: 2, quotes: 1 });
		expect(availableCount(questions, ['dates'])).toBe(3);
		expect(availableCount(questions, ['dates', 'quotes'])).toBe(4);
		expect(availableCount(questions, ['sources'])).toBe(0);
		expect(availableCount(questions, [...CATEGORIES])).toBe(6);
	});
});

describe('summarizeAttempt', () => {
	const questions = bank({ dates: 3, actors: 2, quotes: 2, sources: 2 });

	it('totals each category, counting partial credit as part of a question', () => {
		const attempt = { questionIds: ['quotes-1', 'dates-1', 'actors-1', 'dates-2'] };
		const answers = [
			{ questionId: 'dates-1', score: 1 },
			{ questionId: 'dates-2', score: 0.5 },
			{ questionId: 'actors-1', score: 0 }
		];
		expect(summarizeAttempt(attempt, questions, answers)).toEqual({
			asked: 4,
			answered: 3,
			score: 1.5,
			accuracy: 1.5 / 4,
			byCategory: [
				{ category: 'dates', asked: 2, answered: 2, score: 1.5 },
				{ category: 'actors', asked: 1, answered: 1, score: 0 },
				{ category: 'quotes', asked: 1, answered: 0, score: 0 }
			]
		});
	});

	it('lists categories in the standard order, whatever order they were asked in', () => {
		const attempt = { questionIds: ['sources-1', 'quotes-1', 'actors-1', 'dates-1'] };
		const summary = summarizeAttempt(attempt, questions, []);
		expect(summary.byCategory.map((r) => r.category)).toEqual([...CATEGORIES]);
	});

	it('ignores answers to questions outside the attempt', () => {
		const attempt = { questionIds: ['dates-1'] };
		const answers = [
			{ questionId: 'dates-1', score: 0.25 },
			{ questionId: 'dates-2', score: 1 },
			{ questionId: 'sources-1', score: 1 }
		];
		const summary = summarizeAttempt(attempt, questions, answers);
		expect(summary).toMatchObject({ asked: 1, answered: 1, score: 0.25, accuracy: 0.25 });
		expect(summary.byCategory).toEqual([{ category: 'dates', asked: 1, answered: 1, score: 0.25 }]);
	});

	it('leaves out questions no longer in the bank', () => {
		const attempt = { questionIds: ['dates-1', 'retired-question'] };
		const answers = [
			{ questionId: 'dates-1', score: 1 },
			{ questionId: 'retired-question', score: 1 }
		];
		expect(summarizeAttempt(attempt, questions, answers)).toMatchObject({
			asked: 1,
			answered: 1,
			score: 1,
			accuracy: 1
		});
	});

	it('gives accuracy 0, not NaN, for an empty attempt', () => {
		expect(summarizeAttempt({ questionIds: [] }, questions, [])).toEqual({
			asked: 0,
			answered: 0,
			score: 0,
			accuracy: 0,
			byCategory: []
		});
	});

	it('counts unanswered questions as asked, lowering the accuracy', () => {
		const attempt = { questionIds: ['actors-1', 'actors-2'] };
		const summary = summarizeAttempt(attempt, questions, [{ questionId: 'actors-1', score: 1 }]);
		expect(summary).toMatchObject({ asked: 2, answered: 1, score: 1, accuracy: 0.5 });
	});
});

describe('isAttemptComplete', () => {
	const attempt = planAttempt(full, { categories: [], length: 5 }, opts);
	const answer = (questionId: string) => ({ questionId });

	it('is true once every question has an answer', () => {
		expect(isAttemptComplete(attempt, attempt.questionIds.map(answer))).toBe(true);
		expect(isAttemptComplete(attempt, [...attempt.questionIds].reverse().map(answer))).toBe(true);
	});

	it('is false while any question is unanswered', () => {
		expect(isAttemptComplete(attempt, [])).toBe(false);
		expect(isAttemptComplete(attempt, attempt.questionIds.slice(1).map(answer))).toBe(false);
	});

	it('does not count answers to other questions', () => {
		const others = full.map((q) => q.id).filter((id) => !attempt.questionIds.includes(id));
		const answers = [...attempt.questionIds.slice(0, -1), ...others].map(answer);
		expect(isAttemptComplete(attempt, answers)).toBe(false);
	});
});
