import { beforeEach, describe, expect, it, vi } from 'vitest';
import { QuizSession, startAttempt, type SessionDeps } from '$lib/app/quiz-session.svelte';
import type { Category, Question } from '$lib/content/model';
import type { Outlet } from '$lib/question-types';
import type { Answer, Attempt, Banks, QuestionRef } from '$lib/quiz/attempt';
import { startingResponse } from '$lib/quiz/scoring';
import { MemoryProgressStore, type ProgressStore } from '$lib/storage/progress-store';

/** The fields every question has; the fingerprint is made up, one per question. */
function common(id: string, category: Category) {
	return {
		id,
		category,
		prompt: `What about ${id}?`,
		explanation: 'Because the passage says so.',
		difficulty: 1 as const,
		actors: [],
		outlets: [],
		evidence: [{ source: 'some-source', quote: 'a passage' }],
		fingerprint: `fp-${id}`
	};
}

function single(id: string, category: Category = 'dates'): Question {
	return { ...common(id, category), type: 'single', options: ['1990', '1991'], answer: '1990' };
}

function order(id: string, category: Category = 'dates'): Question {
	return { ...common(id, category), type: 'order', items: ['first', 'second', 'third', 'fourth'] };
}

function truefalse(id: string, category: Category = 'actors'): Question {
	return { ...common(id, category), type: 'truefalse', answer: true };
}

function source(id: string, answer: string[]): Question {
	return { ...common(id, 'sources'), type: 'source', answer };
}

const outletsA: Outlet[] = [{ id: 'a-wire', outlet: 'A Wire' }];
const outletsB: Outlet[] = [
	{ id: 'b-times', outlet: 'B Times' },
	{ id: 'b-post', outlet: 'B Post' }
];

const storyA = [
	single('a-single'),
	order('a-order'),
	truefalse('a-tf'),
	source('a-source', ['a-wire'])
];
const storyB = [source('b-source', ['b-times', 'b-post']), truefalse('b-tf')];

const banks: Banks = new Map([
	['story-a', { questions: storyA, outlets: outletsA }],
	['story-b', { questions: storyB, outlets: outletsB }]
]);

const ref = (storyId: string, questionId: string): QuestionRef => ({ storyId, questionId });
const a = (questionId: string) => ref('story-a', questionId);

function attemptOf(questions: QuestionRef[], overrides: Partial<Attempt> = {}): Attempt {
	return {
		id: 'attempt-1',
		seed: 7,
		categories: [],
		questions,
		position: 0,
		startedAt: 1_000,
		updatedAt: 1_000,
		finishedAt: null,
		...overrides
	};
}

/** A memory store that says it is the device's, as the IndexedDB store does. */
function onDevice(inner: ProgressStore = new MemoryProgressStore()): ProgressStore {
	return {
		kind: 'device',
		saveAttempt: (x) => inner.saveAttempt(x),
		getAttempt: (id) => inner.getAttempt(id),
		listAttempts: () => inner.listAttempts(),
		answersFor: (id) => inner.answersFor(id),
		readAll: () => inner.readAll(),
		recordAnswer: (x) => inner.recordAnswer(x),
		questionStats: () => inner.questionStats()
	};
}

/** A clock that moves on a second each time it is read, starting at 10 000. */
let clock: number;
function makeDeps() {
	return {
		now: vi.fn(() => (clock += 1_000)),
		keepData: vi.fn<SessionDeps['keepData']>()
	};
}

beforeEach(() => {
	clock = 9_000;
});

/** Saves the attempt and starts a session on it. */
async function begin(
	questions: QuestionRef[],
	opts: { store?: ProgressStore; attempt?: Partial<Attempt>; answers?: Answer[] } = {}
) {
	const store = opts.store ?? new MemoryProgressStore();
	const attempt = attemptOf(questions, opts.attempt);
	await store.saveAttempt(attempt);
	for (const x of opts.answers ?? []) await store.recordAnswer(x);
	const deps = makeDeps();
	const session = new QuizSession(store, attempt, opts.answers ?? [], banks, deps);
	return { store, session, deps };
}

