import type { IDBPDatabase } from 'idb';
import type { Answer, Attempt } from '../quiz/attempt';
import { addToStat, type QuestionStat } from '../quiz/progress';
import { openBylineDB, type BylineDB } from './db';

/** Where attempts, answers and statistics are kept. */
export interface ProgressStore {
	/** 'device' keeps progress across visits; 'memory' loses it when the tab closes. */
	readonly kind: 'device' | 'memory';
	saveAttempt(attempt: Attempt): Promise<void>;
	getAttempt(id: string): Promise<Attempt | undefined>;
	listAttempts(): Promise<Attempt[]>;
	answersFor(attemptId: string): Promise<Answer[]>;
	/**
	 * Writes an answer, its question's statistics and the attempt's time stamp in one transaction.
	 * A second answer to the same question in the same attempt is ignored: answers are final.
	 */
	recordAnswer(answer: Answer): Promise<void>;
	questionStats(): Promise<QuestionStat[]>;
}

export class IdbProgressStore implements ProgressStore {
	readonly kind = 'device';
	constructor(private readonly db: IDBPDatabase<BylineDB>) {}

	async saveAttempt(attempt: Attempt) {
		await this.db.put('attempts', attempt);
	}
	getAttempt(id: string) {
		return this.db.get('attempts', id);
	}
	listAttempts() {
		return this.db.getAllFromIndex('attempts', 'byUpdated');
	}
	answersFor(attemptId: string) {
		return this.db.getAllFromIndex('answers', 'byAttempt', attemptId);
	}
	async recordAnswer(answer: Answer) {
		const tx = this.db.transaction(['answers', 'questionStats', 'attempts'], 'readwrite');
		const answers = tx.objectStore('answers');
		if (!(await answers.getKey([answer.attemptId, answer.questionId]))) {
			await answers.add(answer);
			const stats = tx.objectStore('questionStats');
			await stats.put(addToStat(await stats.get(answer.questionId), answer));
			const attempts = tx.objectStore('attempts');
			const attempt = await attempts.get(answer.attemptId);
			if (attempt) await attempts.put({ ...attempt, updatedAt: answer.answeredAt });
		}
		await tx.done;
	}
	questionStats() {
		return this.db.getAll('questionStats');
	}
}

/** Keeps progress for this tab only, when the device's storage cannot be used. */
export class MemoryProgressStore implements ProgressStore {
	readonly kind = 'memory';
	private attempts = new Map<string, Attempt>();
	private answers = new Map<string, Answer>();
	private stats = new Map<string, QuestionStat>();

	async saveAttempt(attempt: Attempt) {
		this.attempts.set(attempt.id, structuredClone(attempt));
	}
	async getAttempt(id: string) {
		const a = this.attempts.get(id);
		return a && structuredClone(a);
	}
	async listAttempts() {
		return [...this.attempts.values()]
			.sort((a, b) => a.updatedAt - b.updatedAt)
			.map((a) => structuredClone(a));
	}
	async answersFor(attemptId: string) {
		return [...this.answers.values()]
			.filter((a) => a.attemptId === attemptId)
			.map((a) => structuredClone(a));
	}
	async recordAnswer(answer: Answer) {
		const key = JSON.stringify([answer.attemptId, answer.questionId]);
		if (this.answers.has(key)) return;
		this.answers.set(key, structuredClone(answer));
		this.stats.set(answer.questionId, addToStat(this.stats.get(answer.questionId), answer));
		const attempt = this.attempts.get(answer.attemptId);
		if (attempt) this.attempts.set(attempt.id, { ...attempt, updatedAt: answer.answeredAt });
	}
	async questionStats() {
		return [...this.stats.values()].map((s) => structuredClone(s));
	}
}

export type StorageProblem = 'unsupported' | 'failed' | 'blocked';

export interface OpenedStore {
	store: ProgressStore;
	problem: StorageProblem | null;
}

/** How long to wait for an upgrade that another tab blocks before carrying on in memory. */
const BLOCKED_GRACE_MS = 3000;

/**
 * Opens the device's progress database, or, when IndexedDB is missing, fails or stays blocked by
 * another tab, falls back to memory and says why, so the student can still take quizzes.
 */
export async function openProgressStore(
	opts: { onVersionChange?: () => void } = {}
): Promise<OpenedStore> {
	if (typeof indexedDB === 'undefined' || !indexedDB)
		return { store: new MemoryProgressStore(), problem: 'unsupported' };
	let timer: ReturnType<typeof setTimeout> | undefined;
	let onBlocked = () => {};
	const blockedTooLong = new Promise<'blocked'>((resolve) => {
		onBlocked = () => (timer ??= setTimeout(() => resolve('blocked'), BLOCKED_GRACE_MS));
	});
	try {
		// Inside the try: some browsers throw from indexedDB.open itself (SecurityError).
		const opening = openBylineDB({
			onBlocked: () => onBlocked(),
			onVersionChange: opts.onVersionChange
		});
		const db = await Promise.race([opening, blockedTooLong]);
		clearTimeout(timer);
		if (db === 'blocked') {
			opening.then((late) => late.close()).catch(() => {});
			return { store: new MemoryProgressStore(), problem: 'blocked' };
		}
		return { store: new IdbProgressStore(db), problem: null };
	} catch {
		return { store: new MemoryProgressStore(), problem: 'failed' };
	}
}
