import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { CATEGORIES, QuestionSchema, type Question } from '$lib/content/model';
import {
	questionTypeNames,
	questionTypes,
	typeOf,
	type Outlet,
	type QuestionTypeName
} from '$lib/question-types';
import { askedParts, daysInMonth, parseDate, type DatePrecision } from '$lib/question-types/date';
import { matchedTo } from '$lib/question-types/match';
import { editDistance, normalizeAnswer } from '$lib/question-types/text';
import {
	answerText,
	isComplete,
	perfectResponse,
	readResponse,
	responseText,
	scoreResponse,
	startingResponse
} from '$lib/quiz/scoring';

type Of<T extends QuestionTypeName> = Extract<Question, { type: T }>;
type Pair = readonly [better: unknown, worse: unknown];

/** What the properties need to know about one type: how to make its questions and responses. */
interface Arbs<Q> {
	/** Questions of the type that pass the schema and the type's own check. */
	question: fc.Arbitrary<Q>;
	/** Type-specific fields of questions that must be tried on every run. */
	examples?: object[];
	/** Responses of the type's shape: right, wrong and odd. */
	response(q: Q): fc.Arbitrary<unknown>;
	/** A response and a worse one, "worse" as the type defines it. */
	worse(q: Q): fc.Arbitrary<Pair>;
}

/** A whole question of a type, run through the schema so it is what the app would load. */
function build<T extends QuestionTypeName>(
	type: T,
	fields: object,
	category: Question['category'] = 'dates'
): Of<T> {
	const data = v.parse(QuestionSchema, {
		id: `prop-${type}`,
		category,
		type,
		prompt: 'Which one?',
		explanation: 'Because the report says so.',
		difficulty: 2,
		evidence: [{ source: 'some-source', quote: 'a passage' }],
		...fields
	});
	return { ...data, fingerprint: `fp-${data.id}` } as Of<T>;
}

function questionOf<T extends QuestionTypeName>(
	type: T,
	fields: fc.Arbitrary<object>
): fc.Arbitrary<Of<T>> {
	return fc
		.tuple(fields, fc.constantFrom(...CATEGORIES))
		.map(([f, category]) => build(type, f, category));
}

/** Trimmed, non-empty text, as the schema's `Text` requires. */
const label = fc
	.string({ minLength: 1, maxLength: 12 })
	.map((s) => s.trim())
	.filter((s) => s.length > 0);
const labels = (min: number, max: number) =>
	fc.uniqueArray(label, { minLength: min, maxLength: max });
/** Names of object properties, which a match question must take as plain item texts. */
const PROPERTY_NAMES = [
	'constructor',
	'toString',
	'prototype',
	'__proto__',
	'hasOwnProperty',
	'valueOf'
];
/** `n` distinct match items, some of them named like object properties. */
const matchLabels = (n: number) =>
	fc.uniqueArray(fc.oneof(label, fc.constantFrom(...PROPERTY_NAMES)), {
		minLength: n,
		maxLength: n
	});
const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });

// --- text: edits to a typed answer -------------------------------------------------------------

interface Edit {
	op: 'insert' | 'delete' | 'replace' | 'swap';
	at: number;
	char: string;
}
const edit: fc.Arbitrary<Edit> = fc.record({
	op: fc.constantFrom('insert', 'delete', 'replace', 'swap'),
	at: fc.nat(40),
	char: fc.constantFrom('a', 'e', 'u', 'h', 'x', 'É', ' ', '-', '1', '.')
});

function applyEdit(text: string, e: Edit): string {
	const chars = [...text];
	if (e.op === 'insert') {
		chars.splice(e.at % (chars.length + 1), 0, e.char);
		return chars.join('');
	}
	if (!chars.length) return text;
	const i = e.at % chars.length;
	if (e.op === 'delete') chars.splice(i, 1);
	else if (e.op === 'replace') chars[i] = e.char;
	else if (i + 1 < chars.length) [chars[i], chars[i + 1]] = [chars[i + 1]!, chars[i]!];
	return chars.join('');
}

const applyEdits = (text: string, edits: readonly Edit[]) => edits.reduce(applyEdit, text);

/**
 * How far a response lies from the nearest accepted answer, compared as the text type compares:
 * after normalizing, and with the spaces taken out as well (the scorer ignores where spaces fall).
 */
