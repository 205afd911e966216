import type { Question } from '$lib/content/model';
import type { Outlet } from '$lib/question-types';
import {
	planAttempt,
	resolveAttempt,
	summarizeAttempt,
	type Answer,
	type Attempt,
	type Banks,
	type QuestionRef,
	type QuizItem,
	type QuizSetup
} from '$lib/quiz/attempt';
import { isComplete, scoreResponse, startingResponse } from '$lib/quiz/scoring';
import type { ProgressStore } from '$lib/storage/progress-store';
import { requestPersistence } from './device-storage';

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

const sameRef = (a: QuestionRef, b: QuestionRef) =>
	a.storyId === b.storyId && a.questionId === b.questionId;

/**
 * One attempt in progress: the question on screen, the response being built, and the answers
 * given. Every answer and every move is written to the store the moment it happens.
 */
export class QuizSession {
	attempt = $state() as Attempt;
	answers = $state<Record<string, Answer>>({});
	draft = $state<unknown>(undefined);
	/** Set when Check was pressed on an incomplete response. */
	incomplete = $state(false);
	/** Writes still under way; the page shows "Saving…" until they are done. */
	pendingWrites = $state(0);

	/** The attempt's questions that the banks hold, in order. */
	readonly items: QuizItem[];
	/** The attempt's questions that no bank holds any more. */
	readonly missing: QuestionRef[];

	constructor(
		private readonly store: ProgressStore,
		attempt: Attempt,
		answers: readonly Answer[],
		banks: Banks,
		private readonly deps: SessionDeps = browserDeps
	) {
		this.attempt = attempt;
		this.answers = Object.fromEntries(answers.map((a) => [a.questionId, a]));
		({ items: this.items, missing: this.missing } = resolveAttempt(attempt, banks));
		this.draft = this.item ? this.startingDraft(this.item) : undefined;
	}

	/** Whether answers outlive this tab. */
	get persistent() {
		return this.store.kind === 'device';
	}
	get total() {
		return this.items.length;
	}
	/**
	 * Where the student is among the questions on screen: the first one at or after the stored
	 * position (found by reference, so questions missing from the banks are simply passed over).
	 */
	get index(): number {
		const refs = this.attempt.questions.slice(this.attempt.position);
		const at = this.items.findIndex((i) => refs.some((r) => sameRef(r, i.ref)));
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

	/** Scores the draft and writes the answer; returns false if the response is not complete. */
	async check(): Promise<boolean> {
		const item = this.item;
		if (!item) return false;
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
		this.answers = { ...this.answers, [q.id]: answer };
		this.attempt = { ...this.attempt, updatedAt: answer.answeredAt };
		await this.write(() => this.store.recordAnswer(answer));
		return true;
	}

	/** Moves to the next question, or finishes after the last. */
	async next() {
		if (!this.answer || this.finished) return;
		const now = this.deps.now();
		const following = this.items[this.index + 1];
		this.attempt = following
			? {
					...this.attempt,
					position: this.attempt.questions.findIndex((r) => sameRef(r, following.ref)),
					updatedAt: now
				}
			: { ...this.attempt, finishedAt: now, updatedAt: now };
		this.draft = following ? this.startingDraft(following) : undefined;
		this.incomplete = false;
		const attempt = $state.snapshot(this.attempt);
		await this.write(() => this.store.saveAttempt(attempt));
		// A finished quiz is worth keeping: now is the moment to ask the browser not to evict it.
		if (this.finished && this.persistent) this.deps.keepData();
	}

	private async write(save: () => Promise<void>) {
		this.pendingWrites++;
		try {
			await save();
		} finally {
			this.pendingWrites--;
		}
	}
}