/** Gives the perfect answer to the question on screen and checks it. */
async function answerRight(session: QuizSession) {
	const q = session.question;
	const perfect: Record<Question['type'], unknown> = {
		single: { choice: q.type === 'single' ? q.answer : null },
		order: { order: q.type === 'order' ? [...q.items] : [] },
		truefalse: { value: q.type === 'truefalse' ? q.answer : null },
		source: { sources: q.type === 'source' ? [...q.answer] : [] },
		multi: null,
		date: null,
		number: null,
		match: null,
		text: null
	};
	session.setDraft(perfect[q.type]);
	expect(await session.check()).toBe(true);
}

describe('QuizSession.check', () => {
	it('refuses an incomplete response, says so, and writes nothing', async () => {
		const { store, session, deps } = await begin([a('a-single'), a('a-tf')]);
		expect(session.draft).toBeUndefined();
		expect(await session.check()).toBe(false);
		expect(session.incomplete).toBe(true);
		expect(session.answer).toBeUndefined();

		session.setDraft({ choice: null });
		expect(session.incomplete).toBe(false);
		expect(await session.check()).toBe(false);
		expect(session.incomplete).toBe(true);

		expect(await store.answersFor('attempt-1')).toEqual([]);
		expect(await store.questionStats()).toEqual([]);
		expect(deps.now).not.toHaveBeenCalled();
	});

	it('writes a complete answer with the question’s fingerprint, story and score', async () => {
		const { store, session } = await begin([a('a-single'), a('a-tf')]);
		session.setDraft({ choice: '1990' });
		expect(await session.check()).toBe(true);

		const expected: Answer = {
			attemptId: 'attempt-1',
			questionId: 'a-single',
			storyId: 'story-a',
			category: 'dates',
			fingerprint: 'fp-a-single',
			response: { choice: '1990' },
			score: 1,
			answeredAt: 10_000
		};
		expect(session.incomplete).toBe(false);
		expect(session.answer).toEqual(expected);
		expect(session.answeredCount).toBe(1);
		expect(session.pendingWrites).toBe(0);
		expect(await store.answersFor('attempt-1')).toEqual([expected]);
		expect(session.attempt.updatedAt).toBe(10_000);
		expect((await store.getAttempt('attempt-1'))?.updatedAt).toBe(10_000);
		expect(await store.questionStats()).toEqual([
			expect.objectContaining({ questionId: 'a-single', storyId: 'story-a', seen: 1, right: 1 })
		]);
	});

	it('scores a wrong answer 0', async () => {
		const { store, session } = await begin([a('a-single')]);
		session.setDraft({ choice: '1991' });
		expect(await session.check()).toBe(true);
		expect(session.answer?.score).toBe(0);
		expect((await store.answersFor('attempt-1'))[0]).toMatchObject({
			response: { choice: '1991' },
			score: 0
		});
	});

	it('stores a copy of the response, not the draft itself', async () => {
		const { store, session } = await begin([a('a-source')]);
		const draft = { sources: ['a-wire'] };
		session.setDraft(draft);
		await session.check();
		draft.sources.push('b-times');
		(session.draft as { sources: string[] }).sources.push('b-post');
		expect((await store.answersFor('attempt-1'))[0]!.response).toEqual({ sources: ['a-wire'] });
	});

	it('keeps the first answer when Check is pressed again', async () => {
		const { store, session, deps } = await begin([a('a-single'), a('a-tf')]);
		session.setDraft({ choice: '1990' });
		await session.check();
		const first = session.answer;

		session.setDraft({ choice: '1991' });
		expect(await session.check()).toBe(true);
		expect(session.answer).toEqual(first);
		expect(await store.answersFor('attempt-1')).toEqual([first]);
		expect(deps.now).toHaveBeenCalledTimes(1);
	});

	it('counts the write as pending until the store has it', async () => {
		const inner = new MemoryProgressStore();
		let release = () => {};
		const slow: ProgressStore = {
			...onDevice(inner),
			recordAnswer: async (x) => {
				await new Promise<void>((resolve) => (release = resolve));
				await inner.recordAnswer(x);
			}
		};
		const { session } = await begin([a('a-single')], { store: slow });
		session.setDraft({ choice: '1990' });
		const checking = session.check();
		expect(session.pendingWrites).toBe(1);
		// The answer shows at once, before the write is done.
		expect(session.answer?.score).toBe(1);
		release();
		expect(await checking).toBe(true);
		expect(session.pendingWrites).toBe(0);
		expect(await inner.answersFor('attempt-1')).toHaveLength(1);
	});
});

