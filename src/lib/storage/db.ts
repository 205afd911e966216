import {
	openDB,
	type DBSchema,
	type IDBPDatabase,
	type IDBPTransaction,
	type StoreNames
} from 'idb';
import type { Answer, Attempt } from '../quiz/attempt';
import type { QuestionStat } from '../quiz/progress';
import type {
	Composition,
	SharedAssignment,
	TakenAssignment,
	TeacherKeys
} from '../share/composition';
import type { ReceivedResult } from '../share/result';
import type { StudyPrefsRecord } from '../study/settings';

export const DB_NAME = 'byline';

/**
 * The progress database as this version writes it. Records read back are still validated
 * (`progress-store.ts`): another version, another tab or another app may have written them.
 */
export interface BylineDB extends DBSchema {
	attempts: {
		key: string;
		value: Attempt;
		indexes: { byUpdated: number };
	};
	answers: {
		key: [string, string];
		value: Answer;
		indexes: { byAttempt: string; byQuestion: string };
	};
	questionStats: {
		key: string;
		value: QuestionStat;
		indexes: { byStory: string };
	};
	/** The teacher's key pair: one record, 'teacher'. */
	teacherKeys: {
		key: string;
		value: TeacherKeys;
	};
	/** Assignments a teacher is putting together. */
	compositions: {
		key: string;
		value: Composition;
		indexes: { byUpdated: number };
	};
	/** Each version a teacher shared, frozen, with its gradebook settings. */
	sharedAssignments: {
		key: string;
		value: SharedAssignment;
		indexes: { byComposition: string };
	};
	/** Results a teacher received, opened and validated. */
	results: {
		key: string;
		value: ReceivedResult;
		indexes: { byAssignment: string };
	};
	/** Assignments a student opened, with their hand-in codes. */
	takenAssignments: {
		key: string;
		value: TakenAssignment;
	};
	/** The student's settings, one record each: 'study'. */
	settings: {
		key: string;
		value: StudyPrefsRecord;
	};
}

type UpgradeTx = IDBPTransaction<BylineDB, StoreNames<BylineDB>[], 'versionchange'>;

/**
 * One upgrade step: it gets the database, the upgrade transaction (to change existing records,
 * not only create stores) and the version the device had before.
 */
type Upgrade = (db: IDBPDatabase<BylineDB>, tx: UpgradeTx, oldVersion: number) => Promise<void>;

/** Anything read from a store before it is checked. */
type Loose = Record<string, unknown>;
const isObject = (x: unknown): x is Loose => typeof x === 'object' && x !== null;

/**
 * Version 1 attempts named one story and a list of its question ids; version 2 attempts list
 * question references, so one attempt can mix stories. A record that is not a version-1 attempt
 * is left as it is: reading skips and reports it.
 */
export function attemptFromV1(record: unknown): Loose | null {
	if (!isObject(record) || typeof record.storyId !== 'string' || !Array.isArray(record.questionIds))
		return null;
	const { storyId, questionIds, ...rest } = record;
	return {
		...rest,
		questions: questionIds.map((questionId) => ({ storyId, questionId }))
	};
}

/** Version 1 answers had no fingerprint: which version of the question they answered is unknown. */
export function answerFromV1(record: unknown): Loose | null {
	if (!isObject(record) || 'fingerprint' in record) return null;
	return { ...record, fingerprint: null };
}

async function rewrite(
	tx: UpgradeTx,
	name: 'attempts' | 'answers',
	change: (record: unknown) => Loose | null
) {
	for (
		let cursor = await tx.objectStore(name).openCursor();
		cursor;
		cursor = await cursor.continue()
	) {
		const next = change(cursor.value);
		if (next) await cursor.update(next as never);
	}
}

/**
 * Upgrade steps, one per version, applied in order from the version the device has. Never edit a
 * shipped step: add the next one, and a fixture of the database it leaves (`tests/fixtures/db/`).
 */
const UPGRADES: Upgrade[] = [
	// v1: attempts, answers, per-question statistics.
	async (db) => {
		const attempts = db.createObjectStore('attempts', { keyPath: 'id' });
		attempts.createIndex('byUpdated', 'updatedAt');
		// Dropped again in v2; typed loosely because the current schema no longer has it.
		(attempts as unknown as IDBObjectStore).createIndex('byStory', 'storyId');
		const answers = db.createObjectStore('answers', { keyPath: ['attemptId', 'questionId'] });
		answers.createIndex('byAttempt', 'attemptId');
		const stats = db.createObjectStore('questionStats', { keyPath: 'questionId' });
		stats.createIndex('byStory', 'storyId');
	},
	// v2: attempts hold question references (story and question id), answers a fingerprint.
	async (_db, tx) => {
		(tx.objectStore('attempts') as unknown as { deleteIndex(name: string): void }).deleteIndex(
			'byStory'
		);
		await rewrite(tx, 'attempts', attemptFromV1);
		await rewrite(tx, 'answers', answerFromV1);
	},
	// v3: assignments. A teacher's key pair, compositions, shared versions and results received;
	// a student's opened assignments. Existing records are unchanged.
	async (db) => {
		db.createObjectStore('teacherKeys', { keyPath: 'id' });
		db.createObjectStore('compositions', { keyPath: 'id' }).createIndex('byUpdated', 'updatedAt');
		db.createObjectStore('sharedAssignments', { keyPath: 'id' }).createIndex(
			'byComposition',
			'compositionId'
		);
		db.createObjectStore('results', { keyPath: 'id' }).createIndex(
			'byAssignment',
			'payload.assignmentId'
		);
		db.createObjectStore('takenAssignments', { keyPath: 'id' });
	},
	// v4: study. The student's settings, and answers found by question, so a question's schedule
	// can be replayed from its answers. Statistics stored before have no schedule yet: the first
	// call to `ensureSchedules` gives them one (ts-fsrs is not loaded here, on every page).
	async (db, tx) => {
		db.createObjectStore('settings', { keyPath: 'id' });
		tx.objectStore('answers').createIndex('byQuestion', 'questionId');
	}
];

export const DB_VERSION = UPGRADES.length;

export interface OpenHandlers {
	/** Another tab holds an older version open, so this upgrade waits. */
	onBlocked?: () => void;
	/** This tab holds the database while another tab wants to upgrade it: it has been closed. */
	onVersionChange?: () => void;
	/** The browser closed the connection itself (site data cleared, storage failure). */
	onTerminated?: () => void;
}

export function openBylineDB(handlers: OpenHandlers = {}): Promise<IDBPDatabase<BylineDB>> {
	return openDB<BylineDB>(DB_NAME, DB_VERSION, {
		async upgrade(db, oldVersion, _newVersion, tx) {
			try {
				for (let v = oldVersion; v < UPGRADES.length; v++) await UPGRADES[v]!(db, tx, oldVersion);
			} catch (e) {
				// A step that fails leaves the database as it was, at its old version: nothing half-migrated.
				console.warn('Byline could not upgrade its database:', e);
				// The abort rejects tx.done; openDB rejects too, and that is what callers handle.
				tx.done.catch(() => {});
				tx.abort();
			}
		},
		blocked: () => handlers.onBlocked?.(),
		terminated: () => handlers.onTerminated?.(),
		blocking(_current, _next, event) {
			(event.target as IDBDatabase).close();
			handlers.onVersionChange?.();
		}
	});
}
