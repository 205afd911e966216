import type { Question } from '$lib/content/model';
import type { Outlet } from '$lib/question-types';
import {
	mayOverride,
	planAttempt,
	planPractice,
	reconcileAttempt,
	resolveAttempt,
	sameRef,
	summarizeAttempt,
	type Answer,
	type Attempt,
	type Banks,
	type History,
	type QuizItem,
	type QuizSetup
} from '$lib/quiz/attempt';
import { missedIn, storyRecord, type PracticeItem, type StoryRecord } from '$lib/quiz/progress';
import { isComplete, scoreResponse, startingResponse } from '$lib/quiz/scoring';
import { studySettings, type StudyPrefs } from '$lib/study/settings';
import { comesBack } from '$lib/study/when';
import type { StorageFailure } from '$lib/storage/errors';
import type { ProgressStore } from '$lib/storage/progress-store';
import { requestPersistence } from './device-storage';
import { failureOf } from './storage-state.svelte';

/**
 * How long after an answer is checked a press of the same button cannot move on: a double tap on
 * Check lands its second tap on Next, and the feedback must be seen.
 */
export const ADVANCE_GUARD_MS = 500;

/** What a session needs from the world, injected so tests can fix the clock and the ids. */
export interface SessionDeps {
	now(): number;
	/** Called once when a quiz is finished on a device that keeps data. */
	keepData(): void;
}

export const browserDeps: SessionDeps = {
	now: () => Date.now(),
	keepData: () => void requestPersistence()
};

export interface NewAttemptDeps {
	now(): number;
	newId(): string;
	newSeed(): number;
}

export const browserNewAttemptDeps: NewAttemptDeps = {
	now: () => Date.now(),
	newId: () => crypto.randomUUID(),
	newSeed: () => crypto.getRandomValues(new Uint32Array(1))[0]!
};

/** How long typing or picking may pause before the response on screen is saved as a draft. */
export const DRAFT_DELAY_MS = 400;

/**
 * Plans and saves a new attempt at one story, preferring questions this device has not seen, then
 * ones missed (`history`); returns its id, or null when no question fits.
 */
export async function startAttempt(
	store: ProgressStore,
	storyId: string,
	questions: readonly Question[],
	setup: QuizSetup,
	deps: NewAttemptDeps = browserNewAttemptDeps,
	history?: History
): Promise<string | null> {
	const attempt = planAttempt(storyId, questions, setup, {
		id: deps.newId(),
		seed: deps.newSeed(),
		now: deps.now(),
		history
	});
	if (!attempt) return null;
	await store.saveAttempt(attempt);
	return attempt.id;
}

/** Plans and saves a practice quiz of the given questions; returns its id, or null when there are none. */
export async function startPractice(
	store: ProgressStore,
	items: readonly PracticeItem[],
	deps: NewAttemptDeps = browserNewAttemptDeps
): Promise<string | null> {
	const attempt = planPractice(items, {
		id: deps.newId(),
		seed: deps.newSeed(),
		now: deps.now()
	});
	if (!attempt) return null;
	await store.saveAttempt(attempt);
	return attempt.id;
}

/** How many recent quizzes results look through for the best and the last score. */
export const RECORD_LOOKBACK = 100;

/**
 * One attempt in progress: the question on screen, the response being built, and the answers
 * given. Every answer and every move is written to the store the moment it happens, and shown
 * only once it is written: a write that fails leaves the student where they were, told why.
 */
export class QuizSession {
	attempt = $state() as Attempt;
	answers = $state<Record<string, Answer>>({});
	draft = $state<unknown>(undefined);
	/** Set when Check was pressed on an incomplete response. */
	incomplete = $state(false);
	/** Writes still under way; the page shows "Saving…" until they are done. */
	pendingWrites = $state(0);
	/** Why the last write failed, until one succeeds. */
	failure = $state<StorageFailure | null>(null);
	/** Set when saving found that another tab had moved this quiz on (or finished it). */
	movedElsewhere = $state(false);
	/** An earlier question the student went back to look at (read-only), by its index; null when at the current one. */
	reviewing = $state<number | null>(null);
	/** In a study session: when each answered question comes back ("in 3 days"), once known. */
	comingBack = $state<Record<string, string>>({});
	private prefs: Promise<StudyPrefs> | undefined;

