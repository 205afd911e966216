import * as v from 'valibot';
import {
	AttemptSchema,
	DraftSchema,
	mergeAttempt,
	type Answer,
	type Attempt,
	type Draft
} from '../quiz/attempt';
import { isStale, overrideAnswer, recordAnswer, type QuestionStat } from '../quiz/progress';
import {
	IdbAssignmentStore,
	MemoryAssignmentStore,
	type AssignmentStore
} from './assignment-store';
import { DEFAULT_STUDY_PREFS, StudyPrefsSchema, type StudyPrefs } from '../study/settings';
import { openBylineDB } from './db';
import { StorageError, type ConnectionLoss } from './errors';
import { allOrNothing, IdbStore, type OnSkipped, type SkippedRecord } from './records';

export type { OnSkipped, SkippedRecord };

/** What saving an attempt stored: never an attempt moved backwards (`mergeAttempt`). */
export interface SavedAttempt {
	attempt: Attempt;
	/** The tab saved an attempt that another tab had already moved on (or finished). */
	behind: boolean;
}

/**
 * Where attempts, answers and statistics are kept. Every read is validated; every failure is
 * thrown as a `StorageError` that names its cause.
 */
export interface ProgressStore {
	/** 'device' keeps progress across visits; 'memory' loses it when the tab closes. */
	readonly kind: 'device' | 'memory';
	/** Saves an attempt, never moving a stored one backwards; an attempt with no questions is refused. */
	saveAttempt(attempt: Attempt): Promise<SavedAttempt>;
	getAttempt(id: string): Promise<Attempt | undefined>;
	listAttempts(): Promise<Attempt[]>;
	answersFor(attemptId: string): Promise<Answer[]>;
	/**
	 * One page of attempts, the most recently active first, and how many there are: the progress
	 * page reads what it shows, however many quizzes a student has taken.
	 */
	attemptPage(offset: number, limit: number): Promise<{ attempts: Attempt[]; total: number }>;
	/** The answers of several attempts, read together. */
	answersForAttempts(attemptIds: readonly string[]): Promise<Answer[]>;
	/**
	 * Writes an answer, its question's statistics and the attempt's time stamp in one transaction.
	 * A second answer to the same question in the same attempt is ignored: answers are final.
	 * Returns the answer that stands (another tab's, when it answered first).
	 */
	recordAnswer(answer: Answer): Promise<Answer>;
	questionStats(): Promise<QuestionStat[]>;
	/** One question's statistics, with its schedule; undefined when it has none (or junk). */
	questionStat(questionId: string): Promise<QuestionStat | undefined>;
	/**
	 * Keeps the response on screen with its attempt (null clears it). Ignored when the attempt is
	 * not stored, is finished, or has moved past that question in another tab.
	 */
	saveDraft(attemptId: string, draft: Draft | null): Promise<void>;
	/**
	 * Marks a practice answer right at the student's word ("I was right"), correcting the
	 * question's totals in the same transaction. Returns the answer that stands; refuses (throws
	 * 'invalid') when there is nothing to override.
	 */
	overrideAnswer(attemptId: string, questionId: string, at: number): Promise<Answer>;
	/** The student's study settings; the defaults until they choose (or when the stored ones are junk). */
	studyPrefs(): Promise<StudyPrefs>;
	/** Saves the study settings; settings out of range are refused ('invalid'). */
	saveStudyPrefs(prefs: StudyPrefs): Promise<void>;
	/**
	 * Gives every question whose schedule lags its answers (`isStale`) the schedule its answers
	 * make, replayed in one transaction; returns how many it rebuilt. Study calls it before it
	 * reads schedules.
	 */
	ensureSchedules(): Promise<number>;
}

type Scheduler = typeof import('../study/schedule');
let scheduler: Promise<Scheduler | null> | undefined;

/**
 * The scheduler (ts-fsrs), loaded the first time an answer is recorded rather than with every
 * page. Null when it cannot be loaded: the answer is saved all the same, and its question's
 * schedule is replayed later (`ensureSchedules`). Loaded before a transaction opens, since a
 * transaction does not outlive a wait for anything else.
 */
export function loadScheduler(): Promise<Scheduler | null> {
	scheduler ??= import('../study/schedule').catch(() => {
		scheduler = undefined;
		return null;
	});
	return scheduler;
}

/**
 * A question's statistics with the schedule its answers make, oldest first; null when it is not
 * stale (another tab caught it up) or is gone.
 */
function scheduled(
	stat: QuestionStat | undefined,
	answers: readonly Answer[],
	schedule: Scheduler
): QuestionStat | null {
	if (!stat || !isStale(stat)) return null;
	const history = answers
		.map((a) => ({ score: a.score, at: a.answeredAt }))
		.sort((a, b) => a.at - b.at);
	return {
		...stat,
		card: schedule.replay(history),
		cardBefore: schedule.replay(history.slice(0, -1)) ?? null
	};
}

