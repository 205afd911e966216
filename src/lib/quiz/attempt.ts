import * as v from 'valibot';
import { CATEGORIES, type Category } from '../content/categories';
import { passesKind, type KindFilter } from '../content/kinds';
import type { Question } from '../content/model';
import type { Outlet } from '../question-types';
import { shuffle } from './random';

/** What a student picks before starting. */
export interface QuizSetup {
	categories: Category[];
	length: number;
	/** Only questions on where the reports differ (of one kind, or any); every question if unset. */
	kind?: KindFilter;
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
 * A practice quiz is the student's own; an assignment is a teacher's, and its answers stand as
 * scored (no "I was right"). Attempts stored before modes existed are practice.
 */
export const MODES = ['practice', 'assignment', 'study'] as const;
export type Mode = (typeof MODES)[number];

/** A response built but not yet checked, kept with the attempt so a reload does not lose it. */
export const DraftSchema = v.object({
	questionId: v.pipe(v.string(), v.minLength(1)),
	/** Read through `readResponse`, like an answer's response. */
	response: v.unknown()
});
export type Draft = v.InferOutput<typeof DraftSchema>;

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
		finishedAt: v.nullable(Time),
		mode: v.optional(v.picklist(MODES), 'practice'),
		/** A practice of questions missed before: not compared with whole quizzes in results. */
		retry: v.optional(v.literal(true)),
		/** The response on screen, not yet checked; only meaningful for the question at `position`. */
		draft: v.optional(DraftSchema),
		/**
		 * For an assignment: which one, the name or class id the student hands in under, and
		 * whether its time ran out (what was answered by then is handed in).
		 */
		assignment: v.optional(
			v.object({
				id: v.pipe(v.string(), v.minLength(1)),
				name: v.pipe(v.string(), v.minLength(1)),
				timedOut: v.optional(v.literal(true))
			})
		)
	}),
	v.check((a) => a.position < a.questions.length, 'position is past the last question')
);
export type Attempt = v.InferOutput<typeof AttemptSchema>;

/** Whether a typed answer marked wrong may be overridden ("I was right"): never in an assignment. */
export function mayOverride(
	attempt: Pick<Attempt, 'mode'>,
	answer: Answer,
	question: Pick<Question, 'type'>
): boolean {
	return (
		attempt.mode !== 'assignment' &&
		question.type === 'text' &&
		answer.score < 1 &&
		!answer.dontKnow &&
		!answer.override
	);
}

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
	answeredAt: Time,
	/** The student pressed "I don't know": the feedback was shown and the score is 0. */
	dontKnow: v.optional(v.literal(true)),
	/**
	 * The student overrode a typed answer marked wrong ("I was right", practice only): `score` is
	 * then 1, `from` the score the rule gave, `at` when it was overridden.
	 */
	override: v.optional(
		v.object({ from: v.pipe(v.number(), v.minValue(0), v.maxValue(1)), at: Time })
	)
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

/** How a question stands on this device: the score its latest answer earned, by question id. */
export type History = ReadonlyMap<string, number>;

/**
 * Which questions a new quiz prefers: ones this device has never answered, then ones whose latest
 * answer was not fully right, then the rest.
 */
export function freshness(questionId: string, history: History): 0 | 1 | 2 {
	const last = history.get(questionId);
	return last === undefined ? 0 : last < 1 ? 1 : 2;
}

/**
 * Picks the questions for an attempt from one story, from the chosen categories and, if one is
 * chosen, kind of difference. Unseen questions come first, then missed ones, then the rest
 * (`freshness`); within each of those, questions are shuffled with the attempt's seed and balanced
 * across categories, so a short quiz still touches each one. The picks are then put in a seeded order. Null when the setup leaves nothing to ask.
 */
export function planAttempt(
	storyId: string,
	questions: readonly Question[],
	setup: QuizSetup,
	opts: { id: string; seed: number; now: number; history?: History; mode?: Mode }
): Attempt | null {
	const chosen = setup.categories.length ? [...new Set(setup.categories)] : [...CATEGORIES];
	const history: History = opts.history ?? new Map();
	const pools = chosen.map((c) =>
		shuffle(
			questions.filter((q) => q.category === c && passesKind(q, setup.kind)),
			opts.seed + CATEGORIES.indexOf(c)
		)
	);
	const picked: Question[] = [];
	const length = Math.max(1, Math.floor(setup.length));
	for (const tier of [0, 1, 2]) {
		const tiered = pools.map((p) => p.filter((q) => freshness(q.id, history) === tier));
		while (picked.length < length && tiered.some((p) => p.length)) {
			for (const pool of tiered) {
				const next = pool.shift();
				if (next && picked.length < length) picked.push(next);
			}
		}
	}
	if (!picked.length) return null;
	return newAttempt(
		picked.map((q) => ({ ref: { storyId, questionId: q.id }, category: q.category })),
		chosen,
		opts
	);
}

