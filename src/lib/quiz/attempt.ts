import * as v from 'valibot';
import { CATEGORIES, type Category } from '../content/categories';
import type { Question } from '../content/model';
import type { Outlet } from '../question-types';
import { shuffle } from './random';

/** What a student picks before starting. */
export interface QuizSetup {
	categories: Category[];
	length: number;
}

export const LENGTHS = [5, 10, 20] as const;

/** Which question: question ids are unique across every story, and the story says where to find it. */
export const QuestionRefSchema = v.object({
	storyId: v.pipe(v.string(), v.minLength(1)),
	questionId: v.pipe(v.string(), v.minLength(1))
});
export type QuestionRef = v.InferOutput<typeof QuestionRefSchema>;

const Time = v.pipe(v.number(), v.finite());

/**
 * An attempt at a quiz: a list of questions (from one story or several), in the order they are
 * asked, and where the student is. Stored as it is, so it is validated whenever it is read back.
 */
export const AttemptSchema = v.pipe(
	v.object({
		id: v.pipe(v.string(), v.minLength(1)),
		seed: v.pipe(v.number(), v.integer()),
		/** The sections chosen at setup; for display only. */
		categories: v.array(v.picklist(CATEGORIES)),
		questions: v.pipe(v.array(QuestionRefSchema), v.minLength(1, 'an attempt has questions')),
		/** Index into `questions` of the question on screen; it moves on when the student presses Next. */
		position: v.pipe(v.number(), v.integer(), v.minValue(0)),
		startedAt: Time,
		updatedAt: Time,
		finishedAt: v.nullable(Time)
	}),
	v.check((a) => a.position < a.questions.length, 'position is past the last question')
);
export type Attempt = v.InferOutput<typeof AttemptSchema>;

/** One answer, written the moment it is checked. */
export const AnswerSchema = v.object({
	attemptId: v.pipe(v.string(), v.minLength(1)),
	questionId: v.pipe(v.string(), v.minLength(1)),
	storyId: v.pipe(v.string(), v.minLength(1)),
	category: v.picklist(CATEGORIES),
	/** The fingerprint of the question as it was answered; null for answers older than fingerprints. */
	fingerprint: v.nullable(v.string()),
	/** Kept as given; read through `readResponse`, which checks its shape against the question. */
	response: v.unknown(),
	score: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
	note: v.optional(v.string()),
	answeredAt: Time
});
export type Answer = v.InferOutput<typeof AnswerSchema>;

/** A question in an attempt, found in its story's bank, with that story's outlets. */
export interface QuizItem {
	ref: QuestionRef;
	question: Question;
	outlets: Outlet[];
}

/** What a quiz can draw on: each story's questions and outlets, by story id. */
export type Banks = ReadonlyMap<string, { questions: readonly Question[]; outlets: Outlet[] }>;

/** The attempt's questions that the banks still hold, in order; `missing` lists those they do not. */
export function resolveAttempt(
	attempt: Pick<Attempt, 'questions'>,
	banks: Banks
): { items: QuizItem[]; missing: QuestionRef[] } {
	const items: QuizItem[] = [];
	const missing: QuestionRef[] = [];
	for (const ref of attempt.questions) {
		const bank = banks.get(ref.storyId);
		const question = bank?.questions.find((q) => q.id === ref.questionId);
		if (bank && question) items.push({ ref, question, outlets: bank.outlets });
		else missing.push(ref);
	}
	return { items, missing };
}

/**
 * Picks the questions for an attempt from one story: from the chosen categories, shuffled with
 * the attempt's seed, balanced across categories so a short quiz still touches each one, then in
 * a seeded order. Null when the setup leaves no question to ask.
 */
export function planAttempt(
	storyId: string,
	questions: readonly Question[],
	setup: QuizSetup,
	opts: { id: string; seed: number; now: number }
): Attempt | null {
	const chosen = setup.categories.length ? [...new Set(setup.categories)] : [...CATEGORIES];
	const pools = chosen.map((c) =>
		shuffle(
			questions.filter((q) => q.category === c),
			opts.seed + CATEGORIES.indexOf(c)
		)
	);
	const picked: Question[] = [];
	const length = Math.max(1, Math.floor(setup.length));
	while (picked.length < length && pools.some((p) => p.length)) {
		for (const pool of pools) {
			const next = pool.shift();
			if (next && picked.length < length) picked.push(next);
		}
	}
	if (!picked.length) return null;
	return {
		id: opts.id,
		seed: opts.seed,
		categories: [...chosen],
		questions: shuffle(picked, opts.seed).map((q) => ({ storyId, questionId: q.id })),
		position: 0,
		startedAt: opts.now,
		updatedAt: opts.now,
		finishedAt: null
	};
}