function distanceFromAnswers(response: string, answers: readonly string[]): number {
	const given = normalizeAnswer(response);
	return Math.min(
		...answers.map((answer) => {
			const want = normalizeAnswer(answer);
			return Math.min(
				editDistance(given, want),
				editDistance(given.replace(/ /g, ''), want.replace(/ /g, ''))
			);
		})
	);
}

// --- one entry per question type ---------------------------------------------------------------

const arbs: { [T in QuestionTypeName]: Arbs<Of<T>> } = {
	single: {
		question: questionOf(
			'single',
			labels(2, 6).chain((options) =>
				fc.constantFrom(...options).map((answer) => ({ options, answer }))
			)
		),
		response: (q) =>
			fc.record({ choice: nullable(fc.oneof(fc.constantFrom(...q.options), fc.string())) }),
		worse: (q) =>
			nullable(fc.oneof(fc.constantFrom(...q.options), fc.string()))
				.filter((choice) => choice !== q.answer)
				.map((choice) => [{ choice: q.answer }, { choice }] as const)
	},

	multi: {
		question: questionOf(
			'multi',
			labels(3, 7).chain((options) =>
				fc
					.shuffledSubarray(options, { minLength: 1, maxLength: options.length - 1 })
					.map((answers) => ({ options, answers }))
			)
		),
		response: (q) =>
			fc.record({
				choices: fc.oneof(
					fc.shuffledSubarray(q.options),
					fc.array(fc.oneof(fc.constantFrom(...q.options), fc.string()), { maxLength: 10 })
				)
			}),
		// Worse: one more wrong option chosen, or one right option dropped.
		worse: (q) =>
			fc.shuffledSubarray(q.options).chain((choices) => {
				const moves = [
					...q.options
						.filter((o) => !q.answers.includes(o) && !choices.includes(o))
						.map((o) => [...choices, o]),
					...choices.filter((c) => q.answers.includes(c)).map((c) => choices.filter((x) => x !== c))
				];
				return moves.length
					? fc.constantFrom(...moves).map((w) => [{ choices }, { choices: w }] as const)
					: fc.constant([{ choices }, { choices }] as const);
			})
	},

	truefalse: {
		question: questionOf('truefalse', fc.record({ answer: fc.boolean() })),
		response: () => fc.record({ value: nullable(fc.boolean()) }),
		worse: (q) =>
			fc.constantFrom(!q.answer, null).map((value) => [{ value: q.answer }, { value }] as const)
	},

	date: {
		question: questionOf(
			'date',
			fc
				.tuple(
					fc.integer({ min: 1000, max: 2999 }),
					fc.integer({ min: 1, max: 12 }),
					fc.constantFrom('year', 'month', 'day')
				)
				.chain(([year, month, precision]) =>
					fc
						.tuple(
							fc.integer({ min: 1, max: daysInMonth(year, month) }),
							// What the prompt may give: less than the precision asked, or nothing.
							fc.constantFrom(
								...(precision === 'day'
									? [undefined, 'year', 'month']
									: precision === 'month'
										? [undefined, 'year']
										: [undefined])
							)
						)
						.map(([day, given]) => {
							const parts = [String(year), String(month).padStart(2, '0')];
							parts.push(String(day).padStart(2, '0'));
							const n = precision === 'year' ? 1 : precision === 'month' ? 2 : 3;
							return { answer: parts.slice(0, n).join('-'), given };
						})
				)
		),
		response: (q) =>
			fc.oneof(
				fc.record({
					year: nullable(fc.integer()),
					month: nullable(fc.integer({ min: -1, max: 14 })),
					day: nullable(fc.integer({ min: -1, max: 33 }))
				}),
				fc.record({
					year: fc.constant(parseDate(q.answer).year),
					month: nullable(fc.integer({ min: 1, max: 12 })),
					day: nullable(fc.integer({ min: 1, max: 31 }))
				})
			),
		// Right in every part asked (anything in the parts given or finer), then one asked part made wrong.
		worse: (q) => {
			const want = parseDate(q.answer);
			const asked = askedParts(q);
			const part = (name: DatePrecision, max: number) =>
				asked.includes(name) ? fc.constant(want[name]) : nullable(fc.integer({ min: 1, max }));
			const right = fc.record({
				year: part('year', 3000),
				month: part('month', 12),
				day: part('day', 31)
			});
			return fc
				.tuple(right, fc.constantFrom(...asked), nullable(fc.integer({ min: -1, max: 3000 })))
				.filter(([, part, value]) => value !== want[part])
				.map(([r, part, value]) => [r, { ...r, [part]: value }] as const);
		}
	},

	number: {
		question: questionOf(
			'number',
			fc.record(
				{
					answer: fc.double({ min: -1e6, max: 1e6, noNaN: true }),
					tolerance: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e3, noNaN: true })),
					unit: fc.constantFrom('people', 'days', 'servers')
				},
				{ requiredKeys: ['answer'] }
			)
		),
		// Finite edges: zero both ways, the generator's bounds, a tolerance wider than the answer.
		examples: [
			{ answer: 0 },
			{ answer: -0, tolerance: 0 },
			{ answer: -1e6, tolerance: 1e3, unit: 'people' },
			{ answer: 1e6 },
			{ answer: 0.1, tolerance: 0.2 }
		],
		response: (q) =>
			fc.record({
				value: nullable(
					fc.oneof(
						fc.double(),
						fc.double({
							min: q.answer - 2 * q.tolerance - 1,
							max: q.answer + 2 * q.tolerance + 1,
							noNaN: true
						})
					)
				)
			}),
		// Worse: further from the answer, in the same direction.
		worse: (q) =>
			fc
				.tuple(
					fc.double({ min: -1e4, max: 1e4, noNaN: true }),
					fc.double({ min: 0, max: 1e4, noNaN: true })
				)
				.map(([d, further]) => {
					const better = q.answer + d;
					const direction = d < 0 || Object.is(d, -0) ? -1 : 1;
					return [{ value: better }, { value: better + direction * further }] as const;
				})
	},

	order: {
		question: questionOf(
			'order',
			labels(3, 7).map((items) => ({ items }))
		),
		response: (q) =>
			fc.record({
				order: fc.oneof(
					fc.shuffledSubarray(q.items, { minLength: q.items.length }),
					fc.array(fc.oneof(fc.constantFrom(...q.items), fc.string()), { maxLength: 10 })
				)
			}),
		// Worse: swap two neighbours that were in the right relative order.
		worse: (q) =>
			fc.shuffledSubarray(q.items, { minLength: q.items.length }).chain((order) => {
				const rank = (item: string) => q.items.indexOf(item);
				const rightPairs = order
					.slice(0, -1)
					.map((item, i) => i)
					.filter((i) => rank(order[i]!) < rank(order[i + 1]!));
				if (!rightPairs.length) return fc.constant([{ order }, { order }] as const);
				return fc.constantFrom(...rightPairs).map((i) => {
					const swapped = [...order];
					[swapped[i], swapped[i + 1]] = [swapped[i + 1]!, swapped[i]!];
					return [{ order }, { order: swapped }] as const;
				});
			})
	},

	match: {
		question: questionOf(
			'match',
			fc
				.integer({ min: 2, max: 6 })
				.chain((n) => fc.tuple(matchLabels(n), labels(n, n)))
				.map(([lefts, rights]) => ({
					pairs: lefts.map((left, i) => ({ left, right: rights[i]! }))
				}))
		),
		// Item names that are also names of object properties.
		examples: [
			{
				pairs: [
					{ left: 'constructor', right: 'Builder' },
					{ left: 'toString', right: 'Text' },
					{ left: 'prototype', right: 'Model' },
					{ left: '__proto__', right: 'Parent' }
				]
			}
		],
		// Lists of pairs in any order, naming left items of the question or not, some more than once.
		response: (q) => {
			const lefts = q.pairs.map((p) => p.left);
			const rights = q.pairs.map((p) => p.right);
			return fc.record({
				matches: fc.array(
					fc.record({
						left: fc.oneof(
							fc.constantFrom(...lefts),
							fc.constantFrom(...PROPERTY_NAMES),
							fc.string()
						),
						right: nullable(fc.oneof(fc.constantFrom(...rights), fc.string()))
					}),
					{ maxLength: 2 * q.pairs.length + 2 }
				)
			});
		},
		// Worse: one right match changed to a wrong one (or none), in place or as a later choice
		// for the same left item (the last choice counts).
		worse: (q) => {
			const lefts = q.pairs.map((p) => p.left);
			const rights = q.pairs.map((p) => p.right);
			const choice = fc.record({
				left: fc.constantFrom(...lefts),
				right: nullable(fc.constantFrom(...rights))
			});
			return fc.array(choice, { maxLength: 2 * q.pairs.length }).chain((matches) => {
				const right = q.pairs.filter((p) => matchedTo(matches, p.left) === p.right);
				if (!right.length) return fc.constant([{ matches }, { matches }] as const);
				return fc
					.tuple(fc.constantFrom(...right), nullable(fc.constantFrom(...rights)), fc.boolean())
					.filter(([p, wrong]) => wrong !== p.right)
					.map(([p, wrong, inPlace]) => {
						const changed = { left: p.left, right: wrong };
						const last = matches.findLastIndex((m) => m.left === p.left);
						const worse = inPlace
							? matches.map((m, i) => (i === last ? changed : m))
							: [...matches, changed];
						return [{ matches }, { matches: worse }] as const;
					});
			});
		}
	},

	text: {
		question: questionOf(
			'text',
			fc
				.uniqueArray(
					fc.oneof(
						fc.string({ unit: 'grapheme', minLength: 1, maxLength: 16 }),
						fc
							.array(fc.stringMatching(/^[A-Za-zé]{1,9}$/), { minLength: 1, maxLength: 3 })
							.map((words) => words.join(' '))
					),
					{ minLength: 1, maxLength: 3 }
				)
				.map((answers) => answers.map((a) => a.trim()))
				.filter((answers) => answers.every((a) => normalizeAnswer(a).length > 0))
				.map((answers) => ({ answers }))
		),
		response: (q) =>
			fc.record({
				text: fc.oneof(
					fc.string({ unit: 'grapheme' }),
					fc.constantFrom(...q.answers),
					fc
						.tuple(fc.constantFrom(...q.answers), fc.array(edit, { maxLength: 3 }))
						.map(([answer, edits]) => applyEdits(answer, edits))
				)
			}),
		// Worse: more edits to the answer, taking it further from every accepted answer.
		worse: (q) =>
			fc
				.tuple(
					fc.constantFrom(...q.answers),
					fc.array(edit, { maxLength: 3 }),
					fc.array(edit, { minLength: 1, maxLength: 3 })
				)
				.map(([answer, first, more]) => {
					const better = applyEdits(answer, first);
					return [better, applyEdits(better, more)] as const;
				})
				.filter(
					([better, worse]) =>
						distanceFromAnswers(worse, q.answers) > distanceFromAnswers(better, q.answers)
				)
				.map(([better, worse]) => [{ text: better }, { text: worse }] as const)
	},

	source: {
		question: questionOf(
			'source',
			fc
				.uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), { maxLength: 3 })
				.map((answer) => ({ answer }))
		),
		response: (q) =>
			fc.record({
				sources: nullable(
					fc.oneof(
						fc.shuffledSubarray(q.answer),
						fc.array(fc.oneof(fc.constantFrom('a', ...q.answer), fc.string()), { maxLength: 4 })
					)
				)
			}),
		// Worse: a right response (in any order) made wrong: no answer, a source too many or too few.
		worse: (q) => {
			const wrong: fc.Arbitrary<string[] | null>[] = [
				fc.constant(null),
				fc
					.string({ minLength: 1 })
					.filter((id) => !q.answer.includes(id))
					.map((id) => [...q.answer, id])
			];
			if (q.answer.length)
				wrong.push(fc.nat(q.answer.length - 1).map((i) => q.answer.filter((_, j) => j !== i)));
			return fc
				.tuple(fc.shuffledSubarray(q.answer, { minLength: q.answer.length }), fc.oneof(...wrong))
				.map(([right, sources]) => [{ sources: right }, { sources }] as const);
		}
	}
};

