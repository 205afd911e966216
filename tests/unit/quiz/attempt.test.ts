import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { CATEGORIES, type Category, type DifferenceKind, type Question } from '$lib/content/model';
import { questionTypeNames } from '$lib/question-types';
import {
	AnswerSchema,
	AttemptSchema,
	mayOverride,
	mergeAttempt,
	planAttempt,
	planPractice,
	planStudy,
	PRACTICE_LENGTH,
	STUDY_LENGTH,
	reconcileAttempt,
	resolveAttempt,
	scoreAttempt,
	storiesOf,
	summarizeAttempt,
	type Attempt,
	type Draft,
	type History,
	type QuestionRef
} from '$lib/quiz/attempt';
import { answer, attempt, bank, banksOf, NOW, OTHER_STORY, OUTLETS, ref, STORY } from './factory';

const opts = { id: 'attempt-1', seed: 42, now: NOW };
const full = bank({ dates: 6, actors: 6, quotes: 6, sources: 6 });

/** planAttempt, for setups that are known to leave questions to ask. */
function plan(
	questions: readonly Question[],
	setup: Parameters<typeof planAttempt>[2],
	o: Parameters<typeof planAttempt>[3] = opts
): Attempt {
	const attempt = planAttempt(STORY, questions, setup, o);
	if (!attempt) throw new Error('expected an attempt');
	return attempt;
}

function idsOf(attempt: Attempt): string[] {
	return attempt.questions.map((r) => r.questionId);
}

function categoriesOf(attempt: Attempt, questions: readonly Question[]): Category[] {
	const byId = new Map(questions.map((q) => [q.id, q]));
	return idsOf(attempt).map((id) => byId.get(id)!.category);
}

function countBy(categories: readonly Category[]): Record<Category, number> {
	const counts = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
	for (const c of categories) counts[c]++;
	return counts;
}

