import * as v from 'valibot';
import { beforeEach, describe, expect, it } from 'vitest';
import { handIn, pinsOf, standingOf, startAssignment } from '$lib/app/assignment';
import { createComposition, duplicate, shareComposition, type ComposeDeps } from '$lib/app/compose';
import type { NewAttemptDeps } from '$lib/app/quiz-session.svelte';
import { newTeacherKeys, openResult, privateKeyOf } from '$lib/app/seal';
import type { Category, Question } from '$lib/content/model';
import type { Answer, Attempt, Banks } from '$lib/quiz/attempt';
import {
	assignmentDigest,
	encodeAssignment,
	type Assignment,
	type PinnedQuestion
} from '$lib/share/assignment';
import { questionsFor } from '$lib/share/compose';
import { newComposition, type Composition, type TeacherKeys } from '$lib/share/composition';
import { decodeResult, ResultPayloadSchema, type ResultPayload } from '$lib/share/result';
import { MemoryAssignmentStore } from '$lib/storage/assignment-store';
import { MemoryProgressStore } from '$lib/storage/progress-store';
import { banksOf, NOW, OTHER_STORY, question, STORY } from '../quiz/factory';
import { sampleAssignment } from '../share/factory';

// --- made-up questions, pinned by fingerprints of the right shape ---------------------------------

const hex = (n: number) => n.toString(16).padStart(16, '0');

function q(id: string, n: number, category: Category = 'dates'): Question {
	return { ...question(id, category), fingerprint: hex(n) };
}

const storyA = [q('a-one', 1), q('a-two', 2, 'quotes'), q('a-three', 3, 'actors')];
const storyB = [q('b-one', 4, 'sources')];
const banks: Banks = banksOf({ [STORY]: storyA, [OTHER_STORY]: storyB });

const pin = (storyId: string, question: Question): PinnedQuestion => ({
	storyId,
	questionId: question.id,
	fingerprint: question.fingerprint
});

const PINS: PinnedQuestion[] = [
	...storyA.map((x) => pin(STORY, x)),
	...storyB.map((x) => pin(OTHER_STORY, x))
];

/** The teacher's real key pair: results are sealed to it and opened with it. */
let keys: TeacherKeys;
let privateKey: CryptoKey;

function assignmentFor(fields: Partial<Assignment> = {}): Assignment {
	return sampleAssignment({
		questions: PINS,
		order: 'fixed',
		attemptsAllowed: null,
		due: NOW + 86_400_000,
		teacherKey: keys.publicKey,
		...fields
	});
}

/** Attempt ids in sequence across a test, however many starts it makes. */
let attemptIds = 0;

/** A clock from `start` that moves a second on each read, new ids and a fixed seed. */
function attemptDeps(start = NOW): NewAttemptDeps {
	let clock = start;
	return {
		now: () => (clock += 1_000),
		newId: () => `attempt-${++attemptIds}`,
		newSeed: () => 7
	};
}

function composeDeps(start = NOW): ComposeDeps {
	let clock = start;
	let ids = 0;
	return {
		now: () => (clock += 1_000),
		newId: () => `made_${String(++ids).padStart(10, '0')}`
	};
}

let store: MemoryProgressStore;
let assignments: MemoryAssignmentStore;

beforeEach(async () => {
	keys ??= await newTeacherKeys(NOW);
	privateKey ??= await privateKeyOf(keys);
	attemptIds = 0;
	store = new MemoryProgressStore();
	assignments = new MemoryAssignmentStore();
});

/** Answers the attempt's questions (the first `count` of them) and finishes it, as a session would. */
async function answerAndFinish(attempt: Attempt, count: number, at: number): Promise<Attempt> {
	for (const [i, ref] of attempt.questions.slice(0, count).entries()) {
		const answer: Answer = {
			attemptId: attempt.id,
			questionId: ref.questionId,
			storyId: ref.storyId,
			category: 'dates',
			fingerprint: hex(i + 1),
			response: { value: i % 2 === 0 },
			score: i % 2 === 0 ? 1 : 0,
			answeredAt: at + i
		};
		await store.recordAnswer(answer);
	}
	const finished = { ...attempt, finishedAt: at + 100, updatedAt: at + 100 };
	const { attempt: saved } = await store.saveAttempt(finished);
	return saved;
}

