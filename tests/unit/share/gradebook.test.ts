import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Category, Question } from '$lib/content/model';
import type { Banks } from '$lib/quiz/attempt';
import type { Assignment } from '$lib/share/assignment';
import {
	gradebook,
	gradeResult,
	itemAnalysis,
	resultId,
	studentKey,
	weakest,
	type CountPolicy,
	type ReceivedResult
} from '$lib/share/gradebook';
import type { ResultAnswer, ResultPayload } from '$lib/share/result';
import { banksOf, NOW, STORY } from '../quiz/factory';
import { response as validResponse, sampleAssignment, samplePayload } from './factory';

// --- made-up questions, assignments and results ---------------------------------------------------

/** A fingerprint of the right shape, different for every label. */
const fp = (label: string) => bytesToHex(sha256(utf8ToBytes(label))).slice(0, 16);

interface Meta {
	category?: Category;
	actors?: string[];
	outlets?: string[];
	fingerprint?: string;
}

function base(id: string, meta: Meta) {
	return {
		id,
		category: meta.category ?? 'dates',
		prompt: `About ${id}?`,
		explanation: 'Because.',
		difficulty: 1 as const,
		actors: meta.actors ?? [],
		outlets: meta.outlets ?? [],
		evidence: [{ source: 'outlet-a', quote: 'a passage', context: { before: '', after: '' } }],
		fingerprint: meta.fingerprint ?? fp(id)
	};
}

function truefalse(id: string, answer = true, meta: Meta = {}): Question {
	return { ...base(id, meta), type: 'truefalse', answer };
}

function single(id: string, options: string[], answer: string, meta: Meta = {}): Question {
	return { ...base(id, meta), type: 'single', options, answer };
}

function multi(id: string, options: string[], answers: string[], meta: Meta = {}): Question {
	return { ...base(id, meta), type: 'multi', options, answers };
}

/** The assignment pins each question as the bank has it, unless `pinnedAs` says otherwise. */
function assign(ids: string[], pinnedAs: Record<string, string> = {}, id = 'asg_0123456789') {
	return sampleAssignment({
		id,
		questions: ids.map((q) => ({
			storyId: STORY,
			questionId: q,
			fingerprint: pinnedAs[q] ?? fp(q)
		}))
	});
}

const T = true;
const F = false;
/** What the student did with a question: a response, "don't know", or nothing (asked only). */
type Given = Answered | 'dontKnow' | 'skipped';
/** A response, and the fingerprint of the student's copy (as assigned unless given). */
type Answered = { response: unknown; fingerprint?: string | null };

const tf = (value: boolean): Answered => ({ response: { value } });
const choice = (value: string): Answered => ({ response: { choice: value } });

function answerTo(questionId: string, given: Exclude<Given, 'skipped'>, at: number): ResultAnswer {
	if (given === 'dontKnow') return { questionId, response: null, dontKnow: true, atSecond: at };
	return {
		questionId,
		...(given.fingerprint === undefined ? {} : { fingerprint: given.fingerprint }),
		response: given.response,
		atSecond: at
	};
}

function payloadFor(
	assignment: Assignment,
	name: string,
	given: Record<string, Given>,
	fields: Partial<ResultPayload> = {}
): ResultPayload {
	const asked = Object.keys(given);
	return samplePayload(assignment, name, {
		asked,
		answers: asked.flatMap((id, i) => {
			const g = given[id]!;
			return g === 'skipped' ? [] : [answerTo(id, g, i)];
		}),
		...fields
	});
}

function received(payload: ResultPayload, receivedAt = NOW + 3_600_000): ReceivedResult {
	return { id: resultId(payload), payload, receivedAt };
}

// --- the assignment most tests use ------------------------------------------------------------------

