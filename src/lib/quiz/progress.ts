import { CATEGORIES, type Category } from '../content/categories';
import type { Question } from '../content/model';
import type { Answer, Attempt } from './attempt';

/** Running totals for one question across every attempt. */
export interface QuestionStat {
	questionId: string;
	storyId: string;
	category: Category;
	seen: number;
	/** Answers that earned full credit. */
	right: number;
	scoreSum: number;
	lastScore: number;
	lastAnsweredAt: number;
}

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

export interface CategoryAccuracy {
	category: Category;
	answered: number;
	accuracy: number;
}

/** Accuracy per category over every answer given. */
export function accuracyByCategory(stats: readonly QuestionStat[]): CategoryAccuracy[] {
	return CATEGORIES.map((category) => {
		const rows = stats.filter((s) => s.category === category);
		const answered = rows.reduce((n, s) => n + s.seen, 0);
		const score = rows.reduce((n, s) => n + s.scoreSum, 0);
		return { category, answered, accuracy: answered ? score / answered : 0 };
	});
}

/** The questions missed most often (not fully right), worst first; ties go to the most recent. */
export function mostMissed(
	stats: readonly QuestionStat[],
	questions: readonly Question[],
	limit = 5
): { question: Question; stat: QuestionStat; missed: number }[] {
	const byId = new Map(questions.map((q) => [q.id, q]));
	return stats
		.map((stat) => ({ stat, question: byId.get(stat.questionId), missed: stat.seen - stat.right }))
		.filter((r): r is { stat: QuestionStat; question: Question; missed: number } =>
			Boolean(r.question && r.missed > 0)
		)
		.sort((a, b) => b.missed - a.missed || b.stat.lastAnsweredAt - a.stat.lastAnsweredAt)
		.slice(0, limit);
}

/** The attempt to offer on "continue where you left off": the latest unfinished one. */
export function resumable(attempts: readonly Attempt[]): Attempt | null {
	return (
		attempts.filter((a) => a.finishedAt === null).sort((a, b) => b.updatedAt - a.updatedAt)[0] ??
		null
	);
}
