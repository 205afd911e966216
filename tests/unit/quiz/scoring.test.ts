import * as v from 'valibot';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { QuestionSchema, type Question } from '$lib/content/model';
import type { Outlet, QuestionTypeName, ResponseOf } from '$lib/question-types';
import {
	answerText,
	isComplete,
	perfectResponse,
	readResponse,
	responseText,
	scoreResponse,
	startingResponse,
	verdictOf
} from '$lib/quiz/scoring';

type Of<T extends QuestionTypeName> = Extract<Question, { type: T }>;

function question<T extends QuestionTypeName>(
	fields: { type: T } & Record<string, unknown>
): Of<T> {
	const data = v.parse(QuestionSchema, {
		id: `q-${fields.type}`,
		category: 'dates',
		prompt: 'Which one?',
		explanation: 'Because the report says so.',
		difficulty: 1,
		evidence: [{ source: 'outlet-b', quote: 'a passage' }],
		...fields
	});
	return { ...data, fingerprint: `fp-${fields.type}` } as Of<T>;
}

const outlets: Outlet[] = [
	{ id: 'outlet-a', outlet: 'Alpha', name: 'Alpha News Service' },
	{ id: 'outlet-b', outlet: 'Beta', name: 'Beta Wire' }
];

const questions = {
	single: question({ type: 'single', options: ['Rama', 'Meta'], answer: 'Rama' }),
	multi: question({ type: 'multi', options: ['A', 'B', 'C', 'D'], answers: ['A', 'B'] }),
	truefalse: question({ type: 'truefalse', answer: false }),
	date: question({ type: 'date', answer: '2022-07-15' }),
	number: question({ type: 'number', answer: 1000, tolerance: 250 }),
	order: question({ type: 'order', items: ['a', 'b', 'c', 'd'] }),
	match: question({
		type: 'match',
		pairs: [
			{ left: 'Rama', right: 'Albania' },
			{ left: 'Cleverly', right: 'Britain' }
		]
	}),
	text: question({ type: 'text', answers: ['Hultquist'] }),
	source: question({ type: 'source', answer: ['outlet-a'] })
};
const all: Question[] = Object.values(questions);