/** Settings as they may be stored: checked, or refused as invalid before anything is written. */
function validPrefs(prefs: StudyPrefs): StudyPrefs {
	const parsed = v.safeParse(StudyPrefsSchema, prefs);
	if (!parsed.success) throw new StorageError('invalid');
	return { dayStartHour: parsed.output.dayStartHour, newPerDay: parsed.output.newPerDay };
}

/** A draft may be kept for an unfinished attempt, at the question it was made for. */
function withDraft(attempt: Attempt | undefined, draft: Draft | null): Attempt | null {
	if (!attempt || attempt.finishedAt !== null) return null;
	const current = attempt.questions[attempt.position];
	if (draft && current?.questionId !== draft.questionId) return null;
	const next: Attempt = { ...attempt };
	if (draft) next.draft = draft;
	else delete next.draft;
	return next;
}

function validDraft(draft: Draft | null): Draft | null {
	if (draft !== null && !v.is(DraftSchema, draft)) throw new StorageError('invalid');
	return draft;
}

/** Oldest first, as the index would give them. */
const byUpdated = (attempts: Attempt[]) => attempts.sort((a, b) => a.updatedAt - b.updatedAt);

/** An attempt as it may be stored, or the refusal that says why not. */
function validAttempt(attempt: Attempt): Attempt {
	if (!v.is(AttemptSchema, attempt)) throw new StorageError('invalid');
	return attempt;
}

export class IdbProgressStore extends IdbStore implements ProgressStore {
	saveAttempt(attempt: Attempt) {
		return this.run(async () => {
			validAttempt(attempt);
			const tx = this.db.transaction('attempts', 'readwrite');
			const stored = this.read.one('attempts', await tx.store.get(attempt.id));
			const saved = mergeAttempt(stored, attempt);
			await tx.store.put(saved.attempt);
			await tx.done;
			return saved;
		});
	}
	getAttempt(id: string) {
		return this.run(async () => this.read.one('attempts', await this.db.get('attempts', id)));
	}
	listAttempts() {
		// The whole store, not the byUpdated index: a record with no valid time would be missing
		// from the index, and so never reported.
		return this.run(async () =>
			byUpdated(this.read.all('attempts', await this.db.getAll('attempts')))
		);
	}
	answersFor(attemptId: string) {
		return this.run(async () =>
			this.read.all('answers', await this.db.getAllFromIndex('answers', 'byAttempt', attemptId))
		);
	}
	attemptPage(offset: number, limit: number) {
		return this.run(async () => {
			const tx = this.db.transaction('attempts', 'readonly');
			const index = tx.store.index('byUpdated');
			const records: unknown[] = [];
			let cursor = await index.openCursor(null, 'prev');
			if (cursor && offset > 0) cursor = await cursor.advance(offset);
			while (cursor && records.length < limit) {
				records.push(cursor.value);
				cursor = await cursor.continue();
			}
			const total = await index.count();
			await tx.done;
			return { attempts: this.read.all('attempts', records), total };
		});
	}
	answersForAttempts(attemptIds: readonly string[]) {
		return this.run(async () => {
			const tx = this.db.transaction('answers', 'readonly');
			const index = tx.store.index('byAttempt');
			const lists = await Promise.all([...new Set(attemptIds)].map((id) => index.getAll(id)));
			await tx.done;
			return this.read.all('answers', lists.flat());
		});
	}
	recordAnswer(answer: Answer) {
		return this.run(async () => {
			const schedule = await loadScheduler();
			const tx = this.db.transaction(['answers', 'questionStats', 'attempts'], 'readwrite');
			const answers = tx.objectStore('answers');
			const stats = tx.objectStore('questionStats');
			const attempts = tx.objectStore('attempts');
			const [existing, stat, attempt] = await Promise.all([
				answers.get([answer.attemptId, answer.questionId]),
				stats.get(answer.questionId),
				attempts.get(answer.attemptId)
			]);
			// A stored answer that no longer reads is junk, not an answer: the new one replaces it.
			const standing = this.read.one('answers', existing);
			const writes = recordAnswer(
				{
					answer: standing,
					stat: this.read.one('questionStats', stat),
					attempt: this.read.one('attempts', attempt)
				},
				answer,
				schedule?.review ?? null
			);
			if (writes) {
				await allOrNothing(tx, () => [
					answers.put(writes.answer),
					stats.put(writes.stat),
					writes.attempt ? attempts.put(writes.attempt) : undefined
				]);
			}
			await tx.done;
			return standing ?? answer;
		});
	}
	questionStats() {
		return this.run(async () =>
			this.read.all('questionStats', await this.db.getAll('questionStats'))
		);
	}
	saveDraft(attemptId: string, draft: Draft | null) {
		return this.run(async () => {
			validDraft(draft);
			const tx = this.db.transaction('attempts', 'readwrite');
			const next = withDraft(this.read.one('attempts', await tx.store.get(attemptId)), draft);
			if (next) await tx.store.put(next);
			await tx.done;
		});
	}
	overrideAnswer(attemptId: string, questionId: string, at: number) {
		return this.run(async () => {
			const schedule = await loadScheduler();
			const tx = this.db.transaction(['answers', 'questionStats', 'attempts'], 'readwrite');
			const answers = tx.objectStore('answers');
			const stats = tx.objectStore('questionStats');
			const [answer, stat, attempt] = await Promise.all([
				answers.get([attemptId, questionId]),
				stats.get(questionId),
				tx.objectStore('attempts').get(attemptId)
			]);
			const standing = this.read.one('answers', answer);
			const writes = overrideAnswer(
				{
					answer: standing,
					stat: this.read.one('questionStats', stat),
					attempt: this.read.one('attempts', attempt)
				},
				at,
				schedule?.review ?? null
			);
			if (!writes) {
				tx.abort();
				await tx.done.catch(() => {});
				// Overridden already (in another tab, say): that answer stands.
				if (standing?.override) return standing;
				throw new StorageError('invalid');
			}
			await allOrNothing(tx, () => [
				answers.put(writes.answer),
				writes.stat ? stats.put(writes.stat) : undefined
			]);
			await tx.done;
			return writes.answer;
		});
	}
	questionStat(questionId: string) {
		return this.run(async () =>
			this.read.one('questionStats', await this.db.get('questionStats', questionId))
		);
	}
	ensureSchedules() {
		return this.run(async () => {
			const stale = this.read
				.all('questionStats', await this.db.getAll('questionStats'))
				.filter(isStale);
			if (!stale.length) return 0;
			const schedule = await loadScheduler();
			if (!schedule) throw new StorageError('unknown');
			const tx = this.db.transaction(['answers', 'questionStats'], 'readwrite');
			const byQuestion = tx.objectStore('answers').index('byQuestion');
			const stats = tx.objectStore('questionStats');
			const rebuilt = await Promise.all(
				stale.map(async (s) => {
					const [stat, answers] = await Promise.all([
						stats.get(s.questionId),
						byQuestion.getAll(s.questionId)
					]);
					return scheduled(
						this.read.one('questionStats', stat),
						this.read.all('answers', answers),
						schedule
					);
				})
			);
			const writes = rebuilt.flatMap((s) => s ?? []);
			await allOrNothing(tx, () => writes.map((s) => stats.put(s)));
			await tx.done;
			return writes.length;
		});
	}
	studyPrefs() {
		return this.run(async () => {
			const stored = this.read.one('settings', await this.db.get('settings', 'study'));
			return stored
				? { dayStartHour: stored.dayStartHour, newPerDay: stored.newPerDay }
				: { ...DEFAULT_STUDY_PREFS };
		});
	}
	saveStudyPrefs(prefs: StudyPrefs) {
		return this.run(async () => {
			await this.db.put('settings', { id: 'study', ...validPrefs(prefs) });
		});
	}
}