async function opened(code: string): Promise<ResultPayload> {
	const result = await openResult(code, keys, privateKey);
	if (!result.ok) throw new Error(`the code did not open: ${result.error.reason}`);
	return result.value;
}

describe('startAssignment', () => {
	it('keeps the assignment under the student’s name and saves an attempt at its questions', async () => {
		const assignment = assignmentFor({ order: 'shuffled' });
		const deps = attemptDeps();
		const attempt = await startAssignment(
			store,
			assignments,
			assignment,
			banks,
			'  Ana Lopes ',
			deps
		);
		expect(attempt).not.toBeNull();
		expect(attempt!.mode).toBe('assignment');
		expect(attempt!.assignment).toEqual({ id: assignment.id, name: 'Ana Lopes' });
		expect(attempt!.finishedAt).toBeNull();
		expect(attempt!.seed).toBe(7);
		expect(attempt!.questions).toEqual(questionsFor(assignment, banks, 7).refs);
		expect(await store.getAttempt(attempt!.id)).toEqual(attempt);

		expect(await assignments.getTaken(assignment.id)).toEqual({
			id: assignment.id,
			code: encodeAssignment(assignment),
			name: 'Ana Lopes',
			openedAt: attempt!.startedAt,
			handIns: []
		});
	});

	it('asks only the pinned questions this copy holds', async () => {
		const assignment = assignmentFor();
		const onlyA = banksOf({ [STORY]: storyA });
		const attempt = await startAssignment(
			store,
			assignments,
			assignment,
			onlyA,
			'Ana',
			attemptDeps()
		);
		expect(attempt!.questions.map((r) => r.questionId)).toEqual(['a-one', 'a-two', 'a-three']);
	});

	it('is null, and keeps nothing, when no pinned question is in the banks', async () => {
		const assignment = assignmentFor();
		const elsewhere = banksOf({ 'story-z': [q('z-one', 9)] });
		for (const none of [new Map(), elsewhere] as Banks[])
			expect(
				await startAssignment(store, assignments, assignment, none, 'Ana', attemptDeps())
			).toBeNull();
		expect(await assignments.getTaken(assignment.id)).toBeUndefined();
		expect(await store.listAttempts()).toEqual([]);
	});

	it('is null, and keeps nothing, without a name', async () => {
		const assignment = assignmentFor();
		expect(
			await startAssignment(store, assignments, assignment, banks, '   ', attemptDeps())
		).toBeNull();
		expect(await assignments.getTaken(assignment.id)).toBeUndefined();
		expect(await store.listAttempts()).toEqual([]);
	});

	it('keeps when the assignment was first opened and what was handed in, on a second start', async () => {
		const assignment = assignmentFor();
		const first = await startAssignment(
			store,
			assignments,
			assignment,
			banks,
			'Ana',
			attemptDeps(NOW)
		);
		const code = await handIn(
			store,
			assignments,
			assignment,
			await answerAndFinish(first!, 2, NOW + 10_000)
		);

		const second = await startAssignment(
			store,
			assignments,
			assignment,
			banks,
			'Ana L.',
			attemptDeps(NOW + 60_000)
		);
		expect(second!.startedAt).toBeGreaterThan(first!.startedAt);
		const taken = await assignments.getTaken(assignment.id);
		expect(taken).toMatchObject({ name: 'Ana L.', openedAt: first!.startedAt });
		expect(taken!.handIns).toEqual([{ attemptId: first!.id, code, finishedAt: NOW + 10_100 }]);
	});
});

