/**
 * Every database an older Byline left on a device opens with this version's code, keeps every
 * record, and reads back in the current shape. The fixtures (`tests/fixtures/db/v<N>.json`) were
 * filled by version N's own code; this file reads them, so it knows no story or count of its own.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import type { IDBPDatabase } from 'idb';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as v from 'valibot';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AnswerSchema, AttemptSchema, type Answer, type Attempt } from '$lib/quiz/attempt';
import { QuestionStatSchema, type QuestionStat } from '$lib/quiz/progress';
import { DB_NAME, DB_VERSION, openBylineDB, type BylineDB } from '$lib/storage/db';
import { replay } from '$lib/study/schedule';
import { DEFAULT_STUDY_PREFS } from '$lib/study/settings';
import {
	IdbProgressStore,
	openProgressStore,
	type SkippedRecord
} from '$lib/storage/progress-store';
import type {
	Composition,
	SharedAssignment,
	TakenAssignment,
	TeacherKeys
} from '$lib/share/composition';
import type { ReceivedResult } from '$lib/share/result';
import { IdbAssignmentStore } from '$lib/storage/assignment-store';
import { dumpDatabase, restoreDatabase, type DatabaseDump } from '../../fixtures/db/dump';

const FIXTURES = new URL('../../fixtures/db/', import.meta.url);

/** Every `v<N>.json` in the fixtures folder, oldest first. */
const fixtures = readdirSync(fileURLToPath(FIXTURES))
	.flatMap((file) => {
		const match = /^v(\d+)\.json$/.exec(file);
		return match ? [{ file, version: Number(match[1]) }] : [];
	})
	.sort((a, b) => a.version - b.version);

function load(file: string): DatabaseDump {
	return JSON.parse(readFileSync(new URL(file, FIXTURES), 'utf8')) as DatabaseDump;
}

/** An attempt as version 1 stored it: one story and that story's question ids. */
interface V1Attempt extends Omit<Attempt, 'questions'> {
	storyId: string;
	questionIds: string[];
}

/** What an attempt stored by version `version` must read back as now (written out here, not taken from db.ts). */
function currentAttempt(record: unknown, version: number): Attempt {
	// Attempts stored before modes existed read as practice.
	const mode = (record as Partial<Attempt>).mode ?? 'practice';
	if (version >= 2) return { ...(record as Attempt), mode };
	const { storyId, questionIds, ...rest } = record as V1Attempt;
	return { ...rest, mode, questions: questionIds.map((questionId) => ({ storyId, questionId })) };
}

/** What an answer stored by version `version` must read back as now. */
function currentAnswer(record: unknown, version: number): Answer {
	return version >= 2 ? (record as Answer) : { ...(record as Answer), fingerprint: null };
}

const answerKey = (a: Pick<Answer, 'attemptId' | 'questionId'>) =>
	JSON.stringify([a.attemptId, a.questionId]);
const byAnswerKey = (a: Answer, b: Answer) => answerKey(a).localeCompare(answerKey(b));
const byId = (a: Attempt, b: Attempt) => a.id.localeCompare(b.id);
const byQuestion = (a: QuestionStat, b: QuestionStat) => a.questionId.localeCompare(b.questionId);

/** A dump's layout without its records: stores, key paths and indexes. */
function layout(dump: DatabaseDump) {
	return Object.fromEntries(
		Object.entries(dump.stores).map(([name, s]) => [
			name,
			{ keyPath: s.keyPath, autoIncrement: s.autoIncrement, indexes: s.indexes }
		])
	);
}

let open: IDBPDatabase<BylineDB>[] = [];
let skipped: SkippedRecord[] = [];

beforeEach(() => {
	globalThis.indexedDB = new IDBFactory();
	open = [];
	skipped = [];
});

afterEach(() => {
	for (const db of open) db.close();
	vi.restoreAllMocks();
});

/** Opens the database with the current code, recording every record that reading skips. */
async function openCurrent(): Promise<{ db: IDBPDatabase<BylineDB>; store: IdbProgressStore }> {
	const db = await openBylineDB();
	open.push(db);
	return { db, store: new IdbProgressStore(db, (s) => skipped.push(s)) };
}

/** The layout of the database this version creates from nothing. */
async function freshLayout() {
	const saved = globalThis.indexedDB;
	globalThis.indexedDB = new IDBFactory();
	try {
		(await openBylineDB()).close();
		return layout(await dumpDatabase(globalThis.indexedDB, DB_NAME, 'fresh'));
	} finally {
		globalThis.indexedDB = saved;
	}
}