/** The stories an attempt draws on, in the order its questions first name them. */
export function storiesOf(attempt: Pick<Attempt, 'questions'>): string[] {
	return [...new Set(attempt.questions.map((r) => r.storyId))];
}

/**
 * An attempt's score, the one definition that results and progress both use: points (partial
 * credit counts as part of a question) out of the questions in the attempt.
 */
export interface AttemptScore {
	asked: number;
	answered: number;
	points: number;
	/** points ÷ asked, in [0, 1]. */
	accuracy: number;
}

export function scoreAttempt(
	attempt: Pick<Attempt, 'questions'>,
	answers: readonly Pick<Answer, 'questionId' | 'score'>[]
): AttemptScore {
	const scoreOf = new Map(answers.map((a) => [a.questionId, a.score]));
	let answered = 0;
	let points = 0;
	for (const ref of attempt.questions) {
		const score = scoreOf.get(ref.questionId);
		if (score === undefined) continue;
		answered++;
		points += score;
	}
	const asked = attempt.questions.length;
	return { asked, answered, points, accuracy: asked ? points / asked : 0 };
}

export interface CategoryResult {
	category: Category;
	asked: number;
	answered: number;
	/** Sum of scores, so partial credit counts as part of a question. */
	points: number;
}

export interface AttemptSummary extends AttemptScore {
	byCategory: CategoryResult[];
}

/** An attempt's score, overall and per category (a question's category is its answer's, or its bank's). */
export function summarizeAttempt(
	attempt: Pick<Attempt, 'questions'>,
	items: readonly Pick<QuizItem, 'question'>[],
	answers: readonly Pick<Answer, 'questionId' | 'score' | 'category'>[]
): AttemptSummary {
	const categoryOf = new Map<string, Category>(
		items.map((i) => [i.question.id, i.question.category])
	);
	for (const a of answers) categoryOf.set(a.questionId, a.category);
	const scoreOf = new Map(answers.map((a) => [a.questionId, a.score]));
	const rows = new Map<Category, CategoryResult>();
	for (const ref of attempt.questions) {
		const category = categoryOf.get(ref.questionId);
		if (!category) continue;
		const row = rows.get(category) ?? { category, asked: 0, answered: 0, points: 0 };
		row.asked++;
		const score = scoreOf.get(ref.questionId);
		if (score !== undefined) {
			row.answered++;
			row.points += score;
		}
		rows.set(category, row);
	}
	return {
		...scoreAttempt(attempt, answers),
		byCategory: CATEGORIES.flatMap((c) => rows.get(c) ?? [])
	};
}

/**
 * An attempt brought in line with the banks it draws on, after an update changed them: questions
 * no bank holds any more are dropped (the register says a question only leaves by being retired),
 * and the student stays at the same question, found by reference, or moves to the next one that
 * is still there. Null when none of its questions is left. `changed` says whether to save it.
 */
export function reconcileAttempt(
	attempt: Attempt,
	missing: readonly QuestionRef[]
): { attempt: Attempt; changed: boolean } | null {
	if (!missing.length) return { attempt, changed: false };
	const gone = (r: QuestionRef) => missing.some((m) => sameRef(m, r));
	const questions = attempt.questions.filter((r) => !gone(r));
	if (!questions.length) return null;
	return {
		attempt: { ...attempt, questions, position: positionIn(questions, attempt) },
		changed: true
	};
}

export function sameRef(a: QuestionRef, b: QuestionRef): boolean {
	return a.storyId === b.storyId && a.questionId === b.questionId;
}

/** Where a position in one list of questions stands in another: at the same question, or the next one still there. */
function positionIn(list: readonly QuestionRef[], from: Attempt): number {
	const next = from.questions.slice(from.position).find((r) => list.some((q) => sameRef(q, r)));
	return next ? list.findIndex((q) => sameRef(q, next)) : list.length - 1;
}

/**
 * What to store when a tab saves an attempt that another tab may have moved on: an attempt never
 * moves backwards. The later position and a finish stand, and the shorter list of questions (one
 * an update reconciled) wins. `behind` says the saving tab was stale.
 */
export function mergeAttempt(
	stored: Attempt | undefined,
	incoming: Attempt
): { attempt: Attempt; behind: boolean } {
	if (!stored || stored.id !== incoming.id) return { attempt: incoming, behind: false };
	const questions =
		stored.questions.length < incoming.questions.length ? stored.questions : incoming.questions;
	const storedAt = positionIn(questions, stored);
	const incomingAt = positionIn(questions, incoming);
	const behind =
		(stored.finishedAt !== null && incoming.finishedAt === null) || storedAt > incomingAt;
	return {
		attempt: {
			...incoming,
			questions,
			position: Math.max(storedAt, incomingAt),
			finishedAt: stored.finishedAt ?? incoming.finishedAt,
			updatedAt: Math.max(stored.updatedAt, incoming.updatedAt)
		},
		behind
	};
}
