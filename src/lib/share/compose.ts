import { CATEGORIES, type Category } from '../content/categories';
import type { Question } from '../content/model';
import { questionTypeNames, type Outlet, type QuestionTypeName } from '../question-types';
import type { Banks, QuestionRef } from '../quiz/attempt';
import { hashSeed, shuffle } from '../quiz/random';
import { answerText } from '../quiz/scoring';
import type { Assignment, PinnedQuestion } from './assignment';
import { toBase64url } from './base64url';

/**
 * Composing an assignment: the teacher searches every story's bank, pins the questions chosen,
 * and each student's app later works out, from the pins, which of them that student is asked.
 */

/** A question as the composer lists it: with its story. */
export interface BankItem {
	storyId: string;
	question: Question;
}

export type Difficulty = Question['difficulty'];

/** What the teacher narrows the list by. An empty list (or empty text) leaves that field open. */
export interface QuestionFilter {
	stories: string[];
	categories: Category[];
	types: QuestionTypeName[];
	difficulties: Difficulty[];
	/** Actor ids: a question passes when it is tagged with any of them. */
	actors: string[];
	/** Source ids: a question passes when it is tagged with any of them. */
	outlets: string[];
	/** Words that must all occur in the question's text (see `filterQuestions`). */
	text: string;
}

/** A list no one can add to by mistake: a shared default must not change under its users. */
function frozenEmpty<T>(): T[] {
	return Object.freeze([]) as unknown as T[];
}

/** The filter that lets everything through. Frozen, so copy it (and its lists) to change it. */
export const NO_FILTER: QuestionFilter = Object.freeze({
	stories: frozenEmpty<string>(),
	categories: frozenEmpty<Category>(),
	types: frozenEmpty<QuestionTypeName>(),
	difficulties: frozenEmpty<Difficulty>(),
	actors: frozenEmpty<string>(),
	outlets: frozenEmpty<string>(),
	text: ''
});

/**
 * Text as the search compares it: without case or accents, so "zoe" finds "Zoë" and "ZOË". NFD
 * splits a letter from its accents, which are marks (`\p{M}`) and are dropped.
 */
