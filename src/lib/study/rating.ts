import { Rating, type Grade } from 'ts-fsrs';

/**
 * How well a question was recalled, for the scheduler, from how the answer scored: every answer
 * is graded by the quiz, so the student never rates themself.
 * - wrong (no credit, or "I don't know") → Again;
 * - partly right → Hard;
 * - right (an override "I was right" included) → Good.
 * Easy is never given: a quick right answer may be a lucky one, and the quiz does not time answers.
 */
export function ratingFor(score: number): Grade {
	if (!(score > 0)) return Rating.Again;
	return score >= 1 ? Rating.Good : Rating.Hard;
}

export { Rating, type Grade };
