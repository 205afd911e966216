import { CATEGORIES, type Category } from '../content/categories';
import type { Question } from '../content/model';
import { shuffle } from './random';

/** What a student picks before starting. */
export interface QuizSetup {
	categories: Category[];
	length: number;
}

export const LENGTHS = [5, 10, 20] as const;

/** An attempt at a quiz: which questions, in what order, and where the student is. */
export interface Attempt {
	id: string;
	storyId: string;
	seed: number;
	categories: Category[];
	questionIds: string[];
	/** Index of the question on screen; it moves on when the student presses Next. */
	position: number;
	startedAt: number;
	updatedAt: number;
	finishedAt: number | null;
}

/** One answer, written the moment it is checked. */
export interface Answer {
	attemptId: string;
	questionId: string;
	storyId: string;
	category: Category;
	response: unknown;
	score: number;
	note?: string;
	answeredAt: number;
}

/**
 * Picks the questions for an attempt: from the chosen categories, shuffled with the attempt's seed,
 * balanced across categories so a short quiz still touches each one, then in a seeded order.
 */
export function planAttempt(
	questions: readonly Question[],
	setup: QuizSetup,
	opts: { id: string; storyId: string; seed: number; now: number }
): Attempt {
	const chosen = setup.categories.length ? [...new Set(setup.categories)] : [...CATEGORIES];
	const pools = chosen.map((c) =>
		shuffle(
			questions.filter((q) => q.category === c),
			opts.seed + CATEGORIES.indexOf(c)
		)
	);
	const picked: Question[] = [];
	const length = Math.max(1, setup.length);
	while (picked.length < length && pools.some((p) => p.length)) {
		for (const pool of pools) {
			const next = pool.shift();
			if (next && picked.length < length) picked.push(next);
		}
	}
	return {
		id: opts.id,
		storyId: opts.storyId,
		seed: opts.seed,
		categories: [...chosen],
		questionIds: shuffle(picked, opts.seed).map((q) => q.id),
		position: 0,
		startedAt: opts.now,
		updatedAt: opts.now,
		finishedAt: null
	};
}

/** How many questions a setup would give. */
export function availableCount(questions: readonly Question[], categories: readonly Category[]) {
	return questions.filter((q) => categories.includes(q.category)).length;
}

export interface CategoryResult {
	category: Category;
	asked: number;
	answered: number;
	/** Sum of scores, so partial credit counts as part of a question. */
	score: number;
}

export interface AttemptSummary {
	asked: number;
	answered: number;
	score: number;
	/** score ÷ asked, in [0, 1]. */
	accuracy: number;
	byCategory: CategoryResult[];
}

/** Totals for an attempt, overall and per category. */
export function summarizeAttempt(
	attempt: Pick<Attempt, 'questionIds'>,
	questions: readonly Question[],
	answers: readonly Pick<Answer, 'questionId' | 'score'>[]
): AttemptSummary {
	const byId = new Map(questions.map((q) => [q.id, q]));
	const scoreOf = new Map(answers.map((a) => [a.questionId, a.score]));
	const byCategory = new Map<Category, CategoryResult>();
	for (const id of attempt.questionIds) {
		const q = byId.get(id);
		if (!q) continue;
		const r = byCategory.get(q.category) ?? {
			category: q.category,
			asked: 0,
			answered: 0,
			score: 0
		};
		r.asked++;
		if (scoreOf.has(id)) {
			r.answered++;
			r.score += scoreOf.get(id)!;
		}
		byCategory.set(q.category, r);
	}
	const rows = CATEGORIES.flatMap((c) => byCategory.get(c) ?? []);
	const asked = rows.reduce((n, r) => n + r.asked, 0);
	const score = rows.reduce((n, r) => n + r.score, 0);
	return {
		asked,
		answered: rows.reduce((n, r) => n + r.answered, 0),
		score,
		accuracy: asked ? score / asked : 0,
		byCategory: rows
	};
}

/** Whether every question in the attempt has an answer. */
export function isAttemptComplete(
	attempt: Attempt,
	answers: readonly Pick<Answer, 'questionId'>[]
) {
	const done = new Set(answers.map((a) => a.questionId));
	return attempt.questionIds.every((id) => done.has(id));
}