describe('handIn', () => {
	it('makes a result code the teacher opens to the student’s name, questions and answers', async () => {
		const assignment = assignmentFor();
		const attempt = await startAssignment(
			store,
			assignments,
			assignment,
			banks,
			'Ana Lopes',
			attemptDeps()
		);
		const finished = await answerAndFinish(attempt!, 3, NOW + 10_000);
		const code = await handIn(store, assignments, assignment, finished);

		expect(decodeResult(code)).toMatchObject({ ok: true, value: { assignmentId: assignment.id } });
		// Sealed: the name is not in the code.
		expect(code).not.toContain('Ana');
		const payload = await opened(code);
		expect(v.is(ResultPayloadSchema, payload)).toBe(true);
		expect(payload).toMatchObject({
			assignmentId: assignment.id,
			assignmentDigest: assignmentDigest(assignment),
			name: 'Ana Lopes',
			attempt: 1,
			startedAt: attempt!.startedAt,
			finishedAt: NOW + 10_100,
			late: false,
			timedOut: false,
			asked: ['a-one', 'a-two', 'a-three', 'b-one']
		});
		expect(payload.answers).toEqual(
			// The student's copies are the versions pinned, so no fingerprint needs to travel.
			(await store.answersFor(attempt!.id)).map((a) => ({
				questionId: a.questionId,
				response: a.response,
				atSecond: Math.round((a.answeredAt - attempt!.startedAt) / 1000)
			}))
		);
		expect(payload.answers.map((a) => a.questionId)).toEqual(['a-one', 'a-two', 'a-three']);
	});

	it('numbers each attempt at the assignment, from 1', async () => {
		const assignment = assignmentFor();
		const first = await startAssignment(
			store,
			assignments,
			assignment,
			banks,
			'Ana',
			attemptDeps(NOW)
		);
		const firstCode = await handIn(
			store,
			assignments,
			assignment,
			await answerAndFinish(first!, 1, NOW + 10_000)
		);
		const second = await startAssignment(
			store,
			assignments,
			assignment,
			banks,
			'Ana',
			attemptDeps(NOW + 60_000)
		);
		// Another assignment's attempt in between does not count.
		await startAssignment(
			store,
			assignments,
			assignmentFor({ id: 'asg_other_12345' }),
			banks,
			'Ana',
			attemptDeps(NOW + 30_000)
		);
		const secondCode = await handIn(
			store,
			assignments,
			assignment,
			await answerAndFinish(second!, 2, NOW + 70_000)
		);

		expect((await opened(firstCode)).attempt).toBe(1);
		const again = await opened(secondCode);
		expect(again.attempt).toBe(2);
		expect(again.answers.map((a) => a.questionId)).toEqual(['a-one', 'a-two']);
	});

	it('gives the same code again for the same attempt, without sealing it anew', async () => {
		const assignment = assignmentFor();
		const attempt = await startAssignment(
			store,
			assignments,
			assignment,
			banks,
			'Ana',
			attemptDeps()
		);
		const finished = await answerAndFinish(attempt!, 2, NOW + 10_000);
		const code = await handIn(store, assignments, assignment, finished);
		// Sealing uses a fresh key and IV each time: a second seal would give another code.
		expect(await handIn(store, assignments, assignment, finished)).toBe(code);
		const taken = await assignments.getTaken(assignment.id);
		expect(taken!.handIns).toEqual([{ attemptId: attempt!.id, code, finishedAt: NOW + 10_100 }]);
	});

	it('keeps the assignment with the hand-in when it was not kept before', async () => {
		const assignment = assignmentFor();
		const attempt: Attempt = {
			id: 'attempt-x',
			seed: 1,
			categories: [],
			questions: [{ storyId: STORY, questionId: 'a-one' }],
			position: 0,
			startedAt: NOW,
			updatedAt: NOW + 5_000,
			finishedAt: NOW + 5_000,
			mode: 'assignment',
			assignment: { id: assignment.id, name: 'Zoë Ünal' }
		};
		await store.saveAttempt(attempt);
		const code = await handIn(store, assignments, assignment, attempt);
		expect(await assignments.getTaken(assignment.id)).toEqual({
			id: assignment.id,
			code: encodeAssignment(assignment),
			name: 'Zoë Ünal',
			openedAt: NOW,
			handIns: [{ attemptId: 'attempt-x', code, finishedAt: NOW + 5_000 }]
		});
		expect((await opened(code)).name).toBe('Zoë Ünal');
	});

	it('marks a result finished after the due date late, and one whose time ran out timed out', async () => {
		const assignment = assignmentFor({ due: NOW + 5_000 });
		const attempt = await startAssignment(
			store,
			assignments,
			assignment,
			banks,
			'Ana',
			attemptDeps()
		);
		const finished = await answerAndFinish(attempt!, 1, NOW + 10_000);
		const ranOut = {
			...finished,
			assignment: { ...finished.assignment!, timedOut: true as const }
		};
		await store.saveAttempt(ranOut);
		const payload = await opened(await handIn(store, assignments, assignment, ranOut));
		expect(payload.late).toBe(true);
		expect(payload.timedOut).toBe(true);
	});
});