describe('planAttempt', () => {
	it('starts a fresh attempt with the given id, seed and time, at the first question', () => {
		const setup = { categories: ['dates', 'quotes'] as Category[], length: 5 };
		const attempt = plan(full, setup);
		expect(attempt).toMatchObject({
			id: 'attempt-1',
			seed: 42,
			categories: ['dates', 'quotes'],
			position: 0,
			startedAt: NOW,
			updatedAt: NOW,
			finishedAt: null
		});
		// Its own copy of the categories, so the setup form's state is not stored by reference.
		expect(attempt.categories).not.toBe(setup.categories);
	});

	it('refers to each question by its story and id', () => {
		const attempt = plan(full, { categories: [], length: 5 });
		for (const r of attempt.questions) {
			expect(Object.keys(r).sort()).toEqual(['questionId', 'storyId']);
			expect(r.storyId).toBe(STORY);
			expect(full.map((q) => q.id)).toContain(r.questionId);
		}
		const other = planAttempt(OTHER_STORY, full, { categories: [], length: 5 }, opts)!;
		expect(storiesOf(other)).toEqual([OTHER_STORY]);
		expect(idsOf(other)).toEqual(idsOf(attempt));
	});

	it('plans an attempt that the stored-record schema accepts', () => {
		const attempt = plan(full, { categories: [], length: 10 });
		expect(v.safeParse(AttemptSchema, attempt).success).toBe(true);
	});

	it('picks only from the chosen categories', () => {
		const attempt = plan(full, { categories: ['actors', 'sources'], length: 10 });
		expect(attempt.questions).toHaveLength(10);
		expect(new Set(categoriesOf(attempt, full))).toEqual(new Set(['actors', 'sources']));
	});

	it('picks from every category when none is chosen', () => {
		const attempt = plan(full, { categories: [], length: 8 });
		expect(attempt.categories).toEqual([...CATEGORIES]);
		expect(new Set(categoriesOf(attempt, full))).toEqual(new Set(CATEGORIES));
	});

	it('asks as many questions as the length says', () => {
		for (const length of [1, 5, 10, 20])
			expect(plan(full, { categories: [], length }).questions).toHaveLength(length);
	});

	it('asks at least one question', () => {
		expect(plan(full, { categories: [], length: 0 }).questions).toHaveLength(1);
		expect(plan(full, { categories: [], length: -3 }).questions).toHaveLength(1);
	});

	it('touches every chosen category in a short quiz', () => {
		for (let seed = 0; seed < 20; seed++) {
			const attempt = plan(full, { categories: [], length: 5 }, { ...opts, seed });
			const counts = Object.values(countBy(categoriesOf(attempt, full)));
			expect(Math.min(...counts)).toBeGreaterThanOrEqual(1);
			expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
		}
	});

	it('fills from the other categories when one runs short', () => {
		const uneven = bank({ dates: 1, actors: 10, quotes: 10, sources: 10 });
		const attempt = plan(uneven, { categories: [], length: 10 });
		expect(countBy(categoriesOf(attempt, uneven))).toEqual({
			dates: 1,
			actors: 3,
			quotes: 3,
			sources: 3
		});
	});

	it('gives every question once when the length exceeds what is available', () => {
		const small = bank({ dates: 2, actors: 1, quotes: 3 });
		const attempt = plan(small, { categories: ['dates', 'actors'], length: 20 });
		expect([...idsOf(attempt)].sort()).toEqual(['actors-1', 'dates-1', 'dates-2']);
	});

	it('asks only questions on the chosen kind of difference, or on any difference', () => {
		const on = (q: Question, ...kinds: DifferenceKind[]): Question => ({
			...q,
			differences: kinds.map((kind, i) => ({ id: `${q.id}-point-${i}`, kind }))
		});
		const [d1, d2, d3, a1, a2] = bank({ dates: 3, actors: 2 });
		const questions = [on(d1!, 'fact'), on(d2!, 'wording', 'framing'), d3!, on(a1!, 'fact'), a2!];
		const asked = (setup: Parameters<typeof planAttempt>[2]) =>
			[...idsOf(plan(questions, setup))].sort();
		expect(asked({ categories: [], length: 20, kind: 'fact' })).toEqual(['actors-1', 'dates-1']);
		expect(asked({ categories: ['dates'], length: 20, kind: 'fact' })).toEqual(['dates-1']);
		expect(asked({ categories: [], length: 20, kind: 'framing' })).toEqual(['dates-2']);
		expect(asked({ categories: [], length: 20, kind: 'any' })).toEqual([
			'actors-1',
			'dates-1',
			'dates-2'
		]);
		expect(asked({ categories: [], length: 20 })).toHaveLength(questions.length);
		expect(
			planAttempt(STORY, questions, { categories: ['actors'], length: 5, kind: 'wording' }, opts)
		).toBe(null);
	});

	it('gives null when the chosen categories have no questions', () => {
		expect(
			planAttempt(STORY, bank({ dates: 3 }), { categories: ['quotes'], length: 5 }, opts)
		).toBe(null);
		expect(
			planAttempt(STORY, bank({ dates: 3 }), { categories: ['quotes', 'sources'], length: 5 }, opts)
		).toBe(null);
	});

	it('gives null for an empty bank, whatever the setup', () => {
		for (const categories of [[], ['dates'], [...CATEGORIES]] as Category[][])
			for (const length of [0, 1, 5, 20])
				expect(planAttempt(STORY, [], { categories, length }, opts)).toBe(null);
	});

	it('is the same for the same seed, so an attempt can be planned again', () => {
		const setup = { categories: [] as Category[], length: 10 };
		expect(plan(full, setup)).toEqual(plan(full, setup));
	});

	it('differs between seeds', () => {
		const setup = { categories: [] as Category[], length: 10 };
		const orders = new Set(
			[1, 2, 3, 4, 5].map((seed) => idsOf(plan(full, setup, { ...opts, seed })).join(','))
		);
		expect(orders.size).toBeGreaterThan(1);
	});

	it('does not change the bank or the setup', () => {
		const questions = bank({ dates: 4, actors: 4 });
		const before = structuredClone(questions);
		const setup = { categories: ['actors', 'dates'] as Category[], length: 5 };
		plan(questions, setup);
		expect(questions).toEqual(before);
		expect(setup).toEqual({ categories: ['actors', 'dates'], length: 5 });
	});

	it('does not repeat a question when a category is chosen twice', () => {
		const attempt = plan(full, { categories: ['dates', 'dates'], length: 4 });
		expect(new Set(idsOf(attempt)).size).toBe(attempt.questions.length);
	});

	it('plans a practice quiz unless told it is an assignment', () => {
		const setup = { categories: [] as Category[], length: 5 };
		expect(plan(full, setup).mode).toBe('practice');
		expect(plan(full, setup, { ...opts, mode: 'practice' }).mode).toBe('practice');
		const assignment = plan(full, setup, { ...opts, mode: 'assignment' });
		expect(assignment.mode).toBe('assignment');
		expect(v.safeParse(AttemptSchema, assignment).success).toBe(true);
		// The mode changes nothing about which questions are asked.
		expect(idsOf(assignment)).toEqual(idsOf(plan(full, setup)));
	});

	it('starts with no draft', () => {
		expect(plan(full, { categories: [], length: 5 })).not.toHaveProperty('draft');
	});

	describe('with the device’s history', () => {
		const questions = bank({ dates: 3, actors: 3 });
		/** dates-3 and actors-3 never answered; dates-2 and actors-1 missed; dates-1 and actors-2 right. */
		const history: History = new Map([
			['dates-1', 1],
			['dates-2', 0],
			['actors-1', 0.5],
			['actors-2', 1]
		]);
		const planned = (length: number, seed: number, h: History = history) =>
			idsOf(plan(questions, { categories: [], length }, { ...opts, seed, history: h }));

		it('asks questions never answered first, then missed ones (part right too), then the rest', () => {
			for (let seed = 0; seed < 30; seed++) {
				expect(new Set(planned(2, seed))).toEqual(new Set(['dates-3', 'actors-3']));
				expect(new Set(planned(4, seed))).toEqual(
					new Set(['dates-3', 'actors-3', 'dates-2', 'actors-1'])
				);
				const five = planned(5, seed);
				expect(five).toEqual(
					expect.arrayContaining(['dates-3', 'actors-3', 'dates-2', 'actors-1'])
				);
				expect(five.filter((id) => history.get(id) === 1)).toHaveLength(1);
				expect(new Set(planned(6, seed))).toEqual(new Set(questions.map((q) => q.id)));
			}
		});

		it('still mixes the order of what it picks', () => {
			const orders = new Set([1, 2, 3, 4, 5, 6].map((seed) => planned(4, seed).join(',')));
			expect(orders.size).toBeGreaterThan(1);
		});

		it('ignores history of questions outside the bank or the chosen sections', () => {
			const elsewhere: History = new Map([
				['retired', 0],
				['quotes-1', 1]
			]);
			for (let seed = 0; seed < 10; seed++)
				expect(planned(4, seed, elsewhere)).toEqual(planned(4, seed, new Map()));
		});

		it('is as it was without a history, when the history sets no question apart', () => {
			const setup = { categories: [] as Category[], length: 10 };
			for (let seed = 0; seed < 10; seed++) {
				const before = plan(full, setup, { ...opts, seed });
				expect(plan(full, setup, { ...opts, seed, history: new Map() })).toEqual(before);
				// Every question seen and right, or every one missed: all in the same tier.
				for (const score of [1, 0, 0.5]) {
					const same: History = new Map(full.map((q) => [q.id, score]));
					expect(plan(full, setup, { ...opts, seed, history: same })).toEqual(before);
				}
			}
		});

		it('does not change the history it is given', () => {
			const before = new Map(history);
			planned(5, 1);
			expect(history).toEqual(before);
		});
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

		it('picks distinct questions from the chosen categories, as many as asked or available, or gives null', () => {
			fc.assert(
				fc.property(counts, setup, seed, (c, s, n) => {
					const questions = bank(c);
					const chosen = s.categories.length ? s.categories : [...CATEGORIES];
					const available = questions.filter((q) => chosen.includes(q.category)).length;
					const attempt = planAttempt(STORY, questions, s, { ...opts, seed: n });
					if (available === 0) {
						expect(attempt).toBeNull();
						return;
					}
					expect(attempt).not.toBeNull();
					const ids = idsOf(attempt!);
					expect(new Set(ids).size).toBe(ids.length);
					for (const category of categoriesOf(attempt!, questions))
						expect(chosen).toContain(category);
					expect(ids).toHaveLength(Math.min(s.length, available));
					expect(ids.length).toBeLessThanOrEqual(s.length);
					expect(attempt!.position).toBe(0);
					expect(storiesOf(attempt!)).toEqual([STORY]);
					expect(v.safeParse(AttemptSchema, attempt).success).toBe(true);
				})
			);
		});

		it('is balanced: a category falls more than one behind another only when it has run out', () => {
			fc.assert(
				fc.property(counts, setup, seed, (c, s, n) => {
					const questions = bank(c);
					const attempt = planAttempt(STORY, questions, s, { ...opts, seed: n });
					if (!attempt) return;
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
					const first = planAttempt(STORY, questions, s, { ...opts, seed: n });
					expect(planAttempt(STORY, questions, s, { ...opts, seed: n })).toEqual(first);
				})
			);
		});

		/** How each of up to 32 questions last went: never answered (undefined), missed, part right, right. */
		const lastScores = fc.array(fc.constantFrom<number | undefined>(undefined, 0, 0.5, 1), {
			minLength: 32,
			maxLength: 32
		});
		const historyFor = (questions: readonly Question[], scores: readonly (number | undefined)[]) =>
			new Map(
				questions.flatMap((q, i) => (scores[i] === undefined ? [] : [[q.id, scores[i]] as const]))
			);
		/** 0 never answered, 1 missed (not fully right last time), 2 right last time. */
		const tierIn = (history: History) => (id: string) => {
			const last = history.get(id);
			return last === undefined ? 0 : last < 1 ? 1 : 2;
		};

		it('with a history, picks no seen question while an unseen one is left, and no right one while a missed one is', () => {
			fc.assert(
				fc.property(counts, setup, seed, lastScores, (c, s, n, scores) => {
					const questions = bank(c);
					const history = historyFor(questions, scores);
					const tier = tierIn(history);
					const chosen = s.categories.length ? s.categories : [...CATEGORIES];
					const available = questions.filter((q) => chosen.includes(q.category));
					const attempt = planAttempt(STORY, questions, s, { ...opts, seed: n, history });
					if (!available.length) {
						expect(attempt).toBeNull();
						return;
					}
					const ids = idsOf(attempt!);
					expect(new Set(ids).size).toBe(ids.length);
					expect(ids).toHaveLength(Math.min(s.length, available.length));
					const unseen = available.filter((q) => tier(q.id) === 0).length;
					if (unseen >= s.length) expect(ids.every((id) => !history.has(id))).toBe(true);
					else expect(ids.filter((id) => tier(id) === 0)).toHaveLength(unseen);
					// Whatever is left out is no fresher than anything picked.
					const worst = Math.max(...ids.map(tier));
					for (const q of available)
						if (!ids.includes(q.id)) expect(tier(q.id)).toBeGreaterThanOrEqual(worst);
				})
			);
		});

		it('with a history, is balanced within each tier: a category falls behind only when its questions of that tier run out', () => {
			fc.assert(
				fc.property(counts, setup, seed, lastScores, (c, s, n, scores) => {
					const questions = bank(c);
					const history = historyFor(questions, scores);
					const tier = tierIn(history);
					const attempt = planAttempt(STORY, questions, s, { ...opts, seed: n, history });
					if (!attempt) return;
					const chosen = s.categories.length ? s.categories : [...CATEGORIES];
					const categoryOf = new Map(questions.map((q) => [q.id, q.category]));
					for (const t of [0, 1, 2]) {
						const inTier = questions.filter((q) => tier(q.id) === t);
						const offered = countBy(inTier.map((q) => q.category));
						const picked = countBy(
							idsOf(attempt)
								.filter((id) => tier(id) === t)
								.map((id) => categoryOf.get(id)!)
						);
						for (const a of chosen)
							for (const b of chosen)
								expect(picked[a]).toBeGreaterThanOrEqual(Math.min(offered[a], picked[b] - 1));
					}
				})
			);
		});

		it('with a history, is deterministic per seed', () => {
			fc.assert(
				fc.property(counts, setup, seed, lastScores, (c, s, n, scores) => {
					const questions = bank(c);
					const history = historyFor(questions, scores);
					const first = planAttempt(STORY, questions, s, { ...opts, seed: n, history });
					expect(
						planAttempt(STORY, questions, s, { ...opts, seed: n, history: new Map(history) })
					).toEqual(first);
				})
			);
		});
	});
});