describe('scoreResponse', () => {
	it('scores by each type’s rule', () => {
		expect(scoreResponse(questions.single, { choice: 'Rama' })).toEqual({ score: 1 });
		expect(scoreResponse(questions.single, { choice: 'Meta' })).toEqual({ score: 0 });
		expect(scoreResponse(questions.multi, { choices: ['A'] })).toEqual({ score: 0.5 });
		expect(scoreResponse(questions.truefalse, { value: false })).toEqual({ score: 1 });
		expect(scoreResponse(questions.date, { year: 2022, month: 7, day: 14 })).toEqual({ score: 0 });
		expect(scoreResponse(questions.number, { value: 1250 })).toEqual({ score: 1 });
		expect(scoreResponse(questions.order, { order: ['b', 'a', 'c', 'd'] }).score).toBeCloseTo(
			5 / 6
		);
		expect(
			scoreResponse(questions.match, { matches: [{ left: 'Rama', right: 'Albania' }] })
		).toEqual({ score: 0.5 });
		expect(
			scoreResponse(questions.match, {
				matches: [
					{ left: 'Rama', right: 'Albania' },
					{ left: 'Rama', right: 'Britain' },
					{ left: 'Cleverly', right: 'Britain' }
				]
			})
		).toEqual({ score: 0.5 });
		expect(scoreResponse(questions.source, { sources: [] })).toEqual({ score: 0 });
	});

	it('passes on a note when the type adds one, and leaves the key out when not', () => {
		const typo = scoreResponse(questions.text, { text: 'Holtquist' });
		expect(typo.score).toBe(1);
		expect(typo.note).toContain('Holtquist');
		const exact = scoreResponse(questions.text, { text: 'Hultquist' });
		expect(exact).toEqual({ score: 1 });
		expect(Object.keys(exact)).toEqual(['score']);
	});

	it('scores the perfect response 1 for every type', () => {
		for (const q of all) expect(scoreResponse(q, perfectResponse(q)), q.type).toEqual({ score: 1 });
	});

	it('scores a response with extra fields by the fields it needs', () => {
		expect(scoreResponse(questions.single, { choice: 'Rama', at: 12, extra: [1] }).score).toBe(1);
	});

	it('scores values that are not responses 0 without throwing', () => {
		const junk: unknown[] = [undefined, null, 0, 1, '', 'Rama', true, [], [1, 2], {}, () => 1];
		for (const q of all)
			for (const r of junk) {
				expect(() => scoreResponse(q, r)).not.toThrow();
				expect(scoreResponse(q, r), `${q.type} ${String(r)}`).toEqual({ score: 0 });
			}
	});

	it('scores responses of the wrong shape 0 without throwing', () => {
		const cases: [Question, unknown][] = [
			[questions.single, { choice: 1 }],
			[questions.single, { choices: ['Rama'] }],
			[questions.multi, { choices: 'A' }],
			[questions.multi, { choices: [1, 2] }],
			[questions.truefalse, { value: 'false' }],
			[questions.date, { year: '2022', month: 7, day: 15 }],
			[questions.date, { year: 2022, month: 7 }],
			[questions.number, { value: '1000' }],
			[questions.number, { value: NaN }],
			[questions.order, { order: 'abcd' }],
			[questions.order, { order: [1, 2, 3, 4] }],
			[questions.match, { matches: [['Rama', 'Albania']] }],
			[questions.match, { matches: [{ left: 'Rama', right: 1 }] }],
			[questions.match, { matches: [{ Rama: 'Albania' }] }],
			// The shape responses had before: a record from left item to right item.
			[questions.match, { matches: { Rama: 'Albania', Cleverly: 'Britain' } }],
			[questions.text, { text: 42 }],
			[questions.source, { sources: 'outlet-a' }],
			// A response meant for another type.
			[questions.single, { value: true }],
			[questions.source, { choice: 'outlet-a' }]
		];
		for (const [q, r] of cases) {
			expect(() => scoreResponse(q, r)).not.toThrow();
			expect(scoreResponse(q, r), `${q.type} ${JSON.stringify(r)}`).toEqual({ score: 0 });
		}
	});

	it('scores non-finite numbers 0 even with an unbounded tolerance', () => {
		const wide = question({ type: 'number', answer: 0, tolerance: Number.MAX_VALUE });
		expect(scoreResponse(wide, { value: Infinity })).toEqual({ score: 0 });
		expect(scoreResponse(wide, { value: -Infinity })).toEqual({ score: 0 });
	});

	it('refuses a question of an unknown type loudly', () => {
		const bogus = { ...questions.single, type: 'essay' } as unknown as Question;
		expect(() => scoreResponse(bogus, { choice: 'Rama' })).toThrow(/essay/);
	});

	it('scores the perfect response 1 for a match question whose items share names with object properties', () => {
		const q = question({
			type: 'match',
			pairs: [
				{ left: 'constructor', right: 'Builder' },
				{ left: 'prototype', right: 'Model' },
				{ left: '__proto__', right: 'Parent' },
				{ left: 'toString', right: 'Text' },
				{ left: 'Rama', right: 'Albania' }
			]
		});
		expect(scoreResponse(q, perfectResponse(q))).toEqual({ score: 1 });
		expect(isComplete(q, perfectResponse(q))).toBe(true);
		// Nothing is matched just because an object happens to carry a property of that name.
		expect(scoreResponse(q, { matches: [] })).toEqual({ score: 0 });
		expect(isComplete(q, { matches: [] })).toBe(false);
		const some = {
			matches: [
				{ left: '__proto__', right: 'Parent' },
				{ left: 'toString', right: 'Model' },
				{ left: 'Rama', right: 'Albania' }
			]
		};
		expect(scoreResponse(q, some)).toEqual({ score: 2 / 5 });
		expect(isComplete(q, some)).toBe(false);
	});
});