export function foldForSearch(text: string): string {
	return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The words of a search, folded; none for a search of only spaces. */
function searchWords(text: string): string[] {
	return foldForSearch(text)
		.split(/\s+/)
		.filter((word) => word !== '');
}

/** Everything a teacher might remember a question by: its words, its answer and its id. */
function searchableText(question: Question, outlets: readonly Outlet[]): string {
	const parts = [question.id, question.prompt, question.explanation, answerText(question, outlets)];
	// The answer text names one answer; a teacher may search by a wrong option or another accepted answer.
	if ('options' in question) parts.push(...question.options);
	if ('answers' in question) parts.push(...question.answers);
	return foldForSearch(parts.join('\n'));
}

/** Whether a field's choice lets a value through: no choice lets everything through. */
function allows<T>(chosen: readonly T[], value: T): boolean {
	return chosen.length === 0 || chosen.includes(value);
}

/** Whether a field's choice lets a question tagged with `tags` through: any one tag will do. */
function allowsAny(chosen: readonly string[], tags: readonly string[]): boolean {
	return chosen.length === 0 || tags.some((tag) => chosen.includes(tag));
}

/**
 * The items that pass every part of the filter, in the order given. Text search: every word of
 * the search occurs in the prompt, the explanation, the options, the answer in words (which needs
 * the story's outlets, for questions whose answer is a source) or the question id, whatever the
 * case or accents.
 */
export function filterQuestions(
	items: readonly BankItem[],
	filter: QuestionFilter,
	outletsOf: (storyId: string) => readonly Outlet[]
): BankItem[] {
	const words = searchWords(filter.text);
	return items.filter(({ storyId, question }) => {
		if (
			!allows(filter.stories, storyId) ||
			!allows(filter.categories, question.category) ||
			!allows(filter.types, question.type) ||
			!allows(filter.difficulties, question.difficulty) ||
			!allowsAny(filter.actors, question.actors) ||
			!allowsAny(filter.outlets, question.outlets)
		)
			return false;
		if (!words.length) return true;
		const haystack = searchableText(question, outletsOf(storyId));
		return words.every((word) => haystack.includes(word));
	});
}

/** One value a filter can offer, and how many of the items have it. */
export interface Counted<T> {
	value: T;
	count: number;
}

/** What the filter can offer: only values some item has. */
export interface FilterChoices {
	stories: Counted<string>[];
	categories: Counted<Category>[];
	types: Counted<QuestionTypeName>[];
	difficulties: Counted<Difficulty>[];
	actors: Counted<string>[];
	outlets: Counted<string>[];
}

/** Counts each value once per item (an actor tagged twice on a question counts once). */
function tally<T>(items: readonly BankItem[], valuesOf: (item: BankItem) => readonly T[]) {
	const counts = new Map<T, number>();
	for (const item of items)
		for (const value of new Set(valuesOf(item))) counts.set(value, (counts.get(value) ?? 0) + 1);
	return counts;
}

/** The counted values in a fixed order: the order a list gives, or by value. */
function counted<T extends string | number>(counts: Map<T, number>, order?: readonly T[]) {
	const values = order
		? order.filter((value) => counts.has(value))
		: [...counts.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
	return values.map((value) => ({ value, count: counts.get(value)! }));
}

/**
 * What the filter can offer for these items, each value with the number of items that have it, in
 * an order that does not depend on the items' order: categories as `CATEGORIES` lists them, types
 * as `questionTypeNames` does, everything else by id (difficulty by number).
 */
export function filterChoices(items: readonly BankItem[]): FilterChoices {
	return {
		stories: counted(tally(items, (i) => [i.storyId])),
		categories: counted(
			tally(items, (i) => [i.question.category]),
			CATEGORIES
		),
		types: counted(
			tally(items, (i) => [i.question.type]),
			questionTypeNames
		),
		difficulties: counted(tally(items, (i) => [i.question.difficulty])),
		actors: counted(tally(items, (i) => i.question.actors)),
		outlets: counted(tally(items, (i) => i.question.outlets))
	};
}

/**
 * Pins items for an assignment: the story, the question id and the fingerprint the question has
 * now, so a student's app can tell when its copy differs. A question listed twice is pinned once
 * (an assignment may not list one twice).
 */
export function pinQuestions(items: readonly BankItem[]): PinnedQuestion[] {
	const seen = new Set<string>();
	const pinned: PinnedQuestion[] = [];
	for (const { storyId, question } of items) {
		if (seen.has(question.id)) continue;
		seen.add(question.id);
		pinned.push({ storyId, questionId: question.id, fingerprint: question.fingerprint });
	}
	return pinned;
}

/** Bytes an assignment id is made from: 128 bits, so two teachers never make the same one. */
export const ASSIGNMENT_ID_BYTES = 16;

/**
 * An assignment id from random bytes the caller supplies (the core has no randomness of its own):
 * the first 16, in base64url, 22 characters. Throws on fewer than 16 bytes.
 */
export function assignmentIdFrom(bytes: Uint8Array): string {
	if (bytes.length < ASSIGNMENT_ID_BYTES)
		throw new RangeError(
			`An assignment id needs ${ASSIGNMENT_ID_BYTES} random bytes, not ${bytes.length}`
		);
	return toBase64url(bytes.subarray(0, ASSIGNMENT_ID_BYTES));
}

/** A pinned question found in the banks, with the bank's copy of it. */
interface Present {
	pin: PinnedQuestion;
	question: Question;
}

/** The banks' copy of each story's questions, by question id, so a long pin list is found quickly. */
function indexBanks(banks: Banks): Map<string, Map<string, Question>> {
	return new Map(
		[...banks].map(([storyId, bank]) => [storyId, new Map(bank.questions.map((q) => [q.id, q]))])
	);
}

/**
 * The pinned questions, each found in the banks or not, in pinned order. A question pinned twice
 * is taken once.
 */
function findPinned(
	pinned: readonly PinnedQuestion[],
	banks: Banks
): { present: Present[]; missing: PinnedQuestion[] } {
	const index = indexBanks(banks);
	const seen = new Set<string>();
	const present: Present[] = [];
	const missing: PinnedQuestion[] = [];
	for (const pin of pinned) {
		if (seen.has(pin.questionId)) continue;
		seen.add(pin.questionId);
		const question = index.get(pin.storyId)?.get(pin.questionId);
		if (question) present.push({ pin, question });
		else missing.push(pin);
	}
	return { present, missing };
}

function zeroByCategory(): Record<Category, number> {
	return Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
}

/**
 * How many of the pinned questions each category has in the given banks (the category is the
 * bank's): what the random-draw controls may ask for at most.
 */
export function countsByCategory(
	pinned: readonly PinnedQuestion[],
	banks: Banks
): Record<Category, number> {
	const counts = zeroByCategory();
	for (const { question } of findPinned(pinned, banks).present) counts[question.category]++;
	return counts;
}

/** Which questions one student is asked, and which pins the student's app could not honour. */
export interface AssignedQuestions {
	/** The questions asked, in the order asked. */
	refs: QuestionRef[];
	/** Pinned questions the banks do not hold: they cannot be asked. */
	missing: PinnedQuestion[];
	/** Pinned questions the banks hold with another fingerprint: asked, and the student is told. */
	changed: PinnedQuestion[];
}

/**
 * The draw of a random pick: from each category it names, that many of the present questions (all
 * of them when it has fewer), in pinned order. Each category is shuffled with its own seed, taken
 * from the draw's, so a change to one category's count leaves the others' draws as they were.
 */
function draw(
	present: readonly Present[],
	perCategory: Partial<Record<Category, number>>,
	seed: number
): Present[] {
	const chosen = new Set<Present>();
	for (const category of CATEGORIES) {
		const wanted = perCategory[category];
		if (wanted === undefined) continue;
		const pool = present.filter((p) => p.question.category === category);
		const shuffled = shuffle(pool, hashSeed(`${seed}:${category}`));
		for (const p of shuffled.slice(0, Math.max(0, wanted))) chosen.add(p);
	}
	return present.filter((p) => chosen.has(p));
}

/**
 * The seed of a random pick's draw: one for the whole class when the teacher wants every student
 * to get the same questions (taken from the assignment's id, which every student's link carries),
 * otherwise the student's own.
 */
function drawSeed(assignment: Pick<Assignment, 'id'>, same: boolean, studentSeed: number): number {
	return same ? hashSeed(assignment.id) : studentSeed;
}

/**
 * The questions this student is asked, in the order asked, with the pins the student's app could
 * not honour. Changed questions are still asked; missing ones cannot be.
 *
 * - Pick `all`: every present pinned question. Pick `random`: so many from each category it names
 *   (see `draw`), one draw for the class (`same`) or one per student.
 * - Order `fixed`: pinned order. `shuffled`: an order of the student's own, from `studentSeed`.
 *
 * The same inputs always give the same questions in the same order, so a resumed attempt is asked
 * what it was asked before.
 */
export function questionsFor(
	assignment: Pick<Assignment, 'id' | 'questions' | 'pick' | 'order'>,
	banks: Banks,
	studentSeed: number
): AssignedQuestions {
	const { present, missing } = findPinned(assignment.questions, banks);
	const changed = present
		.filter(({ pin, question }) => question.fingerprint !== pin.fingerprint)
		.map(({ pin }) => pin);
	const { pick } = assignment;
	const drawn =
		pick.kind === 'all'
			? present
			: draw(present, pick.perCategory, drawSeed(assignment, pick.same, studentSeed));
	const ordered =
		assignment.order === 'fixed'
			? drawn
			: shuffle(drawn, hashSeed(`${assignment.id}:order:${studentSeed}`));
	return {
		refs: ordered.map(({ pin }) => ({ storyId: pin.storyId, questionId: pin.questionId })),
		missing,
		changed
	};
}
