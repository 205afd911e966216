import 'fake-indexeddb/auto';
import { IDBFactory, IDBObjectStore as FakeIDBObjectStore } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
	ADVANCE_GUARD_MS,
	DRAFT_DELAY_MS,
	QuizSession,
	startAttempt,
	startPractice,
	type SessionDeps
} from '$lib/app/quiz-session.svelte';
import type { Category, Question } from '$lib/content/model';
import type { Outlet } from '$lib/question-types';
import {
	scoreAttempt,
	type Answer,
	type Attempt,
	type Banks,
	type QuestionRef
} from '$lib/quiz/attempt';
import { attemptRows, progressSummary, resumable } from '$lib/quiz/progress';
import { startingResponse } from '$lib/quiz/scoring';
import { openBylineDB } from '$lib/storage/db';
import { StorageError, type StorageFailure } from '$lib/storage/errors';
import {
	IdbProgressStore,
	MemoryProgressStore,
	type ProgressStore
} from '$lib/storage/progress-store';

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
		evidence: [{ source: 'some-source', quote: 'a passage', context: { before: '', after: '' } }],
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

/** A typed answer, the one kind a student may override ("I was right"). */
function text(id: string, category: Category = 'quotes'): Question {
	return { ...common(id, category), type: 'text', answers: ['Hultquist'], titles: [] };
}

const outletsA: Outlet[] = [{ id: 'a-wire', outlet: 'A Wire', name: 'The A Wire Service' }];
const outletsB: Outlet[] = [
	{ id: 'b-times', outlet: 'B Times', name: 'The B Times' },
	{ id: 'b-post', outlet: 'B Post', name: 'The B Post' }
];

const storyA = [
	single('a-single'),
	order('a-order'),
	truefalse('a-tf'),
	source('a-source', ['a-wire'])
];
const storyB = [source('b-source', ['b-times', 'b-post']), truefalse('b-tf')];
/** Typed questions, in story A's bank but not in `storyA`, which the startAttempt tests plan from. */
const typed = [text('a-text'), text('a-text-2')];

const banks: Banks = new Map([
	['story-a', { questions: [...storyA, ...typed], outlets: outletsA }],
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
		mode: 'practice',
		...overrides
	};
}

function answerTo(questionId: string, overrides: Partial<Answer> = {}): Answer {
	return {
		attemptId: 'attempt-1',
		questionId,
		storyId: 'story-a',
		category: 'dates',
		fingerprint: `fp-${questionId}`,
		response: { choice: '1990' },
		score: 1,
		answeredAt: 2_000,
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
		attemptPage: (offset, limit) => inner.attemptPage(offset, limit),
		answersForAttempts: (ids) => inner.answersForAttempts(ids),
		recordAnswer: (x) => inner.recordAnswer(x),
		questionStats: () => inner.questionStats(),
		questionStat: (id) => inner.questionStat(id),
		saveDraft: (id, draft) => inner.saveDraft(id, draft),
		overrideAnswer: (id, questionId, at) => inner.overrideAnswer(id, questionId, at),
		studyPrefs: () => inner.studyPrefs(),
		saveStudyPrefs: (prefs) => inner.saveStudyPrefs(prefs),
		ensureSchedules: () => inner.ensureSchedules()
	};
}

/**
 * A device store whose writes can be told to fail: each error given to `failNextWrite` is thrown
 * by the next write (saveAttempt, recordAnswer or overrideAnswer), and each given to
 * `failNextDraft` by the next saveDraft; the failing write writes nothing.
 */
function faulty(inner: ProgressStore = new MemoryProgressStore()) {
	const failures: unknown[] = [];
	const draftFailures: unknown[] = [];
	const failIfTold = (queue: unknown[] = failures) => {
		if (queue.length) throw queue.shift();
	};
	const store: ProgressStore = {
		...onDevice(inner),
		saveAttempt: async (x) => {
			failIfTold();
			return inner.saveAttempt(x);
		},
		recordAnswer: async (x) => {
			failIfTold();
			return inner.recordAnswer(x);
		},
		overrideAnswer: async (id, questionId, at) => {
			failIfTold();
			return inner.overrideAnswer(id, questionId, at);
		},
		saveDraft: async (id, draft) => {
			failIfTold(draftFailures);
			return inner.saveDraft(id, draft);
		}
	};
	return {
		store,
		inner,
		failNextWrite: (error: unknown) => void failures.push(error),
		failNextDraft: (error: unknown) => void draftFailures.push(error)
	};
}

/** A device store whose writes wait, once `hold` is called, until `release` is. */
function held(inner: ProgressStore = new MemoryProgressStore()) {
	let holding = false;
	const waiting: (() => void)[] = [];
	const gate = () =>
		holding ? new Promise<void>((resolve) => waiting.push(resolve)) : Promise.resolve();
	const store: ProgressStore = {
		...onDevice(inner),
		saveAttempt: async (x) => {
			await gate();
			return inner.saveAttempt(x);
		},
		recordAnswer: async (x) => {
			await gate();
			return inner.recordAnswer(x);
		}
	};
	return {
		store,
		inner,
		hold: () => void (holding = true),
		release: () => {
			holding = false;
			for (const go of waiting.splice(0)) go();
		}
	};
}

/**
 * The clock: each read moves it on by `step` (a second unless a test says otherwise), so every
 * time stamp differs. A test of the double-tap guard sets the step to 0 and moves it by hand.
 */
let clock: number;
let step: number;
function makeDeps() {
	return {
		now: vi.fn(() => (clock += step)),
		keepData: vi.fn<SessionDeps['keepData']>()
	};
}

let warn: ReturnType<typeof vi.spyOn>;

beforeEach(() => {
	clock = 9_000;
	step = 1_000;
	warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
});

afterEach(() => {
	vi.restoreAllMocks();
});

/** Saves the attempt (and its answers) and opens a session on it, as the quiz page does. */
async function begin(
	questions: QuestionRef[],
	opts: {
		store?: ProgressStore;
		attempt?: Partial<Attempt>;
		answers?: Answer[];
		banks?: Banks;
	} = {}
) {
	const store = opts.store ?? new MemoryProgressStore();
	const attempt = attemptOf(questions, opts.attempt);
	await store.saveAttempt(attempt);
	for (const x of opts.answers ?? []) await store.recordAnswer(x);
	const deps = makeDeps();
	const session = await QuizSession.open(
		store,
		attempt,
		opts.answers ?? [],
		opts.banks ?? banks,
		deps
	);
	return { store, session, deps };
}

/** The perfect response to a question. */
function perfect(q: Question): unknown {
	switch (q.type) {
		case 'single':
			return { choice: q.answer };
		case 'order':
			return { order: [...q.items] };
		case 'truefalse':
			return { value: q.answer };
		case 'source':
			return { sources: [...q.answer] };
		case 'text':
			return { text: q.answers[0] };
		default:
			throw new Error(`no perfect response for ${q.type} here`);
	}
}

/** Gives the perfect answer to the question on screen and checks it. */
async function answerRight(session: QuizSession) {
	session.setDraft(perfect(session.question));
	expect(await session.check()).toBe(true);
}