describe('standingOf and pinsOf', () => {
	it('reads the opened record and this assignment’s attempts, with the one still open', async () => {
		const assignment = assignmentFor();
		expect(await standingOf(store, assignments, assignment.id)).toEqual({
			taken: undefined,
			attempts: [],
			open: null
		});
		const first = await startAssignment(
			store,
			assignments,
			assignment,
			banks,
			'Ana',
			attemptDeps(NOW)
		);
		const done = await answerAndFinish(first!, 1, NOW + 10_000);
		const second = await startAssignment(
			store,
			assignments,
			assignment,
			banks,
			'Ana',
			attemptDeps(NOW + 60_000)
		);
		await store.saveAttempt({ ...done, id: 'practice-1', mode: 'practice' });

		const standing = await standingOf(store, assignments, assignment.id);
		expect(standing.taken).toEqual(await assignments.getTaken(assignment.id));
		expect(standing.attempts.map((a) => a.id)).toEqual([first!.id, second!.id]);
		expect(standing.open).toEqual(second);
	});

	it('names the pins this copy lacks and those it holds in another version', () => {
		const changedA = { ...storyA[1]!, fingerprint: hex(99) };
		const here = banksOf({ [STORY]: [storyA[0]!, changedA, storyA[2]!] });
		expect(pinsOf(assignmentFor(), here)).toEqual({
			missing: [pin(OTHER_STORY, storyB[0]!)],
			changed: [pin(STORY, storyA[1]!)]
		});
		expect(pinsOf(assignmentFor(), banks)).toEqual({ missing: [], changed: [] });
	});
});

describe('createComposition and duplicate', () => {
	it('keeps the new composition it returns', async () => {
		const made = await createComposition(assignments, composeDeps());
		expect(made).toEqual(newComposition('made_0000000001', NOW + 1_000));
		expect(await assignments.getComposition(made.id)).toEqual(made);
		expect(await assignments.compositions()).toEqual([made]);
	});

	it('keeps the copy it returns, and leaves the source as it was', async () => {
		const deps = composeDeps();
		const source: Composition = {
			...(await createComposition(assignments, deps)),
			title: 'Albania and Iran',
			questions: PINS
		};
		await assignments.saveComposition(source);
		const copy = await duplicate(assignments, source, deps);
		expect(copy.id).not.toBe(source.id);
		expect(copy.title).toBe('Albania and Iran (copy)');
		expect(copy.questions).toEqual(PINS);
		expect(await assignments.getComposition(copy.id)).toEqual(copy);
		expect(await assignments.getComposition(source.id)).toEqual(source);
	});
});