const BANK: Question[] = [
	truefalse('q-tf', true, { actors: ['actor-a'], outlets: ['outlet-a'] }),
	single('q-single', ['Tirana', 'Tehran', 'Paris'], 'Tirana', { category: 'actors' }),
	multi('q-multi', ['a', 'b', 'c', 'd'], ['a', 'b'], { category: 'quotes' }),
	// Changed since it was assigned: the teacher's bank now says false.
	truefalse('q-changed', false)
];
const BANKS = banksOf({ [STORY]: BANK });
const ASSIGNMENT = assign(['q-tf', 'q-single', 'q-multi', 'q-gone', 'q-changed'], {
	'q-changed': fp('q-changed-as-assigned')
});

describe('studentKey', () => {
	it('matches a name however it was typed', () => {
		const key = studentKey('Zoë Ünal');
		expect(studentKey('  zoe\u0308   ünal\t')).toBe(key);
		expect(studentKey('ZOË\u00a0ÜNAL')).toBe(key);
		expect(studentKey('Zoë Ünal')).toBe('zoë ünal');
		expect(studentKey('Zoë Ünala')).not.toBe(key);
		expect(studentKey('   ')).toBe('');
	});
});

describe('resultId', () => {
	const payload = payloadFor(ASSIGNMENT, 'Ana Pop', { 'q-tf': tf(T) });

	it('is the same for the same submission, whatever else differs', () => {
		expect(resultId(payload)).toBe(resultId({ ...payload, answers: [], late: true }));
		expect(resultId(payload).startsWith(`${ASSIGNMENT.id}.`)).toBe(true);
	});

	it('differs with the name, the attempt or the start', () => {
		const id = resultId(payload);
		expect(resultId({ ...payload, name: 'Ana Pop ' })).not.toBe(id);
		expect(resultId({ ...payload, attempt: 2 })).not.toBe(id);
		expect(resultId({ ...payload, startedAt: NOW + 1 })).not.toBe(id);
		expect(resultId({ ...payload, name: '\uD800' })).not.toBe(
			resultId({ ...payload, name: '\uDC00' })
		);
	});
});