/** Values that are not responses of any type, or only look like one. */
const malformed = fc.oneof(
	fc.anything(),
	fc.dictionary(
		fc.constantFrom('choice', 'choices', 'value', 'year', 'month', 'day', 'order', 'matches'),
		fc.anything()
	),
	fc.dictionary(fc.constantFrom('text', 'sources', 'matches', 'order'), fc.anything(), {
		minKeys: 1
	})
);

/**
 * Any value at all: everything `fc.anything` can make, the odd kinds included (boxed values,
 * null prototypes, sparse arrays, maps, dates…), plain objects, arrays, and near-responses.
 */
const anyValue = fc.oneof(
	fc.anything(),
	fc.anything({
		withBigInt: true,
		withBoxedValues: true,
		withDate: true,
		withMap: true,
		withNullPrototype: true,
		withObjectString: true,
		withSet: true,
		withSparseArray: true,
		withTypedArray: true
	}),
	fc.object(),
	fc.object({ withNullPrototype: true, withBoxedValues: true }),
	fc.array(fc.anything()),
	malformed
);

/** Ids a question could name as outlets: the source type's own ids, and others. */
function idsIn(q: Question): string[] {
	return q.type === 'source' ? ['x', ...q.answer] : ['x'];
}

/** A story's outlets as a question might meet them: none, some, repeated or unrelated. */
const outletsFor = (q: Question): fc.Arbitrary<Outlet[]> =>
	fc.array(
		fc.record({
			id: fc.oneof(fc.constantFrom(...idsIn(q)), fc.string()),
			outlet: fc.string(),
			name: fc.string()
		}),
		{ maxLength: 6 }
	);

