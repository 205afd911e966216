import * as v from 'valibot';
import { CATEGORIES, type Category } from '../content/categories';
import type { Question } from '../content/model';
import { scoreAttempt, storiesOf, type Answer, type Attempt, type AttemptScore } from './attempt';

/** Running totals for one question across every attempt. */
export const QuestionStatSchema = v.object({
	questionId: v.pipe(v.string(), v.minLength(1)),
	storyId: v.pipe(v.string(), v.minLength(1)),
	category: v.picklist(CATEGORIES),
	seen: v.pipe(v.number(), v.integer(), v.minValue(0)),
	/** Answers that earned full credit. */
	right: v.pipe(v.number(), v.integer(), v.minValue(0)),
	scoreSum: v.pipe(v.number(), v.finite()),
	lastScore: v.pipe(v.number(), v.finite()),
	lastAnsweredAt: v.pipe(v.number(), v.finite())
});
export type QuestionStat = v.InferOutput<typeof QuestionStatSchema>;

/** Folds one more answer into a question's totals. */
export function addToStat(stat: QuestionStat | undefined, answer: Answer): QuestionStat {
	const base = stat ?? {
		questionId: answer.questionId,
		storyId: answer.storyId,
		category: answer.category,
		seen: 0,
		right: 0,
		scoreSum: 0,
		lastScore: 0,
		lastAnsweredAt: 0
	};
	return {
		...base,
		seen: base.seen + 1,
		right: base.right + (answer.score >= 1 ? 1 : 0),
		scoreSum: base.scoreSum + answer.score,
		lastScore: answer.score,
		lastAnsweredAt: answer.answeredAt
	};
}

/** What recording one answer writes: the answer, its question's totals, and the attempt's time. */
export interface AnswerWrites {
	answer: Answer;
	stat: QuestionStat;
	/** The attempt with its time stamp moved on; null when the attempt is not stored. */
	attempt: Attempt | null;
}

/**
 * Recording an answer, the same for every store: given what is stored now, what to write. Null
 * when the question already has an answer in this attempt: answers are final.
 */
export function recordAnswer(
	stored: {
		answer: Answer | undefined;
		stat: QuestionStat | undefined;
		attempt: Attempt | undefined;
	},
	answer: Answer
): AnswerWrites | null {
	if (stored.answer) return null;
	return {
		answer,
		stat: addToStat(stored.stat, answer),
		attempt: stored.attempt
			? { ...stored.attempt, updatedAt: Math.max(stored.attempt.updatedAt, answer.answeredAt) }
			: null
	};
}

export interface CategoryAccuracy {
	category: Category;
	answered: number;
	accuracy: number;
}

/** One past or current attempt, as the progress page lists it. */
export interface AttemptRow extends AttemptScore {
	attempt: Attempt;
	stories: string[];
}

export interface MissedQuestion {
	question: Question;
	seen: number;
	missed: number;
}

/** Everything the progress page shows, from the stored attempts and answers. */
export interface ProgressReport {
	/** Newest first. */
	attempts: AttemptRow[];
	byCategory: CategoryAccuracy[];
	/** The questions missed most often (not fully right), worst first; ties go to the most recent. */
	missed: MissedQuestion[];
}

/**
 * The progress report, computed from every stored attempt and answer in one pass. Questions no
 * bank holds any more still count in the totals, but are not listed as missed (there is nothing
 * to show for them).
 */
export function progressReport(
	attempts: readonly Attempt[],
	answers: readonly Answer[],
	questions: readonly Question[],
	missedLimit = 5
): ProgressReport {
	const answersOf = new Map<string, Answer[]>();
	for (const a of answers) {
		const list = answersOf.get(a.attemptId);
		if (list) list.push(a);
		else answersOf.set(a.attemptId, [a]);
	}
	const rows = attempts
		.map((attempt) => ({
			attempt,
			stories: storiesOf(attempt),
			...scoreAttempt(attempt, answersOf.get(attempt.id) ?? [])
		}))
		.sort((a, b) => b.attempt.startedAt - a.attempt.startedAt);

	const perCategory = new Map<Category, { answered: number; points: number }>();
	const perQuestion = new Map<string, { seen: number; missed: number; last: number }>();
	for (const a of answers) {
		const c = perCategory.get(a.category) ?? { answered: 0, points: 0 };
		c.answered++;
		c.points += a.score;
		perCategory.set(a.category, c);
		const q = perQuestion.get(a.questionId) ?? { seen: 0, missed: 0, last: 0 };
		q.seen++;
		if (a.score < 1) q.missed++;
		q.last = Math.max(q.last, a.answeredAt);
		perQuestion.set(a.questionId, q);
	}
	const byId = new Map(questions.map((q) => [q.id, q]));
	const missed = [...perQuestion]
		.flatMap(([id, s]) => {
			const question = byId.get(id);
			return question && s.missed > 0 ? [{ question, ...s }] : [];
		})
		.sort((a, b) => b.missed - a.missed || b.last - a.last)
		.slice(0, missedLimit)
		.map(({ question, seen, missed }) => ({ question, seen, missed }));

	return {
		attempts: rows,
		byCategory: CATEGORIES.map((category) => {
			const c = perCategory.get(category);
			return {
				category,
				answered: c?.answered ?? 0,
				accuracy: c?.answered ? c.points / c.answered : 0
			};
		}),
		missed
	};
}

/** The attempt to offer on "continue where you left off": the latest unfinished one. */
export function resumable(attempts: readonly Attempt[]): Attempt | null {
	return (
		attempts.filter((a) => a.finishedAt === null).sort((a, b) => b.updatedAt - a.updatedAt)[0] ??
		null
	);
}
