import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Answer, Attempt } from '../quiz/attempt';
import type { QuestionStat } from '../quiz/progress';

export const DB_NAME = 'byline';

/** The progress database. A new version only ever adds an upgrade step below. */
export interface BylineDB extends DBSchema {
	attempts: {
		key: string;
		value: Attempt;
		indexes: { byUpdated: number; byStory: string };
	};
	answers: {
		key: [string, string];
		value: Answer;
		indexes: { byAttempt: string };
	};
	questionStats: {
		key: string;
		value: QuestionStat;
		indexes: { byStory: string };
	};
}

/**
 * Upgrade steps, one per version, applied in order from the version the device has. Never edit a
 * shipped step: add the next one.
 */
const UPGRADES: ((db: IDBPDatabase<BylineDB>) => void)[] = [
	// v1: attempts, answers, per-question statistics.
	(db) => {
		const attempts = db.createObjectStore('attempts', { keyPath: 'id' });
		attempts.createIndex('byUpdated', 'updatedAt');
		attempts.createIndex('byStory', 'storyId');
		const answers = db.createObjectStore('answers', { keyPath: ['attemptId', 'questionId'] });
		answers.createIndex('byAttempt', 'attemptId');
		const stats = db.createObjectStore('questionStats', { keyPath: 'questionId' });
		stats.createIndex('byStory', 'storyId');
	}
];

export const DB_VERSION = UPGRADES.length;

export interface OpenHandlers {
	/** Another tab holds an older version open, so this upgrade waits. */
	onBlocked?: () => void;
	/** This tab holds the database while another tab wants to upgrade it: it has been closed. */
	onVersionChange?: () => void;
}

export function openBylineDB(handlers: OpenHandlers = {}): Promise<IDBPDatabase<BylineDB>> {
	return openDB<BylineDB>(DB_NAME, DB_VERSION, {
		upgrade(db, oldVersion) {
			for (let v = oldVersion; v < UPGRADES.length; v++) UPGRADES[v]!(db);
		},
		blocked: () => handlers.onBlocked?.(),
		blocking(_current, _next, event) {
			(event.target as IDBDatabase).close();
			handlers.onVersionChange?.();
		}
	});
}
