import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ADVANCE_GUARD_MS, QuizSession, type SessionDeps } from '$lib/app/quiz-session.svelte';
import type { Category, Question } from '$lib/content/model';
import type { Answer, Attempt, Banks, QuestionRef } from '$lib/quiz/attempt';
import { MemoryProgressStore } from '$lib/storage/progress-store';

/** The fields every made-up question has; the fingerprint is made up too. */
function common(id: string, category: Category) {
	return {
		id,
		category,
		prompt: `What about ${id}?`,
		explanation: 'The passage says so.',
		difficulty: 1 as const,
		actors: [],
		outlets: [],
		evidence: [{ source: 'some-source', quote: 'a passage', context: { before: '', after: '' } }],
		fingerprint: `fp-${id}`
	};
}

function single(id: string): Question {
	return { ...common(id, 'dates'), type: 'single', options: ['1990', '1991'], answer: '1990' };
}

function truefalse(id: string): Question {
	return { ...common(id, 'actors'), type: 'truefalse', answer: true };
}

const STORY = 'story-a';
const banks: Banks = new Map([
	[
		STORY,
		{
			questions: [single('q-one'), truefalse('q-two'), single('q-three')],
			outlets: [{ id: 'a-wire', outlet: 'A Wire', name: 'The A Wire Service' }]
		}
	]
]);
const refs: QuestionRef[] = ['q-one', 'q-two', 'q-three'].map((questionId) => ({
	storyId: STORY,
	questionId
}));
const ASSIGNMENT = { id: 'asg_0123456789', name: 'Ana Lopes' };

function attemptOf(fields: Partial<Attempt> = {}): Attempt {
	return {
		id: 'attempt-1',
		seed: 7,
		categories: [],
		questions: refs,
		position: 0,
		startedAt: 1_000,
		updatedAt: 1_000,
		finishedAt: null,
		mode: 'assignment',
		assignment: { ...ASSIGNMENT },
		...fields
	};
}

/** A clock that moves a second on every read, so each time stamp tells which read made it. */
let clock: number;
function makeDeps() {
	return {
		now: vi.fn(() => (clock += 1_000)),
		keepData: vi.fn<SessionDeps['keepData']>()
	};
}

beforeEach(() => {
	clock = 9_000;
	vi.spyOn(console, 'warn').mockImplementation(() => {});
});

afterEach(() => {
	vi.restoreAllMocks();
});

/** Saves the attempt and its answers, and opens a session on it, as the quiz page does. */
async function begin(fields: Partial<Attempt> = {}, answers: Answer[] = []) {
	const store = new MemoryProgressStore();
	const attempt = attemptOf(fields);
	await store.saveAttempt(attempt);
	for (const answer of answers) await store.recordAnswer(answer);
	const deps = makeDeps();
	const session = await QuizSession.open(store, attempt, answers, banks, deps);
	return { store, session, deps };
}

/** Answers the question on screen with the response given, then moves on past the guard. */
async function answerAndMoveOn(session: QuizSession, response: unknown) {
	session.setDraft(response);
	expect(await session.check()).toBe(true);
	clock += ADVANCE_GUARD_MS;
	expect(await session.next()).toBe(true);
}