describe('QuizSession.next', () => {
	it('does nothing before the question is answered', async () => {
		const { store, session, deps } = await begin([a('a-single'), a('a-tf')]);
		await session.next();
		expect(session.index).toBe(0);
		expect(session.attempt.position).toBe(0);
		expect(await store.getAttempt('attempt-1')).toEqual(attemptOf([a('a-single'), a('a-tf')]));
		expect(deps.now).not.toHaveBeenCalled();
	});

	it('moves to the next question by reference and writes the attempt', async () => {
		const { store, session } = await begin([a('a-single'), a('a-order'), a('a-tf')]);
		await answerRight(session);
		session.setDraft({ choice: null });
		await session.next();

		expect(session.index).toBe(1);
		expect(session.question.id).toBe('a-order');
		expect(session.attempt).toMatchObject({ position: 1, updatedAt: 11_000, finishedAt: null });
		expect(session.incomplete).toBe(false);
		expect(session.draft).toEqual(startingResponse(order('a-order'), 7));
		expect(session.finished).toBe(false);
		expect(await store.getAttempt('attempt-1')).toEqual(session.attempt);
	});

	it.each([
		['device', () => onDevice(), 1],
		['memory', () => new MemoryProgressStore(), 0]
	] as const)(
		'finishes after the last question; on a %s store asks to keep data %i times',
		async (_kind, makeStore, keeps) => {
			const { store, session, deps } = await begin([a('a-single'), a('a-tf')], {
				store: makeStore()
			});
			expect(session.persistent).toBe(keeps === 1);
			await answerRight(session);
			await session.next();
			expect(session.isLast).toBe(true);
			await answerRight(session);
			expect(deps.keepData).not.toHaveBeenCalled();

			await session.next();
			expect(session.finished).toBe(true);
			expect(session.attempt.finishedAt).toBe(clock);
			expect(session.attempt.updatedAt).toBe(clock);
			expect(session.draft).toBeUndefined();
			expect(await store.getAttempt('attempt-1')).toMatchObject({
				position: 1,
				finishedAt: clock,
				updatedAt: clock
			});
			expect(deps.keepData).toHaveBeenCalledTimes(keeps);
			expect(session.summary).toMatchObject({ asked: 2, answered: 2, points: 2, accuracy: 1 });
		}
	);
});

describe('resuming a QuizSession', () => {
	async function reopen(store: ProgressStore, deps = makeDeps()) {
		const attempt = (await store.getAttempt('attempt-1'))!;
		return new QuizSession(store, attempt, await store.answersFor('attempt-1'), banks, deps);
	}

	it('lands on the same question with the same starting draft', async () => {
		const { store, session } = await begin([a('a-single'), a('a-order'), a('a-tf')]);
		await answerRight(session);
		await session.next();
		const shown = JSON.parse(JSON.stringify(session.draft)) as { order: string[] };
		// An order never starts already right.
		expect(shown.order).not.toEqual(['first', 'second', 'third', 'fourth']);

		const again = await reopen(store);
		expect(again.index).toBe(1);
		expect(again.question.id).toBe('a-order');
		expect(again.draft).toEqual(shown);
		expect(again.answeredCount).toBe(1);
		expect(again.answers['a-single']).toEqual(session.answers['a-single']);
	});

	it('shows an answered question as answered, with no draft, until Next', async () => {
		const { store, session } = await begin([a('a-single'), a('a-order'), a('a-tf')]);
		await answerRight(session);

		const again = await reopen(store);
		expect(again.question.id).toBe('a-single');
		expect(again.answer).toEqual(session.answer);
		expect(again.draft).toBeUndefined();
		await again.next();
		expect(again.question.id).toBe('a-order');
	});

	it('shows a finished attempt as finished', async () => {
		const { store, session } = await begin([a('a-tf')]);
		await answerRight(session);
		await session.next();
		const again = await reopen(store);
		expect(again.finished).toBe(true);
		expect(again.summary).toMatchObject({ asked: 1, answered: 1, points: 1 });
	});
});