/** Lets the double-tap guard pass, then moves on; fails the test if the session did not move. */
async function moveOn(session: QuizSession) {
	clock += ADVANCE_GUARD_MS;
	expect(await session.next()).toBe(true);
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

		const expected: Answer = answerTo('a-single', { answeredAt: 10_000 });
		expect(session.incomplete).toBe(false);
		expect(session.failure).toBeNull();
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

	it('keeps the first answer when Check is pressed again, without writing', async () => {
		const { store, session, deps } = await begin([a('a-single'), a('a-tf')]);
		session.setDraft({ choice: '1990' });
		await session.check();
		const first = session.answer;
		const reads = deps.now.mock.calls.length;
		const record = vi.spyOn(store, 'recordAnswer');

		session.setDraft({ choice: '1991' });
		expect(await session.check()).toBe(true);
		expect(session.answer).toEqual(first);
		expect(await store.answersFor('attempt-1')).toEqual([first]);
		expect(record).not.toHaveBeenCalled();
		expect(deps.now).toHaveBeenCalledTimes(reads);
	});

	it('counts the write as pending until the store has it, and shows the answer only then', async () => {
		const { store, inner, hold, release } = held();
		const { session } = await begin([a('a-single')], { store });
		hold();
		session.setDraft({ choice: '1990' });
		const checking = session.check();
		expect(session.pendingWrites).toBe(1);
		// Write first, show after: nothing is shown that the store might not keep.
		expect(session.answer).toBeUndefined();
		expect(session.answeredCount).toBe(0);
		release();
		expect(await checking).toBe(true);
		expect(session.pendingWrites).toBe(0);
		expect(session.answer?.score).toBe(1);
		expect(await inner.answersFor('attempt-1')).toHaveLength(1);
	});

	it('ignores a second Check and a Next while the first write is under way', async () => {
		const { store, inner, hold, release } = held();
		const { session } = await begin([a('a-single'), a('a-tf')], { store });
		const record = vi.spyOn(inner, 'recordAnswer');
		const save = vi.spyOn(inner, 'saveAttempt');
		hold();
		session.setDraft({ choice: '1990' });
		const first = session.check();
		expect(await session.check()).toBe(false);
		clock += ADVANCE_GUARD_MS;
		expect(await session.next()).toBe(false);
		release();
		expect(await first).toBe(true);
		expect(record).toHaveBeenCalledTimes(1);
		expect(save).not.toHaveBeenCalled();
		expect(session.question.id).toBe('a-single');
		expect(await inner.answersFor('attempt-1')).toHaveLength(1);
	});
});

