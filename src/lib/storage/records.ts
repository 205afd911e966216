import type { IDBPDatabase, StoreNames } from 'idb';
import * as v from 'valibot';
import { AnswerSchema, AttemptSchema } from '../quiz/attempt';
import { QuestionStatSchema } from '../quiz/progress';
import {
	CompositionSchema,
	SharedAssignmentSchema,
	TakenAssignmentSchema,
	TeacherKeysSchema
} from '../share/composition';
import { ReceivedResultSchema } from '../share/result';
import { StudyPrefsRecordSchema } from '../study/settings';
import type { BylineDB } from './db';
import { classifyStorageError, StorageError, type ConnectionLoss } from './errors';

/** The schema every record of each store is read back through. */
export const SCHEMAS = {
	attempts: AttemptSchema,
	answers: AnswerSchema,
	questionStats: QuestionStatSchema,
	teacherKeys: TeacherKeysSchema,
	compositions: CompositionSchema,
	sharedAssignments: SharedAssignmentSchema,
	results: ReceivedResultSchema,
	takenAssignments: TakenAssignmentSchema,
	settings: StudyPrefsRecordSchema
} as const satisfies Record<StoreNames<BylineDB>, v.GenericSchema>;

export type StoreName = keyof typeof SCHEMAS;
export type RecordOf<S extends StoreName> = v.InferOutput<(typeof SCHEMAS)[S]>;

/** A stored record that did not pass validation: skipped, and said so. */
export interface SkippedRecord {
	store: StoreName;
	/** What is wrong, in words, for the console and a bug report. */
	reason: string;
}

export type OnSkipped = (skipped: SkippedRecord) => void;

export const warnSkipped: OnSkipped = (s) =>
	console.warn(`Byline skipped a stored record in ${s.store}:`, s.reason);

/** Checks records read back from a store; the ones that fail are reported and left out. */
export class RecordReader {
	constructor(private readonly onSkipped: OnSkipped) {}

	one<S extends StoreName>(store: S, record: unknown): RecordOf<S> | undefined {
		if (record === undefined) return undefined;
		const parsed = v.safeParse(SCHEMAS[store], record);
		if (parsed.success) return parsed.output as RecordOf<S>;
		const issue = parsed.issues[0];
		this.onSkipped({ store, reason: `${v.getDotPath(issue) ?? 'record'}: ${issue.message}` });
		return undefined;
	}

	all<S extends StoreName>(store: S, records: readonly unknown[]): RecordOf<S>[] {
		return records.flatMap((r) => this.one(store, r) ?? []);
	}
}

/** How long a storage call may take before the student is told it is not answering. */
export const STORAGE_TIMEOUT_MS = 10_000;

/** Runs one storage call: it succeeds, or throws a StorageError naming why, within the time limit. */
export async function runStorage<T>(
	call: () => Promise<T>,
	connection: { lost: ConnectionLoss }
): Promise<T> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	try {
		return await Promise.race([
			call(),
			new Promise<never>((_, reject) => {
				timer = setTimeout(() => reject(new StorageError('timeout')), STORAGE_TIMEOUT_MS);
			})
		]);
	} catch (e) {
		throw e instanceof StorageError
			? e
			: new StorageError(classifyStorageError(e, connection.lost), { cause: e });
	} finally {
		clearTimeout(timer);
	}
}

/**
 * Makes several writes in one transaction, all or none: a write that throws at once (a record
 * that cannot be stored) aborts the transaction, so the writes before it are undone too.
 */
export async function allOrNothing(
	tx: { abort(): void; done: Promise<void> },
	writes: () => (Promise<unknown> | undefined)[]
): Promise<void> {
	try {
		await Promise.all(writes());
	} catch (e) {
		try {
			tx.abort();
		} catch {
			// Already finished: nothing more to undo.
		}
		tx.done.catch(() => {});
		throw e;
	}
}

/**
 * What every IndexedDB store of Byline's shares: the connection, a reader that validates what it
 * reads, and calls that succeed or throw a `StorageError` within the time limit.
 */
export abstract class IdbStore {
	readonly kind = 'device';
	protected readonly read: RecordReader;

	constructor(
		protected readonly db: IDBPDatabase<BylineDB>,
		onSkipped: OnSkipped = warnSkipped,
		/** How the connection was lost, if it was: kept current by `openProgressStore`. */
		private readonly connection: { lost: ConnectionLoss } = { lost: null }
	) {
		this.read = new RecordReader(onSkipped);
	}

	protected run<T>(call: () => Promise<T>): Promise<T> {
		return runStorage(call, this.connection);
	}
}