describe('a QuizSession with questions the banks no longer hold', () => {
	const refs = [a('a-single'), a('gone'), ref('story-gone', 'elsewhere'), a('a-tf')];

	it('passes over them', async () => {
		const { session } = await begin(refs);
		expect(session.total).toBe(2);
		expect(session.items.map((i) => i.question.id)).toEqual(['a-single', 'a-tf']);
		expect(session.missing).toEqual([a('gone'), ref('story-gone', 'elsewhere')]);
		expect(session.index).toBe(0);

		await answerRight(session);
		await session.next();
		expect(session.attempt.position).toBe(3);
		expect(session.index).toBe(1);
		expect(session.isLast).toBe(true);
		expect(session.question.id).toBe('a-tf');
	});

	it('starts on the next question it holds when the position names a missing one', async () => {
		const { session } = await begin(refs, { attempt: { position: 1 } });
		expect(session.index).toBe(1);
		expect(session.question.id).toBe('a-tf');
	});

	it('counts only the answers to questions it holds', async () => {
		const answers: Answer[] = ['a-single', 'gone'].map((questionId) => ({
			attemptId: 'attempt-1',
			questionId,
			storyId: 'story-a',
			category: 'dates',
			fingerprint: `fp-${questionId}`,
			response: { choice: '1990' },
			score: 1,
			answeredAt: 2_000
		}));
		const { session } = await begin(refs, { answers });
		expect(session.answeredCount).toBe(1);
		expect(session.total).toBe(2);
	});

	it('has nothing to check when the banks hold none of its questions', async () => {
		const { session, store } = await begin([a('gone')]);
		expect(session.total).toBe(0);
		expect(session.item).toBeUndefined();
		expect(session.outlets).toEqual([]);
		expect(session.draft).toBeUndefined();
		expect(await session.check()).toBe(false);
		expect(await store.answersFor('attempt-1')).toEqual([]);
	});
});

describe('a QuizSession mixing stories', () => {
	it('resolves each question with its own story’s outlets and writes its own story', async () => {
		const { store, session } = await begin([a('a-source'), ref('story-b', 'b-source')]);
		expect(session.outlets).toEqual(outletsA);
		session.setDraft({ sources: ['a-wire'] });
		await session.check();
		expect(session.answer).toMatchObject({ storyId: 'story-a', score: 1 });
		await session.next();

		expect(session.question.id).toBe('b-source');
		expect(session.outlets).toEqual(outletsB);
		session.setDraft({ sources: ['b-times'] });
		await session.check();
		expect(session.answer).toMatchObject({
			storyId: 'story-b',
			fingerprint: 'fp-b-source',
			score: 0
		});
		const stored = await store.answersFor('attempt-1');
		expect(Object.fromEntries(stored.map((x) => [x.questionId, x.storyId]))).toEqual({
			'a-source': 'story-a',
			'b-source': 'story-b'
		});
	});
});

describe('startAttempt', () => {
	const deps = { now: () => 5_000, newId: () => 'new-attempt', newSeed: () => 99 };

	it('plans and saves an attempt at one story, and returns its id', async () => {
		const store = new MemoryProgressStore();
		const id = await startAttempt(
			store,
			'story-a',
			storyA,
			{ categories: ['dates', 'sources'], length: 5 },
			deps
		);
		expect(id).toBe('new-attempt');
		const saved = (await store.getAttempt('new-attempt'))!;
		expect(saved).toMatchObject({
			id: 'new-attempt',
			seed: 99,
			categories: ['dates', 'sources'],
			position: 0,
			startedAt: 5_000,
			updatedAt: 5_000,
			finishedAt: null
		});
		const wanted = storyA.filter((q) => q.category === 'dates' || q.category === 'sources');
		expect(saved.questions).toHaveLength(wanted.length);
		expect(saved.questions.every((r) => r.storyId === 'story-a')).toBe(true);
		expect(saved.questions.map((r) => r.questionId).sort()).toEqual(wanted.map((q) => q.id).sort());
	});

	it('returns null and saves nothing when the chosen sections have no questions', async () => {
		const store = new MemoryProgressStore();
		const id = await startAttempt(
			store,
			'story-a',
			storyA,
			{ categories: ['quotes'], length: 5 },
			deps
		);
		expect(id).toBeNull();
		expect(await store.listAttempts()).toEqual([]);
	});

	it('returns null for a story with no questions at all', async () => {
		const store = new MemoryProgressStore();
		expect(
			await startAttempt(store, 'story-a', [], { categories: [], length: 5 }, deps)
		).toBeNull();
		expect(await store.listAttempts()).toEqual([]);
	});
});