/** Copies a record as the memory store keeps it; one that cannot be copied is refused as IndexedDB would. */
function copy<T>(value: T): T {
	try {
		return structuredClone(value);
	} catch (e) {
		throw new StorageError('unknown', { cause: e });
	}
}

/** Keeps progress for this tab only, when the device's storage cannot be used. */
export class MemoryProgressStore implements ProgressStore {
	readonly kind = 'memory';
	private attempts = new Map<string, Attempt>();
	private answers = new Map<string, Answer>();
	private stats = new Map<string, QuestionStat>();
	private prefs: StudyPrefs = { ...DEFAULT_STUDY_PREFS };

	async studyPrefs() {
		return { ...this.prefs };
	}
	async saveStudyPrefs(prefs: StudyPrefs) {
		this.prefs = validPrefs(prefs);
	}

	async saveAttempt(attempt: Attempt) {
		const saved = mergeAttempt(this.attempts.get(attempt.id), validAttempt(attempt));
		this.attempts.set(attempt.id, copy(saved.attempt));
		return copy(saved);
	}
	async getAttempt(id: string) {
		const a = this.attempts.get(id);
		return a && copy(a);
	}
	async listAttempts() {
		return byUpdated([...this.attempts.values()].map((a) => copy(a)));
	}
	async answersFor(attemptId: string) {
		return [...this.answers.values()].filter((a) => a.attemptId === attemptId).map((a) => copy(a));
	}
	async attemptPage(offset: number, limit: number) {
		const all = (await this.listAttempts()).reverse();
		return { attempts: all.slice(offset, offset + limit), total: all.length };
	}
	async answersForAttempts(attemptIds: readonly string[]) {
		return [...this.answers.values()]
			.filter((a) => attemptIds.includes(a.attemptId))
			.map((a) => copy(a));
	}
	async recordAnswer(answer: Answer) {
		const schedule = await loadScheduler();
		const key = JSON.stringify([answer.attemptId, answer.questionId]);
		const existing = this.answers.get(key);
		const writes = recordAnswer(
			{
				answer: existing,
				stat: this.stats.get(answer.questionId),
				attempt: this.attempts.get(answer.attemptId)
			},
			copy(answer),
			schedule?.review ?? null
		);
		if (!writes) return copy(existing!);
		this.answers.set(key, writes.answer);
		this.stats.set(answer.questionId, writes.stat);
		if (writes.attempt) this.attempts.set(writes.attempt.id, writes.attempt);
		return copy(answer);
	}
	async questionStats() {
		return [...this.stats.values()].map((s) => copy(s));
	}
	async questionStat(questionId: string) {
		const stat = this.stats.get(questionId);
		return stat && copy(stat);
	}
	async ensureSchedules() {
		const stale = [...this.stats.values()].filter(isStale);
		if (!stale.length) return 0;
		const schedule = await loadScheduler();
		if (!schedule) throw new StorageError('unknown');
		const answers = [...this.answers.values()];
		const writes = stale.flatMap(
			(s) =>
				scheduled(
					this.stats.get(s.questionId),
					answers.filter((a) => a.questionId === s.questionId),
					schedule
				) ?? []
		);
		for (const s of writes) this.stats.set(s.questionId, s);
		return writes.length;
	}
	async saveDraft(attemptId: string, draft: Draft | null) {
		const next = withDraft(this.attempts.get(attemptId), copy(validDraft(draft)));
		if (next) this.attempts.set(attemptId, next);
	}
	async overrideAnswer(attemptId: string, questionId: string, at: number) {
		const schedule = await loadScheduler();
		const key = JSON.stringify([attemptId, questionId]);
		const standing = this.answers.get(key);
		const writes = overrideAnswer(
			{
				answer: standing,
				stat: this.stats.get(questionId),
				attempt: this.attempts.get(attemptId)
			},
			at,
			schedule?.review ?? null
		);
		if (!writes) {
			if (standing?.override) return copy(standing);
			throw new StorageError('invalid');
		}
		this.answers.set(key, writes.answer);
		if (writes.stat) this.stats.set(questionId, writes.stat);
		return copy(writes.answer);
	}
}

