/**
 * Small, made-up questions, attempts and answers for the quiz tests. Nothing here comes from the
 * shipped stories: the tests build what they need, so a change to the content cannot break them.
 */
import { CATEGORIES, type Category, type Question } from '$lib/content/model';
import type { Answer, Attempt, Banks, QuestionRef } from '$lib/quiz/attempt';
import type { Outlet } from '$lib/question-types';

export const STORY = 'story-a';
export const OTHER_STORY = 'story-b';
/** A fixed clock: every time in these tests is an offset from it. */
export const NOW = 1_700_000_000_000;

export const OUTLETS: Outlet[] = [
	{ id: 'outlet-a', outlet: 'Alpha', name: 'Alpha News Service' },
	{ id: 'outlet-b', outlet: 'Beta', name: 'Beta Wire' }
];

/** A true/false question: the simplest type, enough wherever the type does not matter. */
export function question(id: string, category: Category = 'dates'): Question {
	return {
		id,
		category,
		type: 'truefalse',
		answer: true,
		prompt: `Is ${id} true?`,
		explanation: 'It is.',
		difficulty: 1,
		actors: [],
		outlets: [],
		evidence: [{ source: 'outlet-a', quote: 'a passage', context: { before: '', after: '' } }],
		fingerprint: `fp-${id}`
	};
}

/** A bank with the given number of questions in each category, ids like "actors-3" (or "b-actors-3"). */
export function bank(counts: Partial<Record<Category, number>>, prefix = ''): Question[] {
	return CATEGORIES.flatMap((c) =>
		Array.from({ length: counts[c] ?? 0 }, (_, i) => question(`${prefix}${c}-${i + 1}`, c))
	);
}

export function ref(questionId: string, storyId = STORY): QuestionRef {
	return { storyId, questionId };
}

/** The banks a quiz draws on, each story with its questions and the same two outlets. */
export function banksOf(stories: Record<string, Question[]>): Banks {
	return new Map(
		Object.entries(stories).map(([id, questions]) => [id, { questions, outlets: OUTLETS }])
	);
}

export function attempt(
	id: string,
	questions: readonly (string | QuestionRef)[],
	fields: Partial<Omit<Attempt, 'id' | 'questions'>> = {}
): Attempt {
	return {
		id,
		seed: 1,
		categories: [...CATEGORIES],
		questions: questions.map((q) => (typeof q === 'string' ? ref(q) : q)),
		position: 0,
		startedAt: NOW,
		updatedAt: NOW,
		finishedAt: null,
		mode: 'practice',
		...fields
	};
}

export function answer(
	questionId: string,
	score: number,
	answeredAt: number,
	fields: Partial<Omit<Answer, 'questionId' | 'score' | 'answeredAt'>> = {}
): Answer {
	return {
		attemptId: 'attempt-1',
		questionId,
		storyId: STORY,
		category: 'dates',
		fingerprint: `fp-${questionId}`,
		response: { value: true },
		score,
		answeredAt,
		...fields
	};
}