describe('gradeResult', () => {
	it('scores each question against the teacher’s bank', () => {
		const payload = payloadFor(ASSIGNMENT, 'Ana Pop', {
			'q-tf': tf(T),
			'q-single': choice('Tehran'),
			'q-multi': { response: { choices: ['a'] } },
			'q-gone': tf(T),
			// Right by the teacher's bank as it is now; the student had the version assigned.
			'q-changed': { response: { value: F }, fingerprint: fp('q-changed-as-assigned') }
		});
		const graded = gradeResult(ASSIGNMENT, received(payload), BANKS);
		const rows = graded.answers.map((a) => ({
			id: a.pinned.questionId,
			number: a.number,
			score: a.score,
			text: a.responseText,
			gone: a.gone,
			changed: a.changed,
			differs: a.studentCopyDiffers
		}));
		expect(rows).toEqual([
			{ id: 'q-tf', number: 1, score: 1, text: 'True', gone: F, changed: F, differs: F },
			{ id: 'q-single', number: 2, score: 0, text: 'Tehran', gone: F, changed: F, differs: F },
			{ id: 'q-multi', number: 3, score: 0.5, text: 'a', gone: F, changed: F, differs: F },
			{ id: 'q-gone', number: 4, score: null, text: null, gone: T, changed: F, differs: F },
			{ id: 'q-changed', number: 5, score: 1, text: 'False', gone: F, changed: T, differs: F }
		]);
		expect(graded).toMatchObject({ points: 2.5, outOf: 4, percent: 63, ignored: 0 });
		expect(graded).toMatchObject({ name: 'Ana Pop', key: 'ana pop', durationMs: 60_000 });
		expect(graded.linkChanged).toBe(false);
	});

	it('keeps the order the student was asked in', () => {
		const payload = payloadFor(ASSIGNMENT, 'Ana', { 'q-multi': 'skipped', 'q-tf': tf(T) });
		const graded = gradeResult(ASSIGNMENT, received(payload), BANKS);
		expect(graded.answers.map((a) => a.number)).toEqual([3, 1]);
		expect(graded).toMatchObject({ points: 1, outOf: 2, percent: 50 });
	});

	it('ignores anything a student’s device claims', () => {
		const claims = {
			...answerTo('q-single', { response: { choice: 'Paris', score: 1, right: true } }, 0),
			score: 1
		} as ResultAnswer;
		const payload = {
			...payloadFor(ASSIGNMENT, 'Ana', {}),
			asked: ['q-single', 'q-tf'],
			answers: [
				claims,
				// "Don't know" scores nothing, even with the right response beside it.
				{ ...answerTo('q-tf', tf(T), 0), dontKnow: true as const }
			],
			score: 100,
			percent: 100
		} as ResultPayload;
		const graded = gradeResult(ASSIGNMENT, received(payload), BANKS);
		expect(graded.answers.map((a) => a.score)).toEqual([0, 0]);
		expect(graded).toMatchObject({ points: 0, outOf: 2, percent: 0 });
		expect(graded.answers[1]).toMatchObject({ dontKnow: T, answered: F, responseText: null });
	});

	it('scores by the teacher’s copy when the student had another, and says so', () => {
		const payload = payloadFor(ASSIGNMENT, 'Ana', {
			// Right by a copy where the answer was Tehran, wrong by the teacher's.
			'q-single': { response: { choice: 'Tehran' }, fingerprint: fp('an old copy') },
			'q-tf': { response: { value: true }, fingerprint: null }
		});
		const graded = gradeResult(ASSIGNMENT, received(payload), BANKS);
		expect(graded.answers.map((a) => [a.score, a.studentCopyDiffers])).toEqual([
			[0, T],
			[1, T]
		]);
	});

	it('scores nothing for a question asked and not answered', () => {
		const payload = payloadFor(ASSIGNMENT, 'Ana', { 'q-tf': 'skipped', 'q-single': 'dontKnow' });
		const graded = gradeResult(ASSIGNMENT, received(payload), BANKS);
		expect(graded.answers.map((a) => [a.score, a.answered, a.dontKnow, a.response])).toEqual([
			[0, F, F, undefined],
			[0, F, T, null]
		]);
		expect(graded.answers[0]!.studentCopyDiffers).toBe(false);
	});

	it('counts, and does not grade, questions the assignment does not list', () => {
		const payload = payloadFor(ASSIGNMENT, 'Ana', {
			'q-tf': tf(T),
			'q-extra': tf(T),
			'q-extra-2': 'skipped'
		});
		const graded = gradeResult(ASSIGNMENT, received(payload), BANKS);
		expect(graded.answers.map((a) => a.pinned.questionId)).toEqual(['q-tf']);
		expect(graded).toMatchObject({ ignored: 2, points: 1, outOf: 1, percent: 100 });
	});

	it('notices a result taken from a changed link', () => {
		const payload = payloadFor(ASSIGNMENT, 'Ana', { 'q-tf': tf(T) });
		const longer = { ...ASSIGNMENT, timeLimitMinutes: 600 };
		expect(gradeResult(ASSIGNMENT, received(payload), BANKS).linkChanged).toBe(false);
		expect(gradeResult(longer, received(payload), BANKS).linkChanged).toBe(true);
	});

	it('gives 0% when nothing could be scored', () => {
		const payload = payloadFor(ASSIGNMENT, 'Ana', { 'q-gone': tf(T) });
		expect(gradeResult(ASSIGNMENT, received(payload), BANKS)).toMatchObject({
			points: 0,
			outOf: 0,
			percent: 0
		});
	});

	it('never throws on junk, and keeps its totals in bounds', () => {
		const ids = ASSIGNMENT.questions.map((q) => q.questionId);
		const junk = fc.oneof(fc.anything(), validResponse);
		const given: fc.Arbitrary<Given> = fc.oneof(
			fc.constant<Given>('dontKnow'),
			fc.constant<Given>('skipped'),
			fc.record({ response: junk, fingerprint: fc.constantFrom(null, fp('x'), undefined) })
		);
		fc.assert(
			fc.property(
				fc.subarray([...ids, 'q-extra'], { minLength: 0 }),
				fc.array(given, { minLength: 6, maxLength: 6 }),
				(asked, what) => {
					const payload = payloadFor(
						ASSIGNMENT,
						'Ana',
						Object.fromEntries(asked.map((id, i) => [id, what[i]!]))
					);
					const graded = gradeResult(ASSIGNMENT, received(payload), BANKS);
					expect(graded.percent).toBeGreaterThanOrEqual(0);
					expect(graded.percent).toBeLessThanOrEqual(100);
					expect(Number.isInteger(graded.percent)).toBe(true);
					expect(graded.points).toBeLessThanOrEqual(graded.outOf);
					for (const a of graded.answers)
						if (a.score !== null) expect(a.score >= 0 && a.score <= 1).toBe(true);
				}
			),
			{ numRuns: 300 }
		);
	});
});