	/** The attempt's questions that the banks hold, in order. */
	readonly items: QuizItem[];
	/** Whether none of the attempt's questions is left in the banks. */
	readonly gone: boolean;
	/** Whether the banks' changes changed the attempt, so it must be saved as it now is. */
	private readonly reconciled: boolean;
	/** When the answer on screen was checked, for the guard against a double tap. */
	private checkedAt = -Infinity;
	private draftTimer: ReturnType<typeof setTimeout> | undefined;

	/**
	 * Prefer `QuizSession.open`, which also saves an attempt that the banks' changes reconciled.
	 */
	constructor(
		private readonly store: ProgressStore,
		attempt: Attempt,
		answers: readonly Answer[],
		banks: Banks,
		private readonly deps: SessionDeps = browserDeps
	) {
		this.answers = Object.fromEntries(answers.map((a) => [a.questionId, a]));
		// Reconciling drops exactly the missing questions, so the items found are the quiz's.
		const { items, missing } = resolveAttempt(attempt, banks);
		const reconciled = reconcileAttempt(attempt, missing);
		this.gone = reconciled === null;
		this.reconciled = reconciled?.changed ?? false;
		this.attempt = reconciled?.attempt ?? attempt;
		this.items = items;
		// A response built before a reload comes back, if it was for the question on screen.
		const kept = attempt.draft;
		this.draft =
			this.item && kept?.questionId === this.item.question.id && !this.answer
				? kept.response
				: this.item
					? this.startingDraft(this.item)
					: undefined;
	}

	/**
	 * Opens an attempt against the banks as they are now. Questions an update withdrew are dropped
	 * and the attempt saved so; one with none left is closed, so it is not offered again.
	 */
	static async open(
		store: ProgressStore,
		attempt: Attempt,
		answers: readonly Answer[],
		banks: Banks,
		deps: SessionDeps = browserDeps
	): Promise<QuizSession> {
		const session = new QuizSession(store, attempt, answers, banks, deps);
		if (session.gone) {
			if (attempt.finishedAt === null)
				await session.save({ ...attempt, finishedAt: deps.now(), updatedAt: deps.now() });
		} else if (session.reconciled) await session.save($state.snapshot(session.attempt));
		return session;
	}

	/** Whether answers outlive this tab. */
	get persistent() {
		return this.store.kind === 'device';
	}
	get total() {
		return this.items.length;
	}
	/** Where the student is among the questions, by the stored position. */
	get index(): number {
		const current = this.attempt.questions[this.attempt.position];
		const at = current ? this.items.findIndex((i) => sameRef(i.ref, current)) : -1;
		return at === -1 ? Math.max(0, this.items.length - 1) : at;
	}
	get item(): QuizItem | undefined {
		return this.items[this.index];
	}
	get question(): Question {
		return this.item!.question;
	}
	get outlets(): Outlet[] {
		return this.item?.outlets ?? [];
	}
	get answer(): Answer | undefined {
		return this.item && this.answers[this.item.question.id];
	}
	get answeredCount() {
		return this.items.filter((i) => this.answers[i.question.id]).length;
	}
	get finished() {
		return this.attempt.finishedAt !== null;
	}
	get isLast() {
		return this.index === this.total - 1;
	}
	get summary() {
		return summarizeAttempt(this.attempt, this.items, Object.values(this.answers));
	}

	/** The questions of this quiz not fully right, to practise again. */
	get missed(): PracticeItem[] {
		return missedIn(
			this.attempt,
			Object.values(this.answers),
			(ref) => this.items.find((i) => i.ref.questionId === ref.questionId)?.question.category
		);
	}

	/**
	 * How this quiz compares with earlier whole quizzes on the same stories, among the most recent
	 * `RECORD_LOOKBACK`; null when they cannot be read (results still show, without it).
	 */
	async compareWithPast(): Promise<StoryRecord | null> {
		try {
			const { attempts } = await this.store.attemptPage(0, RECORD_LOOKBACK);
			const answers = await this.store.answersForAttempts(attempts.map((a) => a.id));
			const past = attempts.map((attempt) => ({
				attempt,
				answers: answers.filter((a) => a.attemptId === attempt.id)
			}));
			return storyRecord(
				{ attempt: $state.snapshot(this.attempt), answers: Object.values(this.answers) },
				past
			);
		} catch (e) {
			console.warn('Byline could not read earlier quizzes:', e);
			return null;
		}
	}

	/** Starts a practice quiz of this quiz's missed questions; its id, or null when none was missed. */
	practiseMissed(deps: NewAttemptDeps = browserNewAttemptDeps): Promise<string | null> {
		return startPractice(this.store, this.missed, deps);
	}

