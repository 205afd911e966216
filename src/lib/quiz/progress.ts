import * as v from 'valibot';
import { CATEGORIES, type Category } from '../content/categories';
import type { Question } from '../content/model';
import { StudyCardSchema } from '../study/card';
import type { Review } from '../study/schedule';
import {
	scoreAttempt,
	storiesOf,
	summarizeAttempt,
	type Answer,
	type Attempt,
	type AttemptScore,
	type QuestionRef
} from './attempt';

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
	lastAnsweredAt: v.pipe(v.number(), v.finite()),
	/**
	 * The question's schedule (FSRS) after its last answer, and before it, so an override of that
	 * answer can be rescheduled. Absent on statistics stored before study existed (version 4
	 * rebuilds them from the answers).
	 */
	card: v.optional(StudyCardSchema),
	cardBefore: v.optional(v.nullable(StudyCardSchema))
});
export type QuestionStat = v.InferOutput<typeof QuestionStatSchema>;

/**
 * Folds one more answer into a question's totals, and moves its schedule on with `review`. Without
 * the scheduler (it could not be loaded), the schedule is left behind, one answer short
 * (`card.reps` below `seen`), for `isStale` to find and a replay to put right.
 */
export function addToStat(
	stat: QuestionStat | undefined,
	answer: Answer,
	review: Review | null
): QuestionStat {
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
		lastAnsweredAt: answer.answeredAt,
		// Every answer, in a quiz, an assignment or study, moves the question's schedule on.
		...(review && (stat === undefined || !isStale(stat))
			? { card: review(base.card, answer.score, answer.answeredAt), cardBefore: base.card ?? null }
			: {})
	};
}

/**
 * Whether a question's schedule lags its answers: stored before study existed, or an answer was
 * recorded without the scheduler. Every answer adds one repetition, so they must agree.
 */
export function isStale(stat: Pick<QuestionStat, 'seen' | 'card'>): boolean {
	return stat.seen > 0 && (stat.card === undefined || stat.card.reps !== stat.seen);
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
	answer: Answer,
	review: Review | null
): AnswerWrites | null {
	if (stored.answer) return null;
	return {
		answer,
		stat: addToStat(stored.stat, answer, review),
		attempt: stored.attempt
			? { ...stored.attempt, updatedAt: Math.max(stored.attempt.updatedAt, answer.answeredAt) }
			: null
	};
}

/**
 * What overriding an answer ("I was right") writes: the answer now at full credit, with the score
 * the rule gave kept, and the question's totals corrected to match. Null when there is nothing to
 * override: no such answer, already right or overridden, "I don't know", or an assignment.
 */
export function overrideAnswer(
	stored: {
		answer: Answer | undefined;
		stat: QuestionStat | undefined;
		attempt: Attempt | undefined;
	},
	at: number,
	review: Review | null
): { answer: Answer; stat: QuestionStat | null } | null {
	const { answer, stat, attempt } = stored;
	if (!answer || !attempt || attempt.mode === 'assignment') return null;
	if (answer.score >= 1 || answer.dontKnow || answer.override) return null;
	const overridden: Answer = { ...answer, score: 1, override: { from: answer.score, at } };
	if (!stat) return { answer: overridden, stat: null };
	return {
		answer: overridden,
		stat: {
			...stat,
			right: Math.min(stat.seen, stat.right + 1),
			scoreSum: stat.scoreSum + (1 - answer.score),
			lastScore: stat.lastAnsweredAt === answer.answeredAt ? 1 : stat.lastScore,
			// Rescheduled as a right answer, when it is the last one; an older one stays as it was.
			// Without the scheduler, the schedule is dropped, to be replayed from the answers.
			...(stat.lastAnsweredAt === answer.answeredAt && stat.cardBefore !== undefined
				? review
					? { card: review(stat.cardBefore ?? undefined, 1, answer.answeredAt) }
					: { card: undefined, cardBefore: undefined }
				: {})
		}
	};
}

