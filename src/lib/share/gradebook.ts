import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import type { Category, Question } from '../content/model';
import type { Outlet } from '../question-types';
import type { Banks } from '../quiz/attempt';
import { responseText, scoreResponse } from '../quiz/scoring';
import { assignmentDigest, type Assignment, type PinnedQuestion } from './assignment';
import { toBase64url } from './base64url';
import type { ReceivedResult, ResultAnswer, ResultPayload } from './result';

export type { ReceivedResult };

/**
 * The teacher's gradebook: results rescored on the teacher's device against the teacher's own
 * bank, one row per student, and the analysis a teacher reads after a class has handed in. A
 * result carries no score, so nothing here trusts what a student's device says it earned.
 *
 * Everything is linear in results × questions: a class of a thousand over a term's assignments is
 * graded again whenever a result comes in, so there is no scan of all results per result.
 */

/**
 * The same submission pasted twice gets the same id: the assignment's id and a hash of the name,
 * the attempt number and when it started. Those are what a student cannot repeat by accident, and
 * a second paste of one code always repeats them. JSON keeps the three apart and writes any text,
 * lone surrogates too, as distinct bytes.
 */
export function resultId(payload: ResultPayload): string {
	const json = JSON.stringify([payload.name, payload.attempt, payload.startedAt]);
	return `${payload.assignmentId}.${toBase64url(sha256(utf8ToBytes(json)).subarray(0, 12))}`;
}

/**
 * How a student's name is matched across submissions and to a roster: "Zoë  Ünal " typed on one
 * device and "zoë ünal" on another are one student, however each keyboard composed the ë.
 */
export function studentKey(name: string): string {
	return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase().normalize('NFC');
}

/** Which of a student's submissions stands in the gradebook when there are several. */
export const COUNT_POLICIES = ['best', 'first', 'last'] as const;
export type CountPolicy = (typeof COUNT_POLICIES)[number];

/** Whether the teacher's bank still has a pinned question, and as it was pinned. */
export type QuestionStatus = 'ok' | 'changed' | 'gone';

/** One question the student was asked, scored against the teacher's bank. */
export interface GradedAnswer {
	pinned: PinnedQuestion;
	/** Its place in the assignment, from 1. */
	number: number;
	/** The teacher's bank's question; null when it is gone. */
	question: Question | null;
	/** 0 to 1; null when the question is gone, and then left out of the totals. */
	score: number | null;
	/** Why the score needed a kindness, as the question's type says; null when it did not. */
	note: string | null;
	/** As the student gave it; undefined when unanswered. Read only through the scoring functions. */
	response: unknown;
	/** The response in words; null when unanswered, "don't know", gone, or no longer readable. */
	responseText: string | null;
	/** The student gave a response (not "don't know"). */
	answered: boolean;
	dontKnow: boolean;
	gone: boolean;
	/** The teacher's bank's question is not the version pinned when the assignment was made. */
	changed: boolean;
	/** The student's app answered another version of the question than the one pinned (or none). */
	studentCopyDiffers: boolean;
}

/** A submission, rescored. */
export interface GradedResult {
	id: string;
	receivedAt: number;
	name: string;
	key: string;
	attempt: number;
	startedAt: number;
	finishedAt: number;
	/** finishedAt − startedAt by the student's clock, never below 0. */
	durationMs: number;
	late: boolean;
	timedOut: boolean;
	/** The student took the assignment from a link that says something else than this one. */
	linkChanged: boolean;
	/** The assignment's questions the student was asked, in the order asked. */
	answers: GradedAnswer[];
	/** Questions asked or answered that the assignment does not list: not graded. */
	ignored: number;
	points: number;
	/** Asked questions that are not gone. */
	outOf: number;
	/** Whole percent, 0 to 100; 0 when nothing could be scored. */
	percent: number;
}