describe('planStudy', () => {
	const items = (n: number) =>
		Array.from({ length: n }, (_, i) => ({ ref: ref(`q${i + 1}`), category: CATEGORIES[i % 4]! }));

	it('asks the questions in the order given (due first, then new), as a study session', () => {
		const attempt = planStudy(items(6), opts)!;
		expect(idsOf(attempt)).toEqual(['q1', 'q2', 'q3', 'q4', 'q5', 'q6']);
		expect(attempt).toMatchObject({ mode: 'study', position: 0, finishedAt: null, startedAt: NOW });
		expect(attempt.retry).toBeUndefined();
		expect(v.safeParse(AttemptSchema, attempt).success).toBe(true);
	});

	it('asks each question once, at most STUDY_LENGTH, and nothing when given nothing', () => {
		const twice = [...items(3), ...items(3)];
		expect(idsOf(planStudy(twice, opts)!)).toEqual(['q1', 'q2', 'q3']);
		expect(planStudy(items(STUDY_LENGTH + 5), opts)!.questions).toHaveLength(STUDY_LENGTH);
		expect(planStudy([], opts)).toBeNull();
	});

	it('names the sections it asks from, in the usual order', () => {
		expect(planStudy(items(2), opts)!.categories).toEqual(
			CATEGORIES.filter((c) => ['dates', 'actors'].includes(c))
		);
	});
});

describe('planPractice', () => {
	/** Practice items: questions of one story, all in one section unless said otherwise. */
	const items = (ids: readonly string[], storyId = STORY, category: Category = 'dates') =>
		ids.map((id) => ({ ref: ref(id, storyId), category }));
	const keys = (refs: readonly QuestionRef[]) => refs.map(key).sort();
	/** `count` distinct question ids, p-1, p-2, … */
	const many = (count: number) => Array.from({ length: count }, (_, i) => `p-${i + 1}`);

	it('starts a practice attempt at the first question, with the given id, seed and time', () => {
		const practice = planPractice(items(['q1', 'q2', 'q3']), opts)!;
		expect(practice).toMatchObject({
			id: 'attempt-1',
			seed: 42,
			position: 0,
			startedAt: NOW,
			updatedAt: NOW,
			finishedAt: null,
			mode: 'practice'
		});
		expect(practice).not.toHaveProperty('draft');
		expect(v.safeParse(AttemptSchema, practice).success).toBe(true);
		expect(keys(practice.questions)).toEqual(keys([ref('q1'), ref('q2'), ref('q3')]));
	});

	it('asks each question once, however often it is given', () => {
		const practice = planPractice(items(['q1', 'q2', 'q1', 'q3', 'q2', 'q1']), opts)!;
		expect(keys(practice.questions)).toEqual(keys([ref('q1'), ref('q2'), ref('q3')]));
	});

	it('tells questions apart by story as well as id, and may mix stories', () => {
		const given = [
			...items(['q1', 'q2']),
			...items(['q1', 'b-1'], OTHER_STORY, 'quotes'),
			...items(['q2'])
		];
		const practice = planPractice(given, opts)!;
		expect(keys(practice.questions)).toEqual(
			keys([ref('q1'), ref('q2'), ref('q1', OTHER_STORY), ref('b-1', OTHER_STORY)])
		);
		expect(new Set(storiesOf(practice))).toEqual(new Set([STORY, OTHER_STORY]));
		expect(v.safeParse(AttemptSchema, practice).success).toBe(true);
	});

	it(`asks at most ${PRACTICE_LENGTH}, the first ones given`, () => {
		const ids = many(PRACTICE_LENGTH + 5);
		const practice = planPractice(items(ids), opts)!;
		expect(practice.questions).toHaveLength(PRACTICE_LENGTH);
		expect(keys(practice.questions)).toEqual(
			keys(ids.slice(0, PRACTICE_LENGTH).map((id) => ref(id)))
		);
		// Exactly as many is all of them.
		expect(planPractice(items(ids.slice(0, PRACTICE_LENGTH)), opts)!.questions).toHaveLength(
			PRACTICE_LENGTH
		);
	});

	it('counts a question given twice once towards the limit', () => {
		const ids = many(PRACTICE_LENGTH + 1);
		const practice = planPractice(items(['p-1', 'p-2', 'p-1', 'p-2', ...ids]), opts)!;
		expect(keys(practice.questions)).toEqual(
			keys(ids.slice(0, PRACTICE_LENGTH).map((id) => ref(id)))
		);
	});

	it('is labelled with the sections of the questions it asks, in the standard order', () => {
		const given = [
			...items(['s1'], STORY, 'sources'),
			...items(['d1'], STORY, 'dates'),
			...items(['s2'], OTHER_STORY, 'sources'),
			...items(['a1'], STORY, 'actors')
		];
		expect(planPractice(given, opts)!.categories).toEqual(
			CATEGORIES.filter((c) => ['dates', 'actors', 'sources'].includes(c))
		);
		// A section only the questions past the limit are in is not the quiz's.
		const past = [...items(many(PRACTICE_LENGTH)), ...items(['q-late'], STORY, 'quotes')];
		expect(planPractice(past, opts)!.categories).toEqual(['dates']);
	});

	it('gives null when no question is given', () => {
		expect(planPractice([], opts)).toBeNull();
	});

	it('is the same for the same seed, in an order the seed mixes', () => {
		const given = items(many(10));
		expect(planPractice(given, opts)).toEqual(planPractice(given, opts));
		const orders = new Set(
			[1, 2, 3, 4, 5].map((seed) => idsOf(planPractice(given, { ...opts, seed })!).join(','))
		);
		expect(orders.size).toBeGreaterThan(1);
	});

	it('does not change the list it is given, nor keep its references', () => {
		const given = items(['q1', 'q2', 'q1']);
		const before = structuredClone(given);
		const practice = planPractice(given, opts)!;
		expect(given).toEqual(before);
		for (const r of practice.questions) for (const item of given) expect(r).not.toBe(item.ref);
	});

	it('asks the first questions given, once each, up to the limit, for any list', () => {
		const given = fc.array(
			fc.record({
				ref: fc.record({
					storyId: fc.constantFrom(STORY, OTHER_STORY),
					questionId: fc.integer({ min: 1, max: 30 }).map((n) => `q${n}`)
				}),
				category: fc.constantFrom(...CATEGORIES)
			}),
			{ maxLength: 50 }
		);
		fc.assert(
			fc.property(given, fc.integer({ min: 0, max: 2 ** 32 - 1 }), (list, seed) => {
				const practice = planPractice(list, { ...opts, seed });
				const firsts = list.filter(
					(item, i) => list.findIndex((o) => key(o.ref) === key(item.ref)) === i
				);
				if (!firsts.length) {
					expect(practice).toBeNull();
					return;
				}
				const picked = firsts.slice(0, PRACTICE_LENGTH);
				expect(keys(practice!.questions)).toEqual(keys(picked.map((p) => p.ref)));
				expect(practice!.categories).toEqual(
					CATEGORIES.filter((c) => picked.some((p) => p.category === c))
				);
				expect(v.safeParse(AttemptSchema, practice).success).toBe(true);
			})
		);
	});
});