describe('shareComposition', () => {
	function composition(fields: Partial<Composition> = {}): Composition {
		return {
			...newComposition('comp_0123456789', NOW),
			title: 'Albania and Iran',
			questions: PINS,
			...fields
		};
	}

	it.each([
		['untitled', { title: '  ' }, 'Give the assignment a title.'],
		['empty', { questions: [] }, 'Add at least one question.']
	])('refuses an %s composition in words and shares nothing', async (_what, fields, problem) => {
		const result = await shareComposition(assignments, composition(fields), composeDeps());
		expect(result).toEqual({ ok: false, problem });
		expect(await assignments.allShared()).toEqual([]);
		// Not even the key pair is made for a composition that cannot be shared yet.
		expect(await assignments.teacherKeys()).toBeUndefined();
	});

	it('shares a valid composition under a new id, to the teacher’s key, and keeps it', async () => {
		const result = await shareComposition(assignments, composition(), composeDeps());
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		const kept = await assignments.teacherKeys();
		expect(kept).toBeDefined();
		const { shared } = result;
		expect(shared).toMatchObject({
			compositionId: 'comp_0123456789',
			policy: 'best',
			roster: [],
			released: false
		});
		expect(shared.id).toMatch(/^made_/);
		expect(shared.assignment.id).toBe(shared.id);
		expect(shared.assignment.title).toBe('Albania and Iran');
		expect(shared.assignment.questions).toEqual(PINS);
		expect(shared.assignment.teacherKey).toBe(kept!.publicKey);
		expect(await assignments.getShared(shared.id)).toEqual(shared);
		// The link works: a student's device reads it.
		expect(() => encodeAssignment(shared.assignment)).not.toThrow();
	});

	it('makes the teacher’s key on first use and shares every assignment to that one key', async () => {
		const deps = composeDeps();
		const one = await shareComposition(assignments, composition(), deps);
		const two = await shareComposition(
			assignments,
			composition({ id: 'comp_9876543210', title: 'Another' }),
			deps
		);
		if (!one.ok || !two.ok) throw new Error('both should share');
		expect(one.shared.id).not.toBe(two.shared.id);
		expect(two.shared.assignment.teacherKey).toBe(one.shared.assignment.teacherKey);
		expect((await assignments.teacherKeys())!.publicKey).toBe(one.shared.assignment.teacherKey);
	});

	it('uses a key the teacher already has', async () => {
		await assignments.keepTeacherKeys(keys);
		const result = await shareComposition(assignments, composition(), composeDeps());
		if (!result.ok) throw new Error(result.problem);
		expect(result.shared.assignment.teacherKey).toBe(keys.publicKey);
	});

	it('gives the same version again when nothing students would see has changed', async () => {
		const deps = composeDeps();
		const c = composition();
		const first = await shareComposition(assignments, c, deps);
		const again = await shareComposition(
			assignments,
			{ ...c, archived: true, updatedAt: NOW + 50_000 },
			deps
		);
		expect(again).toEqual(first);
		expect(await assignments.allShared()).toHaveLength(1);
	});

	it('makes a new version after a change, keeping the previous version’s policy and roster', async () => {
		const deps = composeDeps();
		const c = composition();
		const first = await shareComposition(assignments, c, deps);
		if (!first.ok) throw new Error(first.problem);
		await assignments.updateShared(first.shared.id, {
			policy: 'last',
			roster: ['Ana Lopes', 'Zoë Ünal'],
			released: true
		});

		const second = await shareComposition(assignments, { ...c, timeLimitMinutes: 30 }, deps);
		if (!second.ok) throw new Error(second.problem);
		expect(second.shared.id).not.toBe(first.shared.id);
		expect(second.shared).toMatchObject({
			compositionId: c.id,
			policy: 'last',
			roster: ['Ana Lopes', 'Zoë Ünal'],
			released: false
		});
		expect(second.shared.assignment.timeLimitMinutes).toBe(30);
		expect((await assignments.allShared()).map((s) => s.id).sort()).toEqual(
			[first.shared.id, second.shared.id].sort()
		);
		// The first version stays as the students got it.
		expect((await assignments.getShared(first.shared.id))!.assignment).toEqual(
			first.shared.assignment
		);
	});

	it('does not take another composition’s gradebook choices', async () => {
		const deps = composeDeps();
		const other = await shareComposition(assignments, composition({ id: 'comp_9876543210' }), deps);
		if (!other.ok) throw new Error(other.problem);
		await assignments.updateShared(other.shared.id, { policy: 'first', roster: ['Someone'] });
		const mine = await shareComposition(assignments, composition(), deps);
		if (!mine.ok) throw new Error(mine.problem);
		expect(mine.shared.id).not.toBe(other.shared.id);
		expect(mine.shared).toMatchObject({ policy: 'best', roster: [] });
	});
});