describe('gradebook', () => {
	const book = (results: ReceivedResult[], policy: CountPolicy = 'best', roster?: string[]) =>
		gradebook(ASSIGNMENT, results, BANKS, { policy, roster });

	it('lists the questions with their status', () => {
		expect(book([]).questions.map((q) => [q.number, q.pinned.questionId, q.status])).toEqual([
			[1, 'q-tf', 'ok'],
			[2, 'q-single', 'ok'],
			[3, 'q-multi', 'ok'],
			[4, 'q-gone', 'gone'],
			[5, 'q-changed', 'changed']
		]);
		expect(book([]).questions[3]!.question).toBeNull();
	});

	it('counts a submission received twice once', () => {
		const payload = payloadFor(ASSIGNMENT, 'Ana', { 'q-tf': tf(T) });
		const first = received(payload, NOW + 5_000);
		const again = { ...received(structuredClone(payload), NOW + 9_000), id: 'stored-again' };
		const result = book([again, first]);
		expect(result.students).toHaveLength(1);
		expect(result.students[0]!.submissions.map((s) => s.receivedAt)).toEqual([NOW + 5_000]);
		expect(result.skipped).toEqual({ duplicates: 1, otherAssignment: 0 });
	});

	it('leaves out results for another assignment', () => {
		const other = assign(['q-tf'], {}, 'asg_another-one');
		const result = book([received(payloadFor(other, 'Ana', { 'q-tf': tf(T) }))]);
		expect(result.students).toEqual([]);
		expect(result.skipped).toEqual({ duplicates: 0, otherAssignment: 1 });
	});

	describe('a student who submitted three times', () => {
		const attempt = (n: number, name: string, right: boolean[], receivedAt: number) =>
			received(
				payloadFor(
					ASSIGNMENT,
					name,
					{ 'q-tf': tf(right[0]!), 'q-single': choice(right[1] ? 'Tirana' : 'Paris') },
					{ attempt: n, startedAt: NOW + n * 1000, finishedAt: NOW + n * 100_000 }
				),
				receivedAt
			);
		// Received out of order; one name, typed three ways.
		const results = [
			attempt(3, ' ANA POP', [T, T], NOW + 1),
			attempt(1, 'Ana  Pop', [T, F], NOW + 2),
			attempt(2, 'ana pop', [T, T], NOW + 3)
		];

		it.each([
			['best', 2, 'ana pop'],
			['first', 1, 'Ana  Pop'],
			['last', 3, ' ANA POP']
		] as const)('counts the %s', (policy, attemptNumber, name) => {
			const [row, ...others] = book(results, policy).students;
			expect(others).toEqual([]);
			expect(row!.counted.attempt).toBe(attemptNumber);
			expect(row!.name).toBe(name);
			expect(row!.key).toBe('ana pop');
			expect(row!.submissions.map((s) => s.attempt)).toEqual([1, 2, 3]);
		});
	});

	it('breaks a tie in finishing time by arrival', () => {
		const at = (n: number, receivedAt: number) =>
			received(
				payloadFor(ASSIGNMENT, 'Ana', { 'q-tf': tf(T) }, { attempt: n, finishedAt: NOW }),
				receivedAt
			);
		const row = book([at(1, NOW + 9), at(2, NOW + 3)], 'first').students[0]!;
		expect(row.counted.attempt).toBe(2);
	});

	it('sorts students by name', () => {
		const names = ['zed', 'Émile', 'anna', 'Bob'];
		const result = book(names.map((n) => received(payloadFor(ASSIGNMENT, n, { 'q-tf': tf(T) }))));
		expect(result.students.map((s) => s.name)).toEqual(['anna', 'Bob', 'Émile', 'zed']);
	});

	it('compares submissions with the roster', () => {
		const results = ['Ana Pop', 'Dan', 'ben  LI'].map((n) =>
			received(payloadFor(ASSIGNMENT, n, { 'q-tf': tf(T) }))
		);
		const roster = ['Ana Pop', '', '   ', 'ana  pop', ' Ben Li', 'Cleo Noor\r', 'cleo noor', 'Eve'];
		const result = book(results, 'best', roster);
		expect(result.missing).toEqual(['Cleo Noor', 'Eve']);
		expect(result.notOnRoster).toEqual(['Dan']);
		expect(book(results).notOnRoster).toEqual([]);
		expect(book(results, 'best', ['', ' ']).notOnRoster).toEqual([]);
		expect(book([], 'best', roster).missing).toEqual(['Ana Pop', 'Ben Li', 'Cleo Noor', 'Eve']);
	});

	it('grades a thousand results of twenty questions', () => {
		const ids = Array.from({ length: 20 }, (_, i) => `q-${i + 1}`);
		const assignment = assign(ids);
		const banks = banksOf({ [STORY]: ids.map((id) => truefalse(id)) });
		// Student s gets question j right unless (s + j) is a multiple of 3.
		const right = (s: number, j: number) => (s + j) % 3 !== 0;
		const results = Array.from({ length: 1000 }, (_, s) =>
			received(
				payloadFor(
					assignment,
					`Student ${s}`,
					Object.fromEntries(ids.map((id, j) => [id, tf(right(s, j))]))
				)
			)
		);
		const result = gradebook(assignment, results, banks, { policy: 'best' });
		expect(result.students).toHaveLength(1000);
		const pointsOf = (s: number) => ids.filter((_, j) => right(s, j)).length;
		const student = result.students.find((r) => r.name === 'Student 123')!;
		expect(student.counted.points).toBe(pointsOf(123));
		expect(student.counted.percent).toBe(Math.round((pointsOf(123) / 20) * 100));
		const total = result.students.reduce((sum, r) => sum + r.counted.points, 0);
		expect(total).toBe(Array.from({ length: 1000 }, (_, s) => pointsOf(s)).reduce((a, b) => a + b));
		expect(itemAnalysis(result)).toHaveLength(20);
	});
});