describe('AttemptSchema', () => {
	const valid = attempt('attempt-1', ['dates-1', 'dates-2', 'actors-1'], {
		position: 2,
		updatedAt: NOW + 10,
		finishedAt: NOW + 20
	});
	const rejects = (patch: Record<string, unknown>) =>
		v.safeParse(AttemptSchema, { ...valid, ...patch }).success === false;

	it('accepts a well-formed attempt, finished or not', () => {
		expect(v.parse(AttemptSchema, valid)).toEqual(valid);
		expect(v.safeParse(AttemptSchema, { ...valid, finishedAt: null }).success).toBe(true);
		expect(v.safeParse(AttemptSchema, { ...valid, position: 0 }).success).toBe(true);
	});

	it('accepts questions from several stories', () => {
		const mixed = { ...valid, questions: [ref('a-1'), ref('b-1', OTHER_STORY)], position: 1 };
		expect(v.safeParse(AttemptSchema, mixed).success).toBe(true);
	});

	it('rejects an attempt with no questions', () => {
		expect(rejects({ questions: [], position: 0 })).toBe(true);
	});

	it('rejects questions that are not a list', () => {
		expect(rejects({ questions: null })).toBe(true);
		expect(rejects({ questions: undefined })).toBe(true);
		expect(rejects({ questions: 'dates-1' })).toBe(true);
		// The shape attempts had before they listed references.
		const old: Record<string, unknown> = { ...valid, storyId: STORY, questionIds: ['dates-1'] };
		delete old.questions;
		expect(v.safeParse(AttemptSchema, old).success).toBe(false);
	});

	it('rejects a position past the last question', () => {
		expect(rejects({ position: 3 })).toBe(true);
		expect(rejects({ position: 4 })).toBe(true);
		expect(rejects({ questions: [ref('dates-1')], position: 1 })).toBe(true);
	});

	it('rejects a negative or fractional position', () => {
		expect(rejects({ position: -1 })).toBe(true);
		expect(rejects({ position: 0.5 })).toBe(true);
		expect(rejects({ position: NaN })).toBe(true);
		expect(rejects({ position: Infinity })).toBe(true);
		expect(rejects({ position: '1' })).toBe(true);
	});

	it('rejects times that are not finite numbers', () => {
		for (const field of ['startedAt', 'updatedAt', 'finishedAt'])
			for (const time of [NaN, Infinity, -Infinity, '2022-07-15', undefined])
				expect(rejects({ [field]: time }), `${field} ${String(time)}`).toBe(true);
		expect(rejects({ startedAt: null })).toBe(true);
	});

	it('rejects a reference with an empty or missing id', () => {
		expect(rejects({ questions: [ref('')], position: 0 })).toBe(true);
		expect(rejects({ questions: [ref('dates-1', '')], position: 0 })).toBe(true);
		expect(rejects({ questions: [{ questionId: 'dates-1' }], position: 0 })).toBe(true);
		expect(rejects({ questions: ['dates-1'], position: 0 })).toBe(true);
	});

	it('rejects an empty id and a fractional seed', () => {
		expect(rejects({ id: '' })).toBe(true);
		expect(rejects({ seed: 1.5 })).toBe(true);
	});

	it('rejects an unknown section', () => {
		expect(rejects({ categories: ['weather'] })).toBe(true);
	});

	it('reads an attempt stored before modes existed as practice, and keeps the mode it has', () => {
		const older: Record<string, unknown> = { ...valid };
		delete older.mode;
		expect(v.parse(AttemptSchema, older)).toEqual({ ...valid, mode: 'practice' });
		for (const mode of ['practice', 'assignment'] as const)
			expect(v.parse(AttemptSchema, { ...valid, mode })).toEqual({ ...valid, mode });
	});

	it('rejects a mode it does not know', () => {
		for (const mode of ['exam', '', 'Practice', null, 0, true, ['practice']])
			expect(rejects({ mode }), String(mode)).toBe(true);
	});

	it('accepts a draft for a question, whatever its response, and an attempt with none', () => {
		const unfinished = { ...valid, finishedAt: null };
		for (const response of [null, 'x', { choice: 'a' }, [1, 2], { text: '' }]) {
			const withDraft = { ...unfinished, draft: { questionId: 'dates-2', response } };
			expect(v.parse(AttemptSchema, withDraft)).toEqual(withDraft);
		}
		expect(v.parse(AttemptSchema, unfinished)).not.toHaveProperty('draft');
	});

	it('rejects a draft that is not one', () => {
		for (const draft of [
			null,
			'dates-2',
			1,
			[],
			{},
			{ response: { choice: 'a' } },
			{ questionId: '', response: { choice: 'a' } },
			{ questionId: 2, response: { choice: 'a' } }
		])
			expect(rejects({ draft }), JSON.stringify(draft)).toBe(true);
	});

	it('rejects values that are not attempts without throwing', () => {
		for (const value of [undefined, null, 0, '', [], {}, [valid]])
			expect(v.safeParse(AttemptSchema, value).success).toBe(false);
	});
});

describe('AnswerSchema', () => {
	it('accepts an answer with or without a fingerprint', () => {
		const a = answer('dates-1', 0.5, NOW);
		expect(v.parse(AnswerSchema, a)).toEqual(a);
		expect(v.safeParse(AnswerSchema, { ...a, fingerprint: null }).success).toBe(true);
		expect(v.safeParse(AnswerSchema, { ...a, note: 'Typo forgiven.' }).success).toBe(true);
	});

	it('keeps the response as given, whatever it is', () => {
		for (const response of [null, 'x', { choice: 'a' }, [1, 2]])
			expect(v.parse(AnswerSchema, answer('dates-1', 0, NOW, { response })).response).toEqual(
				response
			);
	});

	it('rejects a score outside [0, 1], a missing fingerprint and bad times', () => {
		const a = answer('dates-1', 1, NOW);
		const older: Record<string, unknown> = { ...a };
		delete older.fingerprint;
		for (const bad of [
			{ ...a, score: 1.5 },
			{ ...a, score: -0.1 },
			{ ...a, score: NaN },
			older,
			{ ...a, answeredAt: NaN },
			{ ...a, answeredAt: Infinity },
			{ ...a, questionId: '' },
			{ ...a, category: 'weather' }
		])
			expect(v.safeParse(AnswerSchema, bad).success, JSON.stringify(bad)).toBe(false);
	});
});

describe('AnswerSchema: “I don’t know” and “I was right”', () => {
	it('accepts an answer given as “I don’t know”', () => {
		const dontKnow = answer('dates-1', 0, NOW, { response: null, dontKnow: true });
		expect(v.parse(AnswerSchema, dontKnow)).toEqual(dontKnow);
	});

	it('accepts an overridden answer, keeping the score the rule gave and when', () => {
		const overridden = answer('dates-1', 1, NOW, { override: { from: 0.5, at: NOW + 5 } });
		expect(v.parse(AnswerSchema, overridden)).toEqual(overridden);
		const fromZero = answer('dates-1', 1, NOW, { override: { from: 0, at: NOW } });
		expect(v.parse(AnswerSchema, fromZero)).toEqual(fromZero);
	});

	it('leaves both out of an ordinary answer', () => {
		const parsed = v.parse(AnswerSchema, answer('dates-1', 0.5, NOW));
		expect(parsed).not.toHaveProperty('dontKnow');
		expect(parsed).not.toHaveProperty('override');
	});

	it('rejects a dontKnow other than true', () => {
		const a = answer('dates-1', 0, NOW);
		for (const dontKnow of [false, 'yes', 1, null, {}])
			expect(v.safeParse(AnswerSchema, { ...a, dontKnow }).success, String(dontKnow)).toBe(false);
	});

	it('rejects an override that is not one', () => {
		const a = answer('dates-1', 1, NOW);
		for (const override of [
			true,
			null,
			'0.5',
			{},
			{ from: 0.5 },
			{ at: NOW },
			{ from: 1.5, at: NOW },
			{ from: -0.5, at: NOW },
			{ from: NaN, at: NOW },
			{ from: '0', at: NOW },
			{ from: 0.5, at: NaN },
			{ from: 0.5, at: Infinity },
			{ from: 0.5, at: '2024-01-01' }
		])
			expect(v.safeParse(AnswerSchema, { ...a, override }).success, JSON.stringify(override)).toBe(
				false
			);
	});
});

describe('resolveAttempt', () => {
	const a = bank({ dates: 2, actors: 1 });
	const b = bank({ quotes: 2 }, 'b-');

	it('finds every question in its story’s bank, in the attempt’s order, with that story’s outlets', () => {
		const attempt = { questions: [ref('actors-1'), ref('dates-2'), ref('dates-1')] };
		const { items, missing } = resolveAttempt(attempt, banksOf({ [STORY]: a }));
		expect(missing).toEqual([]);
		expect(items.map((i) => i.question.id)).toEqual(['actors-1', 'dates-2', 'dates-1']);
		expect(items.map((i) => i.ref)).toEqual(attempt.questions);
		for (const item of items) {
			expect(item.outlets).toEqual(OUTLETS);
			expect(item.question).toBe(a.find((q) => q.id === item.ref.questionId));
		}
	});

	it('keeps the order when the questions come from two stories', () => {
		const attempt = {
			questions: [
				ref('b-quotes-2', OTHER_STORY),
				ref('dates-1'),
				ref('b-quotes-1', OTHER_STORY),
				ref('actors-1')
			]
		};
		const banks = new Map([
			[STORY, { questions: a, outlets: [OUTLETS[0]!] }],
			[OTHER_STORY, { questions: b, outlets: [OUTLETS[1]!] }]
		]);
		const { items, missing } = resolveAttempt(attempt, banks);
		expect(missing).toEqual([]);
		expect(items.map((i) => i.question.id)).toEqual([
			'b-quotes-2',
			'dates-1',
			'b-quotes-1',
			'actors-1'
		]);
		expect(items.map((i) => i.outlets[0]!.outlet)).toEqual(['Beta', 'Alpha', 'Beta', 'Alpha']);
		expect(storiesOf(attempt)).toEqual([OTHER_STORY, STORY]);
	});

	it('lists the questions of a story whose bank is missing', () => {
		const attempt = { questions: [ref('dates-1'), ref('b-quotes-1', OTHER_STORY), ref('dates-2')] };
		const { items, missing } = resolveAttempt(attempt, banksOf({ [STORY]: a }));
		expect(items.map((i) => i.question.id)).toEqual(['dates-1', 'dates-2']);
		expect(missing).toEqual([ref('b-quotes-1', OTHER_STORY)]);
	});

	it('lists a question its bank no longer holds', () => {
		const attempt = { questions: [ref('dates-1'), ref('retired'), ref('actors-1')] };
		const { items, missing } = resolveAttempt(attempt, banksOf({ [STORY]: a }));
		expect(items.map((i) => i.question.id)).toEqual(['dates-1', 'actors-1']);
		expect(missing).toEqual([ref('retired')]);
	});

	it('looks for a question only in the bank of the story its reference names', () => {
		const attempt = { questions: [ref('b-quotes-1', STORY)] };
		const { items, missing } = resolveAttempt(attempt, banksOf({ [STORY]: a, [OTHER_STORY]: b }));
		expect(items).toEqual([]);
		expect(missing).toEqual(attempt.questions);
	});

	it('finds nothing with no banks at all', () => {
		const attempt = { questions: [ref('dates-1'), ref('dates-2')] };
		expect(resolveAttempt(attempt, new Map())).toEqual({ items: [], missing: attempt.questions });
	});
});

