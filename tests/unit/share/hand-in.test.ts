import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import type { Answer, Attempt, QuestionRef } from '$lib/quiz/attempt';
import { assignmentDigest } from '$lib/share/assignment';
import { assignmentAttempt, attemptsAt, handInPayload } from '$lib/share/hand-in';
import {
	decodePayload,
	encodePayload,
	MAX_ANSWER_SECOND,
	ResultPayloadSchema
} from '$lib/share/result';
import { attempt as practice, NOW, STORY } from '../quiz/factory';
import {
	contentId,
	filled,
	fingerprint,
	millis,
	response as anyResponse,
	sampleAssignment
} from './factory';

/** Pins q-one and q-two as the device stores them (`stored`), and q-three as another version. */
const ASSIGNMENT = sampleAssignment({
	questions: [
		{ storyId: STORY, questionId: 'q-one', fingerprint: '0123456789abcdef' },
		{ storyId: STORY, questionId: 'q-two', fingerprint: '0123456789abcdef' },
		{ storyId: STORY, questionId: 'q-three', fingerprint: 'fedcba9876543210' }
	]
});
const OTHER_ASSIGNMENT_ID = 'asg_9876543210';

const ref = (questionId: string, storyId = STORY): QuestionRef => ({ storyId, questionId });

/** An attempt at an assignment, as `assignmentAttempt` makes it, with fields changed. */
function taken(id: string, fields: Partial<Attempt> = {}, assignmentId = ASSIGNMENT.id): Attempt {
	return {
		...practice(id, ['q-one', 'q-two', 'q-three']),
		mode: 'assignment',
		assignment: { id: assignmentId, name: 'Ana Lopes' },
		...fields
	};
}

/** An answer in the store, as the quiz session writes it (with a score, which must not travel). */
function stored(questionId: string, answeredAt: number, fields: Partial<Answer> = {}): Answer {
	return {
		attemptId: 'attempt-1',
		questionId,
		storyId: STORY,
		category: 'dates',
		fingerprint: '0123456789abcdef',
		response: { value: true },
		score: 1,
		answeredAt,
		...fields
	};
}

/** Every key anywhere in a value, however deep. */
function keysIn(value: unknown): string[] {
	if (Array.isArray(value)) return value.flatMap(keysIn);
	if (value && typeof value === 'object')
		return Object.entries(value).flatMap(([key, item]) => [key, ...keysIn(item)]);
	return [];
}

describe('attemptsAt', () => {
	it('lists only this assignment’s attempts in assignment mode, oldest first', () => {
		const second = taken('b-second', { startedAt: NOW + 2_000, finishedAt: NOW + 3_000 });
		const first = taken('c-first', { startedAt: NOW, finishedAt: NOW + 1_000 });
		const third = taken('a-third', { startedAt: NOW + 4_000 });
		const other = taken('other', { startedAt: NOW }, OTHER_ASSIGNMENT_ID);
		// An attempt in practice mode that names the assignment is not an attempt at it.
		const practised = {
			...practice('practised', ['q-one']),
			assignment: { id: ASSIGNMENT.id, name: 'Ana' }
		};
		const plain = practice('plain', ['q-one']);

		const { all, open } = attemptsAt(
			[second, other, practised, third, plain, first],
			ASSIGNMENT.id
		);
		expect(all.map((a) => a.id)).toEqual(['c-first', 'b-second', 'a-third']);
		expect(open?.id).toBe('a-third');
	});

	it('orders attempts started at the same moment by id', () => {
		const { all } = attemptsAt([taken('b'), taken('a'), taken('c')], ASSIGNMENT.id);
		expect(all.map((a) => a.id)).toEqual(['a', 'b', 'c']);
	});

	it('has no open attempt when every one is finished, and none at all for another assignment', () => {
		const done = taken('done', { finishedAt: NOW + 1_000 });
		expect(attemptsAt([done], ASSIGNMENT.id)).toEqual({ all: [done], open: null });
		expect(attemptsAt([done], OTHER_ASSIGNMENT_ID)).toEqual({ all: [], open: null });
	});

	it('does not reorder the list it is given', () => {
		const list = [taken('b', { startedAt: NOW + 1 }), taken('a', { startedAt: NOW })];
		attemptsAt(list, ASSIGNMENT.id);
		expect(list.map((a) => a.id)).toEqual(['b', 'a']);
	});
});