describe('QuizSession.check when the write fails', () => {
	it.each<StorageFailure>(['quota', 'timeout', 'upgraded-elsewhere', 'cleared', 'unknown'])(
		'does not show the answer, says why (%s), and returns false',
		async (failure) => {
			const { store, inner, failNextWrite } = faulty();
			const { session } = await begin([a('a-single'), a('a-tf')], { store });
			session.setDraft({ choice: '1991' });
			failNextWrite(new StorageError(failure));

			expect(await session.check()).toBe(false);
			expect(session.failure).toBe(failure);
			expect(session.answer).toBeUndefined();
			expect(session.answers).toEqual({});
			expect(session.answeredCount).toBe(0);
			expect(session.pendingWrites).toBe(0);
			expect(session.incomplete).toBe(false);
			expect(session.canAdvance).toBe(false);
			// The response stays, ready to be checked again.
			expect(session.draft).toEqual({ choice: '1991' });
			expect(await inner.answersFor('attempt-1')).toEqual([]);
			expect(await inner.questionStats()).toEqual([]);
			expect(warn).toHaveBeenCalledTimes(1);
		}
	);

	it('saves the answer on a second Check once the store recovers, and clears the failure', async () => {
		const { store, inner, failNextWrite } = faulty();
		const { session } = await begin([a('a-single'), a('a-tf')], { store });
		session.setDraft({ choice: '1990' });
		failNextWrite(new StorageError('quota'));
		expect(await session.check()).toBe(false);
		expect(session.failure).toBe('quota');

		expect(await session.check()).toBe(true);
		expect(session.failure).toBeNull();
		expect(session.answer).toMatchObject({ questionId: 'a-single', score: 1 });
		expect(await inner.answersFor('attempt-1')).toEqual([session.answer]);
		expect((await inner.questionStats())[0]).toMatchObject({ seen: 1, right: 1 });
	});

	it('names a failure that is not a StorageError “unknown”', async () => {
		const { store, failNextWrite } = faulty();
		const { session } = await begin([a('a-single')], { store });
		session.setDraft({ choice: '1990' });
		failNextWrite(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
		expect(await session.check()).toBe(false);
		// Stores classify what they throw; anything else is not guessed at.
		expect(session.failure).toBe('unknown');
	});

	describe('on the device’s IndexedDB store', () => {
		beforeEach(() => {
			globalThis.indexedDB = new IDBFactory();
		});

		it('says the device is full when a write throws QuotaExceededError, then saves on retry', async () => {
			const db = await openBylineDB();
			try {
				const store = new IdbProgressStore(db);
				const { session } = await begin([a('a-single'), a('a-tf')], { store });
				const put = vi.spyOn(FakeIDBObjectStore.prototype, 'put').mockImplementationOnce(() => {
					throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
				});
				session.setDraft({ choice: '1990' });
				expect(await session.check()).toBe(false);
				expect(put).toHaveBeenCalledTimes(1);
				expect(session.failure).toBe('quota');
				expect(session.answer).toBeUndefined();
				expect(await store.answersFor('attempt-1')).toEqual([]);

				expect(await session.check()).toBe(true);
				expect(session.failure).toBeNull();
				expect(await store.answersFor('attempt-1')).toEqual([session.answer]);
			} finally {
				db.close();
			}
		});
	});
});

describe('QuizSession.dontKnow', () => {
	it('records an answer scored 0, marked “I don’t know”, with no response', async () => {
		const { store, session } = await begin([a('a-single'), a('a-tf')]);
		expect(await session.dontKnow()).toBe(true);

		const expected = answerTo('a-single', {
			response: null,
			score: 0,
			dontKnow: true,
			answeredAt: 10_000
		});
		expect(session.answer).toEqual(expected);
		expect(session.answers).toEqual({ 'a-single': expected });
		expect(session.answeredCount).toBe(1);
		expect(session.incomplete).toBe(false);
		expect(session.failure).toBeNull();
		expect(session.pendingWrites).toBe(0);
		expect(session.attempt.updatedAt).toBe(10_000);
		expect(await store.answersFor('attempt-1')).toEqual([expected]);
		expect(await store.questionStats()).toEqual([
			expect.objectContaining({ questionId: 'a-single', seen: 1, right: 0, scoreSum: 0 })
		]);
	});

	it('clears the “answer first” hint that an incomplete Check gave', async () => {
		const { session } = await begin([a('a-single'), a('a-tf')]);
		expect(await session.check()).toBe(false);
		expect(session.incomplete).toBe(true);
		expect(await session.dontKnow()).toBe(true);
		expect(session.incomplete).toBe(false);
	});

	it('needs no response, and ignores a half-made one', async () => {
		const { session } = await begin([a('a-source')]);
		session.setDraft({ sources: ['a-wire'] });
		expect(await session.dontKnow()).toBe(true);
		expect(session.answer).toMatchObject({ response: null, score: 0, dontKnow: true });
	});

	it('shows the feedback like Check: Next waits for the guard, then moves on', async () => {
		step = 0;
		const { session } = await begin([a('a-single'), a('a-tf')]);
		expect(await session.dontKnow()).toBe(true);
		expect(session.canAdvance).toBe(false);
		expect(await session.next()).toBe(false);
		clock += ADVANCE_GUARD_MS;
		expect(session.canAdvance).toBe(true);
		expect(await session.next()).toBe(true);
		expect(session.question.id).toBe('a-tf');
		expect(session.summary).toMatchObject({ answered: 1, points: 0, toPractise: 2 });
	});

	it('keeps the answer already given, and writes nothing', async () => {
		const { store, session } = await begin([a('a-single'), a('a-tf')]);
		await answerRight(session);
		const given = session.answer;
		const record = vi.spyOn(store, 'recordAnswer');
		expect(await session.dontKnow()).toBe(true);
		expect(session.answer).toEqual(given);
		expect(record).not.toHaveBeenCalled();
	});

	it('shows nothing when the write fails, says why, and saves on a retry', async () => {
		const { store, inner, failNextWrite } = faulty();
		const { session } = await begin([a('a-single')], { store });
		failNextWrite(new StorageError('quota'));
		expect(await session.dontKnow()).toBe(false);
		expect(session.failure).toBe('quota');
		expect(session.answer).toBeUndefined();
		expect(await inner.answersFor('attempt-1')).toEqual([]);

		expect(await session.dontKnow()).toBe(true);
		expect(session.failure).toBeNull();
		expect(await inner.answersFor('attempt-1')).toEqual([session.answer]);
	});

	it('does nothing while a write is under way', async () => {
		const { store, inner, hold, release } = held();
		const { session } = await begin([a('a-single')], { store });
		hold();
		session.setDraft({ choice: '1990' });
		const checking = session.check();
		expect(await session.dontKnow()).toBe(false);
		release();
		expect(await checking).toBe(true);
		expect(await inner.answersFor('attempt-1')).toEqual([
			expect.objectContaining({ score: 1, response: { choice: '1990' } })
		]);
	});
});

describe('QuizSession.override (“I was right”)', () => {
	/** A session that has just marked a typed answer wrong. */
	async function typedWrong(opts: Parameters<typeof begin>[1] = {}) {
		const started = await begin([a('a-text'), a('a-single')], opts);
		started.session.setDraft({ text: 'Smith' });
		expect(await started.session.check()).toBe(true);
		expect(started.session.answer).toMatchObject({ score: 0, response: { text: 'Smith' } });
		return started;
	}

	it('marks a typed answer marked wrong right, in a practice quiz, and shows it so', async () => {
		const { store, session } = await typedWrong();
		const wrong = session.answer!;
		expect(session.canOverride).toBe(true);
		expect(await session.override()).toBe(true);

		const overridden = { ...wrong, score: 1, override: { from: 0, at: clock } };
		expect(session.answer).toEqual(overridden);
		expect(session.answers['a-text']).toEqual(overridden);
		expect(session.canOverride).toBe(false);
		expect(session.failure).toBeNull();
		expect(session.pendingWrites).toBe(0);
		expect(session.summary).toMatchObject({ answered: 1, points: 1, right: 1 });
		expect(await store.answersFor('attempt-1')).toEqual([overridden]);
		expect(await store.questionStats()).toEqual([
			expect.objectContaining({
				questionId: 'a-text',
				seen: 1,
				right: 1,
				scoreSum: 1,
				lastScore: 1
			})
		]);
	});

	it('is refused in an assignment: its answers stand as scored', async () => {
		const { store, session } = await typedWrong({ attempt: { mode: 'assignment' } });
		const wrong = session.answer;
		const override = vi.spyOn(store, 'overrideAnswer');
		expect(session.canOverride).toBe(false);
		expect(await session.override()).toBe(false);
		expect(override).not.toHaveBeenCalled();
		expect(session.answer).toEqual(wrong);
		expect(await store.answersFor('attempt-1')).toEqual([wrong]);
		expect((await store.questionStats())[0]).toMatchObject({ right: 0, scoreSum: 0 });
	});

	it('is not offered before an answer, for a right one, for “I don’t know”, or for another type', async () => {
		const { session } = await begin([a('a-text'), a('a-text-2'), a('a-single')]);
		expect(session.canOverride).toBe(false);
		expect(await session.override()).toBe(false);

		await answerRight(session);
		expect(session.canOverride).toBe(false);
		await moveOn(session);

		expect(await session.dontKnow()).toBe(true);
		expect(session.canOverride).toBe(false);
		await moveOn(session);

		session.setDraft({ choice: '1991' });
		expect(await session.check()).toBe(true);
		expect(session.answer?.score).toBe(0);
		expect(session.canOverride).toBe(false);
		expect(await session.override()).toBe(false);
		expect(Object.values(session.answers).some((x) => x.override)).toBe(false);
	});

	it('overrides an earlier answer looked back at, and stays where the student is', async () => {
		const { store, session } = await typedWrong();
		await moveOn(session);
		expect(session.canOverride).toBe(false);
		session.back();
		expect(session.shown?.question.id).toBe('a-text');
		expect(session.canOverride).toBe(true);
		expect(await session.override()).toBe(true);
		expect(session.shownAnswer).toMatchObject({ score: 1, override: { from: 0 } });
		expect(session.answers['a-text']).toEqual(session.shownAnswer);
		expect(session.question.id).toBe('a-single');
		expect(session.attempt.position).toBe(1);
		expect((await store.getAttempt('attempt-1'))?.position).toBe(1);
		expect(await store.answersFor('attempt-1')).toEqual([session.answers['a-text']]);
	});

	it('shows the answer as it was when the write fails, says why, and overrides on a retry', async () => {
		const { store, inner, failNextWrite } = faulty();
		const { session } = await typedWrong({ store });
		const wrong = session.answer;
		failNextWrite(new StorageError('timeout'));
		expect(await session.override()).toBe(false);
		expect(session.failure).toBe('timeout');
		expect(session.answer).toEqual(wrong);
		expect(session.canOverride).toBe(true);
		expect(await inner.answersFor('attempt-1')).toEqual([wrong]);

		expect(await session.override()).toBe(true);
		expect(session.failure).toBeNull();
		expect(session.answer).toMatchObject({ score: 1, override: { from: 0 } });
	});

	it('shows the override another tab made first', async () => {
		const { store, session } = await typedWrong();
		const first = await store.overrideAnswer('attempt-1', 'a-text', 50_000);
		expect(session.canOverride).toBe(true);
		expect(await session.override()).toBe(true);
		expect(session.answer).toEqual(first);
		expect(session.answer?.override?.at).toBe(50_000);
	});

	it('says the store refused it, and changes nothing, when the store will not override', async () => {
		// Stored as an assignment, though this session was opened on a practice copy of it.
		const store = new MemoryProgressStore();
		await store.saveAttempt(attemptOf([a('a-text')], { mode: 'assignment' }));
		const session = await QuizSession.open(store, attemptOf([a('a-text')]), [], banks, makeDeps());
		session.setDraft({ text: 'Smith' });
		expect(await session.check()).toBe(true);
		expect(session.canOverride).toBe(true);
		expect(await session.override()).toBe(false);
		expect(session.failure).toBe('invalid');
		expect(session.answer?.score).toBe(0);
		expect((await store.answersFor('attempt-1'))[0]?.score).toBe(0);
	});
});

describe('drafts: the response on screen, kept with the attempt', () => {
	beforeEach(() => {
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
	});
	afterEach(() => {
		vi.useRealTimers();
	});

	const storedDraft = async (store: ProgressStore) => (await store.getAttempt('attempt-1'))?.draft;

	it(`is saved ${DRAFT_DELAY_MS} ms after the last change, once`, async () => {
		const { store, session } = await begin([a('a-text'), a('a-single')]);
		const save = vi.spyOn(store, 'saveDraft');
		session.setDraft({ text: 'Hul' });
		await vi.advanceTimersByTimeAsync(DRAFT_DELAY_MS - 1);
		session.setDraft({ text: 'Hult' });
		await vi.advanceTimersByTimeAsync(DRAFT_DELAY_MS - 1);
		expect(save).not.toHaveBeenCalled();
		expect(await storedDraft(store)).toBeUndefined();

		await vi.advanceTimersByTimeAsync(1);
		expect(save).toHaveBeenCalledTimes(1);
		expect(await storedDraft(store)).toEqual({ questionId: 'a-text', response: { text: 'Hult' } });
		// Not a write the student waits on.
		expect(session.pendingWrites).toBe(0);
		expect(session.failure).toBeNull();
	});

	it('comes back when the attempt is opened again, for the question on screen', async () => {
		const { store, session } = await begin([a('a-text'), a('a-single')]);
		session.setDraft({ text: 'Hultquist' });
		await vi.advanceTimersByTimeAsync(DRAFT_DELAY_MS);

		const again = await QuizSession.open(
			store,
			(await store.getAttempt('attempt-1'))!,
			await store.answersFor('attempt-1'),
			banks,
			makeDeps()
		);
		expect(again.question.id).toBe('a-text');
		expect(again.draft).toEqual({ text: 'Hultquist' });
		expect(await again.check()).toBe(true);
		expect(again.answer).toMatchObject({ response: { text: 'Hultquist' }, score: 1 });
	});

	it('starts a session with the draft kept for its current, unanswered question', async () => {
		const draft = {
			questionId: 'a-order',
			response: { order: ['fourth', 'third', 'second', 'first'] }
		};
		const { session } = await begin([a('a-single'), a('a-order')], {
			attempt: { position: 1, draft },
			answers: [answerTo('a-single')]
		});
		expect(session.question.id).toBe('a-order');
		expect(session.draft).toEqual(draft.response);
	});

	it('ignores a draft kept for another question', async () => {
		const { session } = await begin([a('a-order'), a('a-single')], {
			attempt: { draft: { questionId: 'a-single', response: { choice: '1991' } } }
		});
		expect(session.question.id).toBe('a-order');
		expect(session.draft).toEqual(startingResponse(order('a-order'), 7));
	});

	it('ignores a draft for a question already answered', async () => {
		const { session } = await begin([a('a-single'), a('a-tf')], {
			attempt: { draft: { questionId: 'a-single', response: { choice: '1991' } } },
			answers: [answerTo('a-single')]
		});
		expect(session.answer).toBeDefined();
		expect(session.draft).toBeUndefined();
	});

	it('is not saved once the question is answered, nor when Check or I don’t know beats the delay', async () => {
		const { store, session } = await begin([a('a-text'), a('a-single'), a('a-tf')]);
		const save = vi.spyOn(store, 'saveDraft');
		session.setDraft({ text: 'Smith' });
		expect(await session.check()).toBe(true);
		await vi.advanceTimersByTimeAsync(DRAFT_DELAY_MS * 2);
		session.setDraft({ text: 'Hultquist' });
		await vi.advanceTimersByTimeAsync(DRAFT_DELAY_MS * 2);
		expect(save).not.toHaveBeenCalled();

		await moveOn(session);
		session.setDraft({ choice: '1991' });
		expect(await session.dontKnow()).toBe(true);
		await vi.advanceTimersByTimeAsync(DRAFT_DELAY_MS * 2);
		expect(save).not.toHaveBeenCalled();
		expect(await storedDraft(store)).toBeUndefined();
	});

	it('is cleared from the store on moving on, and on finishing', async () => {
		const { store, session } = await begin([a('a-text'), a('a-single')]);
		session.setDraft({ text: 'Hultquist' });
		await vi.advanceTimersByTimeAsync(DRAFT_DELAY_MS);
		expect(await storedDraft(store)).toBeDefined();
		expect(await session.check()).toBe(true);
		await moveOn(session);
		expect(session.question.id).toBe('a-single');
		expect(await store.getAttempt('attempt-1')).not.toHaveProperty('draft');
		expect(session.attempt).not.toHaveProperty('draft');

		session.setDraft({ choice: '1990' });
		await vi.advanceTimersByTimeAsync(DRAFT_DELAY_MS);
		expect(await storedDraft(store)).toEqual({
			questionId: 'a-single',
			response: { choice: '1990' }
		});
		expect(await session.check()).toBe(true);
		await moveOn(session);
		expect(session.finished).toBe(true);
		expect(await store.getAttempt('attempt-1')).not.toHaveProperty('draft');
	});

	it('clears a draft the session was opened with on moving on', async () => {
		const { store, session } = await begin([a('a-single'), a('a-tf')], {
			attempt: { draft: { questionId: 'a-single', response: { choice: '1990' } } }
		});
		expect(await session.check()).toBe(true);
		await moveOn(session);
		expect(await store.getAttempt('attempt-1')).not.toHaveProperty('draft');
	});

	it('says why a draft could not be kept, without holding up Check', async () => {
		const { store, inner, failNextDraft } = faulty();
		const { session } = await begin([a('a-text'), a('a-single')], { store });
		failNextDraft(new StorageError('quota'));
		session.setDraft({ text: 'Hultquist' });
		await vi.advanceTimersByTimeAsync(DRAFT_DELAY_MS);
		expect(session.failure).toBe('quota');
		expect(session.pendingWrites).toBe(0);
		expect(warn).toHaveBeenCalledTimes(1);
		expect(await storedDraft(inner)).toBeUndefined();

		expect(await session.check()).toBe(true);
		expect(session.failure).toBeNull();
		expect(session.answer).toMatchObject({ response: { text: 'Hultquist' }, score: 1 });
	});

	it('does not report a draft write that fails once the answer is saved', async () => {
		let failDraft: (error: unknown) => void = () => {};
		const store: ProgressStore = {
			...onDevice(),
			saveDraft: () =>
				new Promise<void>((_, reject) => {
					failDraft = reject;
				})
		};
		const { session } = await begin([a('a-text'), a('a-single')], { store });
		session.setDraft({ text: 'Hultquist' });
		// The draft write is under way, and slow, when Check is pressed.
		await vi.advanceTimersByTimeAsync(DRAFT_DELAY_MS);
		expect(await session.check()).toBe(true);
		failDraft(new StorageError('timeout'));
		await vi.advanceTimersByTimeAsync(0);
		expect(session.failure).toBeNull();
		expect(session.answer).toMatchObject({ score: 1 });
	});

	it('clears the failure once a later draft is kept', async () => {
		const { store, inner, failNextDraft } = faulty();
		const { session } = await begin([a('a-text')], { store });
		failNextDraft(new StorageError('timeout'));
		session.setDraft({ text: 'H' });
		await vi.advanceTimersByTimeAsync(DRAFT_DELAY_MS);
		expect(session.failure).toBe('timeout');
		session.setDraft({ text: 'Hu' });
		await vi.advanceTimersByTimeAsync(DRAFT_DELAY_MS);
		expect(session.failure).toBeNull();
		expect(await storedDraft(inner)).toEqual({ questionId: 'a-text', response: { text: 'Hu' } });
	});
});

describe('looking back at earlier questions', () => {
	/** A session on its third question, the first answered right and the second wrong. */
	async function onThird() {
		const started = await begin([a('a-single'), a('a-tf'), a('a-order')]);
		const { session } = started;
		await answerRight(session);
		await moveOn(session);
		session.setDraft({ value: false });
		expect(await session.check()).toBe(true);
		await moveOn(session);
		expect(session.question.id).toBe('a-order');
		return started;
	}

	it('shows the question on screen until the student looks back', async () => {
		const { session } = await onThird();
		expect(session.reviewing).toBeNull();
		expect(session.shown).toBe(session.item);
		expect(session.shownIndex).toBe(2);
		expect(session.shownAnswer).toBeUndefined();
		expect(session.canGoBack).toBe(true);
	});

	it('shows earlier questions one by one, with their answers, while the current one waits', async () => {
		const { session } = await onThird();
		const draft = session.draft;
		session.back();
		expect(session.reviewing).toBe(1);
		expect(session.shownIndex).toBe(1);
		expect(session.shown?.question.id).toBe('a-tf');
		expect(session.shownAnswer).toMatchObject({
			questionId: 'a-tf',
			score: 0,
			response: { value: false }
		});
		// Where the student is does not change.
		expect(session.index).toBe(2);
		expect(session.question.id).toBe('a-order');

		session.back();
		expect(session.shown?.question.id).toBe('a-single');
		expect(session.shownAnswer).toMatchObject({ score: 1 });
		expect(session.canGoBack).toBe(false);
		session.back();
		expect(session.shownIndex).toBe(0);
		expect(session.draft).toEqual(draft);
	});

	it('answers nothing while looking back: Check and I don’t know are refused', async () => {
		const { store, session } = await onThird();
		const answers = { ...session.answers };
		const record = vi.spyOn(store, 'recordAnswer');
		session.back();
		session.setDraft(perfect(order('a-order')));
		expect(await session.check()).toBe(false);
		expect(await session.dontKnow()).toBe(false);
		expect(record).not.toHaveBeenCalled();
		expect(session.answers).toEqual(answers);
		expect(await store.answersFor('attempt-1')).toHaveLength(2);
	});

	it('goes forward with forward() or Next, back to the current question, without moving the attempt', async () => {
		const { store, session } = await onThird();
		const answers = { ...session.answers };
		const save = vi.spyOn(store, 'saveAttempt');
		session.back();
		session.back();
		session.forward();
		expect(session.reviewing).toBe(1);
		expect(await session.next()).toBe(true);
		expect(session.reviewing).toBeNull();
		expect(session.shown).toBe(session.item);
		expect(session.question.id).toBe('a-order');
		// At the current question, forward() does nothing.
		session.forward();
		expect(session.reviewing).toBeNull();

		expect(save).not.toHaveBeenCalled();
		expect(session.attempt.position).toBe(2);
		expect((await store.getAttempt('attempt-1'))?.position).toBe(2);
		expect(session.answers).toEqual(answers);

		// And the current question is answered as usual.
		await answerRight(session);
		expect(session.answeredCount).toBe(3);
	});

	it('does not move on from an answered current question when Next returns from looking back', async () => {
		const { store, session } = await begin([a('a-single'), a('a-tf'), a('a-order')]);
		await answerRight(session);
		await moveOn(session);
		await answerRight(session);
		clock += ADVANCE_GUARD_MS;
		session.back();
		expect(await session.next()).toBe(true);
		expect(session.reviewing).toBeNull();
		expect(session.question.id).toBe('a-tf');
		expect((await store.getAttempt('attempt-1'))?.position).toBe(1);
		// The next Next moves on.
		expect(await session.next()).toBe(true);
		expect(session.question.id).toBe('a-order');
	});

	it('has nothing to look back at on the first question', async () => {
		const { session } = await begin([a('a-single'), a('a-tf')]);
		expect(session.canGoBack).toBe(false);
		session.back();
		expect(session.reviewing).toBeNull();
		expect(session.shownIndex).toBe(0);
	});
});

describe('QuizSession.next', () => {
	it('does nothing before the question is answered', async () => {
		const { store, session, deps } = await begin([a('a-single'), a('a-tf')]);
		expect(session.canAdvance).toBe(false);
		expect(await session.next()).toBe(false);
		expect(session.index).toBe(0);
		expect(session.attempt.position).toBe(0);
		expect(await store.getAttempt('attempt-1')).toEqual(attemptOf([a('a-single'), a('a-tf')]));
		expect(deps.now).not.toHaveBeenCalled();
	});

	it('moves to the next question by reference and writes the attempt', async () => {
		const { store, session } = await begin([a('a-single'), a('a-order'), a('a-tf')]);
		await answerRight(session);
		session.setDraft({ choice: null });
		await moveOn(session);

		expect(session.index).toBe(1);
		expect(session.question.id).toBe('a-order');
		expect(session.attempt).toMatchObject({ position: 1, updatedAt: clock, finishedAt: null });
		expect(session.incomplete).toBe(false);
		expect(session.draft).toEqual(startingResponse(order('a-order'), 7));
		expect(session.finished).toBe(false);
		expect(session.movedElsewhere).toBe(false);
		expect(await store.getAttempt('attempt-1')).toEqual(session.attempt);
	});

	it.each([
		{ kind: 'device', makeStore: () => onDevice(), keeps: 1 },
		{ kind: 'memory', makeStore: () => new MemoryProgressStore(), keeps: 0 }
	])(
		'finishes after the last question; on a $kind store asks to keep data $keeps times',
		async ({ makeStore, keeps }) => {
			const { store, session, deps } = await begin([a('a-single'), a('a-tf')], {
				store: makeStore()
			});
			expect(session.persistent).toBe(keeps === 1);
			await answerRight(session);
			await moveOn(session);
			expect(session.isLast).toBe(true);
			await answerRight(session);
			expect(deps.keepData).not.toHaveBeenCalled();

			await moveOn(session);
			expect(session.finished).toBe(true);
			expect(session.attempt.finishedAt).toBe(clock);
			expect(session.attempt.updatedAt).toBe(clock);
			expect(await store.getAttempt('attempt-1')).toMatchObject({
				position: 1,
				finishedAt: clock,
				updatedAt: clock
			});
			expect(deps.keepData).toHaveBeenCalledTimes(keeps);
			expect(session.summary).toMatchObject({ asked: 2, answered: 2, points: 2, accuracy: 1 });
			// Nothing moves a finished quiz.
			expect(await session.next()).toBe(false);
		}
	);

	it('stays where it is and returns false when the save fails, then moves on a retry', async () => {
		const { store, inner, failNextWrite } = faulty();
		const { session } = await begin([a('a-single'), a('a-tf')], { store });
		await answerRight(session);
		failNextWrite(new StorageError('timeout'));
		clock += ADVANCE_GUARD_MS;

		expect(await session.next()).toBe(false);
		expect(session.failure).toBe('timeout');
		expect(session.question.id).toBe('a-single');
		expect(session.attempt.position).toBe(0);
		expect(session.answer).toBeDefined();
		expect((await inner.getAttempt('attempt-1'))?.position).toBe(0);

		expect(await session.next()).toBe(true);
		expect(session.failure).toBeNull();
		expect(session.question.id).toBe('a-tf');
		expect((await inner.getAttempt('attempt-1'))?.position).toBe(1);
	});

	it('does not finish, nor ask to keep data, when the last save fails', async () => {
		const { store, inner, failNextWrite } = faulty();
		const { session, deps } = await begin([a('a-tf')], { store });
		await answerRight(session);
		failNextWrite(new StorageError('quota'));
		clock += ADVANCE_GUARD_MS;

		expect(await session.next()).toBe(false);
		expect(session.finished).toBe(false);
		expect(session.failure).toBe('quota');
		expect(deps.keepData).not.toHaveBeenCalled();
		expect((await inner.getAttempt('attempt-1'))?.finishedAt).toBeNull();

		expect(await session.next()).toBe(true);
		expect(session.finished).toBe(true);
		expect(deps.keepData).toHaveBeenCalledTimes(1);
	});
});

describe('the guard against a double tap', () => {
	beforeEach(() => {
		step = 0;
	});

	it(`ignores Next for ${ADVANCE_GUARD_MS} ms after Check, then takes it`, async () => {
		const { store, session } = await begin([a('a-single'), a('a-tf')]);
		const save = vi.spyOn(store, 'saveAttempt');
		await answerRight(session);

		// The second tap of a double tap on Check lands on Next at once.
		expect(session.canAdvance).toBe(false);
		expect(await session.next()).toBe(false);
		clock += ADVANCE_GUARD_MS - 1;
		expect(session.canAdvance).toBe(false);
		expect(await session.next()).toBe(false);
		expect(session.question.id).toBe('a-single');
		expect(save).not.toHaveBeenCalled();

		clock += 1;
		expect(session.canAdvance).toBe(true);
		expect(await session.next()).toBe(true);
		expect(session.question.id).toBe('a-tf');
		expect(save).toHaveBeenCalledTimes(1);
		// The new question is not answered, so there is nothing to move on from.
		expect(session.canAdvance).toBe(false);
	});

	it('starts again when an answer comes back from another tab', async () => {
		const store = new MemoryProgressStore();
		const { session } = await begin([a('a-single'), a('a-tf')], { store });
		await store.recordAnswer(answerTo('a-single', { answeredAt: 500 }));
		session.setDraft({ choice: '1991' });
		expect(await session.check()).toBe(true);
		expect(session.canAdvance).toBe(false);
		clock += ADVANCE_GUARD_MS;
		expect(session.canAdvance).toBe(true);
	});

	it('does not hold back an answer given before the session opened', async () => {
		const { session } = await begin([a('a-single'), a('a-tf')], {
			answers: [answerTo('a-single')]
		});
		expect(session.canAdvance).toBe(true);
		expect(await session.next()).toBe(true);
		expect(session.question.id).toBe('a-tf');
	});
});

describe('resuming a QuizSession', () => {
	async function reopen(store: ProgressStore, deps = makeDeps()) {
		const attempt = (await store.getAttempt('attempt-1'))!;
		return QuizSession.open(store, attempt, await store.answersFor('attempt-1'), banks, deps);
	}

	it('lands on the same question with the same starting draft', async () => {
		const { store, session } = await begin([a('a-single'), a('a-order'), a('a-tf')]);
		await answerRight(session);
		await moveOn(session);
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
		expect(await again.next()).toBe(true);
		expect(again.question.id).toBe('a-order');
	});

	it('shows a finished attempt as finished', async () => {
		const { store, session } = await begin([a('a-tf')]);
		await answerRight(session);
		await moveOn(session);
		const again = await reopen(store);
		expect(again.finished).toBe(true);
		expect(again.gone).toBe(false);
		expect(again.summary).toMatchObject({ asked: 1, answered: 1, points: 1 });
	});

	it('writes nothing on opening an attempt the banks still hold whole', async () => {
		const store = new MemoryProgressStore();
		await store.saveAttempt(attemptOf([a('a-single'), a('a-tf')]));
		const save = vi.spyOn(store, 'saveAttempt');
		await reopen(store);
		expect(save).not.toHaveBeenCalled();
	});
});

describe('a QuizSession with questions the banks no longer hold', () => {
	const refs = [a('a-single'), a('gone'), ref('story-gone', 'elsewhere'), a('a-tf')];

	it('drops them from the attempt, and saves it so', async () => {
		const { session, store } = await begin(refs);
		expect(session.gone).toBe(false);
		expect(session.total).toBe(2);
		expect(session.items.map((i) => i.question.id)).toEqual(['a-single', 'a-tf']);
		expect(session.attempt.questions).toEqual([a('a-single'), a('a-tf')]);
		expect(session.index).toBe(0);
		expect(await store.getAttempt('attempt-1')).toEqual(
			attemptOf([a('a-single'), a('a-tf')], { position: 0 })
		);

		await answerRight(session);
		await moveOn(session);
		expect(session.attempt.position).toBe(1);
		expect(session.index).toBe(1);
		expect(session.isLast).toBe(true);
		expect(session.question.id).toBe('a-tf');
		expect((await store.getAttempt('attempt-1'))?.position).toBe(1);
	});

	it('starts on the next question it holds when the position names a missing one', async () => {
		const { session, store } = await begin(refs, { attempt: { position: 1 } });
		expect(session.index).toBe(1);
		expect(session.question.id).toBe('a-tf');
		expect(session.attempt.position).toBe(1);
		expect((await store.getAttempt('attempt-1'))?.position).toBe(1);
	});

	it('keeps the position on the same question, found by reference', async () => {
		const { session, store } = await begin(refs, { attempt: { position: 3 } });
		expect(session.question.id).toBe('a-tf');
		expect(session.attempt.position).toBe(1);
		expect(await store.getAttempt('attempt-1')).toMatchObject({
			questions: [a('a-single'), a('a-tf')],
			position: 1
		});
	});

	it('counts only the answers to questions it holds', async () => {
		const answers = ['a-single', 'gone'].map((id) => answerTo(id));
		const { session } = await begin(refs, { answers });
		expect(session.answeredCount).toBe(1);
		expect(session.total).toBe(2);
		expect(session.summary).toMatchObject({ asked: 2, answered: 1, points: 1, accuracy: 0.5 });
	});

	it('still opens when saving the reconciled attempt fails, and says why', async () => {
		const { store, inner, failNextWrite } = faulty();
		await inner.saveAttempt(attemptOf(refs));
		failNextWrite(new StorageError('quota'));
		const session = await QuizSession.open(store, attemptOf(refs), [], banks, makeDeps());
		expect(session.failure).toBe('quota');
		expect(session.total).toBe(2);
		expect(session.question.id).toBe('a-single');
		// Answering goes on; the next successful write clears the failure.
		await answerRight(session);
		expect(session.failure).toBeNull();
	});
});

describe('a QuizSession whose questions are all gone', () => {
	it('is gone, saved as finished, and has nothing to check or move on from', async () => {
		const { session, store, deps } = await begin([a('gone'), ref('story-gone', 'x')]);
		expect(session.gone).toBe(true);
		expect(session.finished).toBe(true);
		expect(session.total).toBe(0);
		expect(session.item).toBeUndefined();
		expect(session.outlets).toEqual([]);
		expect(session.draft).toBeUndefined();
		expect(await session.check()).toBe(false);
		expect(await session.next()).toBe(false);
		expect(deps.keepData).not.toHaveBeenCalled();
		expect(await store.answersFor('attempt-1')).toEqual([]);
		expect(await store.getAttempt('attempt-1')).toMatchObject({
			questions: [a('gone'), ref('story-gone', 'x')],
			finishedAt: expect.any(Number)
		});
	});

	it('leaves an attempt that was already finished as it was', async () => {
		const store = new MemoryProgressStore();
		const finished = attemptOf([a('gone')], { finishedAt: 3_000, updatedAt: 3_000 });
		await store.saveAttempt(finished);
		const save = vi.spyOn(store, 'saveAttempt');
		const session = await QuizSession.open(store, finished, [], banks, makeDeps());
		expect(session.gone).toBe(true);
		expect(save).not.toHaveBeenCalled();
		expect(await store.getAttempt('attempt-1')).toEqual(finished);
	});
});

describe('a QuizSession mixing stories', () => {
	it('resolves each question with its own story’s outlets and writes its own story', async () => {
		const { store, session } = await begin([a('a-source'), ref('story-b', 'b-source')]);
		expect(session.outlets).toEqual(outletsA);
		session.setDraft({ sources: ['a-wire'] });
		await session.check();
		expect(session.answer).toMatchObject({ storyId: 'story-a', score: 1 });
		await moveOn(session);

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

describe('two tabs on one attempt', () => {
	/** Two sessions opened on the same stored attempt, as two tabs would open it. */
	async function twoTabs(questions: QuestionRef[]) {
		const store = new MemoryProgressStore();
		await store.saveAttempt(attemptOf(questions));
		const open = async () =>
			QuizSession.open(
				store,
				(await store.getAttempt('attempt-1'))!,
				await store.answersFor('attempt-1'),
				banks,
				makeDeps()
			);
		return { store, first: await open(), second: await open() };
	}

	it('shows the answer the other tab gave first, not its own', async () => {
		const { store, first, second } = await twoTabs([a('a-single'), a('a-tf')]);
		await answerRight(first);
		const given = first.answer!;

		second.setDraft({ choice: '1991' });
		expect(await second.check()).toBe(true);
		expect(second.answer).toEqual(given);
		expect(second.answers).toEqual({ 'a-single': given });
		expect(second.answer?.score).toBe(1);
		expect(second.failure).toBeNull();
		expect(await store.answersFor('attempt-1')).toEqual([given]);
		expect((await store.questionStats())[0]).toMatchObject({ seen: 1, right: 1 });
	});

	it('moves a stale tab to where the other tab is, and says so', async () => {
		const { store, first, second } = await twoTabs([a('a-single'), a('a-order'), a('a-tf')]);
		await answerRight(first);
		await moveOn(first);
		await answerRight(first);
		await moveOn(first);
		expect(first.question.id).toBe('a-tf');

		await answerRight(second);
		await moveOn(second);
		expect(second.movedElsewhere).toBe(true);
		expect(second.question.id).toBe('a-tf');
		expect(second.attempt.position).toBe(2);
		expect(second.answer).toBeUndefined();
		expect(second.draft).toEqual(startingResponse(truefalse('a-tf'), 7));
		expect((await store.getAttempt('attempt-1'))?.position).toBe(2);
		expect(first.movedElsewhere).toBe(false);
	});

	it('finishes a stale tab when the other tab finished the quiz', async () => {
		const { store, first, second } = await twoTabs([a('a-single'), a('a-tf')]);
		await answerRight(first);
		await moveOn(first);
		await answerRight(first);
		await moveOn(first);
		const done = (await store.getAttempt('attempt-1'))!;
		expect(done.finishedAt).not.toBeNull();

		await answerRight(second);
		await moveOn(second);
		expect(second.movedElsewhere).toBe(true);
		expect(second.finished).toBe(true);
		// The first tab's finish stands; only the time stamp moves on, to the stale tab's save.
		const adopted = { ...done, updatedAt: clock };
		expect(second.attempt).toEqual(adopted);
		expect(await store.getAttempt('attempt-1')).toEqual(adopted);
	});

	it('does not say a tab was moved when it was not behind', async () => {
		const { first, second } = await twoTabs([a('a-single'), a('a-tf')]);
		await answerRight(first);
		await answerRight(second);
		await moveOn(first);
		await moveOn(second);
		expect(first.movedElsewhere).toBe(false);
		expect(second.movedElsewhere).toBe(false);
		expect(second.question.id).toBe('a-tf');
	});

	it('counts the other tab’s answers once it adopts the other tab’s progress', async () => {
		const { store, first, second } = await twoTabs([a('a-single'), a('a-order'), a('a-tf')]);
		for (let i = 0; i < 3; i++) {
			await answerRight(first);
			await moveOn(first);
		}
		expect(first.summary).toMatchObject({ asked: 3, answered: 3, points: 3 });

		await answerRight(second);
		await moveOn(second);
		expect(second.finished).toBe(true);
		const stored = scoreAttempt(
			(await store.getAttempt('attempt-1'))!,
			await store.answersFor('attempt-1')
		);
		expect(second.answeredCount).toBe(3);
		expect(second.summary).toMatchObject(stored);
	});
});

describe('a bank changed under an attempt by an update', () => {
	/** Twenty questions of one story, in four categories, some of them single, some true/false. */
	const categories: Category[] = ['dates', 'actors', 'quotes', 'sources'];
	const ids = Array.from({ length: 20 }, (_, i) => `c-${String(i).padStart(2, '0')}`);
	const twenty = ids.map((id, i) =>
		i % 2 ? truefalse(id, categories[i % 4]) : single(id, categories[i % 4])
	);
	const refs = ids.map((id) => ref('story-c', id));
	/** The update withdrew six: two answered, the one on screen, the one after it, and two later. */
	const withdrawn = ['c-02', 'c-05', 'c-08', 'c-09', 'c-13', 'c-19'];
	const bankOf = (questions: Question[]): Banks =>
		new Map([['story-c', { questions, outlets: outletsA }]]);
	const after = bankOf(twenty.filter((q) => !withdrawn.includes(q.id)));

	/** Answers to the first eight, right, wrong and half right in turn. */
	const answers = ids.slice(0, 8).map((id, i) =>
		answerTo(id, {
			storyId: 'story-c',
			category: categories[i % 4],
			score: [1, 0, 0.5][i % 3],
			answeredAt: 2_000 + i
		})
	);

	async function openAt(position: number) {
		const store = new MemoryProgressStore();
		await store.saveAttempt(attemptOf(refs, { position }));
		for (const x of answers) await store.recordAnswer(x);
		const attempt = (await store.getAttempt('attempt-1'))!;
		const session = await QuizSession.open(
			store,
			attempt,
			await store.answersFor('attempt-1'),
			after,
			makeDeps()
		);
		return { store, session };
	}

	it('keeps the counter, the summary and the progress report in agreement', async () => {
		// On c-08, which was withdrawn, as was c-09 after it: the student lands on c-10.
		const { store, session } = await openAt(8);
		expect(session.gone).toBe(false);
		expect(session.question.id).toBe('c-10');
		expect(session.total).toBe(14);
		expect(session.index).toBe(6);
		expect(session.answeredCount).toBe(6);
		expect(session.answer).toBeUndefined();
		expect(session.draft).toEqual(startingResponse(twenty[10]!, 7));

		const summary = session.summary;
		expect(summary).toMatchObject({ asked: session.total, answered: session.answeredCount });
		expect(summary.byCategory.reduce((n, c) => n + c.asked, 0)).toBe(session.total);
		expect(summary.byCategory.reduce((n, c) => n + c.answered, 0)).toBe(session.answeredCount);
		const kept = answers.filter((x) => !withdrawn.includes(x.questionId));
		const points = kept.reduce((n, x) => n + x.score, 0);
		expect(summary.points).toBe(points);
		expect(summary.accuracy).toBe(points / 14);

		// What the progress page computes from the store gives the same score.
		const stored = (await store.getAttempt('attempt-1'))!;
		expect(stored.questions).toHaveLength(14);
		expect(stored.questions[stored.position]).toEqual(ref('story-c', 'c-10'));
		const storedAnswers = await store.answersFor('attempt-1');
		expect(storedAnswers).toHaveLength(8);
		const score = scoreAttempt(stored, storedAnswers);
		expect(score).toEqual({
			asked: summary.asked,
			answered: summary.answered,
			points: summary.points,
			accuracy: summary.accuracy,
			right: summary.right,
			partly: summary.partly,
			toPractise: summary.toPractise
		});
		// The half-right answers were to withdrawn questions: three right, the rest to practise.
		expect(score).toMatchObject({ right: 3, partly: 0, toPractise: 11 });
		// What the progress page reads: a page of attempts, then their answers, as rows.
		const page = await store.attemptPage(0, 20);
		expect(page.total).toBe(1);
		const pageAnswers = await store.answersForAttempts(page.attempts.map((x) => x.id));
		const [row] = attemptRows(page.attempts, pageAnswers);
		expect(row).toMatchObject({ ...score, stories: ['story-c'] });
		expect(row).toMatchObject({ asked: 14, answered: 6, accuracy: summary.accuracy });

		// Its sections count every answer given, the withdrawn questions' too; those are not listed.
		const overall = progressSummary(await store.questionStats(), [
			...after.get('story-c')!.questions
		]);
		expect(overall.byCategory.reduce((n, c) => n + c.answered, 0)).toBe(answers.length);
		for (const c of overall.byCategory) {
			const given = answers.filter((x) => x.category === c.category);
			expect(c.answered).toBe(given.length);
			if (given.length)
				expect(c.accuracy).toBe(given.reduce((n, x) => n + x.score, 0) / given.length);
		}
		const missedIds = overall.missed.map((m) => m.question.id);
		// Missed once each (c-02 and c-05, withdrawn, too): the latest first, the withdrawn left out.
		expect(missedIds).toEqual(['c-07', 'c-04', 'c-01']);
	});

	it('keeps the student on the same question when it is still there', async () => {
		const { session, store } = await openAt(10);
		expect(session.question.id).toBe('c-10');
		expect(session.index).toBe(6);
		expect((await store.getAttempt('attempt-1'))?.position).toBe(6);

		const { session: onSeven } = await openAt(7);
		expect(onSeven.question.id).toBe('c-07');
		expect(onSeven.index).toBe(5);
		expect(onSeven.answer).toBeDefined();
	});

	it('moves to the last question still there when none after the position is left', async () => {
		const { session } = await openAt(19);
		expect(session.question.id).toBe('c-18');
		expect(session.index).toBe(13);
		expect(session.isLast).toBe(true);
	});

	it('counts on from there, and finishes after the last question left', async () => {
		const { session, store } = await openAt(8);
		for (let left = 14 - 6; left > 0; left--) {
			await answerRight(session);
			await moveOn(session);
		}
		expect(session.finished).toBe(true);
		expect(session.answeredCount).toBe(14);
		const score = scoreAttempt(
			(await store.getAttempt('attempt-1'))!,
			await store.answersFor('attempt-1')
		);
		expect(score).toMatchObject({ asked: 14, answered: 14 });
		expect(score.accuracy).toBe(session.summary.accuracy);
	});

	it('is the same when opened again: reconciling twice changes nothing', async () => {
		const { session, store } = await openAt(8);
		const save = vi.spyOn(store, 'saveAttempt');
		const again = await QuizSession.open(
			store,
			(await store.getAttempt('attempt-1'))!,
			await store.answersFor('attempt-1'),
			after,
			makeDeps()
		);
		expect(save).not.toHaveBeenCalled();
		expect(again.attempt).toEqual(session.attempt);
		expect([again.index, again.total, again.answeredCount]).toEqual([6, 14, 6]);
	});

	it('every question gone: the attempt is closed and no longer offered to resume', async () => {
		const store = new MemoryProgressStore();
		await store.saveAttempt(attemptOf(refs, { position: 8 }));
		await store.saveAttempt(attemptOf([a('a-single')], { id: 'older', updatedAt: 500 }));
		for (const x of answers) await store.recordAnswer(x);
		expect(resumable(await store.listAttempts())?.id).toBe('attempt-1');

		const session = await QuizSession.open(
			store,
			(await store.getAttempt('attempt-1'))!,
			await store.answersFor('attempt-1'),
			bankOf([]),
			makeDeps()
		);
		expect(session.gone).toBe(true);
		expect(session.total).toBe(0);
		expect((await store.getAttempt('attempt-1'))?.finishedAt).not.toBeNull();
		expect(resumable(await store.listAttempts())?.id).toBe('older');
		// The answers given still count.
		expect(await store.answersFor('attempt-1')).toHaveLength(8);
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

	it('lets a failing save throw its StorageError, for the page to explain', async () => {
		const { store, failNextWrite } = faulty();
		failNextWrite(new StorageError('quota'));
		await expect(
			startAttempt(store, 'story-a', storyA, { categories: [], length: 5 }, deps)
		).rejects.toMatchObject({ name: 'StorageError', failure: 'quota' });
		expect(await store.listAttempts()).toEqual([]);
	});
});

describe('startAttempt with the device’s history', () => {
	const deps = { now: () => 5_000, newId: () => 'new-attempt', newSeed: () => 99 };

	async function planned(history: Map<string, number>, length: number, seed: number) {
		const store = new MemoryProgressStore();
		const id = await startAttempt(
			store,
			'story-a',
			storyA,
			{ categories: [], length },
			{ ...deps, newSeed: () => seed },
			history
		);
		const saved = (await store.getAttempt(id!))!;
		expect(saved.mode).toBe('practice');
		return saved.questions.map((r) => r.questionId);
	}

	it('asks questions this device has not answered first, then missed ones, then the rest', async () => {
		const history = new Map([
			['a-single', 1],
			['a-order', 0]
		]);
		for (let seed = 0; seed < 20; seed++) {
			expect(new Set(await planned(history, 2, seed))).toEqual(new Set(['a-tf', 'a-source']));
			expect(new Set(await planned(history, 3, seed))).toEqual(
				new Set(['a-tf', 'a-source', 'a-order'])
			);
		}
	});

	it('plans as without a history when none is given', async () => {
		const store = new MemoryProgressStore();
		const setup = { categories: [] as Category[], length: 3 };
		await startAttempt(store, 'story-a', storyA, setup, deps);
		const without = await store.getAttempt('new-attempt');
		const other = new MemoryProgressStore();
		await startAttempt(other, 'story-a', storyA, setup, deps, new Map());
		expect(await other.getAttempt('new-attempt')).toEqual(without);
	});
});

describe('startPractice', () => {
	const deps = { now: () => 5_000, newId: () => 'practice-1', newSeed: () => 99 };
	const items = [
		{ ref: a('a-tf'), category: 'actors' as const },
		{ ref: ref('story-b', 'b-source'), category: 'sources' as const },
		{ ref: a('a-tf'), category: 'actors' as const },
		{ ref: a('a-single'), category: 'dates' as const }
	];

	it('plans and saves a practice quiz of the given questions, from any story, and returns its id', async () => {
		const store = new MemoryProgressStore();
		expect(await startPractice(store, items, deps)).toBe('practice-1');
		const saved = (await store.getAttempt('practice-1'))!;
		expect(saved).toMatchObject({
			id: 'practice-1',
			seed: 99,
			categories: ['dates', 'actors', 'sources'],
			position: 0,
			startedAt: 5_000,
			updatedAt: 5_000,
			finishedAt: null,
			mode: 'practice'
		});
		const key = (r: QuestionRef) => `${r.storyId}/${r.questionId}`;
		expect(saved.questions.map(key).sort()).toEqual(
			['story-a/a-single', 'story-a/a-tf', 'story-b/b-source'].sort()
		);

		// A quiz like any other.
		const session = await QuizSession.open(store, saved, [], banks, makeDeps());
		expect(session.gone).toBe(false);
		expect(session.total).toBe(3);
		await answerRight(session);
		expect(session.answeredCount).toBe(1);
	});

	it('returns null and saves nothing when there is nothing to practise', async () => {
		const store = new MemoryProgressStore();
		expect(await startPractice(store, [], deps)).toBeNull();
		expect(await store.listAttempts()).toEqual([]);
	});

	it('lets a failing save throw its StorageError, for the page to explain', async () => {
		const { store, failNextWrite } = faulty();
		failNextWrite(new StorageError('quota'));
		await expect(startPractice(store, items, deps)).rejects.toMatchObject({
			name: 'StorageError',
			failure: 'quota'
		});
		expect(await store.listAttempts()).toEqual([]);
	});
});