describe('storiesOf', () => {
	it('names each story once, in the order its questions first appear', () => {
		const attempt = {
			questions: [
				ref('1', OTHER_STORY),
				ref('2'),
				ref('3', OTHER_STORY),
				ref('4', 'story-c'),
				ref('5')
			]
		};
		expect(storiesOf(attempt)).toEqual([OTHER_STORY, STORY, 'story-c']);
		expect(storiesOf({ questions: [ref('1')] })).toEqual([STORY]);
	});
});

describe('scoreAttempt', () => {
	const four = attempt('attempt-1', ['q1', 'q2', 'q3', 'q4']);

	it('adds up partial credit, out of every question asked', () => {
		const answers = [
			{ questionId: 'q1', score: 1 },
			{ questionId: 'q2', score: 0.5 },
			{ questionId: 'q3', score: 0.25 },
			{ questionId: 'q4', score: 0 }
		];
		expect(scoreAttempt(four, answers)).toEqual({
			asked: 4,
			answered: 4,
			points: 1.75,
			accuracy: 1.75 / 4,
			right: 1,
			partly: 2,
			toPractise: 1
		});
	});

	it('counts unanswered questions as asked, worth 0', () => {
		expect(scoreAttempt(four, [{ questionId: 'q2', score: 1 }])).toEqual({
			asked: 4,
			answered: 1,
			points: 1,
			accuracy: 0.25,
			right: 1,
			partly: 0,
			toPractise: 3
		});
		expect(scoreAttempt(four, [])).toEqual({
			asked: 4,
			answered: 0,
			points: 0,
			accuracy: 0,
			right: 0,
			partly: 0,
			toPractise: 4
		});
	});

	it('ignores answers to questions not in the attempt', () => {
		const answers = [
			{ questionId: 'q1', score: 0.5 },
			{ questionId: 'elsewhere', score: 1 },
			{ questionId: 'q9', score: 1 }
		];
		expect(scoreAttempt(four, answers)).toEqual({
			asked: 4,
			answered: 1,
			points: 0.5,
			accuracy: 0.125,
			right: 0,
			partly: 1,
			toPractise: 3
		});
	});

	it('counts an answer wherever its question sits, whatever order the answers come in', () => {
		const answers = [
			{ questionId: 'q4', score: 1 },
			{ questionId: 'q1', score: 1 }
		];
		expect(scoreAttempt(four, answers)).toEqual(scoreAttempt(four, [...answers].reverse()));
		expect(scoreAttempt(four, answers).points).toBe(2);
	});

	it('counts a question from another story like any other', () => {
		const mixed = attempt('attempt-1', [ref('q1'), ref('b-1', OTHER_STORY)]);
		expect(
			scoreAttempt(mixed, [
				{ questionId: 'q1', score: 1 },
				{ questionId: 'b-1', score: 1 }
			])
		).toEqual({
			asked: 2,
			answered: 2,
			points: 2,
			accuracy: 1,
			right: 2,
			partly: 0,
			toPractise: 0
		});
	});

	it('gives accuracy 0, not NaN, when nothing was asked', () => {
		expect(scoreAttempt({ questions: [] }, [{ questionId: 'q1', score: 1 }])).toEqual({
			asked: 0,
			answered: 0,
			points: 0,
			accuracy: 0,
			right: 0,
			partly: 0,
			toPractise: 0
		});
	});

	it('counts answers right (full credit), part right, and the questions left to practise', () => {
		const six = attempt('attempt-1', ['q1', 'q2', 'q3', 'q4', 'q5', 'q6']);
		const answers = [
			{ questionId: 'q1', score: 1 },
			{ questionId: 'q2', score: 0.99 },
			{ questionId: 'q3', score: 0.01 },
			{ questionId: 'q4', score: 0 },
			{ questionId: 'q6', score: 1 }
		];
		// q4 earned nothing and q5 was never answered: both to practise.
		expect(scoreAttempt(six, answers)).toMatchObject({ right: 2, partly: 2, toPractise: 2 });
	});

	it('counts a question to practise when nothing is answered, and none when all are right', () => {
		expect(scoreAttempt(four, [])).toMatchObject({ right: 0, partly: 0, toPractise: 4 });
		const allRight = ['q1', 'q2', 'q3', 'q4'].map((questionId) => ({ questionId, score: 1 }));
		expect(scoreAttempt(four, allRight)).toMatchObject({ right: 4, partly: 0, toPractise: 0 });
	});

	it('does not count answers outside the attempt as right or part right', () => {
		const answers = [
			{ questionId: 'elsewhere', score: 1 },
			{ questionId: 'q9', score: 0.5 }
		];
		expect(scoreAttempt(four, answers)).toMatchObject({ right: 0, partly: 0, toPractise: 4 });
	});

	it('splits every question asked into right, part right and to practise, for any answers', () => {
		const ids = fc.uniqueArray(fc.constantFrom('q1', 'q2', 'q3', 'q4', 'q5', 'q6'), {
			minLength: 1
		});
		const answers = fc.array(
			fc.record({
				questionId: fc.constantFrom('q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7'),
				score: fc.oneof(fc.constantFrom(0, 1), fc.double({ min: 0, max: 1, noNaN: true }))
			})
		);
		fc.assert(
			fc.property(ids, answers, (questions, given) => {
				const s = scoreAttempt({ questions: questions.map((id) => ref(id)) }, given);
				// As recorded: one answer per question, the last one given.
				const last = new Map(given.map((a) => [a.questionId, a.score]));
				const scores = questions.flatMap((id) => (last.has(id) ? [last.get(id)!] : []));
				expect(s.right).toBe(scores.filter((x) => x >= 1).length);
				expect(s.partly).toBe(scores.filter((x) => x > 0 && x < 1).length);
				expect(s.toPractise).toBe(
					questions.length - scores.length + scores.filter((x) => x === 0).length
				);
				expect(s.right + s.partly + s.toPractise).toBe(s.asked);
				expect(s.right).toBeLessThanOrEqual(s.points);
			})
		);
	});

	// What isAttemptComplete used to say: every question answered, answers elsewhere not counted.
	describe('answered, as the measure of a finished attempt', () => {
		const planned = plan(full, { categories: [], length: 5 });
		const ids = idsOf(planned);
		const answered = (questionIds: readonly string[]) =>
			scoreAttempt(
				planned,
				questionIds.map((questionId) => ({ questionId, score: 0 }))
			).answered;

		it('reaches asked once every question has an answer, in any order', () => {
			expect(answered(ids)).toBe(planned.questions.length);
			expect(answered([...ids].reverse())).toBe(planned.questions.length);
		});

		it('falls short while any question is unanswered', () => {
			expect(answered([])).toBe(0);
			expect(answered(ids.slice(1))).toBe(planned.questions.length - 1);
		});

		it('does not count answers to other questions', () => {
			const others = full.map((q) => q.id).filter((id) => !ids.includes(id));
			expect(answered([...ids.slice(0, -1), ...others])).toBe(planned.questions.length - 1);
		});
	});

	it('stays within [0, 1] and never counts more answered than asked', () => {
		const ids = fc.uniqueArray(fc.constantFrom('q1', 'q2', 'q3', 'q4', 'q5', 'q6'), {
			minLength: 1
		});
		const answers = fc.array(
			fc.record({
				questionId: fc.constantFrom('q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7'),
				score: fc.double({ min: 0, max: 1, noNaN: true })
			})
		);
		fc.assert(
			fc.property(ids, answers, (questions, given) => {
				const s = scoreAttempt({ questions: questions.map((id) => ref(id)) }, given);
				expect(s.asked).toBe(questions.length);
				expect(s.answered).toBeLessThanOrEqual(s.asked);
				expect(s.points).toBeLessThanOrEqual(s.answered);
				expect(s.accuracy).toBeGreaterThanOrEqual(0);
				expect(s.accuracy).toBeLessThanOrEqual(1);
			})
		);
	});
});

