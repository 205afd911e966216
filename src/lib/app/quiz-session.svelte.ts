import type { Question, StoryBundle } from '$lib/content/model';
import type { Answer, Attempt, QuizSetup } from '$lib/quiz/attempt';
import { planAttempt, summarizeAttempt } from '$lib/quiz/attempt';
import { isComplete, scoreResponse } from '$lib/quiz/scoring';
import type { ProgressStore } from '$lib/storage/progress-store';
import { requestPersistence } from './device-storage';

export function newAttemptId(): string {
	return crypto.randomUUID();
}

/** Starts and saves a new attempt; returns its id. */
export async function startAttempt(
	store: ProgressStore,
	storyId: string,
	questions: readonly Question[],
	setup: QuizSetup
): Promise<string> {
	const attempt = planAttempt(questions, setup, {
		id: newAttemptId(),
		storyId,
		seed: crypto.getRandomValues(new Uint32Array(1))[0]!,
		now: Date.now()
	});
	await store.saveAttempt(attempt);
	return attempt.id;
}

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

	readonly questions: Question[];

	constructor(
		private readonly store: ProgressStore,
		private readonly bundle: StoryBundle,
		attempt: Attempt,
		answers: Answer[]
	) {
		this.attempt = attempt;
		this.answers = Object.fromEntries(answers.map((a) => [a.questionId, a]));
		this.questions = attempt.questionIds.flatMap((id) =>
			bundle.questions.filter((q) => q.id === id)
		);
	}

	/** Whether answers outlive this tab. */
	get persistent() {
		return this.store.kind === 'device';
	}
	get total() {
		return this.questions.length;
	}
	get position() {
		return Math.min(this.attempt.position, this.total - 1);
	}
	get question(): Question {
		return this.questions[this.position]!;
	}
	get answer(): Answer | undefined {
		return this.answers[this.question.id];
	}
	get answeredCount() {
		return Object.keys(this.answers).length;
	}
	get finished() {
		return this.attempt.finishedAt !== null;
	}
	get isLast() {
		return this.position === this.total - 1;
	}
	get summary() {
		return summarizeAttempt(this.attempt, this.questions, Object.values(this.answers));
	}

	setDraft(response: unknown) {
		this.draft = response;
		this.incomplete = false;
	}

	/** Scores the draft and writes the answer; returns false if the response is not complete. */
	async check(): Promise<boolean> {
		const q = this.question;
		if (this.answers[q.id]) return true;
		if (!isComplete(q, this.draft)) {
			this.incomplete = true;
			return false;
		}
		const { score, note } = scoreResponse(q, this.draft);
		const answer: Answer = {
			attemptId: this.attempt.id,
			questionId: q.id,
			storyId: this.bundle.story.id,
			category: q.category,
			response: $state.snapshot(this.draft),
			score,
			answeredAt: Date.now(),
			...(note ? { note } : {})
		};
		this.answers = { ...this.answers, [q.id]: answer };
		this.attempt = { ...this.attempt, updatedAt: answer.answeredAt };
		await this.write(() => this.store.recordAnswer(answer));
		return true;
	}

	/** Moves to the next question, or finishes after the last. */
	async next() {
		if (!this.answer) return;
		const now = Date.now();
		this.attempt = this.isLast
			? { ...this.attempt, finishedAt: now, updatedAt: now }
			: { ...this.attempt, position: this.position + 1, updatedAt: now };
		this.draft = undefined;
		this.incomplete = false;
		const attempt = $state.snapshot(this.attempt);
		await this.write(() => this.store.saveAttempt(attempt));
		// A finished quiz is worth keeping: now is the moment to ask the browser not to evict it.
		if (this.finished && this.persistent) void requestPersistence();
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
