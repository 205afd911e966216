import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { CATEGORIES, type Category, type Question } from '$lib/content/model';
import type { Outlet } from '$lib/question-types';
import type { Banks } from '$lib/quiz/attempt';
import { AssignmentIdSchema, type Assignment, type PinnedQuestion } from '$lib/share/assignment';
import {
	assignmentIdFrom,
	countsByCategory,
	filterChoices,
	filterQuestions,
	NO_FILTER,
	pinQuestions,
	questionsFor,
	type BankItem,
	type QuestionFilter
} from '$lib/share/compose';
import { bank, banksOf, OTHER_STORY, OUTLETS, question, STORY } from '../quiz/factory';

// --- made-up questions of several types, tagged so each filter field has something to find ------

type Fields = Partial<
	Pick<Question, 'difficulty' | 'actors' | 'outlets' | 'prompt' | 'explanation'>
>;

function common(id: string, category: Category, fields: Fields) {
	const { evidence, fingerprint } = question(id, category);
	return {
		id,
		category,
		prompt: `Prompt of ${id}`,
		explanation: 'Because the report says so.',
		difficulty: 1 as const,
		actors: [],
		outlets: [],
		evidence,
		fingerprint,
		...fields
	};
}

const arrival: Question = {
	...common('a-arrival', 'dates', {
		prompt: 'Did Zoë Ünal arrive in Tirana in 2022?',
		actors: ['zoe-unal'],
		outlets: ['outlet-a']
	}),
	type: 'truefalse',
	answer: true
};
const single: Question = {
	...common('a-hasty', 'quotes', {
		prompt: 'Who called the decision "hasty"?',
		difficulty: 2,
		actors: ['edi-rama', 'zoe-unal'],
		outlets: ['outlet-b']
	}),
	type: 'single',
	options: ['Edi Rama', 'Zoë Ünal', 'Olsi Jazexhi'],
	answer: 'Edi Rama'
};
const text: Question = {
	...common('a-premier', 'actors', {
		prompt: 'Name the prime minister.',
		explanation: 'The reports name him in the first paragraph.',
		difficulty: 3,
		actors: ['edi-rama']
	}),
	type: 'text',
	answers: ['Edi Rama', 'Rama'],
	titles: []
};
const source: Question = {
	...common('b-claim', 'sources', {
		prompt: 'Which outlet reported the claim?',
		difficulty: 2,
		outlets: ['outlet-a', 'outlet-b']
	}),
	type: 'source',
	answer: ['outlet-b']
};
const number: Question = {
	...common('b-count', 'dates', { prompt: 'How many diplomats were expelled?' }),
	type: 'number',
	answer: 42,
	tolerance: 0
};

const ITEMS: BankItem[] = [
	{ storyId: STORY, question: arrival },
	{ storyId: STORY, question: single },
	{ storyId: STORY, question: text },
	{ storyId: OTHER_STORY, question: source },
	{ storyId: OTHER_STORY, question: number }
];

const outletsOf = (): readonly Outlet[] => OUTLETS;

function ids(items: readonly BankItem[]): string[] {
	return items.map((i) => i.question.id);
}

function filtered(filter: Partial<QuestionFilter>): string[] {
	return ids(filterQuestions(ITEMS, { ...NO_FILTER, ...filter }, outletsOf));
}