function containsNaN(value: unknown): boolean {
	if (typeof value === 'number') return Number.isNaN(value);
	if (value !== null && typeof value === 'object') return Object.values(value).some(containsNaN);
	return false;
}

/** Any attempt seed, the extremes included. */
const seedArb = fc.oneof(
	fc.integer(),
	fc.integer({ min: 0, max: 2 ** 32 - 1 }),
	fc.constantFrom(0, -1, 2 ** 32, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER)
);

it('has generators for exactly the registered types', () => {
	expect(Object.keys(arbs).sort()).toEqual([...questionTypeNames].sort());
});

for (const { type } of questionTypes) {
	describe(`properties of ${type}`, () => {
		const def = typeOf(type);
		const a = arbs[type] as unknown as Arbs<Question>;

		it('generates questions that pass the schema and the type check', () => {
			fc.assert(
				fc.property(a.question, (q) => {
					expect(q.type).toBe(type);
					expect(def.check(q)).toEqual([]);
				})
			);
		});

		it('scores the perfect response exactly 1, and counts it complete', () => {
			const examples = (a.examples ?? []).map((fields) => [build(type, fields)] as [Question]);
			fc.assert(
				fc.property(a.question, (q) => {
					const perfect = perfectResponse(q);
					expect(def.perfect(q)).toEqual(perfect);
					expect(def.score(q, perfect).score).toBe(1);
					expect(scoreResponse(q, perfect).score).toBe(1);
					expect(isComplete(q, perfect)).toBe(true);
				}),
				{ examples }
			);
		});

		it('scores every response of its shape within [0, 1]', () => {
			const withResponse = a.question.chain((q) => fc.tuple(fc.constant(q), a.response(q)));
			fc.assert(
				fc.property(withResponse, ([q, r]) => {
					const own = def.score(q, r).score;
					expect(own).toBeGreaterThanOrEqual(0);
					expect(own).toBeLessThanOrEqual(1);
					const scored = scoreResponse(q, r).score;
					expect(scored).toBeGreaterThanOrEqual(0);
					expect(scored).toBeLessThanOrEqual(1);
				})
			);
		});

		it('scores malformed responses within [0, 1] without throwing', () => {
			fc.assert(
				fc.property(a.question, malformed, (q, r) => {
					const { score } = scoreResponse(q, r);
					expect(score).toBeGreaterThanOrEqual(0);
					expect(score).toBeLessThanOrEqual(1);
					expect(typeof isComplete(q, r)).toBe('boolean');
				})
			);
		});

		it('reads, scores, checks and words any value at all without throwing', () => {
			const withOutlets = a.question.chain((q) => fc.tuple(fc.constant(q), outletsFor(q)));
			fc.assert(
				fc.property(withOutlets, anyValue, ([q, outlets], r) => {
					const read = readResponse(q, r);
					const { score } = scoreResponse(q, r);
					expect(score).toBeGreaterThanOrEqual(0);
					expect(score).toBeLessThanOrEqual(1);
					const complete = isComplete(q, r);
					expect(typeof complete).toBe('boolean');
					const said = responseText(q, r, outlets);
					expect(typeof answerText(q, outlets)).toBe('string');
					if (read === undefined) {
						// What does not read is worth nothing, is not ready, and has no words.
						expect(score).toBe(0);
						expect(complete).toBe(false);
						expect(said).toBeNull();
					} else {
						expect(readResponse(q, read)).toEqual(read);
						expect(scoreResponse(q, read).score).toBe(score);
						expect(typeof said).toBe('string');
					}
				})
			);
		});

		it('reads back every response of its shape and words it', () => {
			const withResponse = a.question.chain((q) =>
				fc.tuple(fc.constant(q), a.response(q), outletsFor(q))
			);
			fc.assert(
				fc.property(withResponse, ([q, r, outlets]) => {
					// NaN is no number to the response schemas: such a response does not read.
					fc.pre(!containsNaN(r));
					expect(readResponse(q, r)).toEqual(r);
					expect(typeof responseText(q, r, outlets)).toBe('string');
					expect(typeof answerText(q, outlets)).toBe('string');
				})
			);
		});

		it('starts from a response of its own shape, or from nothing, the same for the same seed', () => {
			fc.assert(
				fc.property(a.question, seedArb, (q, seed) => {
					const start = startingResponse(q, seed);
					expect(startingResponse(q, seed)).toEqual(start);
					if (!def.start) {
						expect(start).toBeUndefined();
						return;
					}
					expect(start).toBeDefined();
					expect(readResponse(q, start)).toEqual(start);
					expect(isComplete(q, start)).toBe(true);
				})
			);
		});

		it('never gives more credit to a worse response', () => {
			const withPair = a.question.chain((q) => fc.tuple(fc.constant(q), a.worse(q)));
			fc.assert(
				fc.property(withPair, ([q, [better, worse]]) => {
					expect(def.score(q, worse).score).toBeLessThanOrEqual(def.score(q, better).score);
					expect(scoreResponse(q, worse).score).toBeLessThanOrEqual(scoreResponse(q, better).score);
				})
			);
		});
	});
}