describe('the database fixtures', () => {
	it('include one for every version, 1 to the current one', () => {
		expect(fixtures.map((f) => f.version)).toEqual(
			Array.from({ length: DB_VERSION }, (_, i) => i + 1)
		);
	});

	it.each(fixtures)('$file is the byline database at its version, with records in it', (f) => {
		const dump = load(f.file);
		expect(dump.name).toBe(DB_NAME);
		expect(dump.version).toBe(f.version);
		for (const store of ['attempts', 'answers', 'questionStats'])
			expect(dump.stores[store]?.records.length, store).toBeGreaterThan(0);
	});
});

describe.each(fixtures)('a database left by version $version', ({ file, version }) => {
	const dump = load(file);
	const records = (store: string) => dump.stores[store]!.records;

	beforeEach(async () => {
		await restoreDatabase(globalThis.indexedDB, dump);
	});

	it('opens with the current code, at the current version, laid out as a new one', async () => {
		const { store, problem } = await openProgressStore({ onSkipped: (s) => skipped.push(s) });
		expect(problem).toBeNull();
		expect(store).toBeInstanceOf(IdbProgressStore);

		const now = await dumpDatabase(globalThis.indexedDB, DB_NAME, 'after opening');
		expect(now.version).toBe(DB_VERSION);
		expect(layout(now)).toEqual(await freshLayout());
		expect(now.stores.attempts!.indexes.map((i) => i.name)).not.toContain('byStory');
		expect(skipped).toEqual([]);
	});

	it('keeps every attempt, in the current shape', async () => {
		const { store } = await openCurrent();
		const attempts = await store.listAttempts();
		const stored = records('attempts');
		expect(attempts).toHaveLength(stored.length);
		expect(attempts.map((a) => a.id).sort()).toEqual(
			stored.map((r) => (r as { id: string }).id).sort()
		);
		expect([...attempts].sort(byId)).toEqual(
			stored.map((r) => currentAttempt(r, version)).sort(byId)
		);
		for (const a of attempts) expect(v.is(AttemptSchema, a), a.id).toBe(true);
		expect(skipped).toEqual([]);
	});

	if (version === 1)
		it('turns each story and question-id list into references, in order, keeping the rest', async () => {
			const { db, store } = await openCurrent();
			for (const r of records('attempts') as V1Attempt[]) {
				const got = (await store.getAttempt(r.id))!;
				expect(got.questions).toEqual(
					r.questionIds.map((questionId) => ({ storyId: r.storyId, questionId }))
				);
				expect(got).toMatchObject({
					seed: r.seed,
					categories: r.categories,
					position: r.position,
					startedAt: r.startedAt,
					updatedAt: r.updatedAt,
					finishedAt: r.finishedAt
				});
				// The stored record itself was rewritten, not only read differently.
				const raw = (await db.get('attempts', r.id)) as unknown as Record<string, unknown>;
				expect(raw).not.toHaveProperty('storyId');
				expect(raw).not.toHaveProperty('questionIds');
			}
			expect(skipped).toEqual([]);
		});

	it('pages through every attempt, most recently updated first, through the kept index', async () => {
		const { store } = await openCurrent();
		const stored = records('attempts') as { id: string; updatedAt: number }[];
		const newestFirst = [...stored]
			.sort((a, b) => b.updatedAt - a.updatedAt || b.id.localeCompare(a.id))
			.map((r) => r.id);
		const all = await store.attemptPage(0, stored.length + 10);
		expect(all.total).toBe(stored.length);
		expect(all.attempts.map((a) => a.id)).toEqual(newestFirst);
		expect([...all.attempts].sort(byId)).toEqual(
			stored.map((r) => currentAttempt(r, version)).sort(byId)
		);
		// One at a time, the same attempts in the same order.
		const paged: string[] = [];
		for (let offset = 0; offset < stored.length; offset++) {
			const page = await store.attemptPage(offset, 1);
			expect(page.total).toBe(stored.length);
			paged.push(...page.attempts.map((a) => a.id));
		}
		expect(paged).toEqual(newestFirst);
		expect(await store.attemptPage(stored.length, 1)).toEqual({
			attempts: [],
			total: stored.length
		});
		expect(skipped).toEqual([]);
	});

	it('keeps every answer with its response and score, in the current shape', async () => {
		const { store } = await openCurrent();
		const stored = records('answers');
		const { attempts, total } = await store.attemptPage(0, records('attempts').length + 10);
		expect(attempts).toHaveLength(records('attempts').length);
		expect(total).toBe(records('attempts').length);
		// Read by attempt, for every attempt an answer names (whether or not it is still stored).
		const answers = await store.answersForAttempts([
			...new Set((stored as Answer[]).map((r) => r.attemptId))
		]);
		expect(answers).toHaveLength(stored.length);
		// The page's attempts' answers, read together, are the same ones.
		expect(
			[...(await store.answersForAttempts(attempts.map((a) => a.id)))].sort(byAnswerKey)
		).toEqual(
			stored
				.map((r) => currentAnswer(r, version))
				.filter((a) => attempts.some((x) => x.id === a.attemptId))
				.sort(byAnswerKey)
		);
		expect(answers.map(answerKey).sort()).toEqual(
			(stored as Answer[]).map((r) => answerKey(r)).sort()
		);
		expect([...answers].sort(byAnswerKey)).toEqual(
			stored.map((r) => currentAnswer(r, version)).sort(byAnswerKey)
		);
		for (const a of answers) {
			expect(v.is(AnswerSchema, a), answerKey(a)).toBe(true);
			if (version === 1) expect(a.fingerprint).toBeNull();
			else expect(typeof a.fingerprint).toBe('string');
		}
		// Each attempt's answers are found through the index too.
		for (const attempt of attempts) {
			const mine = stored
				.map((r) => currentAnswer(r, version))
				.filter((a) => a.attemptId === attempt.id);
			expect([...(await store.answersFor(attempt.id))].sort(byAnswerKey)).toEqual(
				mine.sort(byAnswerKey)
			);
		}
		expect(skipped).toEqual([]);
	});

	it('keeps every question statistic, and gives it the schedule its answers make once study asks', async () => {
		const { store } = await openCurrent();
		const kept = (records('questionStats') as QuestionStat[]).slice().sort(byQuestion);
		expect([...(await store.questionStats())].sort(byQuestion)).toEqual(kept);
		// Before version 4 there were no schedules: each is the replay of the question's answers,
		// every one of them, as FSRS would have scheduled them had study existed.
		const answers = records('answers') as Answer[];
		const scheduled = (stat: QuestionStat): QuestionStat => {
			if (version >= 4) return stat;
			const mine = answers
				.filter((a) => a.questionId === stat.questionId)
				.sort((a, b) => a.answeredAt - b.answeredAt)
				.map((a) => ({ score: a.score, at: a.answeredAt }));
			return { ...stat, card: replay(mine), cardBefore: replay(mine.slice(0, -1)) ?? null };
		};
		expect(await store.ensureSchedules()).toBe(version >= 4 ? 0 : kept.length);
		const stats = await store.questionStats();
		expect([...stats].sort(byQuestion)).toEqual(kept.map(scheduled));
		// Done once: nothing is stale now.
		expect(await store.ensureSchedules()).toBe(0);
		for (const s of stats) {
			expect(v.is(QuestionStatSchema, s), s.questionId).toBe(true);
			expect(s.card?.reps, s.questionId).toBe(s.seen);
		}
		expect(skipped).toEqual([]);
	});

	it('keeps the study settings, or gives the defaults where there were none', async () => {
		const { store } = await openCurrent();
		const stored = dump.stores.settings?.records ?? [];
		const prefs = await store.studyPrefs();
		if (version >= 4) expect({ id: 'study', ...prefs }).toEqual(stored[0]);
		else expect(prefs).toEqual(DEFAULT_STUDY_PREFS);
		expect(skipped).toEqual([]);
	});

	it('keeps every assignment record: keys, compositions, shared versions, results, opened ones', async () => {
		const { db } = await openCurrent();
		const assignments = new IdbAssignmentStore(db, (s) => skipped.push(s));
		// Stores that came after this version start empty; the ones it had keep every record.
		const kept = (store: string) => dump.stores[store]?.records ?? [];
		const keys = kept('teacherKeys') as TeacherKeys[];
		expect(await assignments.teacherKeys()).toEqual(keys[0]);
		const byKey = <T extends { id: string }>(a: T, b: T) => a.id.localeCompare(b.id);
		expect((await assignments.compositions()).sort(byKey)).toEqual(
			(kept('compositions') as Composition[]).slice().sort(byKey)
		);
		const shared = (await assignments.allShared()).sort(byKey);
		expect(shared).toEqual((kept('sharedAssignments') as SharedAssignment[]).slice().sort(byKey));
		const results = (await Promise.all(shared.map((s) => assignments.resultsFor(s.id)))).flat();
		expect(results.sort(byKey)).toEqual((kept('results') as ReceivedResult[]).slice().sort(byKey));
		for (const taken of kept('takenAssignments') as TakenAssignment[])
			expect(await assignments.getTaken(taken.id)).toEqual(taken);
		if (version >= 3) {
			expect(keys).toHaveLength(1);
			expect(shared.length).toBeGreaterThan(0);
			expect(results.length).toBeGreaterThan(0);
		}
		expect(skipped).toEqual([]);
	});

	it('goes on working: a new answer lands beside the old ones', async () => {
		const { store } = await openCurrent();
		const [first] = await store.listAttempts();
		const taken = new Set((await store.answersFor(first!.id)).map((a) => a.questionId));
		await store.recordAnswer({
			attemptId: first!.id,
			questionId: 'migration-test-new-question',
			storyId: first!.questions[0]!.storyId,
			category: 'dates',
			fingerprint: 'fp-new',
			response: { value: true },
			score: 1,
			answeredAt: first!.updatedAt + 1
		});
		const after = await store.answersFor(first!.id);
		expect(after).toHaveLength(taken.size + 1);
		expect((await store.getAttempt(first!.id))!.updatedAt).toBe(first!.updatedAt + 1);
		expect(skipped).toEqual([]);
	});

	if (version === DB_VERSION)
		it('needs no migration: it reads back exactly as it was dumped', async () => {
			await openCurrent();
			const again = await dumpDatabase(globalThis.indexedDB, DB_NAME, dump.madeBy);
			expect(again).toEqual(dump);
		});
});

