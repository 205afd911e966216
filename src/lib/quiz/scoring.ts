import * as v from 'valibot';
import type { Question } from '../content/model';
import { typeOf, type Scored } from '../question-types';

/**
 * Scores a response to a question by its type's rule (see `src/lib/question-types/`). A response
 * that does not have its type's shape (from an old or tampered record) scores 0 rather than throwing.
 */
export function scoreResponse(question: Question, response: unknown): Scored {
	const def = typeOf(question.type);
	const parsed = v.safeParse(def.response, response);
	if (!parsed.success) return { score: 0 };
	const { score, note } = def.score(question, parsed.output);
	const clamped = Number.isFinite(score) ? Math.min(1, Math.max(0, score)) : 0;
	return note ? { score: clamped, note } : { score: clamped };
}

/** Whether a response is ready to check: every part answered. */
export function isComplete(question: Question, response: unknown): boolean {
	const def = typeOf(question.type);
	const parsed = v.safeParse(def.response, response);
	return parsed.success && def.isComplete(question, parsed.output);
}

/** The response that earns full credit. */
export function perfectResponse(question: Question): unknown {
	return typeOf(question.type).perfect(question);
}

export type Verdict = 'right' | 'partly' | 'wrong';

export function verdictOf(score: number): Verdict {
	return score >= 1 ? 'right' : score > 0 ? 'partly' : 'wrong';
}