describe('assignmentAttempt', () => {
	const refs = [ref('q-one'), ref('q-two', 'story-b')];
	const opts = { id: 'attempt-1', seed: 42, now: NOW, name: 'Ana Lopes' };

	it('is null without questions or without a name', () => {
		expect(assignmentAttempt(ASSIGNMENT, [], opts)).toBeNull();
		expect(assignmentAttempt(ASSIGNMENT, refs, { ...opts, name: '' })).toBeNull();
		expect(assignmentAttempt(ASSIGNMENT, refs, { ...opts, name: ' \t\n ' })).toBeNull();
	});

	it('makes an unfinished attempt in assignment mode under the trimmed name', () => {
		const made = assignmentAttempt(ASSIGNMENT, refs, { ...opts, name: '  Ana Lopes \n' });
		expect(made).toEqual({
			id: 'attempt-1',
			seed: 42,
			categories: [],
			questions: refs,
			position: 0,
			startedAt: NOW,
			updatedAt: NOW,
			finishedAt: null,
			mode: 'assignment',
			assignment: { id: ASSIGNMENT.id, name: 'Ana Lopes' }
		});
	});

	it('copies the questions, so changing the list given does not change the attempt', () => {
		const given = [ref('q-one'), ref('q-two')];
		const made = assignmentAttempt(ASSIGNMENT, given, opts)!;
		given[0]!.questionId = 'changed';
		given.push(ref('q-three'));
		expect(made.questions).toEqual([ref('q-one'), ref('q-two')]);
	});

	it('keeps only the reference of each question, not other fields given with it', () => {
		const pinned = [{ ...ref('q-one'), fingerprint: '0123456789abcdef' }];
		expect(assignmentAttempt(ASSIGNMENT, pinned, opts)!.questions).toEqual([ref('q-one')]);
	});
});