	private startingDraft(item: QuizItem): unknown {
		return this.answers[item.question.id]
			? undefined
			: startingResponse(item.question, this.attempt.seed);
	}

	/** The item on screen: the current one, or an earlier one being looked at again. */
	get shown(): QuizItem | undefined {
		return this.items[this.reviewing ?? this.index];
	}
	get shownIndex(): number {
		return this.reviewing ?? this.index;
	}
	get shownAnswer(): Answer | undefined {
		return this.shown && this.answers[this.shown.question.id];
	}
	/** Whether there is an earlier question to look back at. */
	get canGoBack(): boolean {
		return this.shownIndex > 0;
	}
	/** Shows the question before the one on screen, read-only: its answer stands. */
	back() {
		if (this.canGoBack) this.reviewing = this.shownIndex - 1;
	}
	/** Goes forward from a question looked back at, to the next one, or to the current question. */
	forward() {
		if (this.reviewing === null) return;
		this.reviewing = this.reviewing + 1 >= this.index ? null : this.reviewing + 1;
	}
	/** Whether the student may override the shown answer ("I was right"). */
	get canOverride(): boolean {
		const answer = this.shownAnswer;
		return Boolean(answer && this.shown && mayOverride(this.attempt, answer, this.shown.question));
	}

	setDraft(response: unknown) {
		this.draft = response;
		this.incomplete = false;
		// Kept with the attempt, a moment after the last change, so a reload does not lose it.
		clearTimeout(this.draftTimer);
		const questionId = this.item?.question.id;
		if (!questionId || this.answer) return;
		const snapshot = $state.snapshot(response);
		this.draftTimer = setTimeout(() => void this.saveDraft(questionId, snapshot), DRAFT_DELAY_MS);
	}

	/**
	 * Writes the draft without holding up Check: a draft that cannot be saved says so, like any
	 * other write, and is written again with the next change.
	 */
	private async saveDraft(questionId: string, response: unknown) {
		try {
			await this.store.saveDraft(this.attempt.id, { questionId, response });
			if (this.failure && !this.pendingWrites) this.failure = null;
		} catch (e) {
			console.warn('Byline could not keep the response on screen:', e);
			// Once that question is answered, its draft no longer matters: nothing is lost to report.
			if (!this.answers[questionId]) this.failure = failureOf(e);
		}
	}

	/**
	 * Scores the draft and writes the answer. True once the answer is saved (or was already given);
	 * false when the response is not complete, or the write failed (`failure` says why).
	 */
	async check(): Promise<boolean> {
		const item = this.item;
		if (!item || this.pendingWrites || this.reviewing !== null) return false;
		const q = item.question;
		if (this.answers[q.id]) return true;
		if (!isComplete(q, this.draft)) {
			this.incomplete = true;
			return false;
		}
		const { score, note } = scoreResponse(q, this.draft);
		return this.record(item, {
			response: $state.snapshot(this.draft),
			score,
			...(note ? { note } : {})
		});
	}

	/**
	 * "I don't know": an honest answer, scored 0, that shows the feedback like any other. True once
	 * it is saved (or an answer was already given).
	 */
	async dontKnow(): Promise<boolean> {
		const item = this.item;
		if (!item || this.pendingWrites || this.reviewing !== null) return false;
		if (this.answers[item.question.id]) return true;
		return this.record(item, { response: null, score: 0, dontKnow: true });
	}

	/**
	 * "I was right": marks the typed answer on screen right at the student's word, in a practice
	 * quiz only. The override is saved with the answer and shown as such. True once saved.
	 */
	async override(): Promise<boolean> {
		const item = this.shown;
		if (!item || this.pendingWrites || !this.canOverride) return false;
		const stored = await this.write(() =>
			this.store.overrideAnswer(this.attempt.id, item.question.id, this.deps.now())
		);
		if (!stored) return false;
		this.answers = { ...this.answers, [item.question.id]: stored };
		void this.noteSchedule(item.question.id);
		return true;
	}