export type StorageProblem = 'unsupported' | 'failed' | 'blocked';

export interface OpenedStore {
	store: ProgressStore;
	/** The same database's assignments (or memory, alike). */
	assignments: AssignmentStore;
	problem: StorageProblem | null;
}

const inMemory = () => ({
	store: new MemoryProgressStore(),
	assignments: new MemoryAssignmentStore()
});

/** How long to wait for an upgrade that another tab blocks before carrying on in memory. */
const BLOCKED_GRACE_MS = 3000;

/**
 * Opens the device's progress database, or, when IndexedDB is missing, fails or stays blocked by
 * another tab, falls back to memory and says why, so the student can still take quizzes.
 */
export async function openProgressStore(
	opts: { onVersionChange?: () => void; onTerminated?: () => void; onSkipped?: OnSkipped } = {}
): Promise<OpenedStore> {
	const connection: { lost: ConnectionLoss } = { lost: null };
	if (typeof indexedDB === 'undefined' || !indexedDB)
		return { ...inMemory(), problem: 'unsupported' };
	let timer: ReturnType<typeof setTimeout> | undefined;
	let onBlocked = () => {};
	const blockedTooLong = new Promise<'blocked'>((resolve) => {
		onBlocked = () => (timer ??= setTimeout(() => resolve('blocked'), BLOCKED_GRACE_MS));
	});
	try {
		// Inside the try: some browsers throw from indexedDB.open itself (SecurityError).
		const opening = openBylineDB({
			onBlocked: () => onBlocked(),
			onVersionChange: () => {
				connection.lost = 'upgraded-elsewhere';
				opts.onVersionChange?.();
			},
			onTerminated: () => {
				connection.lost = 'cleared';
				opts.onTerminated?.();
			}
		});
		const db = await Promise.race([opening, blockedTooLong]);
		clearTimeout(timer);
		if (db === 'blocked') {
			opening.then((late) => late.close()).catch(() => {});
			return { ...inMemory(), problem: 'blocked' };
		}
		return {
			store: new IdbProgressStore(db, opts.onSkipped, connection),
			assignments: new IdbAssignmentStore(db, opts.onSkipped, connection),
			problem: null
		};
	} catch {
		return { ...inMemory(), problem: 'failed' };
	}
}
