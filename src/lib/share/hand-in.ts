import * as v from 'valibot';
import type { Answer, Attempt, QuestionRef } from '../quiz/attempt';
import { assignmentDigest, FingerprintSchema, type Assignment } from './assignment';
import { isLate } from './rules';
import {
	jsonBytesWithin,
	MAX_ANSWER_SECOND,
	MAX_RESPONSE_BYTES,
	type ResultPayload
} from './result';

/**
 * A student's side of an assignment: the attempt it becomes on the student's device (kept in
 * their own history like any quiz), which attempt this is, and the result they hand in.
 */

/** The student's attempts at one assignment, oldest first, and the one still open, if any. */
export function attemptsAt(
	attempts: readonly Attempt[],
	assignmentId: string
): { all: Attempt[]; open: Attempt | null } {
	const all = attempts
		.filter((a) => a.mode === 'assignment' && a.assignment?.id === assignmentId)
		.sort((a, b) => a.startedAt - b.startedAt || a.id.localeCompare(b.id));
	return { all, open: all.find((a) => a.finishedAt === null) ?? null };
}

/** A new attempt at an assignment, asking `refs` (from `questionsFor`) under the student's name. */
export function assignmentAttempt(
	assignment: Pick<Assignment, 'id'>,
	refs: readonly QuestionRef[],
	opts: { id: string; seed: number; now: number; name: string }
): Attempt | null {
	const name = opts.name.trim();
	if (!refs.length || !name) return null;
	return {
		id: opts.id,
		seed: opts.seed,
		categories: [],
		questions: refs.map((r) => ({ storyId: r.storyId, questionId: r.questionId })),
		position: 0,
		startedAt: opts.now,
		updatedAt: opts.now,
		finishedAt: null,
		mode: 'assignment',
		assignment: { id: assignment.id, name }
	};
}

/**
 * Whether a stored response can travel in a result. One past the limit (an answer typed before
 * inputs had one, or a record changed by hand) travels as no response, scored 0 by the teacher,
 * rather than stopping the student handing in at all.
 */
function fits(response: unknown): boolean {
	return (
		response !== undefined && jsonBytesWithin(response, MAX_RESPONSE_BYTES) <= MAX_RESPONSE_BYTES
	);
}

/** An answer's time as a result carries it: whole seconds after the attempt started. */
function secondsAfter(startedAt: number, at: number): number {
	const second = Math.round((at - startedAt) / 1000);
	// `+ 0` turns -0 (a time rounded up to the start) into 0, which JSON writes the same way.
	return Math.max(-MAX_ANSWER_SECOND, Math.min(MAX_ANSWER_SECOND, second)) + 0;
}

/**
 * What the student hands in for a finished attempt: the name, every question asked and every
 * answer given, and the times. An answer names its question's fingerprint only when the student's
 * copy is not the one the link pins. `number` is which of the student's attempts at the assignment
 * this was, from 1. No score: the teacher's device scores.
 */
export function handInPayload(
	assignment: Assignment,
	attempt: Attempt,
	answers: readonly Answer[],
	opts: { number: number }
): ResultPayload {
	const finishedAt = attempt.finishedAt ?? attempt.updatedAt;
	const asked = attempt.questions.map((r) => r.questionId);
	const pinned = new Map(assignment.questions.map((q) => [q.questionId, q.fingerprint]));
	return {
		assignmentId: assignment.id,
		assignmentDigest: assignmentDigest(assignment),
		name: attempt.assignment?.name ?? '',
		attempt: opts.number,
		startedAt: attempt.startedAt,
		finishedAt,
		late: isLate(assignment, finishedAt),
		timedOut: attempt.assignment?.timedOut === true,
		asked,
		answers: answers
			.filter((a) => a.attemptId === attempt.id && asked.includes(a.questionId))
			.sort((a, b) => a.answeredAt - b.answeredAt)
			.map((a) => {
				const fingerprint = v.is(FingerprintSchema, a.fingerprint) ? a.fingerprint : null;
				return {
					questionId: a.questionId,
					...(fingerprint === pinned.get(a.questionId) ? {} : { fingerprint }),
					response: fits(a.response) ? a.response : null,
					...(a.dontKnow ? { dontKnow: true as const } : {}),
					atSecond: secondsAfter(attempt.startedAt, a.answeredAt)
				};
			})
	};
}
