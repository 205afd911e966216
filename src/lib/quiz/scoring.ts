import * as v from 'valibot';
import type { Question } from '../content/model';
import {
	typeOf,
	type Outlet,
	type QuestionTypeName,
	type ResponseOf,
	type ResponsePart,
	type Scored
} from '../question-types';
import { optionOrder } from './random';

/**
 * A stored or drafted response, checked against its question's type: the response itself when it
 * has the type's shape, otherwise undefined (an old or tampered record, or a question whose type
 * changed). Nothing reads a response without passing through here.
 */
export function readResponse<T extends QuestionTypeName>(
	question: Extract<Question, { type: T }>,
	response: unknown
): ResponseOf<T> | undefined {
	const parsed = v.safeParse(typeOf(question.type).response, response);
	return parsed.success ? (parsed.output as ResponseOf<T>) : undefined;
}

/**
 * Scores a response to a question by its type's rule (see `src/lib/question-types/`). A response
 * that does not have its type's shape scores 0 rather than throwing.
 */
export function scoreResponse(question: Question, response: unknown): Scored {
	const read = readResponse(question, response);
	if (read === undefined) return { score: 0 };
	const { score, note } = typeOf(question.type).score(question, read);
	const clamped = Number.isFinite(score) ? Math.min(1, Math.max(0, score)) : 0;
	return note ? { score: clamped, note } : { score: clamped };
}

/** Whether a response is ready to check: every part answered. */
export function isComplete(question: Question, response: unknown): boolean {
	const read = readResponse(question, response);
	return read !== undefined && typeOf(question.type).isComplete(question, read);
}

/** The response that earns full credit. */
export function perfectResponse(question: Question): unknown {
	return typeOf(question.type).perfect(question);
}

/**
 * Where a response starts when the question appears in an attempt: nothing chosen for most types,
 * and for types whose control always holds a full response (an order), that response, arranged
 * with the attempt's seed so a resumed attempt shows the same.
 */
export function startingResponse<T extends QuestionTypeName>(
	question: Extract<Question, { type: T }>,
	seed: number
): ResponseOf<T> | undefined {
	return typeOf(question.type).start?.(question, (items) =>
		optionOrder(items, seed, question.id)
	) as ResponseOf<T> | undefined;
}

/** The right answer in words. */
export function answerText(question: Question, outlets: readonly Outlet[]): string {
	return typeOf(question.type).answerText(question, outlets);
}

/** What a student answered, in words; null when the stored response no longer fits the question. */
export function responseText(
	question: Question,
	response: unknown,
	outlets: readonly Outlet[]
): string | null {
	const read = readResponse(question, response);
	return read === undefined ? null : typeOf(question.type).responseText(question, read, outlets);
}

/** The right answer as a list of parts, for types whose answer has parts; null for the others. */
export function answerParts(question: Question, outlets: readonly Outlet[]): string[] | null {
	return typeOf(question.type).answerParts?.(question, outlets) ?? null;
}

/** A response as a list of parts, like `answerParts`; null when the type has none or it no longer reads. */
export function responseParts(
	question: Question,
	response: unknown,
	outlets: readonly Outlet[]
): ResponsePart[] | null {
	const read = readResponse(question, response);
	const parts = typeOf(question.type).responseParts;
	return read === undefined || !parts ? null : parts(question, read, outlets);
}

/** How a response's partial credit was reached, in words; null for types without partial credit. */
export function howScored(question: Question, response: unknown): string | null {
	const read = readResponse(question, response);
	const how = typeOf(question.type).howScored;
	return read === undefined || !how ? null : how(question, read);
}

export type Verdict = 'right' | 'partly' | 'wrong';

export function verdictOf(score: number): Verdict {
	return score >= 1 ? 'right' : score > 0 ? 'partly' : 'wrong';
}

/** The verdict on an answer in words, as the quiz bar, the feedback and the review say it. */
export function verdictText(answer: {
	score: number;
	dontKnow?: boolean;
	override?: unknown;
}): string {
	if (answer.override) return 'Right (marked by you)';
	if (answer.dontKnow) return 'Here is the answer';
	const verdict = verdictOf(answer.score);
	return verdict === 'right'
		? 'Right'
		: verdict === 'partly'
			? `Partly right: ${Math.min(99, Math.round(answer.score * 100))}%`
			: 'Not quite';
}