describe('filterQuestions', () => {
	it('lets everything through with no filter, in the order given', () => {
		expect(filtered({})).toEqual(ids(ITEMS));
	});

	it('filters by each field', () => {
		expect(filtered({ stories: [OTHER_STORY] })).toEqual(['b-claim', 'b-count']);
		expect(filtered({ categories: ['dates'] })).toEqual(['a-arrival', 'b-count']);
		expect(filtered({ types: ['single', 'text'] })).toEqual(['a-hasty', 'a-premier']);
		expect(filtered({ difficulties: [2] })).toEqual(['a-hasty', 'b-claim']);
		expect(filtered({ difficulties: [1, 3] })).toEqual(['a-arrival', 'a-premier', 'b-count']);
	});

	it('passes a question tagged with any of the chosen actors or outlets', () => {
		expect(filtered({ actors: ['edi-rama'] })).toEqual(['a-hasty', 'a-premier']);
		expect(filtered({ actors: ['zoe-unal', 'nobody'] })).toEqual(['a-arrival', 'a-hasty']);
		expect(filtered({ outlets: ['outlet-a'] })).toEqual(['a-arrival', 'b-claim']);
		expect(filtered({ outlets: ['outlet-b'] })).toEqual(['a-hasty', 'b-claim']);
		expect(filtered({ actors: ['nobody'] })).toEqual([]);
	});

	it('combines fields: a question must pass every one', () => {
		expect(filtered({ stories: [STORY], outlets: ['outlet-a'] })).toEqual(['a-arrival']);
		expect(filtered({ categories: ['dates'], difficulties: [1], stories: [OTHER_STORY] })).toEqual([
			'b-count'
		]);
		expect(filtered({ actors: ['edi-rama'], types: ['text'], text: 'rama' })).toEqual([
			'a-premier'
		]);
		expect(filtered({ actors: ['edi-rama'], categories: ['sources'] })).toEqual([]);
	});

	it('searches prompts, explanations, options, answers and ids', () => {
		expect(filtered({ text: 'hasty' })).toEqual(['a-hasty']);
		expect(filtered({ text: 'first paragraph' })).toEqual(['a-premier']);
		expect(filtered({ text: 'Jazexhi' })).toEqual(['a-hasty']);
		expect(filtered({ text: '42' })).toEqual(['b-count']);
		expect(filtered({ text: 'b-claim' })).toEqual(['b-claim']);
		// A source question's answer in words needs its story's outlets: "Beta only".
		expect(filtered({ text: 'beta only' })).toEqual(['b-claim']);
	});

	it('needs every word of the search, in any order and anywhere in the question', () => {
		expect(filtered({ text: 'rama edi' })).toEqual(['a-hasty', 'a-premier']);
		expect(filtered({ text: 'rama hasty' })).toEqual(['a-hasty']);
		expect(filtered({ text: 'rama expelled' })).toEqual([]);
	});

	it('ignores case and accents on both sides', () => {
		expect(filtered({ text: 'zoe unal' })).toEqual(['a-arrival', 'a-hasty']);
		expect(filtered({ text: 'ZOË ÜNAL' })).toEqual(['a-arrival', 'a-hasty']);
		expect(filtered({ text: 'Tiraná' })).toEqual(['a-arrival']);
		// Composed and decomposed forms of the same letter match.
		expect(filtered({ text: 'Zo\u0065\u0308' })).toEqual(['a-arrival', 'a-hasty']);
	});

	it('treats a blank search as no search', () => {
		expect(filtered({ text: '   \t ' })).toEqual(ids(ITEMS));
	});

	it('asks for outlets only of the stories it searches', () => {
		const asked: string[] = [];
		filterQuestions(ITEMS, { ...NO_FILTER, stories: [OTHER_STORY], text: 'x' }, (storyId) => {
			asked.push(storyId);
			return OUTLETS;
		});
		expect(new Set(asked)).toEqual(new Set([OTHER_STORY]));
	});

	it('keeps NO_FILTER from being changed by mistake', () => {
		expect(() => NO_FILTER.stories.push('x')).toThrow();
		expect(NO_FILTER.stories).toEqual([]);
	});
});

describe('filterChoices', () => {
	it('offers each value present, with its count, in a stable order', () => {
		expect(filterChoices(ITEMS)).toEqual({
			stories: [
				{ value: STORY, count: 3 },
				{ value: OTHER_STORY, count: 2 }
			],
			categories: [
				{ value: 'dates', count: 2 },
				{ value: 'actors', count: 1 },
				{ value: 'quotes', count: 1 },
				{ value: 'sources', count: 1 }
			],
			types: [
				{ value: 'single', count: 1 },
				{ value: 'truefalse', count: 1 },
				{ value: 'number', count: 1 },
				{ value: 'text', count: 1 },
				{ value: 'source', count: 1 }
			],
			difficulties: [
				{ value: 1, count: 2 },
				{ value: 2, count: 2 },
				{ value: 3, count: 1 }
			],
			actors: [
				{ value: 'edi-rama', count: 2 },
				{ value: 'zoe-unal', count: 2 }
			],
			outlets: [
				{ value: 'outlet-a', count: 2 },
				{ value: 'outlet-b', count: 2 }
			]
		});
	});

	it('does not depend on the order of the items', () => {
		expect(filterChoices([...ITEMS].reverse())).toEqual(filterChoices(ITEMS));
	});

	it('leaves out values no item has, and counts a tag once per question', () => {
		const twice: Question = { ...arrival, actors: ['zoe-unal', 'zoe-unal'] };
		const choices = filterChoices([{ storyId: STORY, question: twice }]);
		expect(choices.categories).toEqual([{ value: 'dates', count: 1 }]);
		expect(choices.actors).toEqual([{ value: 'zoe-unal', count: 1 }]);
		expect(filterChoices([]).stories).toEqual([]);
	});
});