	/** Says when a question answered in a study session comes back, from its new schedule. */
	private async noteSchedule(questionId: string) {
		if (this.attempt.mode !== 'study') return;
		try {
			// The settings are read once a session, not on every answer.
			this.prefs ??= this.store.studyPrefs();
			const [stat, prefs] = await Promise.all([this.store.questionStat(questionId), this.prefs]);
			if (!stat?.card) return;
			const when = comesBack(stat.card.due, this.deps.now(), studySettings(prefs).rule);
			this.comingBack = { ...this.comingBack, [questionId]: when };
		} catch {
			this.prefs = undefined;
			// The answer is saved; when it comes back is only a courtesy, and the queue knows.
		}
	}

	private async record(
		item: QuizItem,
		given: Pick<Answer, 'response' | 'score' | 'note' | 'dontKnow'>
	): Promise<boolean> {
		const q = item.question;
		clearTimeout(this.draftTimer);
		const answer: Answer = {
			attemptId: this.attempt.id,
			questionId: q.id,
			storyId: item.ref.storyId,
			category: q.category,
			fingerprint: q.fingerprint,
			answeredAt: this.deps.now(),
			...given
		};
		const stored = await this.write(() => this.store.recordAnswer(answer));
		if (!stored) return false;
		// Another tab may have answered first: its answer stands, and is the one shown.
		this.answers = { ...this.answers, [q.id]: stored };
		this.attempt = {
			...this.attempt,
			updatedAt: Math.max(this.attempt.updatedAt, stored.answeredAt)
		};
		this.checkedAt = this.deps.now();
		this.incomplete = false;
		void this.noteSchedule(q.id);
		return true;
	}

	/**
	 * Ends an assignment attempt whose time ran out. A complete response on screen is checked
	 * first (the student was about to); then the attempt is finished, marked as timed out, with
	 * every answer given so far. True once saved.
	 */
	async timeUp(): Promise<boolean> {
		if (this.finished) return true;
		this.reviewing = null;
		const item = this.item;
		if (item && !this.answers[item.question.id] && isComplete(item.question, this.draft))
			await this.check();
		const now = this.deps.now();
		const ended: Attempt = { ...$state.snapshot(this.attempt), finishedAt: now, updatedAt: now };
		if (ended.assignment) ended.assignment = { ...ended.assignment, timedOut: true };
		delete ended.draft;
		return this.save(ended);
	}

	/** Whether Next would be taken now: an answer is shown, and not a moment ago. */
	get canAdvance(): boolean {
		return Boolean(this.answer) && this.deps.now() - this.checkedAt >= ADVANCE_GUARD_MS;
	}

	/** Moves to the next question, or finishes after the last; false when nothing moved. */
	async next(): Promise<boolean> {
		if (this.reviewing !== null) {
			this.forward();
			return true;
		}
		if (!this.answer || this.finished || this.pendingWrites || !this.canAdvance) return false;
		const now = this.deps.now();
		const following = this.items[this.index + 1];
		const moved: Attempt = following
			? {
					...$state.snapshot(this.attempt),
					position: this.attempt.questions.findIndex((r) => sameRef(r, following.ref)),
					updatedAt: now
				}
			: { ...$state.snapshot(this.attempt), finishedAt: now, updatedAt: now };
		// The draft was for the question left behind.
		delete moved.draft;
		if (!(await this.save(moved))) return false;
		// A finished quiz is worth keeping: now is the moment to ask the browser not to evict it.
		if (this.finished && this.persistent) this.deps.keepData();
		return true;
	}

	/** Writes the attempt and shows what was stored, which another tab may have moved further on. */
	private async save(attempt: Attempt): Promise<boolean> {
		const saved = await this.write(() => this.store.saveAttempt(attempt));
		if (!saved) return false;
		const before = this.item?.question.id;
		this.attempt = saved.attempt;
		if (saved.behind) {
			this.movedElsewhere = true;
			// The other tab's answers come with its progress, so counts and results include them.
			const stored = await this.store.answersFor(saved.attempt.id).catch(() => []);
			this.answers = {
				...Object.fromEntries(stored.map((a) => [a.questionId, a])),
				...this.answers
			};
		}
		if (this.finished) this.draft = undefined;
		else if (this.item?.question.id !== before) {
			this.draft = this.item ? this.startingDraft(this.item) : undefined;
			this.incomplete = false;
		}
		return true;
	}

	private async write<T>(save: () => Promise<T>): Promise<T | null> {
		this.pendingWrites++;
		try {
			const result = await save();
			this.failure = null;
			return result;
		} catch (e) {
			console.warn('Byline could not save progress:', e);
			this.failure = failureOf(e);
			return null;
		} finally {
			this.pendingWrites--;
		}
	}
}