describe('itemAnalysis and weakest', () => {
	const bank: Question[] = [
		truefalse('t1', true, { actors: ['actor-x'], outlets: ['outlet-b'] }),
		truefalse('t2', true, { actors: ['actor-x', 'actor-y'] }),
		truefalse('t3', true, { category: 'actors', outlets: ['outlet-c'] }),
		single('s1', ['X', 'Y', 'Z'], 'X', {
			category: 'quotes',
			actors: ['actor-y'],
			outlets: ['outlet-a']
		})
	];
	const banks: Banks = banksOf({ [STORY]: bank });
	const assignment = assign(['t1', 't2', 't3', 's1', 'gone']);
	// Totals: amy 4/4, bob 3/4, cal 2/4, dee 1/4, eve 0/4, fay 1/3 (not asked s1).
	const table: [string, Record<string, Given>][] = [
		['amy', { t1: tf(T), t2: tf(T), t3: tf(T), s1: choice('X') }],
		['bob', { t1: tf(T), t2: tf(T), t3: tf(F), s1: choice('X') }],
		['cal', { t1: tf(T), t2: tf(F), t3: tf(T), s1: choice('Y') }],
		['dee', { t1: tf(F), t2: tf(T), t3: 'dontKnow', s1: choice('Z') }],
		['eve', { t1: tf(F), t2: tf(F), t3: 'skipped', s1: choice('Y') }],
		['fay', { t1: tf(T), t2: tf(F), t3: tf(F) }]
	];
	const book = gradebook(
		assignment,
		table.map(([name, given]) => received(payloadFor(assignment, name, given))),
		banks,
		{ policy: 'best' }
	);

	it('works out each question by hand', () => {
		const items = itemAnalysis(book);
		expect(items.map((i) => i.pinned.questionId)).toEqual(['t1', 't2', 't3', 's1']);
		const [t1, t2, t3, s1] = items;
		// Ranked by total: eve, dee, fay, cal, bob, amy; groups of round(0.27 × 6) = 2.
		expect(t1).toMatchObject({ asked: 6, shareRight: 4 / 6, meanScore: 4 / 6, discrimination: 1 });
		expect(t1!.mostCommonWrong).toEqual({ text: 'False', count: 2 });
		// Top (bob, amy) 1 and 1; bottom (eve, dee) 0 and 1.
		expect(t2).toMatchObject({ asked: 6, meanScore: 3 / 6, discrimination: 0.5 });
		// Top (bob, amy) 0 and 1; bottom (eve, dee) nothing and "don't know".
		expect(t3).toMatchObject({
			asked: 6,
			shareRight: 2 / 6,
			dontKnowCount: 1,
			unansweredCount: 1,
			discrimination: 0.5,
			mostCommonWrong: { text: 'False', count: 2 }
		});
		// Five asked: eve, dee, cal, bob, amy; groups of round(0.27 × 5) = 1.
		expect(s1).toMatchObject({
			asked: 5,
			shareRight: 2 / 5,
			meanScore: 2 / 5,
			discrimination: 1,
			mostCommonWrong: { text: 'Y', count: 2 },
			dontKnowCount: 0,
			unansweredCount: 0
		});
	});

	it('says nothing of discrimination below five students, and settles ties alphabetically', () => {
		const few = gradebook(
			assignment,
			[
				received(payloadFor(assignment, 'amy', { s1: choice('Z') })),
				received(payloadFor(assignment, 'bob', { s1: choice('Y') })),
				received(payloadFor(assignment, 'cal', { s1: choice('X'), t1: tf(T) }))
			],
			banks,
			{ policy: 'best' }
		);
		const [t1, t2, , s1] = itemAnalysis(few);
		expect(s1).toMatchObject({ asked: 3, discrimination: null });
		expect(s1!.mostCommonWrong).toEqual({ text: 'Y', count: 1 });
		expect(t1).toMatchObject({ asked: 1, mostCommonWrong: null });
		expect(t2).toMatchObject({ asked: 0, shareRight: null, meanScore: null });
	});

	it('finds the weakest categories, actors and outlets', () => {
		const result = weakest(book, banks);
		expect(result.categories).toEqual([
			{ category: 'actors', meanScore: 2 / 6, answers: 6 },
			{ category: 'quotes', meanScore: 2 / 5, answers: 5 },
			{ category: 'dates', meanScore: 7 / 12, answers: 12 }
		]);
		expect(result.actors).toEqual([
			{ id: 'actor-y', meanScore: 5 / 11, answers: 11 },
			{ id: 'actor-x', meanScore: 7 / 12, answers: 12 }
		]);
		expect(result.outlets).toEqual([
			{ id: 'outlet-c', meanScore: 2 / 6, answers: 6 },
			{ id: 'outlet-a', meanScore: 2 / 5, answers: 5 },
			{ id: 'outlet-b', meanScore: 4 / 6, answers: 6 }
		]);
	});

	it('orders ties by id', () => {
		const tied = banksOf({
			[STORY]: [truefalse('t1', true, { actors: ['b-actor', 'a-actor'] })]
		});
		const one = gradebook(
			assign(['t1']),
			[received(payloadFor(assign(['t1']), 'amy', { t1: tf(T) }))],
			tied,
			{ policy: 'best' }
		);
		expect(weakest(one, tied).actors.map((a) => a.id)).toEqual(['a-actor', 'b-actor']);
		expect(weakest(one, tied).outlets).toEqual([]);
	});
});
