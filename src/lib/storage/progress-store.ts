import type { IDBPDatabase } from 'idb';
import * as v from 'valibot';
import { AnswerSchema, AttemptSchema, type Answer, type Attempt } from '../quiz/attempt';
import { QuestionStatSchema, recordAnswer, type QuestionStat } from '../quiz/progress';
import { openBylineDB, type BylineDB } from './db';

/** A stored record that did not pass validation: skipped, and said so. */
export interface SkippedRecord {
	store: 'attempts' | 'answers' | 'questionStats';
	/** What is wrong, in words, for the console and a bug report. */
	reason: string;
}

export type OnSkipped = (skipped: SkippedRecord) => void;

/** Where attempts, answers and statistics are kept. Every read is validated. */
export interface ProgressStore {
	/** 'device' keeps progress across visits; 'memory' loses it when the tab closes. */
	readonly kind: 'device' | 'memory';
	saveAttempt(attempt: Attempt): Promise<void>;
	getAttempt(id: string): Promise<Attempt | undefined>;
	listAttempts(): Promise<Attempt[]>;
	answersFor(attemptId: string): Promise<Answer[]>;
	/** Every attempt and every answer, read together (for the progress report). */
	readAll(): Promise<{ attempts: Attempt[]; answers: Answer[] }>;
	/**
	 * Writes an answer, its question's statistics and the attempt's time stamp in one transaction.
	 * A second answer to the same question in the same attempt is ignored: answers are final.
	 */
	recordAnswer(answer: Answer): Promise<void>;
	questionStats(): Promise<QuestionStat[]>;
}

const schemas = {
	attempts: AttemptSchema,
	answers: AnswerSchema,
	questionStats: QuestionStatSchema
} as const;

/** Checks records read back from a store; the ones that fail are reported and left out. */
class RecordReader {
	constructor(private readonly onSkipped: OnSkipped) {}

	one<S extends keyof typeof schemas>(
		store: S,
		record: unknown
	): v.InferOutput<(typeof schemas)[S]> | undefined {
		if (record === undefined) return undefined;
		const parsed = v.safeParse(schemas[store], record);
		if (parsed.success) return parsed.output as v.InferOutput<(typeof schemas)[S]>;
		const issue = parsed.issues[0];
		this.onSkipped({
			store,
			reason: `${v.getDotPath(issue) ?? 'record'}: ${issue.message}`
		});
		return undefined;
	}

	all<S extends keyof typeof schemas>(
		store: S,
		records: readonly unknown[]
	): v.InferOutput<(typeof schemas)[S]>[] {
		return records.flatMap((r) => this.one(store, r) ?? []);
	}
}

/** Oldest first, as the index would give them. */
const byUpdated = (attempts: Attempt[]) => attempts.sort((a, b) => a.updatedAt - b.updatedAt);

const warnSkipped: OnSkipped = (s) =>
	console.warn(`Byline skipped a stored record in ${s.store}:`, s.reason);

export class IdbProgressStore implements ProgressStore {
	readonly kind = 'device';
	private readonly read: RecordReader;

	constructor(
		private readonly db: IDBPDatabase<BylineDB>,
		onSkipped: OnSkipped = warnSkipped
	) {
		this.read = new RecordReader(onSkipped);
	}

	async saveAttempt(attempt: Attempt) {
		await this.db.put('attempts', attempt);
	}
	async getAttempt(id: string) {
		return this.read.one('attempts', await this.db.get('attempts', id));
	}
	async listAttempts() {
		// The whole store, not the byUpdated index: a record with no valid time would be missing
		// from the index, and so never reported.
		return byUpdated(this.read.all('attempts', await this.db.getAll('attempts')));
	}
	async answersFor(attemptId: string) {
		return this.read.all(
			'answers',
			await this.db.getAllFromIndex('answers', 'byAttempt', attemptId)
		);
	}
	async readAll() {
		const tx = this.db.transaction(['attempts', 'answers'], 'readonly');
		const [attempts, answers] = await Promise.all([
			tx.objectStore('attempts').getAll(),
			tx.objectStore('answers').getAll()
		]);
		return {
			attempts: byUpdated(this.read.all('attempts', attempts)),
			answers: this.read.all('answers', answers)
		};
	}
	async recordAnswer(answer: Answer) {
		const tx = this.db.transaction(['answers', 'questionStats', 'attempts'], 'readwrite');
		const answers = tx.objectStore('answers');
		const stats = tx.objectStore('questionStats');
		const attempts = tx.objectStore('attempts');
		const [existing, stat, attempt] = await Promise.all([
			answers.get([answer.attemptId, answer.questionId]),
			stats.get(answer.questionId),
			attempts.get(answer.attemptId)
		]);
		const writes = recordAnswer(
			{
				// Any record under this key means the question is answered, even one that no longer reads.
				answer: existing,
				stat: this.read.one('questionStats', stat),
				attempt: this.read.one('attempts', attempt)
			},
			answer
		);
		if (writes) {
			await Promise.all([
				answers.add(writes.answer),
				stats.put(writes.stat),
				writes.attempt ? attempts.put(writes.attempt) : undefined
			]);
		}
		await tx.done;
	}
	async questionStats() {
		return this.read.all('questionStats', await this.db.getAll('questionStats'));
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
		return byUpdated([...this.attempts.values()].map((a) => structuredClone(a)));
	}
	async answersFor(attemptId: string) {
		return [...this.answers.values()]
			.filter((a) => a.attemptId === attemptId)
			.map((a) => structuredClone(a));
	}
	async readAll() {
		return {
			attempts: await this.listAttempts(),
			answers: [...this.answers.values()].map((a) => structuredClone(a))
		};
	}
	async recordAnswer(answer: Answer) {
		const key = JSON.stringify([answer.attemptId, answer.questionId]);
		const writes = recordAnswer(
			{
				answer: this.answers.get(key),
				stat: this.stats.get(answer.questionId),
				attempt: this.attempts.get(answer.attemptId)
			},
			structuredClone(answer)
		);
		if (!writes) return;
		this.answers.set(key, writes.answer);
		this.stats.set(answer.questionId, writes.stat);
		if (writes.attempt) this.attempts.set(writes.attempt.id, writes.attempt);
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
	opts: { onVersionChange?: () => void; onSkipped?: OnSkipped } = {}
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
		return { store: new IdbProgressStore(db, opts.onSkipped), problem: null };
	} catch {
		return { store: new MemoryProgressStore(), problem: 'failed' };
	}
}