describe('isComplete', () => {
	it('is true for every perfect response', () => {
		for (const q of all) expect(isComplete(q, perfectResponse(q)), q.type).toBe(true);
	});

	it('is false for empty responses', () => {
		expect(isComplete(questions.single, { choice: null })).toBe(false);
		expect(isComplete(questions.multi, { choices: [] })).toBe(false);
		expect(isComplete(questions.truefalse, { value: null })).toBe(false);
		expect(isComplete(questions.date, { year: 2022, month: 7, day: null })).toBe(false);
		expect(isComplete(questions.number, { value: null })).toBe(false);
		expect(isComplete(questions.match, { matches: [] })).toBe(false);
		expect(isComplete(questions.match, { matches: [{ left: 'Rama', right: 'Albania' }] })).toBe(
			false
		);
		expect(isComplete(questions.text, { text: '  ' })).toBe(false);
		expect(isComplete(questions.source, { sources: null })).toBe(false);
	});

	it('is true for a wrong but complete response', () => {
		expect(isComplete(questions.single, { choice: 'Meta' })).toBe(true);
		expect(isComplete(questions.source, { sources: [] })).toBe(true);
		expect(isComplete(questions.order, { order: ['d', 'c', 'b', 'a'] })).toBe(true);
	});

	it('is false, without throwing, for malformed responses', () => {
		for (const q of all)
			for (const r of [undefined, null, 'x', 3, [], {}, { text: 1, choice: 2, value: 'v' }]) {
				expect(() => isComplete(q, r)).not.toThrow();
				expect(isComplete(q, r), `${q.type} ${JSON.stringify(r)}`).toBe(false);
			}
	});
});

describe('perfectResponse', () => {
	it('gives each type’s full-credit response', () => {
		expect(perfectResponse(questions.single)).toEqual({ choice: 'Rama' });
		expect(perfectResponse(questions.truefalse)).toEqual({ value: false });
		expect(perfectResponse(questions.date)).toEqual({ year: 2022, month: 7, day: 15 });
		expect(perfectResponse(questions.match)).toEqual({
			matches: [
				{ left: 'Rama', right: 'Albania' },
				{ left: 'Cleverly', right: 'Britain' }
			]
		});
		expect(perfectResponse(questions.source)).toEqual({ sources: ['outlet-a'] });
		expect(perfectResponse(questions.order)).toEqual({ order: ['a', 'b', 'c', 'd'] });
		expect(perfectResponse(questions.order)).not.toBe(questions.order.items);
	});
});

describe('readResponse', () => {
	it('gives back a response of the question’s shape', () => {
		expect(readResponse(questions.single, { choice: 'Rama' })).toEqual({ choice: 'Rama' });
		expect(readResponse(questions.single, { choice: null })).toEqual({ choice: null });
		expect(readResponse(questions.order, { order: ['b', 'a'] })).toEqual({ order: ['b', 'a'] });
		expect(readResponse(questions.source, { sources: [] })).toEqual({ sources: [] });
		for (const q of all)
			expect(readResponse(q, perfectResponse(q)), q.type).toEqual(perfectResponse(q));
	});

	it('keeps only the fields the type reads', () => {
		expect(readResponse(questions.single, { choice: 'Rama', at: 12, extra: [1] })).toEqual({
			choice: 'Rama'
		});
	});

	it('gives undefined, without throwing, for anything else', () => {
		const cases: [Question, unknown][] = [
			[questions.single, undefined],
			[questions.single, null],
			[questions.single, 'Rama'],
			[questions.single, { choice: 1 }],
			[questions.multi, { choices: 'A' }],
			[questions.truefalse, { value: 'false' }],
			[questions.number, { value: NaN }],
			[questions.order, { order: 'abcd' }],
			[questions.match, { matches: { Rama: 'Albania' } }],
			[questions.text, {}],
			[questions.source, { sources: 'outlet-a' }],
			// A response meant for another type.
			[questions.date, { value: true }]
		];
		for (const [q, r] of cases)
			expect(readResponse(q, r), `${q.type} ${String(r)}`).toBeUndefined();
	});

	it('types the response by the question’s type', () => {
		expectTypeOf(readResponse(questions.single, {})).toEqualTypeOf<
			ResponseOf<'single'> | undefined
		>();
		expectTypeOf<ResponseOf<'single'>>().toEqualTypeOf<{ choice: string | null }>();
		expectTypeOf<ResponseOf<'order'>>().toEqualTypeOf<{ order: string[] }>();
		expectTypeOf<ResponseOf<'source'>>().toEqualTypeOf<{ sources: string[] | null }>();
	});
});