describe('pinQuestions', () => {
	it('pins each question by story, id and fingerprint, once', () => {
		expect(pinQuestions([ITEMS[1]!, ITEMS[3]!, ITEMS[1]!])).toEqual([
			{ storyId: STORY, questionId: 'a-hasty', fingerprint: 'fp-a-hasty' },
			{ storyId: OTHER_STORY, questionId: 'b-claim', fingerprint: 'fp-b-claim' }
		]);
	});
});

describe('assignmentIdFrom', () => {
	it('makes a 22-character id that an assignment accepts', () => {
		const id = assignmentIdFrom(Uint8Array.from({ length: 16 }, (_, i) => i * 17));
		expect(id).toHaveLength(22);
		expect(v.is(AssignmentIdSchema, id)).toBe(true);
		expect(assignmentIdFrom(new Uint8Array(16))).toBe('AAAAAAAAAAAAAAAAAAAAAA');
		expect(assignmentIdFrom(new Uint8Array(16).fill(255))).toBe('_____________________w');
	});

	it('uses only the first 16 bytes, and refuses fewer', () => {
		const bytes = Uint8Array.from({ length: 32 }, (_, i) => i);
		expect(assignmentIdFrom(bytes)).toBe(assignmentIdFrom(bytes.subarray(0, 16)));
		expect(() => assignmentIdFrom(new Uint8Array(15))).toThrow(RangeError);
		expect(() => assignmentIdFrom(new Uint8Array(0))).toThrow(/16 random bytes/);
	});

	it('gives different ids for different bytes', () => {
		fc.assert(
			fc.property(
				fc.uint8Array({ minLength: 16, maxLength: 16 }),
				fc.uint8Array({ minLength: 16, maxLength: 16 }),
				(a, b) => {
					fc.pre(a.some((x, i) => x !== b[i]));
					expect(assignmentIdFrom(a)).not.toBe(assignmentIdFrom(b));
				}
			)
		);
	});
});

// --- which questions a student gets --------------------------------------------------------------

/** Two stories' banks: 10 in each category in story A, 4 in each in story B. */
const BANK_A = bank({ dates: 10, actors: 10, quotes: 10, sources: 10 });
const BANK_B = bank({ dates: 4, actors: 4, quotes: 4, sources: 4 }, 'b-');
const BANKS = banksOf({ [STORY]: BANK_A, [OTHER_STORY]: BANK_B });

function pinsOf(storyId: string, questions: readonly Question[]): PinnedQuestion[] {
	return pinQuestions(questions.map((question) => ({ storyId, question })));
}

const ALL_PINS = [...pinsOf(STORY, BANK_A), ...pinsOf(OTHER_STORY, BANK_B)];

type Assigned = Pick<Assignment, 'id' | 'questions' | 'pick' | 'order'>;

function assigned(fields: Partial<Assigned> = {}): Assigned {
	return {
		id: 'asg_0123456789',
		questions: ALL_PINS,
		pick: { kind: 'all' },
		order: 'fixed',
		...fields
	};
}

function askedIds(a: Assigned, seed: number, banks: Banks = BANKS): string[] {
	return questionsFor(a, banks, seed).refs.map((r) => r.questionId);
}

function categoryOf(questionId: string): Category {
	const found = [...BANK_A, ...BANK_B].find((q) => q.id === questionId);
	if (!found) throw new Error(`no question ${questionId}`);
	return found.category;
}

function countPerCategory(questionIds: readonly string[]): Partial<Record<Category, number>> {
	const counts: Partial<Record<Category, number>> = {};
	for (const id of questionIds) counts[categoryOf(id)] = (counts[categoryOf(id)] ?? 0) + 1;
	return counts;
}

const random = (perCategory: Partial<Record<Category, number>>, same: boolean) =>
	({ kind: 'random', perCategory, same }) as const;