describe('summarizeAttempt', () => {
	const questions = bank({ dates: 3, actors: 2, quotes: 2, sources: 2 });
	const items = questions.map((question) => ({ question }));
	const scored = (questionId: string, score: number) => ({
		questionId,
		score,
		category: questions.find((q) => q.id === questionId)?.category ?? ('dates' as Category)
	});

	it('totals each category, counting partial credit as part of a question', () => {
		const attempt = {
			questions: ['quotes-1', 'dates-1', 'actors-1', 'dates-2'].map((id) => ref(id))
		};
		const answers = [scored('dates-1', 1), scored('dates-2', 0.5), scored('actors-1', 0)];
		expect(summarizeAttempt(attempt, items, answers)).toEqual({
			asked: 4,
			answered: 3,
			points: 1.5,
			accuracy: 1.5 / 4,
			right: 1,
			partly: 1,
			toPractise: 2,
			byCategory: [
				{ category: 'dates', asked: 2, answered: 2, points: 1.5 },
				{ category: 'actors', asked: 1, answered: 1, points: 0 },
				{ category: 'quotes', asked: 1, answered: 0, points: 0 }
			]
		});
	});

	it('gives the same totals as scoreAttempt', () => {
		const attempt = { questions: ['quotes-1', 'dates-1', 'sources-2'].map((id) => ref(id)) };
		const answers = [scored('dates-1', 0.75), scored('sources-2', 1), scored('actors-1', 1)];
		const summary = summarizeAttempt(attempt, items, answers);
		expect(summary).toEqual({ ...scoreAttempt(attempt, answers), byCategory: summary.byCategory });
	});

	it('lists categories in the standard order, whatever order they were asked in', () => {
		const attempt = {
			questions: ['sources-1', 'quotes-1', 'actors-1', 'dates-1'].map((id) => ref(id))
		};
		const summary = summarizeAttempt(attempt, items, []);
		expect(summary.byCategory.map((r) => r.category)).toEqual([...CATEGORIES]);
	});

	it('ignores answers to questions outside the attempt', () => {
		const attempt = { questions: [ref('dates-1')] };
		const answers = [scored('dates-1', 0.25), scored('dates-2', 1), scored('sources-1', 1)];
		const summary = summarizeAttempt(attempt, items, answers);
		expect(summary).toMatchObject({ asked: 1, answered: 1, points: 0.25, accuracy: 0.25 });
		expect(summary.byCategory).toEqual([
			{ category: 'dates', asked: 1, answered: 1, points: 0.25 }
		]);
	});

	it('counts a question no longer in the bank in the totals, under its answer’s category', () => {
		const attempt = { questions: [ref('dates-1'), ref('retired'), ref('gone')] };
		const answers = [
			scored('dates-1', 1),
			{ questionId: 'retired', score: 0.5, category: 'quotes' as const }
		];
		expect(summarizeAttempt(attempt, items, answers)).toEqual({
			asked: 3,
			answered: 2,
			points: 1.5,
			accuracy: 1.5 / 3,
			right: 1,
			partly: 1,
			// "gone" is not answered: one to practise.
			toPractise: 1,
			// "gone" has neither a bank entry nor an answer: no category to put it under.
			byCategory: [
				{ category: 'dates', asked: 1, answered: 1, points: 1 },
				{ category: 'quotes', asked: 1, answered: 1, points: 0.5 }
			]
		});
	});

	it('puts an answered question under the category it was answered in', () => {
		const attempt = { questions: [ref('dates-1')] };
		const answers = [{ questionId: 'dates-1', score: 1, category: 'actors' as const }];
		expect(summarizeAttempt(attempt, items, answers).byCategory).toEqual([
			{ category: 'actors', asked: 1, answered: 1, points: 1 }
		]);
	});

	it('gives accuracy 0, not NaN, for an empty attempt', () => {
		expect(summarizeAttempt({ questions: [] }, items, [])).toEqual({
			asked: 0,
			answered: 0,
			points: 0,
			accuracy: 0,
			right: 0,
			partly: 0,
			toPractise: 0,
			byCategory: []
		});
	});

	it('counts unanswered questions as asked, lowering the accuracy', () => {
		const attempt = { questions: [ref('actors-1'), ref('actors-2')] };
		const summary = summarizeAttempt(attempt, items, [scored('actors-1', 1)]);
		expect(summary).toMatchObject({ asked: 2, answered: 1, points: 1, accuracy: 0.5 });
	});

	it('has rows that add up to the totals when every question resolves', () => {
		const ids = questions.map((q) => q.id);
		const attemptArb = fc.uniqueArray(fc.constantFrom(...ids), { minLength: 1 });
		const answersArb = fc.array(
			fc.tuple(fc.constantFrom(...ids), fc.constantFrom(0, 0.25, 0.5, 1)),
			{ maxLength: 12 }
		);
		fc.assert(
			fc.property(attemptArb, answersArb, (chosen, given) => {
				const attempt = { questions: chosen.map((id) => ref(id)) };
				// One answer per question, as recordAnswer keeps it.
				const answers = [...new Map(given).entries()].map(([id, score]) => scored(id, score));
				const { items: resolved, missing } = resolveAttempt(
					attempt,
					banksOf({ [STORY]: questions })
				);
				expect(missing).toEqual([]);
				const summary = summarizeAttempt(attempt, resolved, answers);
				const sum = (key: 'asked' | 'answered' | 'points') =>
					summary.byCategory.reduce((n, r) => n + r[key], 0);
				expect(sum('asked')).toBe(summary.asked);
				expect(sum('answered')).toBe(summary.answered);
				expect(sum('points')).toBeCloseTo(summary.points, 12);
				expect(summary.accuracy).toBeCloseTo(summary.points / summary.asked, 12);
			})
		);
	});
});

describe('one attempt, planned, resolved and scored', () => {
	it('scores full marks when every question is answered right', () => {
		const questions = bank({ dates: 3, actors: 3 });
		const planned = plan(questions, { categories: [], length: 5 });
		const { items } = resolveAttempt(planned, banksOf({ [STORY]: questions }));
		const answers = items.map((i) =>
			answer(i.question.id, 1, NOW, { category: i.question.category })
		);
		expect(summarizeAttempt(planned, items, answers)).toMatchObject({
			asked: 5,
			answered: 5,
			points: 5,
			accuracy: 1
		});
	});
});

/** Any attempt's references: a few ids in two stories, so the same id can stand in both. */
const refsArb = fc.uniqueArray(
	fc.record({
		storyId: fc.constantFrom(STORY, OTHER_STORY),
		questionId: fc.constantFrom('q1', 'q2', 'q3', 'q4', 'q5', 'q6')
	}),
	{ minLength: 1, maxLength: 8, selector: (r) => `${r.storyId}/${r.questionId}` }
);

const key = (r: QuestionRef) => `${r.storyId}/${r.questionId}`;
const has = (list: readonly QuestionRef[], r: QuestionRef) => list.some((q) => key(q) === key(r));

/**
 * Where `from`'s position stands in `list`, as the spec says: at the same question, or the next
 * one `list` still holds, or the last of `list` when it holds none of them.
 */
function mappedPosition(list: readonly QuestionRef[], from: Attempt): number {
	const next = from.questions.slice(from.position).find((r) => has(list, r));
	return next ? list.findIndex((q) => key(q) === key(next)) : list.length - 1;
}