describe('a version 1 database with records that are not version 1 attempts and answers', () => {
	const v1 = load('v1.json');

	/** The v1 fixture with a malformed attempt, a foreign attempt and a foreign answer added. */
	function withJunk(): DatabaseDump {
		const dump = structuredClone(v1);
		const attempts = dump.stores.attempts!.records as V1Attempt[];
		const template = attempts[0]!;
		attempts.push({ ...template, id: 'malformed', questionIds: null as unknown as string[] }, {
			id: 'foreign',
			updatedAt: template.updatedAt,
			note: 'not a quiz'
		} as never);
		dump.stores.answers!.records.push({
			attemptId: 'foreign',
			questionId: 'foreign-note',
			text: 'not an answer'
		});
		return dump;
	}

	it('migrates the rest, and reading skips and reports the bad ones without throwing', async () => {
		await restoreDatabase(globalThis.indexedDB, withJunk());
		const { store, problem } = await openProgressStore({ onSkipped: (s) => skipped.push(s) });
		expect(problem).toBeNull();

		const v1Attempts = v1.stores.attempts!.records as V1Attempt[];
		const { attempts, total } = await store.attemptPage(0, v1Attempts.length + 10);
		expect(attempts.map((a) => a.id).sort()).toEqual(v1Attempts.map((r) => r.id).sort());
		// Both bad attempts have a time stamp, so the index counts them and the page reads them.
		expect(total).toBe(v1Attempts.length + 2);
		expect(skipped.map((s) => s.store)).toEqual(['attempts', 'attempts']);

		const answers = await store.answersForAttempts([
			...attempts.map((a) => a.id),
			'malformed',
			'foreign'
		]);
		expect(answers).toHaveLength(v1.stores.answers!.records.length);
		expect(answers.every((a) => a.fingerprint === null)).toBe(true);
		expect(skipped.filter((s) => s.store === 'attempts')).toHaveLength(2);
		expect(skipped.filter((s) => s.store === 'answers')).toHaveLength(1);
		expect(skipped).toHaveLength(3);

		skipped = [];
		expect(await store.getAttempt('malformed')).toBeUndefined();
		expect(await store.getAttempt('foreign')).toBeUndefined();
		expect(await store.answersFor('foreign')).toEqual([]);
		expect(skipped.map((s) => s.store)).toEqual(['attempts', 'attempts', 'answers']);
	});

	it('leaves the bad records as they were, apart from the fingerprint every answer gets', async () => {
		await restoreDatabase(globalThis.indexedDB, withJunk());
		const { db } = await openCurrent();
		expect(db.version).toBe(DB_VERSION);
		const raw = (key: string) => db.get('attempts', key) as Promise<unknown>;
		expect(await raw('malformed')).toMatchObject({ questionIds: null });
		expect(await raw('foreign')).toEqual({
			id: 'foreign',
			updatedAt: (v1.stores.attempts!.records[0] as V1Attempt).updatedAt,
			note: 'not a quiz'
		});
		expect(await db.get('answers', ['foreign', 'foreign-note'])).toEqual({
			attemptId: 'foreign',
			questionId: 'foreign-note',
			text: 'not an answer',
			fingerprint: null
		});
	});
});