describe('questionsFor', () => {
	it('asks every pinned question, in pinned order, for pick all and order fixed', () => {
		const pins = [ALL_PINS[5]!, ALL_PINS[44]!, ALL_PINS[0]!];
		const result = questionsFor(assigned({ questions: pins }), BANKS, 1);
		expect(result).toEqual({
			refs: pins.map(({ storyId, questionId }) => ({ storyId, questionId })),
			missing: [],
			changed: []
		});
	});

	it('keeps the pinned order whatever the student seed when the order is fixed', () => {
		const a = assigned({ pick: random({ dates: 3, quotes: 2 }, false) });
		for (const seed of [1, 2, 3, 99]) {
			const asked = askedIds(a, seed);
			const pinnedOrder = ALL_PINS.map((p) => p.questionId).filter((id) => asked.includes(id));
			expect(asked).toEqual(pinnedOrder);
		}
	});

	it('shuffles each student into an order of their own, the same one every time', () => {
		const a = assigned({ order: 'shuffled' });
		const first = askedIds(a, 1);
		expect(askedIds(a, 1)).toEqual(first);
		expect(askedIds(a, 2)).not.toEqual(first);
		expect([...first].sort()).toEqual(ALL_PINS.map((p) => p.questionId).sort());
	});

	it('draws the requested number from each category named, and none from the others', () => {
		const a = assigned({ pick: random({ dates: 3, sources: 5 }, false) });
		for (const seed of [1, 2, 3])
			expect(countPerCategory(askedIds(a, seed))).toEqual({ dates: 3, sources: 5 });
	});

	it('draws every question of a category that has fewer than requested', () => {
		const a = assigned({ pick: random({ quotes: 500 }, true) });
		expect(countPerCategory(askedIds(a, 1))).toEqual({ quotes: 14 });
	});

	it('gives every student the same draw when the teacher asks for it, each in their own order', () => {
		const a = assigned({ pick: random({ dates: 4, actors: 4 }, true), order: 'shuffled' });
		const orders = [1, 2, 3, 4].map((seed) => askedIds(a, seed));
		const sets = orders.map((o) => [...o].sort());
		for (const set of sets) expect(set).toEqual(sets[0]);
		expect(new Set(orders.map((o) => o.join())).size).toBeGreaterThan(1);
	});

	it('gives the same draw in the same order to everyone with a fixed order', () => {
		const a = assigned({ pick: random({ dates: 4, actors: 4 }, true), order: 'fixed' });
		expect(askedIds(a, 1)).toEqual(askedIds(a, 2));
	});

	it('gives each student a fresh draw otherwise', () => {
		const a = assigned({ pick: random({ dates: 4, actors: 4 }, false) });
		const draws = [1, 2, 3, 4].map((seed) => askedIds(a, seed).join());
		expect(new Set(draws).size).toBe(4);
	});

	it('draws one category independently of the counts asked of the others', () => {
		const dates = (ids: string[]) => ids.filter((id) => categoryOf(id) === 'dates');
		const one = assigned({ pick: random({ dates: 3, actors: 1 }, false) });
		const other = assigned({ pick: random({ dates: 3, actors: 7 }, false) });
		expect(dates(askedIds(one, 5))).toEqual(dates(askedIds(other, 5)));
	});

	it('reports pinned questions the banks lack as missing, and does not ask them', () => {
		const gone: PinnedQuestion = {
			storyId: STORY,
			questionId: 'retired',
			fingerprint: '0'.repeat(16)
		};
		const noStory: PinnedQuestion = {
			storyId: 'no-story',
			questionId: 'dates-2',
			fingerprint: 'fp-dates-2'
		};
		// Found by story and id together: story B has no "dates-3".
		const wrongStory: PinnedQuestion = {
			storyId: OTHER_STORY,
			questionId: 'dates-3',
			fingerprint: 'fp-dates-3'
		};
		const kept = ALL_PINS[0]!;
		const result = questionsFor(
			assigned({ questions: [gone, kept, noStory, wrongStory] }),
			BANKS,
			1
		);
		expect(result.refs).toEqual([{ storyId: kept.storyId, questionId: kept.questionId }]);
		expect(result.missing).toEqual([gone, noStory, wrongStory]);
		expect(result.changed).toEqual([]);
	});

	it('reports questions whose fingerprint changed, and still asks them', () => {
		const pins = ALL_PINS.slice(0, 3).map((p, i) =>
			i === 1 ? { ...p, fingerprint: 'aaaaaaaaaaaaaaaa' } : p
		);
		const result = questionsFor(assigned({ questions: pins }), BANKS, 1);
		expect(result.refs.map((r) => r.questionId)).toEqual(pins.map((p) => p.questionId));
		expect(result.changed).toEqual([pins[1]]);
		expect(result.missing).toEqual([]);
	});

	it('draws from the questions present, by the category the bank gives them', () => {
		// Pinned as story A's dates-1..10, but this copy of the bank has moved two to "quotes".
		const moved = BANK_A.map((q) =>
			q.id === 'dates-1' || q.id === 'dates-2' ? { ...q, category: 'quotes' as const } : q
		);
		const banks = banksOf({ [STORY]: moved.filter((q) => q.id !== 'dates-3') });
		const a = assigned({ questions: pinsOf(STORY, BANK_A), pick: random({ dates: 100 }, true) });
		const asked = askedIds(a, 1, banks);
		expect(asked).toHaveLength(7);
		expect(asked).not.toContain('dates-1');
		expect(asked).not.toContain('dates-3');
		expect(countsByCategory(pinsOf(STORY, BANK_A), banks)).toEqual({
			dates: 7,
			actors: 10,
			quotes: 12,
			sources: 10
		});
	});

	it('asks nothing when nothing pinned is present', () => {
		const result = questionsFor(assigned(), banksOf({}), 1);
		expect(result.refs).toEqual([]);
		expect(result.missing).toEqual(ALL_PINS);
	});
});