/** A pinned question as the gradebook lists it. */
export interface GradebookQuestion {
	pinned: PinnedQuestion;
	question: Question | null;
	/** From 1, in the assignment's order. */
	number: number;
	status: QuestionStatus;
}

export interface StudentRow {
	key: string;
	/** As typed in the counted submission. */
	name: string;
	counted: GradedResult;
	/** Every distinct submission, oldest first (by finishedAt, then receivedAt). */
	submissions: GradedResult[];
}

export interface GradebookOptions {
	policy: CountPolicy;
	/** Names, one an entry, as the teacher typed or pasted them; blank entries are skipped. */
	roster?: readonly string[];
}

export interface Gradebook {
	assignment: Assignment;
	policy: CountPolicy;
	questions: GradebookQuestion[];
	/** Sorted by name. */
	students: StudentRow[];
	/** Roster names (trimmed, as typed) with no submission, in the roster's order. */
	missing: string[];
	/** Names that submitted but are not on the roster; empty when there is no roster. */
	notOnRoster: string[];
	/** Results left out: the same submission again, or a result for another assignment. */
	skipped: { duplicates: number; otherAssignment: number };
}

interface BankEntry {
	question: Question;
	outlets: readonly Outlet[];
}

interface PinnedEntry {
	pinned: PinnedQuestion;
	number: number;
	bank: BankEntry | null;
}

/** What grading needs of an assignment, worked out once for all of its results. */
interface Grading {
	pinned: ReadonlyMap<string, PinnedEntry>;
	digest: string;
}

/** Each story's questions by id, indexed only for the stories an assignment uses. */
function questionIndex(storyIds: Iterable<string>, banks: Banks): Map<string, BankEntry> {
	const index = new Map<string, BankEntry>();
	for (const storyId of new Set(storyIds)) {
		const story = banks.get(storyId);
		if (!story) continue;
		for (const question of story.questions)
			index.set(`${storyId}/${question.id}`, { question, outlets: story.outlets });
	}
	return index;
}

function prepareGrading(assignment: Assignment, banks: Banks): Grading {
	const index = questionIndex(
		assignment.questions.map((q) => q.storyId),
		banks
	);
	const pinned = new Map<string, PinnedEntry>();
	assignment.questions.forEach((ref, i) =>
		pinned.set(ref.questionId, {
			pinned: ref,
			number: i + 1,
			bank: index.get(`${ref.storyId}/${ref.questionId}`) ?? null
		})
	);
	return { pinned, digest: assignmentDigest(assignment) };
}

function statusOf(entry: PinnedEntry): QuestionStatus {
	if (!entry.bank) return 'gone';
	return entry.bank.question.fingerprint === entry.pinned.fingerprint ? 'ok' : 'changed';
}

/** One asked question, scored: "don't know" and no answer score 0, whatever the response says. */
function gradeAnswer(entry: PinnedEntry, answer: ResultAnswer | undefined): GradedAnswer {
	const dontKnow = answer?.dontKnow === true;
	const answered = answer !== undefined && !dontKnow;
	const question = entry.bank?.question ?? null;
	const scored = question && answered ? scoreResponse(question, answer.response) : null;
	return {
		pinned: entry.pinned,
		number: entry.number,
		question,
		score: question ? (scored?.score ?? 0) : null,
		note: scored?.note ?? null,
		response: answer?.response,
		responseText:
			entry.bank && answered
				? responseText(entry.bank.question, answer.response, entry.bank.outlets)
				: null,
		answered,
		dontKnow,
		gone: question === null,
		changed: statusOf(entry) === 'changed',
		studentCopyDiffers:
			answer?.fingerprint !== undefined && answer.fingerprint !== entry.pinned.fingerprint
	};
}

function percentOf(points: number, outOf: number): number {
	return outOf > 0 ? Math.round((points / outOf) * 100) : 0;
}

