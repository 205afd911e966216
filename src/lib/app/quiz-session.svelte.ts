import type { Question } from '$lib/content/model';
import type { Outlet } from '$lib/question-types';
import {
	planAttempt,
	reconcileAttempt,
	resolveAttempt,
	sameRef,
	summarizeAttempt,
	type Answer,
	type Attempt,
	type Banks,
	type QuizItem,
	type QuizSetup
} from '$lib/quiz/attempt';
import { isComplete, scoreResponse, startingResponse } from '$lib/quiz/scoring';
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

/** Plans and saves a new attempt at one story; returns its id, or null when no question fits. */
export async function startAttempt(
	store: ProgressStore,
	storyId: string,
	questions: readonly Question[],
	setup: QuizSetup,
	deps: NewAttemptDeps = browserNewAttemptDeps
): Promise<string | null> {
	const attempt = planAttempt(storyId, questions, setup, {
		id: deps.newId(),
		seed: deps.newSeed(),
		now: deps.now()
	});
	if (!attempt) return null;
	await store.saveAttempt(attempt);
	return attempt.id;
}

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

	/** The attempt's questions that the banks hold, in order. */
	readonly items: QuizItem[];
	/** Whether none of the attempt's questions is left in the banks. */
	readonly gone: boolean;
	/** When the answer on screen was checked, for the guard against a double tap. */
	private checkedAt = -Infinity;

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
		this.attempt = reconciled?.attempt ?? attempt;
		this.items = items;
		this.draft = this.item ? this.startingDraft(this.item) : undefined;
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
		} else if (session.attempt !== attempt) await session.save($state.snapshot(session.attempt));
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

	private startingDraft(item: QuizItem): unknown {
		return this.answers[item.question.id]
			? undefined
			: startingResponse(item.question, this.attempt.seed);
	}

	setDraft(response: unknown) {
		this.draft = response;
		this.incomplete = false;
	}

	/**
	 * Scores the draft and writes the answer. True once the answer is saved (or was already given);
	 * false when the response is not complete, or the write failed (`failure` says why).
	 */
	async check(): Promise<boolean> {
		const item = this.item;
		if (!item || this.pendingWrites) return false;
		const q = item.question;
		if (this.answers[q.id]) return true;
		if (!isComplete(q, this.draft)) {
			this.incomplete = true;
			return false;
		}
		const { score, note } = scoreResponse(q, this.draft);
		const answer: Answer = {
			attemptId: this.attempt.id,
			questionId: q.id,
			storyId: item.ref.storyId,
			category: q.category,
			fingerprint: q.fingerprint,
			response: $state.snapshot(this.draft),
			score,
			answeredAt: this.deps.now(),
			...(note ? { note } : {})
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
		return true;
	}

	/** Whether Next would be taken now: an answer is shown, and not a moment ago. */
	get canAdvance(): boolean {
		return Boolean(this.answer) && this.deps.now() - this.checkedAt >= ADVANCE_GUARD_MS;
	}

	/** Moves to the next question, or finishes after the last; false when nothing moved. */
	async next(): Promise<boolean> {
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