/** A question to practise again, with its section (for the new quiz's label). */
export interface PracticeItem {
	ref: QuestionRef;
	category: Category;
}

/** The questions of an attempt that did not earn full credit, answered or not, in the order asked. */
export function missedIn(
	attempt: Pick<Attempt, 'questions'>,
	answers: readonly Pick<Answer, 'questionId' | 'score' | 'category'>[],
	categoryOf: (ref: QuestionRef) => Category | undefined
): PracticeItem[] {
	const byId = new Map(answers.map((a) => [a.questionId, a]));
	return attempt.questions.flatMap((ref) => {
		const answer = byId.get(ref.questionId);
		const category = answer?.category ?? categoryOf(ref);
		return category && (!answer || answer.score < 1) ? [{ ref, category }] : [];
	});
}

/** Every question whose latest answer on this device was not fully right, the most recent first. */
export function missedOverall(stats: readonly QuestionStat[]): PracticeItem[] {
	return stats
		.filter((s) => s.lastScore < 1)
		.sort((a, b) => b.lastAnsweredAt - a.lastAnsweredAt)
		.map((s) => ({ ref: { storyId: s.storyId, questionId: s.questionId }, category: s.category }));
}

/** How each question last went, by id: what a new quiz uses to prefer unseen and missed questions. */
export function historyOf(stats: readonly QuestionStat[]): Map<string, number> {
	return new Map(stats.map((s) => [s.questionId, s.lastScore]));
}

/** How a finished quiz compares with the student's earlier whole quizzes on the same stories. */
export interface StoryRecord {
	/** The best accuracy on these stories, this quiz included. */
	best: number;
	/** The accuracy of the latest earlier quiz; null when this is the first. */
	previous: number | null;
	/** Sections this quiz got fully right that no earlier quiz had. */
	firstPerfect: Category[];
}

const sameStories = (a: Pick<Attempt, 'questions'>, b: Pick<Attempt, 'questions'>) => {
	const x = storiesOf(a).sort();
	const y = storiesOf(b).sort();
	return x.length === y.length && x.every((id, i) => id === y[i]);
};

const perfectSections = (attempt: Attempt, answers: readonly Answer[]) =>
	summarizeAttempt(attempt, [], answers)
		.byCategory.filter((r) => r.asked > 0 && r.points >= r.asked)
		.map((r) => r.category);

/**
 * Compares a finished quiz with the earlier whole quizzes (finished, not practices of missed
 * questions) on the same stories: the best score, the last one, and the sections fully right for
 * the first time. Later quizzes and the quiz itself are not "earlier".
 */
export function storyRecord(
	current: { attempt: Attempt; answers: readonly Answer[] },
	past: readonly { attempt: Attempt; answers: readonly Answer[] }[]
): StoryRecord {
	const at = current.attempt.finishedAt ?? current.attempt.updatedAt;
	const earlier = past
		.filter(
			({ attempt: a }) =>
				a.id !== current.attempt.id &&
				!a.retry &&
				a.finishedAt !== null &&
				a.finishedAt < at &&
				sameStories(a, current.attempt)
		)
		.sort((a, b) => b.attempt.finishedAt! - a.attempt.finishedAt!);
	const accuracy = scoreAttempt(current.attempt, current.answers).accuracy;
	const scores = earlier.map((p) => scoreAttempt(p.attempt, p.answers).accuracy);
	const perfectBefore = new Set(earlier.flatMap((p) => perfectSections(p.attempt, p.answers)));
	return {
		best: Math.max(accuracy, ...scores),
		previous: scores[0] ?? null,
		firstPerfect: current.attempt.retry
			? []
			: perfectSections(current.attempt, current.answers).filter((c) => !perfectBefore.has(c))
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
	/** Answers the student marked right themselves ("I was right"). */
	overridden: number;
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
	return attempts.map((attempt) => {
		const own = answersOf.get(attempt.id) ?? [];
		return {
			attempt,
			stories: storiesOf(attempt),
			overridden: own.filter((a) => a.override).length,
			...scoreAttempt(attempt, own)
		};
	});
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