describe('startingResponse', () => {
	it('starts with nothing chosen for every type but order', () => {
		for (const q of all)
			if (q.type !== 'order') expect(startingResponse(q, 42), q.type).toBeUndefined();
	});

	it('starts an order question with every item placed, shuffled but never already right', () => {
		for (let seed = 0; seed < 50; seed++) {
			const start = startingResponse(questions.order, seed);
			expect(start).toBeDefined();
			expect([...start!.order].sort()).toEqual(['a', 'b', 'c', 'd']);
			expect(readResponse(questions.order, start)).toEqual(start);
			expect(isComplete(questions.order, start)).toBe(true);
			expect(scoreResponse(questions.order, start).score).toBeLessThan(1);
		}
	});

	it('is the same for the same seed, so a resumed attempt shows the same order', () => {
		expect(startingResponse(questions.order, 7)).toEqual(startingResponse(questions.order, 7));
		const orders = new Set(
			[1, 2, 3, 4, 5, 6, 7, 8].map((seed) => startingResponse(questions.order, seed)!.order.join())
		);
		expect(orders.size).toBeGreaterThan(1);
	});

	it('arranges each question by its own id as well as the seed', () => {
		const items = Array.from({ length: 10 }, (_, i) => `item ${i}`);
		const one = question({ type: 'order', id: 'order-one', items });
		const two = question({ type: 'order', id: 'order-two', items });
		expect(startingResponse(one, 3)).not.toEqual(startingResponse(two, 3));
	});

	it('is never already right for three items, the fewest an order question has', () => {
		const three = question({ type: 'order', items: ['x', 'y', 'z'] });
		for (let seed = 0; seed < 200; seed++)
			expect(
				scoreResponse(three, startingResponse(three, seed)).score,
				`seed ${seed}`
			).toBeLessThan(1);
	});

	it('does not change the question', () => {
		const before = structuredClone(questions.order);
		startingResponse(questions.order, 5);
		expect(questions.order).toEqual(before);
	});
});

describe('answerText and responseText', () => {
	it('say the right answer and the response in words, by the type', () => {
		expect(answerText(questions.single, outlets)).toBe('Rama');
		expect(answerText(questions.truefalse, outlets)).toBe('False');
		expect(responseText(questions.single, { choice: 'Meta' }, outlets)).toBe('Meta');
		expect(responseText(questions.single, { choice: null }, outlets)).toBe('(no answer)');
		expect(responseText(questions.order, { order: ['b', 'a'] }, outlets)).toBe('1. b 2. a');
	});

	it('name outlets as the story lists them', () => {
		expect(answerText(questions.source, outlets)).toBe('Alpha only');
		expect(responseText(questions.source, { sources: ['outlet-b', 'outlet-a'] }, outlets)).toBe(
			'Both'
		);
		expect(responseText(questions.source, { sources: [] }, outlets)).toBe('Neither');
		expect(answerText(questions.source, [outlets[0]!])).toBe('Alpha reported it');
	});

	it('give a sentence for every perfect response', () => {
		for (const q of all) {
			expect(typeof answerText(q, outlets), q.type).toBe('string');
			expect(responseText(q, perfectResponse(q), outlets), q.type).toEqual(expect.any(String));
		}
	});

	it('give null for a response that does not fit the question, without throwing', () => {
		for (const q of all)
			for (const r of [undefined, null, 'x', 3, [], {}, { text: 1, choice: 2, value: 'v' }])
				expect(responseText(q, r, outlets), `${q.type} ${JSON.stringify(r)}`).toBeNull();
	});
});

describe('verdictOf', () => {
	it('calls full credit right', () => {
		expect(verdictOf(1)).toBe('right');
		expect(verdictOf(1.5)).toBe('right');
	});

	it('calls any credit short of full partly right', () => {
		expect(verdictOf(0.999999)).toBe('partly');
		expect(verdictOf(0.5)).toBe('partly');
		expect(verdictOf(5 / 6)).toBe('partly');
		expect(verdictOf(Number.MIN_VALUE)).toBe('partly');
	});

	it('calls no credit wrong', () => {
		expect(verdictOf(0)).toBe('wrong');
		expect(verdictOf(-0)).toBe('wrong');
		expect(verdictOf(-0.5)).toBe('wrong');
		expect(verdictOf(NaN)).toBe('wrong');
	});
});
