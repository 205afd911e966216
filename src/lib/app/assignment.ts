import type { StorySummary } from '$lib/content/model';
import type { Attempt, Banks } from '$lib/quiz/attempt';
import { encodeAssignment, type Assignment } from '$lib/share/assignment';
import { questionsFor, type AssignedQuestions } from '$lib/share/compose';
import type { TakenAssignment } from '$lib/share/composition';
import { assignmentAttempt, attemptsAt, handInPayload } from '$lib/share/hand-in';
import type { AssignmentStore } from '$lib/storage/assignment-store';
import type { ProgressStore } from '$lib/storage/progress-store';
import { fetchBanks } from './data';
import { browserNewAttemptDeps, type NewAttemptDeps } from './quiz-session.svelte';
import { sealResult } from './seal';

/**
 * A student's side of an assignment, at the edge: the banks it draws on, the attempt it becomes,
 * and the sealed result code, kept with the opened assignment so it can be handed in later.
 */

/** The banks of every story an assignment pins a question from. */
export function banksFor(
	fetch: typeof globalThis.fetch,
	stories: readonly StorySummary[],
	assignment: Assignment
): Promise<Banks> {
	return fetchBanks(fetch, stories, [...new Set(assignment.questions.map((q) => q.storyId))]);
}

/** Which pinned questions this copy of Byline lacks, or holds in another version. */
export function pinsOf(assignment: Assignment, banks: Banks): Omit<AssignedQuestions, 'refs'> {
	const { missing, changed } = questionsFor(assignment, banks, 0);
	return { missing, changed };
}

/** What the student's device holds of this assignment: the opened record and every attempt. */
export async function standingOf(
	store: ProgressStore,
	assignments: AssignmentStore,
	assignmentId: string
): Promise<{ taken: TakenAssignment | undefined; attempts: Attempt[]; open: Attempt | null }> {
	const [taken, all] = await Promise.all([
		assignments.getTaken(assignmentId),
		store.listAttempts()
	]);
	const { all: attempts, open } = attemptsAt(all, assignmentId);
	return { taken, attempts, open };
}

/**
 * Starts an attempt under the student's name: keeps the assignment (so it can be resumed and
 * handed in offline) and saves the attempt. Returns the attempt, or null when no pinned question
 * is in this copy of Byline.
 */
export async function startAssignment(
	store: ProgressStore,
	assignments: AssignmentStore,
	assignment: Assignment,
	banks: Banks,
	name: string,
	deps: NewAttemptDeps = browserNewAttemptDeps
): Promise<Attempt | null> {
	const seed = deps.newSeed();
	const now = deps.now();
	const { refs } = questionsFor(assignment, banks, seed);
	const attempt = assignmentAttempt(assignment, refs, { id: deps.newId(), seed, now, name });
	if (!attempt) return null;
	const taken = await assignments.getTaken(assignment.id);
	await assignments.saveTaken({
		id: assignment.id,
		code: encodeAssignment(assignment),
		name: attempt.assignment!.name,
		openedAt: taken?.openedAt ?? now,
		handIns: taken?.handIns ?? []
	});
	await store.saveAttempt(attempt);
	return attempt;
}

/**
 * The result code for a finished attempt: the one made before, if there is one (it is kept, so
 * the student can show it again), or a new one, sealed to the teacher and kept.
 */
export async function handIn(
	store: ProgressStore,
	assignments: AssignmentStore,
	assignment: Assignment,
	attempt: Attempt
): Promise<string> {
	const taken = await assignments.getTaken(assignment.id);
	const made = taken?.handIns.find((h) => h.attemptId === attempt.id);
	if (made) return made.code;
	const [answers, all] = await Promise.all([store.answersFor(attempt.id), store.listAttempts()]);
	const number = attemptsAt(all, assignment.id).all.findIndex((a) => a.id === attempt.id) + 1;
	const payload = handInPayload(assignment, attempt, answers, { number: Math.max(1, number) });
	const code = await sealResult(payload, assignment);
	if (!taken)
		await assignments.saveTaken({
			id: assignment.id,
			code: encodeAssignment(assignment),
			name: payload.name,
			openedAt: attempt.startedAt,
			handIns: []
		});
	await assignments.addHandIn(assignment.id, {
		attemptId: attempt.id,
		code,
		finishedAt: payload.finishedAt
	});
	return code;
}