/** The most questions a practice of missed questions asks at once. */
export const PRACTICE_LENGTH = 20;

/**
 * A practice quiz of given questions (the ones a student missed), from one story or several, in a
 * seeded order; at most `PRACTICE_LENGTH`, taken from the front of the list. Null when none is given.
 */
export function planPractice(
	items: readonly { ref: QuestionRef; category: Category }[],
	opts: { id: string; seed: number; now: number }
): Attempt | null {
	const { picked, categories } = firstOnce(items, PRACTICE_LENGTH);
	if (!picked.length) return null;
	return { ...newAttempt(picked, categories, opts), retry: true };
}

/** The first `max` of the given questions, each once, and the sections they come from. */
function firstOnce(items: readonly { ref: QuestionRef; category: Category }[], max: number) {
	const unique = items.filter((item, i) => items.findIndex((o) => sameRef(o.ref, item.ref)) === i);
	const picked = unique.slice(0, max);
	const categories = CATEGORIES.filter((c) => picked.some((p) => p.category === c));
	return { picked, categories };
}

/** The most questions one study session asks; what is left stays due for the next. */
export const STUDY_LENGTH = 30;

/**
 * A study session: the questions given (due ones, then new ones), in that order, at most
 * `STUDY_LENGTH`. Null when none is given.
 */
export function planStudy(
	items: readonly { ref: QuestionRef; category: Category }[],
	opts: { id: string; seed: number; now: number }
): Attempt | null {
	const { picked, categories } = firstOnce(items, STUDY_LENGTH);
	if (!picked.length) return null;
	return {
		...newAttempt(picked, categories, { ...opts, mode: 'study' }),
		questions: picked.map((p) => ({ ...p.ref }))
	};
}

function newAttempt(
	picked: readonly { ref: QuestionRef }[],
	categories: Category[],
	opts: { id: string; seed: number; now: number; mode?: Mode }
): Attempt {
	return {
		id: opts.id,
		seed: opts.seed,
		categories,
		questions: shuffle(
			picked.map((p) => ({ ...p.ref })),
			opts.seed
		),
		position: 0,
		startedAt: opts.now,
		updatedAt: opts.now,
		finishedAt: null,
		mode: opts.mode ?? 'practice'
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
	/** Answers with full credit, with part credit, and the questions left to practise (no credit, or not answered). */
	right: number;
	partly: number;
	toPractise: number;
}

export function scoreAttempt(
	attempt: Pick<Attempt, 'questions'>,
	answers: readonly Pick<Answer, 'questionId' | 'score'>[]
): AttemptScore {
	const scoreOf = new Map(answers.map((a) => [a.questionId, a.score]));
	let answered = 0;
	let points = 0;
	let right = 0;
	let partly = 0;
	for (const ref of attempt.questions) {
		const score = scoreOf.get(ref.questionId);
		if (score === undefined) continue;
		answered++;
		points += score;
		if (score >= 1) right++;
		else if (score > 0) partly++;
	}
	const asked = attempt.questions.length;
	return {
		asked,
		answered,
		points,
		accuracy: asked ? points / asked : 0,
		right,
		partly,
		toPractise: asked - right - partly
	};
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
	// A draft belongs to the question the student is at: the one saved from there stands.
	const draft = storedAt > incomingAt ? stored.draft : incoming.draft;
	const attempt: Attempt = {
		...incoming,
		questions,
		position: Math.max(storedAt, incomingAt),
		finishedAt: stored.finishedAt ?? incoming.finishedAt,
		updatedAt: Math.max(stored.updatedAt, incoming.updatedAt),
		mode: stored.mode
	};
	if (draft && attempt.finishedAt === null) attempt.draft = draft;
	else delete attempt.draft;
	return { attempt, behind };
}