describe('reconcileAttempt', () => {
	const five = attempt('attempt-1', ['a', 'b', 'c', 'd', 'e'], {
		position: 2,
		seed: 7,
		updatedAt: NOW + 5
	});
	const reconciled = (missing: readonly string[], from: Attempt = five) => {
		const result = reconcileAttempt(
			from,
			missing.map((id) => ref(id))
		);
		if (!result) throw new Error('expected an attempt');
		expect(result.changed).toBe(true);
		expect(v.safeParse(AttemptSchema, result.attempt).success).toBe(true);
		return result.attempt;
	};

	it('leaves the attempt as it is when nothing is missing', () => {
		const result = reconcileAttempt(five, []);
		expect(result).toEqual({ attempt: five, changed: false });
		expect(result!.attempt).toBe(five);
	});

	it('drops the missing questions and keeps the rest in order', () => {
		expect(idsOf(reconciled(['b', 'd']))).toEqual(['a', 'c', 'e']);
		expect(idsOf(reconciled(['e', 'a']))).toEqual(['b', 'c', 'd']);
	});

	it('keeps everything else about the attempt', () => {
		const finished = { ...five, finishedAt: NOW + 9 };
		const after = reconciled(['a'], finished);
		expect(after).toEqual({ ...finished, questions: after.questions, position: after.position });
	});

	it('stays on the same question when questions before it are gone', () => {
		const after = reconciled(['a', 'b']);
		expect(idsOf(after)).toEqual(['c', 'd', 'e']);
		expect(after.position).toBe(0);
		expect(reconciled(['a']).position).toBe(1);
	});

	it('stays on the same question when questions after it are gone', () => {
		const after = reconciled(['d', 'e']);
		expect(after.questions[after.position]).toEqual(ref('c'));
	});

	it('moves on to the next question still there when the current one is gone', () => {
		const after = reconciled(['c', 'd']);
		expect(idsOf(after)).toEqual(['a', 'b', 'e']);
		expect(after.questions[after.position]).toEqual(ref('e'));
	});

	it('moves to the last question when everything from the current one on is gone', () => {
		const after = reconciled(['c', 'd', 'e']);
		expect(idsOf(after)).toEqual(['a', 'b']);
		expect(after.position).toBe(1);
		const atEnd = reconciled(['e'], { ...five, position: 4 });
		expect(atEnd.position).toBe(3);
		expect(atEnd.questions[atEnd.position]).toEqual(ref('d'));
	});

	it('finds questions by story as well as id', () => {
		const mixed = attempt('attempt-1', [ref('q1'), ref('q1', OTHER_STORY), ref('q2')], {
			position: 1
		});
		const result = reconcileAttempt(mixed, [ref('q1')]);
		expect(result?.attempt.questions).toEqual([ref('q1', OTHER_STORY), ref('q2')]);
		expect(result?.attempt.position).toBe(0);
	});

	it('gives null when every question is gone', () => {
		expect(
			reconcileAttempt(
				five,
				['a', 'b', 'c', 'd', 'e'].map((id) => ref(id))
			)
		).toBeNull();
		expect(reconcileAttempt(attempt('attempt-1', ['a']), [ref('a')])).toBeNull();
	});

	it('does not change the attempt it is given', () => {
		const before = structuredClone(five);
		reconcileAttempt(five, [ref('a'), ref('c')]);
		expect(five).toEqual(before);
	});

	it('drops exactly the missing questions, or gives null when none is left, for any attempt', () => {
		const withMissing = refsArb.chain((refs) =>
			fc.tuple(
				fc.constant(refs),
				fc.nat(refs.length - 1),
				fc.subarray(refs),
				fc.option(fc.constant(NOW + 1), { nil: null })
			)
		);
		fc.assert(
			fc.property(withMissing, ([refs, position, missing, finishedAt]) => {
				const before = attempt('attempt-1', refs, { position, finishedAt });
				const result = reconcileAttempt(before, missing);
				const left = refs.filter((r) => !has(missing, r));
				if (!left.length) {
					expect(result).toBeNull();
					return;
				}
				expect(result).not.toBeNull();
				const after = result!.attempt;
				expect(result!.changed).toBe(missing.length > 0);
				expect(after.questions).toEqual(left);
				expect(v.safeParse(AttemptSchema, after).success).toBe(true);
				const current = after.questions[after.position]!;
				const stillAhead = refs.slice(position).filter((r) => !has(missing, r));
				if (stillAhead.length) {
					expect(refs.findIndex((r) => key(r) === key(current))).toBeGreaterThanOrEqual(position);
					// The first of them: no question still there is skipped.
					expect(current).toEqual(stillAhead[0]);
				} else expect(after.position).toBe(left.length - 1);
			})
		);
	});
});