describe('handInPayload', () => {
	const attempt = taken('attempt-1', {
		questions: [ref('q-two'), ref('q-one', 'story-b'), ref('q-three')],
		startedAt: NOW,
		updatedAt: NOW + 5_000,
		finishedAt: NOW + 6_000
	});

	it('passes ResultPayloadSchema, with the name, the times, the digest and the attempt number', () => {
		const payload = handInPayload(ASSIGNMENT, attempt, [], { number: 2 });
		expect(v.is(ResultPayloadSchema, payload)).toBe(true);
		expect(payload).toMatchObject({
			assignmentId: ASSIGNMENT.id,
			assignmentDigest: assignmentDigest(ASSIGNMENT),
			name: 'Ana Lopes',
			attempt: 2,
			startedAt: NOW,
			finishedAt: NOW + 6_000,
			timedOut: false,
			answers: []
		});
	});

	it('hands in a stored response too large to travel as no response, so handing in never fails', () => {
		const long = stored('q-two', NOW + 1, { response: { text: 'x'.repeat(3_000) } });
		const payload = handInPayload(ASSIGNMENT, attempt, [long], { number: 1 });
		expect(v.is(ResultPayloadSchema, payload)).toBe(true);
		expect(payload.answers.map((a) => a.response)).toEqual([null]);
	});

	it('lists the attempt’s question ids in the order asked, answered or not', () => {
		const payload = handInPayload(ASSIGNMENT, attempt, [stored('q-three', NOW + 1)], {
			number: 1
		});
		expect(payload.asked).toEqual(['q-two', 'q-one', 'q-three']);
	});

	it('hands in only this attempt’s answers to questions it asked, by the time they were given', () => {
		const answers = [
			stored('q-three', NOW + 3_000, { response: { value: false }, score: 0 }),
			stored('q-one', NOW + 1_000, { storyId: 'story-b' }),
			stored('q-two', NOW + 2_000, { attemptId: 'another-attempt' }),
			stored('q-elsewhere', NOW + 500)
		];
		const payload = handInPayload(ASSIGNMENT, attempt, answers, { number: 1 });
		expect(payload.answers).toEqual([
			{ questionId: 'q-one', response: { value: true }, atSecond: 1 },
			{
				questionId: 'q-three',
				fingerprint: '0123456789abcdef',
				response: { value: false },
				atSecond: 3
			}
		]);
		expect(v.is(ResultPayloadSchema, payload)).toBe(true);
	});

	it('keeps "I don’t know", with no response', () => {
		const answers = [stored('q-two', NOW + 1, { response: null, score: 0, dontKnow: true })];
		const [given] = handInPayload(ASSIGNMENT, attempt, answers, { number: 1 }).answers;
		expect(given).toEqual({ questionId: 'q-two', response: null, dontKnow: true, atSecond: 0 });
	});

	it('names a fingerprint only when the student’s copy is not the pinned one', () => {
		const answers = [
			stored('q-one', NOW + 1),
			stored('q-two', NOW + 2, { fingerprint: 'fedcba9876543210' }),
			stored('q-three', NOW + 3, { fingerprint: 'fedcba9876543210' })
		];
		const payload = handInPayload(ASSIGNMENT, attempt, answers, { number: 1 });
		expect(payload.answers.map((a) => [a.questionId, a.fingerprint])).toEqual([
			['q-one', undefined],
			['q-two', 'fedcba9876543210'],
			['q-three', undefined]
		]);
		expect(payload.answers.map((a) => 'fingerprint' in a)).toEqual([false, true, false]);
	});

	it('counts an answer’s time in whole seconds from the start, rounded, either way', () => {
		const answers = [
			stored('q-one', NOW + 1_499),
			stored('q-two', NOW + 1_500),
			stored('q-three', NOW - 61_000)
		];
		const payload = handInPayload(ASSIGNMENT, attempt, answers, { number: 1 });
		expect(payload.answers.map((a) => [a.questionId, a.atSecond])).toEqual([
			['q-three', -61],
			['q-one', 1],
			['q-two', 2]
		]);
	});

	it('keeps an answer time far off the start (a clock changed) within the limit', () => {
		const answers = [stored('q-one', NOW + 10 * MAX_ANSWER_SECOND * 1000)];
		const payload = handInPayload(ASSIGNMENT, attempt, answers, { number: 1 });
		expect(payload.answers[0]!.atSecond).toBe(MAX_ANSWER_SECOND);
		expect(v.is(ResultPayloadSchema, payload)).toBe(true);
	});

	it('hands in a missing response as null', () => {
		const answers = [stored('q-two', NOW + 1, { response: undefined })];
		const payload = handInPayload(ASSIGNMENT, attempt, answers, { number: 1 });
		expect(payload.answers[0]!.response).toBeNull();
		expect(v.is(ResultPayloadSchema, payload)).toBe(true);
	});

	it.each([['fp-q-two'], ['0123456789ABCDEF'], ['0123456789abcde'], [''], [null]])(
		'hands in a stored fingerprint that is not one (%j) as null',
		(kept) => {
			const answers = [stored('q-two', NOW + 1, { fingerprint: kept })];
			const payload = handInPayload(ASSIGNMENT, attempt, answers, { number: 1 });
			expect(payload.answers[0]!.fingerprint).toBeNull();
			expect(v.is(ResultPayloadSchema, payload)).toBe(true);
		}
	);

	it('is late only when finished strictly after the due date', () => {
		const due = NOW + 6_000;
		const at = (finishedAt: number) =>
			handInPayload(sampleAssignment({ due }), taken('a', { finishedAt }), [], { number: 1 });
		expect(at(due - 1).late).toBe(false);
		expect(at(due).late).toBe(false);
		expect(at(due + 1).late).toBe(true);
		const undated = handInPayload(sampleAssignment({ due: null }), attempt, [], { number: 1 });
		expect(undated.late).toBe(false);
	});

	it('takes the last change as the finish of an attempt not finished', () => {
		const due = NOW + 5_500;
		const open = taken('a', { updatedAt: NOW + 6_000, finishedAt: null });
		const payload = handInPayload(sampleAssignment({ due }), open, [], { number: 1 });
		expect(payload.finishedAt).toBe(NOW + 6_000);
		expect(payload.late).toBe(true);
	});

	it('says whether the time ran out, from the attempt', () => {
		const ranOut = taken('a', {
			finishedAt: NOW + 1,
			assignment: { id: ASSIGNMENT.id, name: 'Ana', timedOut: true }
		});
		expect(handInPayload(ASSIGNMENT, ranOut, [], { number: 1 }).timedOut).toBe(true);
		expect(handInPayload(ASSIGNMENT, attempt, [], { number: 1 }).timedOut).toBe(false);
	});

	it('carries the digest of the assignment taken: another assignment gives another', () => {
		const longer = sampleAssignment({ timeLimitMinutes: 60 });
		const payload = handInPayload(longer, attempt, [], { number: 1 });
		expect(payload.assignmentDigest).toBe(assignmentDigest(longer));
		expect(payload.assignmentDigest).not.toBe(assignmentDigest(ASSIGNMENT));
	});

	it('holds no score, no note and no override anywhere', () => {
		const answers = [
			stored('q-two', NOW + 1, { score: 0.5, note: 'half right' }),
			stored('q-one', NOW + 2, { storyId: 'story-b', override: { from: 0, at: NOW + 3 } })
		];
		const payload = handInPayload(ASSIGNMENT, attempt, answers, { number: 1 });
		expect(payload.answers).toHaveLength(2);
		const keys = keysIn(payload);
		expect(keys).not.toContain('score');
		expect(keys).not.toContain('note');
		expect(keys).not.toContain('override');
		expect(keys).not.toContain('category');
		expect(keys).not.toContain('attemptId');
	});
});

