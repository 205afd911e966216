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

/** Attempts as rows, in the order given, each scored from its own answers (`scoreAttempt`). */
export function attemptRows(
	attempts: readonly Attempt[],
	answers: readonly Answer[]
): AttemptRow[] {
	const answersOf = new Map<string, Answer[]>();
	for (const a of answers) {
		const list = answersOf.get(a.attemptId);
		if (list) list.push(a);
		else answersOf.set(a.attemptId, [a]);
	}
	return attempts.map((attempt) => ({
		attempt,
		stories: storiesOf(attempt),
		...scoreAttempt(attempt, answersOf.get(attempt.id) ?? [])
	}));
}

export interface MissedQuestion {
	question: Question;
	seen: number;
	missed: number;
}

/** How a student does across every answer ever given, per section and per question. */
export interface ProgressSummary {
	byCategory: CategoryAccuracy[];
	/** The questions missed most often (not fully right), worst first; ties go to the most recent. */
	missed: MissedQuestion[];
}

/**
 * Accuracy per section and the questions missed most, from the per-question totals that
 * `recordAnswer` keeps with every answer: one small read, however many quizzes a student has
 * taken. Questions no bank holds any more count in the sections but are not listed as missed.
 */
export function progressSummary(
	stats: readonly QuestionStat[],
	questions: readonly Question[],
	missedLimit = 5
): ProgressSummary {
	const byId = new Map(questions.map((q) => [q.id, q]));
	return {
		byCategory: CATEGORIES.map((category) => {
			const rows = stats.filter((s) => s.category === category);
			const answered = rows.reduce((n, s) => n + s.seen, 0);
			const points = rows.reduce((n, s) => n + s.scoreSum, 0);
			return { category, answered, accuracy: answered ? points / answered : 0 };
		}),
		missed: stats
			.flatMap((s) => {
				const question = byId.get(s.questionId);
				const missed = s.seen - s.right;
				return question && missed > 0
					? [{ question, seen: s.seen, missed, last: s.lastAnsweredAt }]
					: [];
			})
			.sort((a, b) => b.missed - a.missed || b.last - a.last)
			.slice(0, missedLimit)
			.map(({ question, seen, missed }) => ({ question, seen, missed }))
	};
}

/** The attempt to offer on "continue where you left off": the latest unfinished one. */
export function resumable(attempts: readonly Attempt[]): Attempt | null {
	return (
		attempts.filter((a) => a.finishedAt === null).sort((a, b) => b.updatedAt - a.updatedAt)[0] ??
		null
	);
}