function gradeWith(grading: Grading, received: ReceivedResult): GradedResult {
	const { payload } = received;
	const given = new Map<string, ResultAnswer>();
	for (const answer of payload.answers)
		if (!given.has(answer.questionId)) given.set(answer.questionId, answer);
	const answers: GradedAnswer[] = [];
	const outside = new Set<string>();
	const seen = new Set<string>();
	for (const questionId of payload.asked) {
		if (seen.has(questionId)) continue;
		seen.add(questionId);
		const entry = grading.pinned.get(questionId);
		if (entry) answers.push(gradeAnswer(entry, given.get(questionId)));
		else outside.add(questionId);
	}
	// A valid payload answers only what it asked; anything else is noted, not graded.
	for (const questionId of given.keys())
		if (!seen.has(questionId) && !grading.pinned.has(questionId)) outside.add(questionId);
	let points = 0;
	let outOf = 0;
	for (const answer of answers) {
		if (answer.score === null) continue;
		points += answer.score;
		outOf++;
	}
	return {
		id: received.id,
		receivedAt: received.receivedAt,
		name: payload.name,
		key: studentKey(payload.name),
		attempt: payload.attempt,
		startedAt: payload.startedAt,
		finishedAt: payload.finishedAt,
		durationMs: Math.max(0, payload.finishedAt - payload.startedAt),
		late: payload.late,
		timedOut: payload.timedOut,
		linkChanged: payload.assignmentDigest !== grading.digest,
		answers,
		ignored: outside.size,
		points,
		outOf,
		percent: percentOf(points, outOf)
	};
}

/**
 * A result scored against the teacher's bank. Throws only if `assignment` does not pass
 * `AssignmentSchema` (its digest is taken); responses of any shape score 0 rather than throw.
 */
export function gradeResult(
	assignment: Assignment,
	received: ReceivedResult,
	banks: Banks
): GradedResult {
	return gradeWith(prepareGrading(assignment, banks), received);
}

/** Oldest first: by the student's finishing time, then arrival, then id so the order is total. */
function byFinished(a: GradedResult, b: GradedResult): number {
	return a.finishedAt - b.finishedAt || a.receivedAt - b.receivedAt || compareText(a.id, b.id);
}