describe('handInPayload, for any attempt and answers', () => {
	/** An attempt at the assignment: up to 20 questions, under any name, at any times. */
	const anyAttempt = fc
		.record({
			ids: fc.uniqueArray(contentId, { minLength: 1, maxLength: 20 }),
			storyId: contentId,
			name: filled(80),
			startedAt: millis,
			updatedAt: millis,
			finishedAt: fc.option(millis, { nil: null }),
			timedOut: fc.boolean()
		})
		.map((r) => {
			const made = assignmentAttempt(
				ASSIGNMENT,
				r.ids.map((id) => ref(id, r.storyId)),
				{ id: 'attempt-1', seed: 1, now: r.startedAt, name: r.name }
			)!;
			return {
				...made,
				updatedAt: r.updatedAt,
				finishedAt: r.finishedAt,
				assignment: { ...made.assignment!, ...(r.timedOut ? { timedOut: true as const } : {}) }
			};
		});

	/** What the store holds: at most one answer per question and attempt, this one's or another's. */
	const anyAnswers = (attempt: Attempt) =>
		fc.uniqueArray(
			fc.record({
				attemptId: fc.constantFrom(attempt.id, 'another-attempt'),
				questionId: fc.oneof(
					fc.constantFrom(...attempt.questions.map((q) => q.questionId)),
					contentId
				),
				storyId: contentId,
				category: fc.constantFrom('dates' as const, 'quotes' as const),
				fingerprint: fc.oneof(fingerprint, fc.constant(null), fc.string({ maxLength: 20 })),
				response: anyResponse,
				score: fc.double({ min: 0, max: 1, noNaN: true }),
				answeredAt: millis,
				dontKnow: fc.option(fc.constant(true as const), { nil: undefined })
			}),
			{ maxLength: 30, selector: (a) => `${a.attemptId}/${a.questionId}` }
		);

	const cases = anyAttempt.chain((attempt) =>
		fc.record({
			attempt: fc.constant(attempt),
			answers: anyAnswers(attempt),
			number: fc.integer({ min: 1, max: 20 }),
			due: fc.option(millis, { nil: null })
		})
	);

	it('always passes ResultPayloadSchema and comes back whole through encodePayload', () => {
		fc.assert(
			fc.property(cases, ({ attempt, answers, number, due }) => {
				const assignment = sampleAssignment({ due });
				const payload = handInPayload(assignment, attempt, answers, { number });
				expect(v.safeParse(ResultPayloadSchema, payload).issues).toBeUndefined();
				expect(decodePayload(encodePayload(payload))).toEqual({ ok: true, value: payload });

				const mine = answers.filter(
					(a) =>
						a.attemptId === attempt.id &&
						attempt.questions.some((q) => q.questionId === a.questionId)
				);
				expect(payload.answers).toHaveLength(mine.length);
				const times = payload.answers.map((a) => a.atSecond);
				expect(times).toEqual([...times].sort((a, b) => a - b));
				const pins = new Map(assignment.questions.map((q) => [q.questionId, q.fingerprint]));
				for (const given of payload.answers)
					expect('fingerprint' in given).toBe(given.fingerprint !== pins.get(given.questionId));
				expect(keysIn(payload)).not.toContain('score');
			}),
			{ numRuns: 200 }
		);
	});
});