describe('countsByCategory', () => {
	it('counts the pinned questions present, in every category', () => {
		expect(countsByCategory(ALL_PINS, BANKS)).toEqual({
			dates: 14,
			actors: 14,
			quotes: 14,
			sources: 14
		});
		expect(countsByCategory(pinsOf(OTHER_STORY, BANK_B).slice(0, 5), BANKS)).toEqual({
			dates: 4,
			actors: 1,
			quotes: 0,
			sources: 0
		});
		expect(countsByCategory([], BANKS)).toEqual({ dates: 0, actors: 0, quotes: 0, sources: 0 });
	});
});

describe('questionsFor, for any assignment', () => {
	/** A subset of the pins (some with a changed fingerprint, some of questions no bank has), shuffled. */
	const pinned = fc
		.shuffledSubarray(
			[
				...ALL_PINS,
				...Array.from({ length: 6 }, (_, i) => ({
					storyId: STORY,
					questionId: `gone-${i}`,
					fingerprint: '0123456789abcdef'
				}))
			],
			{ minLength: 1 }
		)
		.chain((pins) =>
			fc
				.array(fc.boolean(), { minLength: pins.length, maxLength: pins.length })
				.map((flips) =>
					pins.map((p, i) => (flips[i] ? { ...p, fingerprint: 'ffffffffffffffff' } : p))
				)
		);
	const perCategory = fc
		.record(
			Object.fromEntries(CATEGORIES.map((c) => [c, fc.integer({ min: 1, max: 20 })])) as Record<
				Category,
				fc.Arbitrary<number>
			>,
			{ requiredKeys: [] }
		)
		.filter((counts) => Object.keys(counts).length > 0);
	const pick = fc.oneof(
		fc.constant({ kind: 'all' as const }),
		fc.record({ kind: fc.constant('random' as const), perCategory, same: fc.boolean() })
	);
	const assignment = fc.record({
		id: fc.stringMatching(/^[A-Za-z0-9_-]{10,32}$/),
		questions: pinned,
		pick,
		order: fc.constantFrom('shuffled' as const, 'fixed' as const)
	});
	const seed = fc.integer();

	it('asks only present pinned questions, each once, as many per category as asked or available', () => {
		fc.assert(
			fc.property(assignment, seed, (a, s) => {
				const { refs, missing, changed } = questionsFor(a, BANKS, s);
				const asked = refs.map((r) => r.questionId);
				const present = a.questions.filter((p) => !p.questionId.startsWith('gone-'));
				expect(new Set(asked).size).toBe(asked.length);
				for (const ref of refs) expect(present).toContainEqual(expect.objectContaining(ref));
				expect(missing).toEqual(a.questions.filter((p) => p.questionId.startsWith('gone-')));
				expect(changed).toEqual(present.filter((p) => p.fingerprint === 'ffffffffffffffff'));
				const available = countsByCategory(a.questions, BANKS);
				const got = countPerCategory(asked);
				for (const c of CATEGORIES) {
					const wanted =
						a.pick.kind === 'all'
							? available[c]
							: Math.min(a.pick.perCategory[c] ?? 0, available[c]);
					expect(got[c] ?? 0).toBe(wanted);
				}
			})
		);
	});

	it('gives the same questions in the same order for the same inputs', () => {
		fc.assert(
			fc.property(assignment, seed, (a, s) => {
				expect(questionsFor(structuredClone(a), BANKS, s)).toEqual(questionsFor(a, BANKS, s));
			})
		);
	});

	it('gives every student the same set for a shared draw, and the pinned order when fixed', () => {
		fc.assert(
			fc.property(assignment, seed, seed, (a, s, t) => {
				const one = askedIds(a, s);
				const other = askedIds(a, t);
				if (a.pick.kind === 'all' || a.pick.same)
					expect([...one].sort()).toEqual([...other].sort());
				if (a.order === 'fixed') {
					const pinnedOrder = a.questions.map((p) => p.questionId).filter((id) => one.includes(id));
					expect(one).toEqual(pinnedOrder);
				}
			})
		);
	});
});