describe('the starting order of an order question', () => {
	const items = fc.uniqueArray(label, { minLength: 3, maxLength: 12 });
	const questionId = fc.stringMatching(/^[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}$/);

	it('is never already right, for any items and any seed', () => {
		fc.assert(
			fc.property(items, questionId, seedArb, (list, id, seed) => {
				const q = build('order', { id, items: list });
				const start = startingResponse(q, seed);
				expect(start).toBeDefined();
				expect(readResponse(q, start)).toEqual(start);
				expect([...start!.order].sort()).toEqual([...list].sort());
				expect(scoreResponse(q, start).score).toBeLessThan(1);
				expect(startingResponse(q, seed)).toEqual(start);
			}),
			{ numRuns: 500 }
		);
	});

	it('is never already right for three items, over many seeds', () => {
		const q = build('order', { items: ['first', 'second', 'third'] });
		for (let seed = -500; seed < 500; seed++)
			expect(scoreResponse(q, startingResponse(q, seed)).score, `seed ${seed}`).toBeLessThan(1);
	});
});

describe('number questions', () => {
	const numberArb = arbs.number.question;
	const finiteArb = fc.double({ noNaN: true, noDefaultInfinity: true });

	it('are generated with a finite answer and tolerance, as the schema now demands', () => {
		fc.assert(
			fc.property(numberArb, (q) => {
				expect(Number.isFinite(q.answer)).toBe(true);
				expect(Number.isFinite(q.tolerance)).toBe(true);
				expect(q.tolerance).toBeGreaterThanOrEqual(0);
			})
		);
	});

	it('cannot be built with an answer or tolerance that is not finite', () => {
		for (const fields of [
			{ answer: Infinity },
			{ answer: -Infinity },
			{ answer: NaN },
			{ answer: 3, tolerance: Infinity },
			{ answer: 3, tolerance: NaN }
		])
			expect(() => build('number', fields), JSON.stringify(fields)).toThrow();
	});

	it('can be built with any finite answer and tolerance', () => {
		fc.assert(
			fc.property(finiteArb, finiteArb, (answer, tolerance) => {
				const q = build('number', { answer, tolerance: Math.abs(tolerance) });
				expect(q.answer).toBe(answer);
				expect(scoreResponse(q, perfectResponse(q)).score).toBe(1);
			})
		);
	});

	it('read back no answer and any finite value', () => {
		fc.assert(
			fc.property(numberArb, nullable(finiteArb), (q, value) => {
				expect(readResponse(q, { value })).toEqual({ value });
			})
		);
		const q = build('number', { answer: 3000 });
		expect(readResponse(q, { value: null })).toEqual({ value: null });
		expect(readResponse(q, { value: -0.5 })).toEqual({ value: -0.5 });
		expect(readResponse(q, { value: Number.MAX_VALUE })).toEqual({ value: Number.MAX_VALUE });
	});
});