describe('mergeAttempt', () => {
	const four = ['a', 'b', 'c', 'd'];
	const stored = attempt('attempt-1', four, { position: 2, updatedAt: NOW + 20 });

	it('takes the incoming attempt when nothing is stored', () => {
		const incoming = attempt('attempt-1', four, { position: 1 });
		const result = mergeAttempt(undefined, incoming);
		expect(result).toEqual({ attempt: incoming, behind: false });
	});

	it('takes the incoming attempt when the stored one is another attempt', () => {
		const incoming = attempt('attempt-2', ['x', 'y'], { position: 0, updatedAt: NOW });
		const result = mergeAttempt({ ...stored, finishedAt: NOW + 30 }, incoming);
		expect(result).toEqual({ attempt: incoming, behind: false });
	});

	it('never moves the attempt back: a stale save keeps the stored position and is behind', () => {
		const incoming = attempt('attempt-1', four, { position: 0, updatedAt: NOW + 30 });
		const { attempt: merged, behind } = mergeAttempt(stored, incoming);
		expect(merged.position).toBe(2);
		expect(behind).toBe(true);
		expect(merged.updatedAt).toBe(NOW + 30);
	});

	it('takes the incoming position when it is ahead', () => {
		const incoming = attempt('attempt-1', four, { position: 3, updatedAt: NOW + 30 });
		expect(mergeAttempt(stored, incoming)).toEqual({ attempt: incoming, behind: false });
	});

	it('is not behind at the same position', () => {
		const incoming = attempt('attempt-1', four, { position: 2, updatedAt: NOW + 30 });
		expect(mergeAttempt(stored, incoming)).toEqual({ attempt: incoming, behind: false });
	});

	it('keeps a finish: a save that has not finished is behind', () => {
		const finished = { ...stored, position: 3, finishedAt: NOW + 20 };
		const incoming = attempt('attempt-1', four, { position: 3, updatedAt: NOW + 30 });
		const { attempt: merged, behind } = mergeAttempt(finished, incoming);
		expect(merged.finishedAt).toBe(NOW + 20);
		expect(behind).toBe(true);
	});

	it('takes a finish the incoming attempt brings', () => {
		const incoming = attempt('attempt-1', four, {
			position: 3,
			updatedAt: NOW + 30,
			finishedAt: NOW + 30
		});
		const { attempt: merged, behind } = mergeAttempt(stored, incoming);
		expect(merged.finishedAt).toBe(NOW + 30);
		expect(behind).toBe(false);
	});

	it('keeps the first finish when both have finished', () => {
		const finished = { ...stored, position: 3, finishedAt: NOW + 20 };
		const incoming = attempt('attempt-1', four, {
			position: 3,
			updatedAt: NOW + 30,
			finishedAt: NOW + 30
		});
		const { attempt: merged, behind } = mergeAttempt(finished, incoming);
		expect(merged.finishedAt).toBe(NOW + 20);
		expect(behind).toBe(false);
	});

	it('keeps the later updatedAt, whichever side has it', () => {
		const older = attempt('attempt-1', four, { position: 3, updatedAt: NOW + 10 });
		expect(mergeAttempt(stored, older).attempt.updatedAt).toBe(NOW + 20);
		const newer = { ...older, updatedAt: NOW + 40 };
		expect(mergeAttempt(stored, newer).attempt.updatedAt).toBe(NOW + 40);
	});

	it('keeps the stored, shorter list an update reconciled, and maps the incoming position onto it', () => {
		// Stored: "b" was dropped. Incoming still lists it and stands on it.
		const reconciled = attempt('attempt-1', ['a', 'c', 'd'], { position: 0, updatedAt: NOW + 20 });
		const incoming = attempt('attempt-1', four, { position: 1, updatedAt: NOW + 10 });
		const { attempt: merged, behind } = mergeAttempt(reconciled, incoming);
		expect(idsOf(merged)).toEqual(['a', 'c', 'd']);
		expect(merged.questions[merged.position]).toEqual(ref('c'));
		expect(behind).toBe(false);
		expect(v.safeParse(AttemptSchema, merged).success).toBe(true);
	});

	it('keeps the incoming, shorter list, and maps the stored position onto it', () => {
		const reconciled = attempt('attempt-1', ['a', 'b', 'd'], { position: 1, updatedAt: NOW + 30 });
		const { attempt: merged, behind } = mergeAttempt(stored, reconciled);
		// Stored stands on "c", which is gone: the next one still there is "d".
		expect(idsOf(merged)).toEqual(['a', 'b', 'd']);
		expect(merged.questions[merged.position]).toEqual(ref('d'));
		expect(behind).toBe(true);
		expect(v.safeParse(AttemptSchema, merged).success).toBe(true);
	});

	it('maps a position past every question left onto the last one', () => {
		const atEnd = { ...stored, position: 3 };
		const reconciled = attempt('attempt-1', ['a', 'b'], { position: 0, updatedAt: NOW + 30 });
		const { attempt: merged, behind } = mergeAttempt(atEnd, reconciled);
		expect(idsOf(merged)).toEqual(['a', 'b']);
		expect(merged.position).toBe(1);
		expect(behind).toBe(true);
	});

	it('does not change either attempt', () => {
		const incoming = attempt('attempt-1', ['a', 'c'], { position: 0 });
		const before = structuredClone([stored, incoming]);
		mergeAttempt(stored, incoming);
		expect([stored, incoming]).toEqual(before);
	});

	describe('drafts and mode', () => {
		const draftOn = (questionId: string): Draft => ({ questionId, response: { text: questionId } });

		it('keeps the stored draft when the save is behind', () => {
			// Stored stands on "c" with a draft for it; a stale tab, on "b", saves its own.
			const ahead = { ...stored, draft: draftOn('c') };
			const stale = attempt('attempt-1', four, {
				position: 1,
				updatedAt: NOW + 30,
				draft: draftOn('b')
			});
			expect(mergeAttempt(ahead, stale).attempt.draft).toEqual(draftOn('c'));
			expect(mergeAttempt(ahead, { ...stale, draft: undefined }).attempt.draft).toEqual(
				draftOn('c')
			);
			const bare: Attempt = { ...stale };
			delete bare.draft;
			expect(mergeAttempt(ahead, bare).attempt.draft).toEqual(draftOn('c'));
		});

		it('takes the saving side’s draft, or its lack of one, when it is further along', () => {
			const withDraft = { ...stored, draft: draftOn('c') };
			// Moving on from "c" to "d" leaves no draft behind.
			const moved = attempt('attempt-1', four, { position: 3, updatedAt: NOW + 30 });
			const merged = mergeAttempt(withDraft, moved).attempt;
			expect(merged).toEqual(moved);
			expect(merged).not.toHaveProperty('draft');
			expect(mergeAttempt(withDraft, { ...moved, draft: draftOn('d') }).attempt.draft).toEqual(
				draftOn('d')
			);
		});

		it('takes the saving side’s draft at the same position', () => {
			const withDraft = { ...stored, draft: draftOn('c') };
			const same = attempt('attempt-1', four, {
				position: 2,
				updatedAt: NOW + 30,
				draft: { questionId: 'c', response: { text: 'newer' } }
			});
			expect(mergeAttempt(withDraft, same).attempt.draft).toEqual(same.draft);
		});

		it('keeps no draft in a finished attempt, whichever side finished it', () => {
			const finishedWithDraft = {
				...stored,
				position: 3,
				finishedAt: NOW + 20,
				draft: draftOn('d')
			};
			const stale = attempt('attempt-1', four, {
				position: 1,
				updatedAt: NOW + 30,
				draft: draftOn('b')
			});
			expect(mergeAttempt(finishedWithDraft, stale).attempt).not.toHaveProperty('draft');
			const finishing = attempt('attempt-1', four, {
				position: 3,
				updatedAt: NOW + 30,
				finishedAt: NOW + 30,
				draft: draftOn('d')
			});
			expect(
				mergeAttempt({ ...stored, draft: draftOn('c') }, finishing).attempt
			).not.toHaveProperty('draft');
		});

		it('keeps the stored mode, whatever the save says', () => {
			const assignment = { ...stored, mode: 'assignment' as const };
			const incoming = attempt('attempt-1', four, { position: 3, updatedAt: NOW + 30 });
			expect(mergeAttempt(assignment, incoming).attempt.mode).toBe('assignment');
			expect(mergeAttempt(stored, { ...incoming, mode: 'assignment' }).attempt.mode).toBe(
				'practice'
			);
			// A new attempt has nothing stored: its own mode stands.
			expect(mergeAttempt(undefined, { ...incoming, mode: 'assignment' }).attempt.mode).toBe(
				'assignment'
			);
		});

		it('keeps the draft of the side further along, none once finished, and the stored mode, for any two saves', () => {
			const time = fc.integer({ min: 0, max: 100 }).map((n) => NOW + n);
			const side = (refs: QuestionRef[]) =>
				fc
					.subarray(refs, { minLength: 1 })
					.chain((questions) =>
						fc.record({
							questions: fc.constant(questions),
							position: fc.nat(questions.length - 1),
							updatedAt: time,
							finishedAt: fc.option(time, { nil: null }),
							mode: fc.constantFrom('practice' as const, 'assignment' as const),
							draft: fc.option(fc.constantFrom(...questions.map((r) => r.questionId)), {
								nil: undefined
							})
						})
					)
					.map(({ questions, draft, ...fields }) =>
						attempt('attempt-1', questions, {
							...fields,
							...(draft ? { draft: { questionId: draft, response: { text: 'x' } } } : {})
						})
					);
			const pair = refsArb.chain((refs) => fc.tuple(side(refs), side(refs)));
			fc.assert(
				fc.property(pair, ([before, incoming]) => {
					const { attempt: merged } = mergeAttempt(before, incoming);
					expect(v.safeParse(AttemptSchema, merged).success).toBe(true);
					expect(merged.mode).toBe(before.mode);
					if (merged.finishedAt !== null) {
						expect(merged).not.toHaveProperty('draft');
						return;
					}
					const storedAt = mappedPosition(merged.questions, before);
					const incomingAt = mappedPosition(merged.questions, incoming);
					expect(merged.draft).toEqual(storedAt > incomingAt ? before.draft : incoming.draft);
				})
			);
		});
	});

	it('never moves back, never loses a finish, and stores a valid attempt, for any two saves', () => {
		const time = fc.integer({ min: 0, max: 100 }).map((n) => NOW + n);
		const side = (refs: QuestionRef[]) =>
			fc
				.subarray(refs, { minLength: 1 })
				.chain((questions) =>
					fc.record({
						questions: fc.constant(questions),
						position: fc.nat(questions.length - 1),
						updatedAt: time,
						finishedAt: fc.option(time, { nil: null })
					})
				)
				.map(({ questions, ...fields }) => attempt('attempt-1', questions, fields));
		const pair = refsArb.chain((refs) => fc.tuple(side(refs), side(refs)));
		fc.assert(
			fc.property(pair, ([before, incoming]) => {
				const { attempt: merged, behind } = mergeAttempt(before, incoming);
				expect(v.safeParse(AttemptSchema, merged).success).toBe(true);
				const shorter = before.questions.length < incoming.questions.length ? before : incoming;
				expect(merged.questions).toEqual(shorter.questions);
				const storedAt = mappedPosition(merged.questions, before);
				const incomingAt = mappedPosition(merged.questions, incoming);
				expect(merged.position).toBeGreaterThanOrEqual(storedAt);
				expect(merged.position).toBeGreaterThanOrEqual(incomingAt);
				expect(merged.finishedAt === null).toBe(
					before.finishedAt === null && incoming.finishedAt === null
				);
				expect(merged.updatedAt).toBe(Math.max(before.updatedAt, incoming.updatedAt));
				expect(behind).toBe(
					storedAt > incomingAt || (before.finishedAt !== null && incoming.finishedAt === null)
				);
			})
		);
	});
});

describe('mayOverride', () => {
	const practice = { mode: 'practice' as const };
	const typed = { type: 'text' as const };

	it('lets a typed answer marked wrong, or part right, be overridden in a practice quiz', () => {
		expect(mayOverride(practice, answer('q1', 0, NOW), typed)).toBe(true);
		expect(mayOverride(practice, answer('q1', 0.5, NOW), typed)).toBe(true);
	});

	it('never in an assignment: its answers stand as scored', () => {
		expect(mayOverride({ mode: 'assignment' }, answer('q1', 0, NOW), typed)).toBe(false);
	});

	it('in a study session too, as in a practice quiz', () => {
		expect(mayOverride({ mode: 'study' }, answer('q1', 0, NOW), typed)).toBe(true);
	});

	it('only for a typed answer', () => {
		for (const type of questionTypeNames.filter((t) => t !== 'text'))
			expect(mayOverride(practice, answer('q1', 0, NOW), { type }), type).toBe(false);
	});

	it('not for an answer already right, “I don’t know”, or one already overridden', () => {
		expect(mayOverride(practice, answer('q1', 1, NOW), typed)).toBe(false);
		const dontKnow = answer('q1', 0, NOW, { response: null, dontKnow: true });
		expect(mayOverride(practice, dontKnow, typed)).toBe(false);
		const overridden = answer('q1', 1, NOW, { override: { from: 0, at: NOW + 1 } });
		expect(mayOverride(practice, overridden, typed)).toBe(false);
		// Even were its score somehow below 1 again: one override per answer.
		expect(mayOverride(practice, { ...overridden, score: 0 }, typed)).toBe(false);
	});
});