/** Code-unit order: the same on every device, unlike a locale's. */
function compareText(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** The submission that stands, from a student's submissions sorted oldest first. */
function countedOf(submissions: readonly GradedResult[], policy: CountPolicy): GradedResult {
	const first = submissions[0]!;
	if (policy === 'first') return first;
	if (policy === 'last') return submissions[submissions.length - 1]!;
	// The earliest of the best, as the list runs oldest first.
	return submissions.reduce((best, next) => (next.percent > best.percent ? next : best), first);
}

/** The roster's names by key, the first spelling of each, blanks skipped. */
function rosterByKey(roster: readonly string[]): Map<string, string> {
	const names = new Map<string, string>();
	for (const entry of roster) {
		const key = studentKey(entry);
		if (key !== '' && !names.has(key)) names.set(key, entry.trim());
	}
	return names;
}

/**
 * Every result for the assignment, graded and gathered by student. A submission received twice
 * (the same `resultId`) counts once, as first received; results for another assignment are left
 * out. With several submissions, `policy` picks the one that counts. A roster with no names in it
 * is treated as no roster.
 */
export function gradebook(
	assignment: Assignment,
	results: readonly ReceivedResult[],
	banks: Banks,
	opts: GradebookOptions
): Gradebook {
	const grading = prepareGrading(assignment, banks);
	const arrived = [...results].sort(
		(a, b) => a.receivedAt - b.receivedAt || compareText(a.id, b.id)
	);
	const ids = new Set<string>();
	const byKey = new Map<string, GradedResult[]>();
	const skipped = { duplicates: 0, otherAssignment: 0 };
	for (const received of arrived) {
		if (received.payload.assignmentId !== assignment.id) {
			skipped.otherAssignment++;
			continue;
		}
		const id = resultId(received.payload);
		if (ids.has(id)) {
			skipped.duplicates++;
			continue;
		}
		ids.add(id);
		const graded = gradeWith(grading, received);
		const list = byKey.get(graded.key);
		if (list) list.push(graded);
		else byKey.set(graded.key, [graded]);
	}
	const students = [...byKey].map(([key, submissions]): StudentRow => {
		submissions.sort(byFinished);
		const counted = countedOf(submissions, opts.policy);
		return { key, name: counted.name, counted, submissions };
	});
	students.sort((a, b) => a.name.localeCompare(b.name) || compareText(a.key, b.key));
	const roster = rosterByKey(opts.roster ?? []);
	return {
		assignment,
		policy: opts.policy,
		questions: [...grading.pinned.values()].map((entry) => ({
			pinned: entry.pinned,
			question: entry.bank?.question ?? null,
			number: entry.number,
			status: statusOf(entry)
		})),
		students,
		missing: [...roster].filter(([key]) => !byKey.has(key)).map(([, name]) => name),
		notOnRoster:
			roster.size > 0 ? students.filter((s) => !roster.has(s.key)).map((s) => s.name) : [],
		skipped
	};
}

// --- analysis ------------------------------------------------------------------------------------

/** How one question went, over the counted submissions of the students asked it. */
export interface ItemAnalysis {
	pinned: PinnedQuestion;
	number: number;
	question: Question;
	/** Counted submissions that were asked it. */
	asked: number;
	/** Share of those scoring 1; null when nobody was asked it. */
	shareRight: number | null;
	meanScore: number | null;
	/** The wrong (or partly right) response given most often, in words. */
	mostCommonWrong: { text: string; count: number } | null;
	dontKnowCount: number;
	unansweredCount: number;
	/**
	 * Upper–lower discrimination index: the mean score on this question of the top 27% of the
	 * students asked it (by total), less that of the bottom 27%. Near 1, the question separates
	 * those who know the material from those who do not; near 0 or below, it does not. Null with
	 * fewer than `MIN_FOR_DISCRIMINATION` students, where it says nothing.
	 */
	discrimination: number | null;
}

export const MIN_FOR_DISCRIMINATION = 5;
/** Kelley's 27%: the groups that best balance their size against how far apart they are. */
const GROUP_SHARE = 0.27;

interface Taken {
	answer: GradedAnswer;
	/** The student's whole total, exact, to rank by. */
	total: number;
	key: string;
}

/** Every counted answer that has a score, gathered by question. */
function answersByQuestion(book: Gradebook): Map<string, Taken[]> {
	const taken = new Map<string, Taken[]>();
	for (const { counted, key } of book.students) {
		const total = counted.outOf > 0 ? counted.points / counted.outOf : 0;
		for (const answer of counted.answers) {
			if (answer.score === null) continue;
			const id = answer.pinned.questionId;
			const list = taken.get(id);
			const item = { answer, total, key };
			if (list) list.push(item);
			else taken.set(id, [item]);
		}
	}
	return taken;
}

function mean(values: readonly number[]): number {
	return values.reduce((sum, x) => sum + x, 0) / values.length;
}

/** Alphabetical, with code-unit order to settle what a locale calls equal. */
function alphabetical(a: string, b: string): number {
	return a.localeCompare(b) || compareText(a, b);
}

function mostCommonWrong(taken: readonly Taken[]): { text: string; count: number } | null {
	const counts = new Map<string, number>();
	for (const { answer } of taken)
		if (answer.answered && (answer.score ?? 0) < 1 && answer.responseText !== null)
			counts.set(answer.responseText, (counts.get(answer.responseText) ?? 0) + 1);
	let top: { text: string; count: number } | null = null;
	for (const [text, count] of counts)
		if (!top || count > top.count || (count === top.count && alphabetical(text, top.text) < 0))
			top = { text, count };
	return top;
}

function discrimination(taken: readonly Taken[]): number | null {
	if (taken.length < MIN_FOR_DISCRIMINATION) return null;
	const ranked = [...taken].sort((a, b) => a.total - b.total || compareText(a.key, b.key));
	const size = Math.max(1, Math.round(GROUP_SHARE * ranked.length));
	const scoreOf = (t: Taken) => t.answer.score ?? 0;
	return mean(ranked.slice(-size).map(scoreOf)) - mean(ranked.slice(0, size).map(scoreOf));
}

/** How each question that is not gone went, in the assignment's order. */
export function itemAnalysis(book: Gradebook): ItemAnalysis[] {
	const taken = answersByQuestion(book);
	return book.questions.flatMap((q): ItemAnalysis[] => {
		if (!q.question) return [];
		const list = taken.get(q.pinned.questionId) ?? [];
		const scores = list.map((t) => t.answer.score ?? 0);
		return [
			{
				pinned: q.pinned,
				number: q.number,
				question: q.question,
				asked: list.length,
				shareRight: list.length ? scores.filter((s) => s === 1).length / list.length : null,
				meanScore: list.length ? mean(scores) : null,
				mostCommonWrong: mostCommonWrong(list),
				dontKnowCount: list.filter((t) => t.answer.dontKnow).length,
				unansweredCount: list.filter((t) => !t.answer.answered && !t.answer.dontKnow).length,
				discrimination: discrimination(list)
			}
		];
	});
}

/** How the class did on a category, an actor or an outlet. */
export interface Weakness<K extends string = string> {
	id: K;
	meanScore: number;
	/** Scored answers that counted towards it. */
	answers: number;
}

export interface Weakest {
	categories: { category: Category; meanScore: number; answers: number }[];
	/** Actor ids: names are the story's, resolved where they are shown. */
	actors: Weakness[];
	/** Source ids of the outlets a question is about. */
	outlets: Weakness[];
}

class Tally<K extends string = string> {
	private readonly sums = new Map<K, { sum: number; answers: number }>();

	add(id: K, sum: number, answers: number): void {
		const entry = this.sums.get(id);
		if (entry) {
			entry.sum += sum;
			entry.answers += answers;
		} else this.sums.set(id, { sum, answers });
	}

	/** Weakest first, then by id; only what was answered. */
	weakestFirst(): Weakness<K>[] {
		return [...this.sums]
			.filter(([, t]) => t.answers > 0)
			.map(([id, t]) => ({ id, meanScore: t.sum / t.answers, answers: t.answers }))
			.sort((a, b) => a.meanScore - b.meanScore || compareText(a.id, b.id));
	}
}

/**
 * Where the class is weakest: the mean score of the counted submissions' scored answers, by the
 * category, the actors and the outlets of each question as the teacher's `banks` have it now.
 */
export function weakest(book: Gradebook, banks: Banks): Weakest {
	const index = questionIndex(
		book.questions.map((q) => q.pinned.storyId),
		banks
	);
	const taken = answersByQuestion(book);
	const categories = new Tally<Category>();
	const actors = new Tally();
	const outlets = new Tally();
	for (const { pinned } of book.questions) {
		const question = index.get(`${pinned.storyId}/${pinned.questionId}`)?.question;
		const list = taken.get(pinned.questionId);
		if (!question || !list) continue;
		const sum = list.reduce((total, t) => total + (t.answer.score ?? 0), 0);
		categories.add(question.category, sum, list.length);
		for (const actor of new Set(question.actors)) actors.add(actor, sum, list.length);
		for (const outlet of new Set(question.outlets)) outlets.add(outlet, sum, list.length);
	}
	return {
		categories: categories
			.weakestFirst()
			.map(({ id, meanScore, answers }) => ({ category: id, meanScore, answers })),
		actors: actors.weakestFirst(),
		outlets: outlets.weakestFirst()
	};
}