describe('QuizSession.timeUp', () => {
	it('finishes the attempt now, marked timed out, keeping the answers already given', async () => {
		const { store, session, deps } = await begin();
		await answerAndMoveOn(session, { choice: '1990' });
		const given = await store.answersFor('attempt-1');
		expect(given).toHaveLength(1);

		expect(await session.timeUp()).toBe(true);
		const now = deps.now.mock.results.at(-1)!.value as number;
		expect(session.finished).toBe(true);
		expect(session.attempt.finishedAt).toBe(now);
		expect(session.attempt.updatedAt).toBe(now);
		expect(session.attempt.assignment).toEqual({ ...ASSIGNMENT, timedOut: true });
		expect(session.draft).toBeUndefined();
		expect(session.failure).toBeNull();

		const stored = await store.getAttempt('attempt-1');
		expect(stored).toMatchObject({
			finishedAt: now,
			updatedAt: now,
			mode: 'assignment',
			assignment: { ...ASSIGNMENT, timedOut: true }
		});
		expect(stored).not.toHaveProperty('draft');
		expect(await store.answersFor('attempt-1')).toEqual(given);
		expect(session.answers).toEqual({ 'q-one': given[0] });
	});

	it('checks and records a complete response on screen first', async () => {
		const { store, session, deps } = await begin();
		session.setDraft({ choice: '1991' });

		expect(await session.timeUp()).toBe(true);
		const finishedAt = deps.now.mock.results.at(-1)!.value as number;
		const answers = await store.answersFor('attempt-1');
		expect(answers).toEqual([
			expect.objectContaining({
				questionId: 'q-one',
				response: { choice: '1991' },
				score: 0
			})
		]);
		expect(answers[0]!.answeredAt).toBeLessThan(finishedAt);
		expect(session.answers['q-one']).toEqual(answers[0]);
		expect((await store.getAttempt('attempt-1'))!.finishedAt).toBe(finishedAt);
	});

	it('records a complete response kept from before a reload', async () => {
		const { store, session } = await begin({
			draft: { questionId: 'q-one', response: { choice: '1990' } }
		});
		expect(session.draft).toEqual({ choice: '1990' });

		expect(await session.timeUp()).toBe(true);
		expect(await store.answersFor('attempt-1')).toEqual([
			expect.objectContaining({ questionId: 'q-one', response: { choice: '1990' }, score: 1 })
		]);
		expect(await store.getAttempt('attempt-1')).not.toHaveProperty('draft');
	});

	it.each([
		['nothing chosen', { choice: null }],
		['not a response to this question', { value: true }],
		['no response at all', undefined]
	])('does not record an incomplete response (%s), and still finishes', async (_what, draft) => {
		const { store, session } = await begin();
		await answerAndMoveOn(session, { choice: '1990' });
		await answerAndMoveOn(session, { value: false });
		session.setDraft(draft);

		expect(await session.timeUp()).toBe(true);
		const answers = await store.answersFor('attempt-1');
		expect(answers.map((a) => a.questionId)).toEqual(['q-one', 'q-two']);
		expect(session.answers['q-three']).toBeUndefined();
		expect(session.finished).toBe(true);
		expect(session.attempt.assignment?.timedOut).toBe(true);
	});

	it('drops the draft kept with the attempt', async () => {
		const { store, session } = await begin({
			draft: { questionId: 'q-one', response: { choice: null } }
		});
		expect((await store.getAttempt('attempt-1'))!.draft).toBeDefined();

		expect(await session.timeUp()).toBe(true);
		expect(await store.getAttempt('attempt-1')).not.toHaveProperty('draft');
		expect(session.attempt).not.toHaveProperty('draft');
		expect(await store.answersFor('attempt-1')).toEqual([]);
	});

	it('records the current question’s response even while an earlier one is being looked at', async () => {
		const { store, session } = await begin();
		await answerAndMoveOn(session, { choice: '1990' });
		session.setDraft({ value: true });
		session.back();
		expect(session.reviewing).toBe(0);

		expect(await session.timeUp()).toBe(true);
		expect(session.reviewing).toBeNull();
		expect((await store.answersFor('attempt-1')).map((a) => a.questionId)).toEqual([
			'q-one',
			'q-two'
		]);
	});

	it('finishes a practice attempt without making it an assignment', async () => {
		const { store, session } = await begin({ mode: 'practice', assignment: undefined });
		expect(await session.timeUp()).toBe(true);
		const stored = await store.getAttempt('attempt-1');
		expect(stored!.finishedAt).not.toBeNull();
		expect(stored!.assignment).toBeUndefined();
		expect(session.attempt.assignment).toBeUndefined();
		expect(stored!.mode).toBe('practice');
	});

	it('returns true and changes nothing on a finished session', async () => {
		const { store, session, deps } = await begin({
			finishedAt: 5_000,
			updatedAt: 5_000
		});
		const before = await store.getAttempt('attempt-1');
		const save = vi.spyOn(store, 'saveAttempt');
		const record = vi.spyOn(store, 'recordAnswer');
		const reads = deps.now.mock.calls.length;

		expect(await session.timeUp()).toBe(true);
		expect(save).not.toHaveBeenCalled();
		expect(record).not.toHaveBeenCalled();
		expect(deps.now).toHaveBeenCalledTimes(reads);
		expect(session.attempt.finishedAt).toBe(5_000);
		expect(session.attempt.assignment).toEqual(ASSIGNMENT);
		expect(await store.getAttempt('attempt-1')).toEqual(before);
	});

	it('changes nothing when called again after the time ran out', async () => {
		const { store, session } = await begin();
		expect(await session.timeUp()).toBe(true);
		const after = await store.getAttempt('attempt-1');
		const save = vi.spyOn(store, 'saveAttempt');

		expect(await session.timeUp()).toBe(true);
		expect(save).not.toHaveBeenCalled();
		expect(await store.getAttempt('attempt-1')).toEqual(after);
	});
});
