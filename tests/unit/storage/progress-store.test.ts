import 'fake-indexeddb/auto';
import {
	forceCloseDatabase,
	IDBDatabase as FakeIDBDatabase,
	IDBFactory,
	IDBIndex as FakeIDBIndex,
	IDBObjectStore as FakeIDBObjectStore
} from 'fake-indexeddb';
import { wrap, type IDBPDatabase } from 'idb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Answer, Attempt, Draft, QuestionRef } from '$lib/quiz/attempt';
import { replay, review } from '$lib/study/schedule';
import { DEFAULT_STUDY_PREFS } from '$lib/study/settings';
import { DB_NAME, DB_VERSION, openBylineDB, type BylineDB } from '$lib/storage/db';
import { StorageError, type ConnectionLoss } from '$lib/storage/errors';
import {
	IdbProgressStore,
	MemoryProgressStore,
	openProgressStore,
	type ProgressStore,
	type SkippedRecord
} from '$lib/storage/progress-store';

/** Closes a connection as the browser does when site data is cleared (fake-indexeddb's types want the class). */
const closeAsTheBrowserWould = (db: IDBDatabase) =>
	forceCloseDatabase(db as unknown as Parameters<typeof forceCloseDatabase>[0]);

/** Connections a test opened, closed after it so a fresh factory never waits on them. */
let open: IDBPDatabase<BylineDB>[] = [];

beforeEach(() => {
	globalThis.indexedDB = new IDBFactory();
	open = [];
});

afterEach(() => {
	for (const db of open) db.close();
	vi.useRealTimers();
	vi.restoreAllMocks();
	vi.unstubAllGlobals();
});

async function openDb(): Promise<IDBPDatabase<BylineDB>> {
	const db = await openBylineDB();
	open.push(db);
	return db;
}

const STORY = 'story-one';

function attempt(overrides: Partial<Attempt> = {}): Attempt {
	return {
		id: 'attempt-1',
		seed: 42,
		categories: ['dates', 'sources'],
		questions: ['q-a', 'q-b', 'q-c'].map((questionId) => ({ storyId: STORY, questionId })),
		position: 0,
		startedAt: 1_000,
		updatedAt: 1_000,
		finishedAt: null,
		mode: 'practice',
		...overrides
	};
}

function answer(overrides: Partial<Answer> = {}): Answer {
	return {
		attemptId: 'attempt-1',
		questionId: 'q-a',
		storyId: STORY,
		category: 'dates',
		fingerprint: 'fp-q-a',
		response: { choice: '2013' },
		score: 1,
		answeredAt: 2_000,
		...overrides
	};
}

/** Opens the database with the raw IndexedDB API, at whatever version it has. */
function openRaw(): Promise<IDBDatabase> {
	return new Promise((resolve, reject) => {
		const request = globalThis.indexedDB.open(DB_NAME);
		request.onsuccess = () => resolve(request.result);
		request.onerror = () => reject(request.error);
	});
}

/** Puts a value straight into a store with the raw IndexedDB API, past every type and check. */
async function putRaw(storeName: string, value: unknown): Promise<void> {
	const db = await openRaw();
	try {
		await new Promise<void>((resolve, reject) => {
			const tx = db.transaction(storeName, 'readwrite');
			tx.oncomplete = () => resolve();
			tx.onabort = () => reject(tx.error);
			tx.objectStore(storeName).put(value);
		});
	} finally {
		db.close();
	}
}

/** Reads one record with the raw IndexedDB API, unchecked. */
async function getRaw(storeName: string, key: IDBValidKey): Promise<unknown> {
	const db = await openRaw();
	try {
		return await new Promise((resolve, reject) => {
			const request = db.transaction(storeName, 'readonly').objectStore(storeName).get(key);
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(request.error);
		});
	} finally {
		db.close();
	}
}

const implementations: [string, () => Promise<ProgressStore>, ProgressStore['kind']][] = [
	['IdbProgressStore', async () => new IdbProgressStore(await openDb()), 'device'],
	['MemoryProgressStore', async () => new MemoryProgressStore(), 'memory']
];

describe.each(implementations)('%s', (_name, makeStore, kind) => {
	describe('study settings', () => {
		it('gives the defaults until the student chooses, then what they chose', async () => {
			const store = await makeStore();
			expect(await store.studyPrefs()).toEqual(DEFAULT_STUDY_PREFS);
			await store.saveStudyPrefs({ dayStartHour: 6, newPerDay: 25 });
			expect(await store.studyPrefs()).toEqual({ dayStartHour: 6, newPerDay: 25 });
		});

		it('refuses settings out of range, and keeps the ones it had', async () => {
			const store = await makeStore();
			await store.saveStudyPrefs({ dayStartHour: 5, newPerDay: 15 });
			for (const bad of [
				{ dayStartHour: 24, newPerDay: 10 },
				{ dayStartHour: -1, newPerDay: 10 },
				{ dayStartHour: 4.5, newPerDay: 10 },
				{ dayStartHour: 4, newPerDay: -3 },
				{ dayStartHour: 4, newPerDay: Number.NaN }
			])
				await expect(store.saveStudyPrefs(bad), JSON.stringify(bad)).rejects.toMatchObject({
					failure: 'invalid'
				});
			expect(await store.studyPrefs()).toEqual({ dayStartHour: 5, newPerDay: 15 });
		});

		it('hands out copies: changing what it returned changes nothing stored', async () => {
			const store = await makeStore();
			const prefs = await store.studyPrefs();
			prefs.newPerDay = 99;
			expect(await store.studyPrefs()).toEqual(DEFAULT_STUDY_PREFS);
		});
	});

	it(`says it keeps progress in ${kind}`, async () => {
		expect((await makeStore()).kind).toBe(kind);
	});

	it('starts empty', async () => {
		const store = await makeStore();
		expect(await store.listAttempts()).toEqual([]);
		expect(await store.getAttempt('attempt-1')).toBeUndefined();
		expect(await store.answersFor('attempt-1')).toEqual([]);
		expect(await store.questionStats()).toEqual([]);
	});

	it('saves an attempt and reads it back', async () => {
		const store = await makeStore();
		const saved = attempt({ position: 2, finishedAt: 5_000 });
		await store.saveAttempt(saved);
		expect(await store.getAttempt('attempt-1')).toEqual(saved);
		expect(await store.getAttempt('attempt-2')).toBeUndefined();
	});

	it('replaces an attempt saved again under the same id', async () => {
		const store = await makeStore();
		await store.saveAttempt(attempt());
		await store.saveAttempt(attempt({ position: 1, updatedAt: 3_000 }));
		expect(await store.listAttempts()).toEqual([attempt({ position: 1, updatedAt: 3_000 })]);
	});

	it('says what it saved: the attempt as given, when nothing newer is stored', async () => {
		const store = await makeStore();
		expect(await store.saveAttempt(attempt())).toEqual({ attempt: attempt(), behind: false });
		const moved = attempt({ position: 1, updatedAt: 3_000 });
		expect(await store.saveAttempt(moved)).toEqual({ attempt: moved, behind: false });
		const finished = attempt({ position: 2, updatedAt: 4_000, finishedAt: 4_000 });
		expect(await store.saveAttempt(finished)).toEqual({ attempt: finished, behind: false });
		expect(await store.getAttempt('attempt-1')).toEqual(finished);
	});

	it('never moves an attempt back to a lower position, and says the saver was behind', async () => {
		const store = await makeStore();
		await store.saveAttempt(attempt({ position: 2, updatedAt: 3_000 }));
		const saved = await store.saveAttempt(attempt({ position: 1, updatedAt: 2_000 }));
		expect(saved).toEqual({ attempt: attempt({ position: 2, updatedAt: 3_000 }), behind: true });
		expect(await store.getAttempt('attempt-1')).toEqual(saved.attempt);
	});

	it('keeps the later time stamp when a save is behind in time only', async () => {
		const store = await makeStore();
		await store.saveAttempt(attempt({ position: 1, updatedAt: 5_000 }));
		const saved = await store.saveAttempt(attempt({ position: 1, updatedAt: 2_000 }));
		expect(saved).toEqual({ attempt: attempt({ position: 1, updatedAt: 5_000 }), behind: false });
	});

	it('never un-finishes an attempt', async () => {
		const store = await makeStore();
		await store.saveAttempt(attempt({ position: 2, finishedAt: 4_000, updatedAt: 4_000 }));
		const saved = await store.saveAttempt(attempt({ position: 2, updatedAt: 6_000 }));
		expect(saved.behind).toBe(true);
		expect(saved.attempt).toEqual(attempt({ position: 2, finishedAt: 4_000, updatedAt: 6_000 }));
		expect(await store.getAttempt('attempt-1')).toEqual(saved.attempt);
	});

	it('keeps the first finish when an attempt is finished twice', async () => {
		const store = await makeStore();
		await store.saveAttempt(attempt({ position: 2, finishedAt: 4_000, updatedAt: 4_000 }));
		const saved = await store.saveAttempt(
			attempt({ position: 2, finishedAt: 7_000, updatedAt: 7_000 })
		);
		expect(saved).toEqual({
			attempt: attempt({ position: 2, finishedAt: 4_000, updatedAt: 7_000 }),
			behind: false
		});
	});

	it('keeps the shorter, reconciled list of questions, and the position by reference', async () => {
		const store = await makeStore();
		const [qa, qb, qc] = attempt().questions as [QuestionRef, QuestionRef, QuestionRef];
		// A tab whose banks no longer hold q-b saves the attempt without it, on q-c.
		const reconciled = attempt({ questions: [qa, qc], position: 1, updatedAt: 2_000 });
		expect(await store.saveAttempt(reconciled)).toEqual({ attempt: reconciled, behind: false });

		// A stale tab, on q-b, saves the whole list: the shorter one stands, and q-b is passed over.
		const stale = await store.saveAttempt(attempt({ position: 1, updatedAt: 3_000 }));
		expect(stale).toEqual({
			attempt: attempt({ questions: [qa, qc], position: 1, updatedAt: 3_000 }),
			behind: false
		});
		expect(qb.questionId).toBe('q-b');

		// Further behind (on q-a), it is told so, and the attempt stays on q-c.
		const behind = await store.saveAttempt(attempt({ position: 0, updatedAt: 4_000 }));
		expect(behind).toEqual({
			attempt: attempt({ questions: [qa, qc], position: 1, updatedAt: 4_000 }),
			behind: true
		});
		expect(await store.getAttempt('attempt-1')).toEqual(behind.attempt);
	});

	it('keeps a reconciled list saved over a longer one, on the question it names', async () => {
		const store = await makeStore();
		const [qa, , qc] = attempt().questions as [QuestionRef, QuestionRef, QuestionRef];
		await store.saveAttempt(attempt({ position: 0 }));
		const saved = await store.saveAttempt(
			attempt({ questions: [qa, qc], position: 1, updatedAt: 2_000 })
		);
		expect(saved).toEqual({
			attempt: attempt({ questions: [qa, qc], position: 1, updatedAt: 2_000 }),
			behind: false
		});
	});

	it('does not merge attempts under different ids', async () => {
		const store = await makeStore();
		await store.saveAttempt(attempt({ id: 'attempt-1', position: 2 }));
		const other = attempt({ id: 'attempt-2', position: 0 });
		expect(await store.saveAttempt(other)).toEqual({ attempt: other, behind: false });
		expect(await store.getAttempt('attempt-2')).toEqual(other);
	});

	it.each([
		['no questions', attempt({ questions: [] })],
		['a position past the last question', attempt({ position: 3 })],
		['no id', attempt({ id: '' })]
	])('refuses an attempt with %s as invalid, and writes nothing', async (_what, bad) => {
		const store = await makeStore();
		await expect(store.saveAttempt(bad)).rejects.toMatchObject({
			name: 'StorageError',
			failure: 'invalid'
		});
		await expect(store.saveAttempt(bad)).rejects.toBeInstanceOf(StorageError);
		expect(await store.listAttempts()).toEqual([]);
	});

	it('leaves a stored attempt as it was when an invalid one is saved over it', async () => {
		const store = await makeStore();
		await store.saveAttempt(attempt({ position: 1 }));
		await expect(store.saveAttempt(attempt({ questions: [] }))).rejects.toMatchObject({
			failure: 'invalid'
		});
		expect(await store.getAttempt('attempt-1')).toEqual(attempt({ position: 1 }));
	});

	it('lists attempts oldest update first', async () => {
		const store = await makeStore();
		await store.saveAttempt(attempt({ id: 'b', updatedAt: 30 }));
		await store.saveAttempt(attempt({ id: 'a', updatedAt: 20 }));
		await store.saveAttempt(attempt({ id: 'c', updatedAt: 10 }));
		expect((await store.listAttempts()).map((a) => a.id)).toEqual(['c', 'a', 'b']);
	});

	it('records an answer, its question’s statistics and the attempt’s time stamp together', async () => {
		const store = await makeStore();
		await store.saveAttempt(attempt());
		const given = answer({ score: 0.5, note: 'one slipped letter', answeredAt: 2_500 });
		await store.recordAnswer(given);

		expect(await store.answersFor('attempt-1')).toEqual([given]);
		expect(await store.questionStats()).toEqual([
			{
				questionId: 'q-a',
				storyId: STORY,
				category: 'dates',
				seen: 1,
				right: 0,
				scoreSum: 0.5,
				lastScore: 0.5,
				lastAnsweredAt: 2_500,
				card: review(undefined, 0.5, 2_500),
				cardBefore: null
			}
		]);
		expect(await store.getAttempt('attempt-1')).toEqual(attempt({ updatedAt: 2_500 }));
	});

	it('returns the answer it recorded', async () => {
		const store = await makeStore();
		await store.saveAttempt(attempt());
		const given = answer({ score: 0.5, note: 'close', answeredAt: 2_500 });
		expect(await store.recordAnswer(given)).toEqual(given);
		expect(await store.recordAnswer(answer({ questionId: 'q-b' }))).toEqual(
			answer({ questionId: 'q-b' })
		);
	});

	it('returns the stored answer, not the new one, when the question was already answered', async () => {
		const store = await makeStore();
		await store.saveAttempt(attempt());
		const first = answer({ score: 1, answeredAt: 2_000 });
		await store.recordAnswer(first);
		// Another tab answers the same question of the same attempt, later and differently.
		const late = answer({ score: 0, response: { choice: '2014' }, answeredAt: 9_000 });
		const stands = await store.recordAnswer(late);
		expect(stands).toEqual(first);
		// A copy: changing it does not change the store.
		stands.score = 0;
		expect(await store.answersFor('attempt-1')).toEqual([first]);
	});

	it('ignores a second answer to the same question in the same attempt', async () => {
		const store = await makeStore();
		await store.saveAttempt(attempt());
		const first = answer({ score: 1, answeredAt: 2_000 });
		await store.recordAnswer(first);
		await store.recordAnswer(answer({ score: 0, response: { choice: '2014' }, answeredAt: 9_000 }));

		expect(await store.answersFor('attempt-1')).toEqual([first]);
		const [stat] = await store.questionStats();
		expect(stat).toMatchObject({
			seen: 1,
			right: 1,
			scoreSum: 1,
			lastScore: 1,
			lastAnsweredAt: 2_000
		});
		expect((await store.getAttempt('attempt-1'))?.updatedAt).toBe(2_000);
	});

	it('counts the same question again in another attempt', async () => {
		const store = await makeStore();
		await store.saveAttempt(attempt({ id: 'attempt-1' }));
		await store.saveAttempt(attempt({ id: 'attempt-2' }));
		await store.recordAnswer(answer({ attemptId: 'attempt-1', score: 1, answeredAt: 2_000 }));
		await store.recordAnswer(answer({ attemptId: 'attempt-2', score: 0.25, answeredAt: 3_000 }));
		expect(await store.questionStats()).toEqual([
			expect.objectContaining({
				questionId: 'q-a',
				seen: 2,
				right: 1,
				scoreSum: 1.25,
				lastScore: 0.25,
				lastAnsweredAt: 3_000
			})
		]);
	});

	it('keeps statistics per question', async () => {
		const store = await makeStore();
		await store.recordAnswer(answer({ questionId: 'q-a', score: 1 }));
		await store.recordAnswer(answer({ questionId: 'q-b', category: 'sources', score: 0 }));
		const stats = await store.questionStats();
		expect(stats.map((s) => [s.questionId, s.category, s.seen, s.right]).sort()).toEqual([
			['q-a', 'dates', 1, 1],
			['q-b', 'sources', 1, 0]
		]);
	});

	it('returns only the asked-for attempt’s answers', async () => {
		const store = await makeStore();
		await store.saveAttempt(attempt({ id: 'attempt-1' }));
		await store.saveAttempt(attempt({ id: 'attempt-2' }));
		const mine = [answer({ questionId: 'q-a' }), answer({ questionId: 'q-b', answeredAt: 2_100 })];
		for (const a of mine) await store.recordAnswer(a);
		await store.recordAnswer(answer({ attemptId: 'attempt-2', questionId: 'q-c' }));

		const got = await store.answersFor('attempt-1');
		expect([...got].sort((a, b) => a.questionId.localeCompare(b.questionId))).toEqual(mine);
		expect((await store.answersFor('attempt-2')).map((a) => a.questionId)).toEqual(['q-c']);
		expect(await store.answersFor('attempt-3')).toEqual([]);
	});

	it('records an answer for an attempt it does not hold without inventing the attempt', async () => {
		const store = await makeStore();
		await store.recordAnswer(answer({ attemptId: 'ghost' }));
		expect(await store.answersFor('ghost')).toHaveLength(1);
		expect(await store.questionStats()).toHaveLength(1);
		expect(await store.getAttempt('ghost')).toBeUndefined();
		expect(await store.listAttempts()).toEqual([]);
	});

	it('leaves nothing behind when an answer cannot be stored', async () => {
		const store = await makeStore();
		await store.saveAttempt(attempt());
		await expect(store.recordAnswer(answer({ response: () => 'not storable' }))).rejects.toThrow();
		expect(await store.answersFor('attempt-1')).toEqual([]);
		expect(await store.questionStats()).toEqual([]);
		expect((await store.getAttempt('attempt-1'))?.updatedAt).toBe(1_000);
	});

	it('throws a StorageError when an answer cannot be stored', async () => {
		const store = await makeStore();
		await expect(
			store.recordAnswer(answer({ response: () => 'not storable' }))
		).rejects.toMatchObject({ name: 'StorageError', failure: 'unknown' });
	});

	/** Saves attempts with these ids and update times, in the order given. */
	async function saveTimed(store: ProgressStore, times: Record<string, number>) {
		for (const [id, updatedAt] of Object.entries(times))
			await store.saveAttempt(attempt({ id, startedAt: 0, updatedAt }));
	}

	const ids = (page: { attempts: Attempt[] }) => page.attempts.map((a) => a.id);
	const byKey = (a: Answer) => `${a.attemptId}/${a.questionId}`;
	const sortedByKey = (answers: readonly Answer[]) =>
		[...answers].sort((a, b) => byKey(a).localeCompare(byKey(b)));

	it('gives an empty page and a total of 0 when it holds no attempts', async () => {
		const store = await makeStore();
		expect(await store.attemptPage(0, 10)).toEqual({ attempts: [], total: 0 });
		expect(await store.attemptPage(5, 10)).toEqual({ attempts: [], total: 0 });
	});

	it('pages attempts most recently updated first, whatever order they were saved in', async () => {
		const store = await makeStore();
		await saveTimed(store, { c: 300, a: 100, e: 500, b: 200, d: 400 });
		const page = await store.attemptPage(0, 10);
		expect(ids(page)).toEqual(['e', 'd', 'c', 'b', 'a']);
		expect(page.total).toBe(5);
		expect(page.attempts[0]).toEqual(attempt({ id: 'e', startedAt: 0, updatedAt: 500 }));
	});

	it('gives limit attempts from offset, and the same total on every page', async () => {
		const store = await makeStore();
		await saveTimed(store, { c: 300, a: 100, e: 500, b: 200, d: 400 });
		expect(await store.attemptPage(0, 2).then(ids)).toEqual(['e', 'd']);
		expect(await store.attemptPage(2, 2).then(ids)).toEqual(['c', 'b']);
		// The last page is short.
		expect(await store.attemptPage(4, 2)).toMatchObject({ attempts: [{ id: 'a' }], total: 5 });
		expect(await store.attemptPage(1, 3)).toMatchObject({
			attempts: [{ id: 'd' }, { id: 'c' }, { id: 'b' }],
			total: 5
		});
		expect(await store.attemptPage(0, 0)).toEqual({ attempts: [], total: 5 });
		for (const [offset, limit] of [
			[0, 2],
			[2, 2],
			[4, 2],
			[3, 1]
		] as const)
			expect((await store.attemptPage(offset, limit)).total).toBe(5);
	});

	it('gives every attempt once when paged through to the end', async () => {
		const store = await makeStore();
		const times = Object.fromEntries(
			Array.from({ length: 11 }, (_, i) => [`attempt-${i}`, 1_000 + ((i * 7) % 11)])
		);
		await saveTimed(store, times);
		const paged: string[] = [];
		for (let offset = 0; ; offset += 3) {
			const page = await store.attemptPage(offset, 3);
			expect(page.total).toBe(11);
			if (!page.attempts.length) break;
			paged.push(...ids(page));
		}
		expect(paged).toEqual(ids(await store.attemptPage(0, 11)));
		expect(paged).toEqual((await store.listAttempts()).map((a) => a.id).reverse());
	});

	it('gives an empty page past the end, still with the total', async () => {
		const store = await makeStore();
		await saveTimed(store, { a: 100, b: 200, c: 300 });
		expect(await store.attemptPage(3, 2)).toEqual({ attempts: [], total: 3 });
		expect(await store.attemptPage(100, 2)).toEqual({ attempts: [], total: 3 });
	});

	it('moves an attempt to the front when it is answered in or saved again', async () => {
		const store = await makeStore();
		await saveTimed(store, { a: 100, b: 200, c: 300 });
		await store.recordAnswer(answer({ attemptId: 'a', answeredAt: 400 }));
		expect(await store.attemptPage(0, 10).then(ids)).toEqual(['a', 'c', 'b']);
		await store.saveAttempt(attempt({ id: 'b', startedAt: 0, position: 1, updatedAt: 500 }));
		expect(await store.attemptPage(0, 10)).toMatchObject({
			attempts: [{ id: 'b' }, { id: 'a', updatedAt: 400 }, { id: 'c' }],
			total: 3
		});
	});

	it('reads the answers of several attempts together, and only theirs', async () => {
		const store = await makeStore();
		await saveTimed(store, { 'attempt-1': 10, 'attempt-2': 20, 'attempt-3': 30 });
		const given = [
			answer({ attemptId: 'attempt-1', questionId: 'q-a', answeredAt: 40 }),
			answer({ attemptId: 'attempt-1', questionId: 'q-b', score: 0, answeredAt: 41 }),
			answer({ attemptId: 'attempt-2', questionId: 'q-a', score: 0.5, answeredAt: 42 }),
			answer({ attemptId: 'attempt-3', questionId: 'q-c', answeredAt: 43 })
		];
		for (const a of given) await store.recordAnswer(a);

		const mine = (...attemptIds: string[]) => given.filter((a) => attemptIds.includes(a.attemptId));
		expect(sortedByKey(await store.answersForAttempts(['attempt-1', 'attempt-3']))).toEqual(
			sortedByKey(mine('attempt-1', 'attempt-3'))
		);
		expect(
			sortedByKey(await store.answersForAttempts(['attempt-3', 'attempt-2', 'attempt-1']))
		).toEqual(sortedByKey(given));
		expect(await store.answersForAttempts(['attempt-2'])).toEqual(mine('attempt-2'));
	});

	it('reads no answers for ids it does not know, and none for no ids', async () => {
		const store = await makeStore();
		await store.saveAttempt(attempt({ id: 'attempt-1' }));
		const given = answer({ attemptId: 'attempt-1' });
		await store.recordAnswer(given);
		expect(await store.answersForAttempts(['nobody', 'attempt-1', 'nobody-else'])).toEqual([given]);
		expect(await store.answersForAttempts(['nobody'])).toEqual([]);
		expect(await store.answersForAttempts([])).toEqual([]);
	});

	it('reads the answers of an attempt it does not hold', async () => {
		const store = await makeStore();
		const orphan = answer({ attemptId: 'ghost' });
		await store.recordAnswer(orphan);
		expect(await store.answersForAttempts(['ghost'])).toEqual([orphan]);
		expect(await store.attemptPage(0, 10)).toEqual({ attempts: [], total: 0 });
	});

	it('reads the answers of the attempts on a page, not of those on the next', async () => {
		const store = await makeStore();
		await saveTimed(store, { 'attempt-1': 10, 'attempt-2': 20, 'attempt-3': 30 });
		// Answered before its last save, attempt-2 keeps its time; attempt-1 moves to the front.
		await store.recordAnswer(answer({ attemptId: 'attempt-2', questionId: 'q-b', answeredAt: 15 }));
		await store.recordAnswer(answer({ attemptId: 'attempt-1', questionId: 'q-a', answeredAt: 40 }));
		const page = await store.attemptPage(0, 2);
		expect(ids(page)).toEqual(['attempt-1', 'attempt-3']);
		const answers = await store.answersForAttempts(page.attempts.map((a) => a.id));
		expect(answers).toEqual([
			answer({ attemptId: 'attempt-1', questionId: 'q-a', answeredAt: 40 })
		]);
		expect(answers).toEqual(await store.answersFor('attempt-1'));
	});

	it('keeps an answer’s fingerprint, and a null one', async () => {
		const store = await makeStore();
		await store.recordAnswer(answer({ questionId: 'q-a', fingerprint: 'abc123' }));
		await store.recordAnswer(answer({ questionId: 'q-b', fingerprint: null }));
		const got = await store.answersFor('attempt-1');
		expect(Object.fromEntries(got.map((a) => [a.questionId, a.fingerprint]))).toEqual({
			'q-a': 'abc123',
			'q-b': null
		});
	});

	it('saves an attempt whose questions come from several stories', async () => {
		const store = await makeStore();
		const mixed = attempt({
			questions: [
				{ storyId: 'story-one', questionId: 'q-a' },
				{ storyId: 'story-two', questionId: 'q-x' }
			]
		});
		await store.saveAttempt(mixed);
		expect(await store.getAttempt('attempt-1')).toEqual(mixed);
	});

	it('returns copies: changing what it returns does not change the store', async () => {
		const store = await makeStore();
		await store.saveAttempt(attempt());
		await store.recordAnswer(answer({ response: { choices: ['a'] } }));

		const got = (await store.getAttempt('attempt-1'))!;
		got.position = 99;
		got.questions.push({ storyId: STORY, questionId: 'q-z' });
		got.questions[0]!.questionId = 'q-y';
		const listed = await store.listAttempts();
		listed[0]!.categories.length = 0;
		const [given] = await store.answersFor('attempt-1');
		given!.score = 0;
		(given!.response as { choices: string[] }).choices.push('b');
		const [stat] = await store.questionStats();
		stat!.seen = 50;
		const paged = (await store.attemptPage(0, 1)).attempts[0]!;
		paged.position = 98;
		paged.questions.length = 0;
		const [read] = await store.answersForAttempts(['attempt-1']);
		read!.score = 0.25;
		(read!.response as { choices: string[] }).choices.push('c');

		expect(await store.getAttempt('attempt-1')).toEqual(attempt({ updatedAt: 2_000 }));
		expect(await store.attemptPage(0, 1)).toEqual({
			attempts: [attempt({ updatedAt: 2_000 })],
			total: 1
		});
		expect(await store.answersFor('attempt-1')).toEqual([answer({ response: { choices: ['a'] } })]);
		expect(await store.answersForAttempts(['attempt-1'])).toEqual([
			answer({ response: { choices: ['a'] } })
		]);
		expect((await store.questionStats())[0]!.seen).toBe(1);
	});

	describe('drafts', () => {
		const draftOn = (questionId: string, text = 'half typed'): Draft => ({
			questionId,
			response: { text }
		});

		it('keeps a draft for the question at the attempt’s position, and reads it back', async () => {
			const store = await makeStore();
			await store.saveAttempt(attempt());
			await store.saveDraft('attempt-1', draftOn('q-a'));
			expect(await store.getAttempt('attempt-1')).toEqual({ ...attempt(), draft: draftOn('q-a') });
			expect(await store.listAttempts()).toEqual([{ ...attempt(), draft: draftOn('q-a') }]);
			// A later draft replaces it; nothing else about the attempt changes.
			await store.saveDraft('attempt-1', draftOn('q-a', 'fully typed'));
			expect(await store.getAttempt('attempt-1')).toEqual({
				...attempt(),
				draft: draftOn('q-a', 'fully typed')
			});
		});

		it('clears the draft when given null', async () => {
			const store = await makeStore();
			await store.saveAttempt(attempt({ position: 1 }));
			await store.saveDraft('attempt-1', draftOn('q-b'));
			await store.saveDraft('attempt-1', null);
			const read = await store.getAttempt('attempt-1');
			expect(read).toEqual(attempt({ position: 1 }));
			expect(read).not.toHaveProperty('draft');
			// Clearing when there is none is no error.
			await store.saveDraft('attempt-1', null);
			expect(await store.getAttempt('attempt-1')).toEqual(attempt({ position: 1 }));
		});

		it('ignores a draft for another question than the one at the position', async () => {
			const store = await makeStore();
			await store.saveAttempt(attempt({ position: 1 }));
			// A tab still on q-a, after another tab moved on to q-b.
			await store.saveDraft('attempt-1', draftOn('q-a'));
			await store.saveDraft('attempt-1', draftOn('q-c'));
			expect(await store.getAttempt('attempt-1')).toEqual(attempt({ position: 1 }));
		});

		it('ignores a draft for a finished attempt, or one it does not hold', async () => {
			const store = await makeStore();
			const finished = attempt({ position: 2, finishedAt: 5_000, updatedAt: 5_000 });
			await store.saveAttempt(finished);
			await store.saveDraft('attempt-1', draftOn('q-c'));
			await store.saveDraft('attempt-1', null);
			expect(await store.getAttempt('attempt-1')).toEqual(finished);
			await store.saveDraft('ghost', draftOn('q-a'));
			expect(await store.getAttempt('ghost')).toBeUndefined();
			expect(await store.listAttempts()).toEqual([finished]);
		});

		it.each([
			['no question', { response: { text: 'x' } }],
			['an empty question id', { questionId: '', response: { text: 'x' } }],
			['a question id that is not a string', { questionId: 7, response: { text: 'x' } }],
			['a string for a draft', 'q-a'],
			['a list for a draft', []]
		])('refuses a draft with %s as invalid, and writes nothing', async (_what, junk) => {
			const store = await makeStore();
			await store.saveAttempt(attempt());
			await store.saveDraft('attempt-1', draftOn('q-a'));
			await expect(store.saveDraft('attempt-1', junk as unknown as Draft)).rejects.toMatchObject({
				name: 'StorageError',
				failure: 'invalid'
			});
			expect(await store.getAttempt('attempt-1')).toEqual({ ...attempt(), draft: draftOn('q-a') });
		});

		it('drops the draft when the attempt is saved moved on or finished, keeps it for a stale save', async () => {
			const store = await makeStore();
			await store.saveAttempt(attempt({ position: 1 }));
			await store.saveDraft('attempt-1', draftOn('q-b'));
			// A stale tab, still on q-a, saves: the draft for q-b stands.
			await store.saveAttempt(attempt({ position: 0, updatedAt: 2_000 }));
			expect((await store.getAttempt('attempt-1'))?.draft).toEqual(draftOn('q-b'));
			// Moving on to q-c leaves it behind.
			await store.saveAttempt(attempt({ position: 2, updatedAt: 3_000 }));
			expect(await store.getAttempt('attempt-1')).not.toHaveProperty('draft');
			await store.saveDraft('attempt-1', draftOn('q-c'));
			await store.saveAttempt(attempt({ position: 2, updatedAt: 4_000, finishedAt: 4_000 }));
			expect(await store.getAttempt('attempt-1')).not.toHaveProperty('draft');
		});

		it('keeps a copy of the draft, and returns copies', async () => {
			const store = await makeStore();
			await store.saveAttempt(attempt());
			const draft = { questionId: 'q-a', response: { choices: ['a'] } };
			await store.saveDraft('attempt-1', draft);
			draft.response.choices.push('b');
			const read = (await store.getAttempt('attempt-1'))!;
			expect(read.draft).toEqual({ questionId: 'q-a', response: { choices: ['a'] } });
			(read.draft!.response as { choices: string[] }).choices.push('c');
			expect((await store.getAttempt('attempt-1'))!.draft).toEqual({
				questionId: 'q-a',
				response: { choices: ['a'] }
			});
		});
	});

	describe('overriding an answer', () => {
		/** A practice attempt (or as given) with a typed answer to q-a marked wrong. */
		async function withWrongAnswer(fields: Partial<Attempt> = {}, given: Partial<Answer> = {}) {
			const store = await makeStore();
			await store.saveAttempt(attempt(fields));
			const wrong = answer({ score: 0, response: { text: 'Holtkvist' }, ...given });
			await store.recordAnswer(wrong);
			return { store, wrong };
		}

		it('marks the answer right, keeps the rule’s score, and corrects the statistics', async () => {
			const { store, wrong } = await withWrongAnswer();
			const overridden = { ...wrong, score: 1, override: { from: 0, at: 3_000 } };
			expect(await store.overrideAnswer('attempt-1', 'q-a', 3_000)).toEqual(overridden);
			expect(await store.answersFor('attempt-1')).toEqual([overridden]);
			expect(await store.questionStats()).toEqual([
				{
					questionId: 'q-a',
					storyId: STORY,
					category: 'dates',
					seen: 1,
					right: 1,
					scoreSum: 1,
					lastScore: 1,
					lastAnsweredAt: 2_000,
					// Rescheduled as if it had been right when it was given.
					card: review(undefined, 1, 2_000),
					cardBefore: null
				}
			]);
		});

		it('adds only the credit a part-right answer lacked', async () => {
			const { store } = await withWrongAnswer({}, { score: 0.5 });
			const overridden = await store.overrideAnswer('attempt-1', 'q-a', 3_000);
			expect(overridden).toMatchObject({ score: 1, override: { from: 0.5, at: 3_000 } });
			expect((await store.questionStats())[0]).toMatchObject({ seen: 1, right: 1, scoreSum: 1 });
		});

		it('leaves the latest score alone when the question was answered again since', async () => {
			const { store } = await withWrongAnswer();
			await store.saveAttempt(attempt({ id: 'attempt-2' }));
			await store.recordAnswer(answer({ attemptId: 'attempt-2', score: 0, answeredAt: 2_500 }));
			await store.overrideAnswer('attempt-1', 'q-a', 3_000);
			expect(await store.questionStats()).toEqual([
				expect.objectContaining({
					seen: 2,
					right: 1,
					scoreSum: 1,
					lastScore: 0,
					lastAnsweredAt: 2_500
				})
			]);
		});

		it('returns the overridden answer that stands when it is overridden again, and counts it once', async () => {
			const { store } = await withWrongAnswer();
			const first = await store.overrideAnswer('attempt-1', 'q-a', 3_000);
			const stats = await store.questionStats();
			// Another tab overrides the same answer later.
			expect(await store.overrideAnswer('attempt-1', 'q-a', 4_000)).toEqual(first);
			expect(await store.answersFor('attempt-1')).toEqual([first]);
			expect(await store.questionStats()).toEqual(stats);
		});

		it.each<[string, Partial<Attempt>, Partial<Answer>]>([
			['an assignment', { mode: 'assignment' }, {}],
			['an answer already right', {}, { score: 1 }],
			['an “I don’t know”', {}, { response: null, dontKnow: true }]
		])('refuses to override %s as invalid, and writes nothing', async (_what, fields, given) => {
			const { store } = await withWrongAnswer(fields, given);
			const answers = await store.answersFor('attempt-1');
			const stats = await store.questionStats();
			const stored = await store.getAttempt('attempt-1');
			await expect(store.overrideAnswer('attempt-1', 'q-a', 3_000)).rejects.toMatchObject({
				name: 'StorageError',
				failure: 'invalid'
			});
			expect(await store.answersFor('attempt-1')).toEqual(answers);
			expect(await store.questionStats()).toEqual(stats);
			expect(await store.getAttempt('attempt-1')).toEqual(stored);
		});

		it('refuses to override an answer it does not hold, or one whose attempt it does not hold', async () => {
			const { store, wrong } = await withWrongAnswer();
			await expect(store.overrideAnswer('attempt-1', 'q-b', 3_000)).rejects.toMatchObject({
				failure: 'invalid'
			});
			await store.recordAnswer(answer({ attemptId: 'ghost', score: 0, answeredAt: 2_100 }));
			const stats = await store.questionStats();
			await expect(store.overrideAnswer('ghost', 'q-a', 3_000)).rejects.toMatchObject({
				failure: 'invalid'
			});
			expect(await store.answersFor('ghost')).toEqual([
				answer({ attemptId: 'ghost', score: 0, answeredAt: 2_100 })
			]);
			expect(await store.answersFor('attempt-1')).toEqual([wrong]);
			expect(await store.questionStats()).toEqual(stats);
		});

		it('returns a copy of the overridden answer', async () => {
			const { store } = await withWrongAnswer();
			const overridden = await store.overrideAnswer('attempt-1', 'q-a', 3_000);
			overridden.score = 0;
			overridden.override!.from = 0.75;
			expect(await store.answersFor('attempt-1')).toEqual([
				expect.objectContaining({ score: 1, override: { from: 0, at: 3_000 } })
			]);
		});
	});

	it('keeps a copy of what it is given: changing the objects afterwards does not change the store', async () => {
		const store = await makeStore();
		const saved = attempt();
		await store.saveAttempt(saved);
		saved.questions.push({ storyId: STORY, questionId: 'q-z' });
		saved.questions[0]!.storyId = 'another-story';
		saved.position = 7;
		const given = answer({ response: { choices: ['a'] } });
		await store.recordAnswer(given);
		(given.response as { choices: string[] }).choices.push('b');

		expect(await store.getAttempt('attempt-1')).toEqual(attempt({ updatedAt: 2_000 }));
		expect(await store.answersFor('attempt-1')).toEqual([answer({ response: { choices: ['a'] } })]);
	});
});

describe('the progress database', () => {
	it('opens under its name and version with its stores', async () => {
		const db = await openDb();
		expect(db.name).toBe(DB_NAME);
		expect(db.version).toBe(DB_VERSION);
		expect([...db.objectStoreNames].sort()).toEqual([
			'answers',
			'attempts',
			'compositions',
			'questionStats',
			'results',
			'settings',
			'sharedAssignments',
			'takenAssignments',
			'teacherKeys'
		]);
	});

	it('still holds every attempt, answer and statistic after it is closed and reopened', async () => {
		const first = await openDb();
		const before = new IdbProgressStore(first);
		await before.saveAttempt(attempt({ id: 'attempt-1' }));
		await before.saveAttempt(attempt({ id: 'attempt-2', updatedAt: 1_500, finishedAt: 4_000 }));
		await before.recordAnswer(answer({ attemptId: 'attempt-1', questionId: 'q-a' }));
		await before.recordAnswer(
			answer({ attemptId: 'attempt-1', questionId: 'q-b', score: 0, answeredAt: 2_200 })
		);
		await before.recordAnswer(answer({ attemptId: 'attempt-2', questionId: 'q-a', score: 0.5 }));
		const attempts = await before.listAttempts();
		const answers = await before.answersFor('attempt-1');
		const stats = await before.questionStats();
		first.close();

		const after = new IdbProgressStore(await openDb());
		expect(await after.listAttempts()).toEqual(attempts);
		expect(await after.answersFor('attempt-1')).toEqual(answers);
		expect(await after.questionStats()).toEqual(stats);
		expect(attempts).toHaveLength(2);
		expect(answers).toHaveLength(2);
		expect(stats.find((s) => s.questionId === 'q-a')?.seen).toBe(2);

		// Answers stay final across the reopen too.
		await after.recordAnswer(answer({ attemptId: 'attempt-1', questionId: 'q-a', score: 0 }));
		expect(await after.questionStats()).toEqual(stats);
	});
});

describe('openProgressStore', () => {
	it('opens the device database when IndexedDB works', async () => {
		const { store, problem } = await openProgressStore();
		expect(problem).toBeNull();
		expect(store).toBeInstanceOf(IdbProgressStore);
		expect(store.kind).toBe('device');
		await store.saveAttempt(attempt());

		const again = new IdbProgressStore(await openDb());
		expect(await again.getAttempt('attempt-1')).toEqual(attempt());
	});

	it('falls back to memory, saying IndexedDB is unsupported, when there is none', async () => {
		vi.stubGlobal('indexedDB', undefined);
		const { store, problem } = await openProgressStore();
		expect(problem).toBe('unsupported');
		expect(store).toBeInstanceOf(MemoryProgressStore);
		expect(store.kind).toBe('memory');
		await store.saveAttempt(attempt());
		expect(await store.getAttempt('attempt-1')).toEqual(attempt());
	});

	it('falls back to memory, saying opening failed, when indexedDB.open throws', async () => {
		vi.spyOn(globalThis.indexedDB, 'open').mockImplementation(() => {
			throw new DOMException('The operation is insecure.', 'SecurityError');
		});
		const { store, problem } = await openProgressStore();
		expect(problem).toBe('failed');
		expect(store).toBeInstanceOf(MemoryProgressStore);
	});

	it('falls back to memory, saying opening failed, when the open request fails', async () => {
		// The device holds a newer version than this build knows: opening fails with a VersionError.
		await new Promise<void>((resolve, reject) => {
			const request = globalThis.indexedDB.open(DB_NAME, DB_VERSION + 1);
			request.onsuccess = () => {
				request.result.close();
				resolve();
			};
			request.onerror = () => reject(request.error);
		});
		const { store, problem } = await openProgressStore();
		expect(problem).toBe('failed');
		expect(store).toBeInstanceOf(MemoryProgressStore);
		expect(store.kind).toBe('memory');
	});

	it('closes its connection and says so when another tab upgrades the database', async () => {
		const onVersionChange = vi.fn();
		const { problem } = await openProgressStore({ onVersionChange });
		expect(problem).toBeNull();
		const newer = await new Promise<IDBDatabase>((resolve, reject) => {
			const request = globalThis.indexedDB.open(DB_NAME, DB_VERSION + 1);
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(request.error);
			request.onblocked = () => reject(new Error('blocked: the old connection stayed open'));
		});
		expect(onVersionChange).toHaveBeenCalledTimes(1);
		expect(newer.version).toBe(DB_VERSION + 1);
		newer.close();
	});
});

/** Opens the database at a newer version, as a tab running a newer Byline would. */
function upgradeElsewhere(): Promise<IDBDatabase> {
	return new Promise<IDBDatabase>((resolve, reject) => {
		const request = globalThis.indexedDB.open(DB_NAME, DB_VERSION + 1);
		request.onsuccess = () => resolve(request.result);
		request.onerror = () => reject(request.error);
		request.onblocked = () => reject(new Error('blocked: the old connection stayed open'));
	});
}

describe('IdbProgressStore failures', () => {
	const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

	it('throws a QuotaExceededError on saving an attempt as quota, with the cause, and writes nothing', async () => {
		const store = new IdbProgressStore(await openDb());
		const error = quota();
		vi.spyOn(FakeIDBObjectStore.prototype, 'put').mockImplementation(() => {
			throw error;
		});
		const saving = store.saveAttempt(attempt());
		await expect(saving).rejects.toBeInstanceOf(StorageError);
		await expect(saving).rejects.toMatchObject({ failure: 'quota', cause: error });
		vi.mocked(FakeIDBObjectStore.prototype.put).mockRestore();
		expect(await store.getAttempt('attempt-1')).toBeUndefined();
	});

	it('throws a QuotaExceededError on recording an answer as quota, and writes nothing', async () => {
		const store = new IdbProgressStore(await openDb());
		await store.saveAttempt(attempt());
		vi.spyOn(FakeIDBObjectStore.prototype, 'put').mockImplementationOnce(() => {
			throw quota();
		});
		await expect(store.recordAnswer(answer())).rejects.toMatchObject({
			name: 'StorageError',
			failure: 'quota'
		});
		expect(await store.answersFor('attempt-1')).toEqual([]);
		expect(await store.questionStats()).toEqual([]);
		// The next try, with room again, is recorded.
		expect(await store.recordAnswer(answer())).toEqual(answer());
	});

	it('throws a QuotaExceededError on overriding an answer as quota, and writes nothing', async () => {
		const store = new IdbProgressStore(await openDb());
		await store.saveAttempt(attempt());
		await store.recordAnswer(answer({ score: 0 }));
		const stats = await store.questionStats();
		vi.spyOn(FakeIDBObjectStore.prototype, 'put').mockImplementationOnce(() => {
			throw quota();
		});
		await expect(store.overrideAnswer('attempt-1', 'q-a', 3_000)).rejects.toMatchObject({
			name: 'StorageError',
			failure: 'quota'
		});
		expect(await store.answersFor('attempt-1')).toEqual([answer({ score: 0 })]);
		expect(await store.questionStats()).toEqual(stats);
		// The next try, with room again, is saved.
		expect(await store.overrideAnswer('attempt-1', 'q-a', 3_500)).toMatchObject({
			score: 1,
			override: { from: 0, at: 3_500 }
		});
	});

	it('throws a QuotaExceededError on saving a draft as quota, and keeps the draft it had', async () => {
		const store = new IdbProgressStore(await openDb());
		await store.saveAttempt(attempt());
		await store.saveDraft('attempt-1', { questionId: 'q-a', response: { text: 'ea' } });
		vi.spyOn(FakeIDBObjectStore.prototype, 'put').mockImplementationOnce(() => {
			throw quota();
		});
		await expect(
			store.saveDraft('attempt-1', { questionId: 'q-a', response: { text: 'earlier' } })
		).rejects.toMatchObject({ name: 'StorageError', failure: 'quota' });
		expect((await store.getAttempt('attempt-1'))?.draft).toEqual({
			questionId: 'q-a',
			response: { text: 'ea' }
		});
	});

	it('throws every call after another tab’s upgrade as upgraded-elsewhere', async () => {
		const onVersionChange = vi.fn();
		const { store } = await openProgressStore({ onVersionChange });
		await store.saveAttempt(attempt());
		const newer = await upgradeElsewhere();
		try {
			expect(onVersionChange).toHaveBeenCalledTimes(1);
			const calls: [string, () => Promise<unknown>][] = [
				['saveAttempt', () => store.saveAttempt(attempt({ position: 1 }))],
				['recordAnswer', () => store.recordAnswer(answer())],
				['getAttempt', () => store.getAttempt('attempt-1')],
				['listAttempts', () => store.listAttempts()],
				['answersFor', () => store.answersFor('attempt-1')],
				['attemptPage', () => store.attemptPage(0, 10)],
				['answersForAttempts', () => store.answersForAttempts(['attempt-1'])],
				['questionStats', () => store.questionStats()],
				['saveDraft', () => store.saveDraft('attempt-1', { questionId: 'q-a', response: null })],
				['overrideAnswer', () => store.overrideAnswer('attempt-1', 'q-a', 3_000)]
			];
			for (const [name, call] of calls)
				await expect(call(), name).rejects.toMatchObject({
					name: 'StorageError',
					failure: 'upgraded-elsewhere',
					cause: expect.objectContaining({ name: 'InvalidStateError' })
				});
		} finally {
			newer.close();
		}
	});

	it('learns why the connection closed only from openProgressStore: on its own, a closed connection reads as cleared', async () => {
		const bare = new IdbProgressStore(await openDb());
		// The flag openProgressStore keeps current from the database's events.
		const connection: { lost: ConnectionLoss } = { lost: null };
		const told = new IdbProgressStore(await openDb(), undefined, connection);
		const newer = await upgradeElsewhere();
		newer.close();

		await expect(bare.getAttempt('attempt-1')).rejects.toMatchObject({ failure: 'cleared' });
		await expect(told.getAttempt('attempt-1')).rejects.toMatchObject({ failure: 'cleared' });
		connection.lost = 'upgraded-elsewhere';
		await expect(told.getAttempt('attempt-1')).rejects.toMatchObject({
			failure: 'upgraded-elsewhere'
		});
	});

	it('throws every call after the browser closed the connection as cleared, and says so', async () => {
		const factory = globalThis.indexedDB;
		const realOpen = factory.open.bind(factory);
		let request: IDBOpenDBRequest | undefined;
		vi.spyOn(factory, 'open').mockImplementation((name, version) => {
			request = realOpen(name, version);
			return request;
		});
		const onTerminated = vi.fn();
		const { store, problem } = await openProgressStore({ onTerminated });
		expect(problem).toBeNull();
		closeAsTheBrowserWould(request!.result);
		await vi.waitFor(() => expect(onTerminated).toHaveBeenCalledTimes(1));
		await expect(store.saveAttempt(attempt())).rejects.toMatchObject({ failure: 'cleared' });
		await expect(store.listAttempts()).rejects.toMatchObject({ failure: 'cleared' });
	});

	/** A database whose every call waits for ever, as a wedged storage backend does. */
	function wedged(): IDBPDatabase<BylineDB> {
		const never = () => new Promise<never>(() => {});
		const index = { openCursor: never, count: never, getAll: never };
		const store = { get: never, put: never, index: () => index };
		return {
			get: never,
			getAll: never,
			getAllFromIndex: never,
			transaction: () => ({ store, objectStore: () => store, done: never() })
		} as unknown as IDBPDatabase<BylineDB>;
	}

	it.each([
		['getAttempt', (s: ProgressStore) => s.getAttempt('attempt-1')],
		['saveAttempt', (s: ProgressStore) => s.saveAttempt(attempt())],
		['recordAnswer', (s: ProgressStore) => s.recordAnswer(answer())],
		['listAttempts', (s: ProgressStore) => s.listAttempts()],
		['attemptPage', (s: ProgressStore) => s.attemptPage(0, 10)],
		['answersForAttempts', (s: ProgressStore) => s.answersForAttempts(['attempt-1', 'attempt-2'])],
		[
			'saveDraft',
			(s: ProgressStore) => s.saveDraft('attempt-1', { questionId: 'q-a', response: 1 })
		],
		['overrideAnswer', (s: ProgressStore) => s.overrideAnswer('attempt-1', 'q-a', 3_000)]
	])('gives up on a %s that does not settle after 10 s, as a timeout', async (_name, call) => {
		vi.useFakeTimers();
		const store = new IdbProgressStore(wedged());
		let outcome: unknown = 'pending';
		call(store).then(
			() => (outcome = 'settled'),
			(e: unknown) => (outcome = e)
		);
		await vi.advanceTimersByTimeAsync(9_999);
		expect(outcome).toBe('pending');
		await vi.advanceTimersByTimeAsync(1);
		expect(outcome).toBeInstanceOf(StorageError);
		expect(outcome).toMatchObject({ failure: 'timeout' });
	});

	it('leaves no timer behind after a call that settles', async () => {
		const store = new IdbProgressStore(await openDb());
		await store.saveAttempt(attempt());
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
		const reading = store.getAttempt('attempt-1');
		expect(vi.getTimerCount()).toBe(1);
		expect(await reading).toEqual(attempt());
		expect(vi.getTimerCount()).toBe(0);
	});

	it.each([
		['an Error', new Error('the disk is on fire')],
		['an AbortError', new DOMException('The transaction was aborted.', 'AbortError')],
		['a string', 'no reason given']
	])('throws %s it does not know as unknown, with the cause', async (_what, error) => {
		const broken = {
			getAll: async () => {
				throw error;
			}
		} as unknown as IDBPDatabase<BylineDB>;
		const listing = new IdbProgressStore(broken).listAttempts();
		await expect(listing).rejects.toBeInstanceOf(StorageError);
		await expect(listing).rejects.toMatchObject({ failure: 'unknown', cause: error });
	});

	it('throws its own refusal as it is, not as unknown', async () => {
		const store = new IdbProgressStore(await openDb());
		const saving = store.saveAttempt(attempt({ questions: [] }));
		await expect(saving).rejects.toMatchObject({ failure: 'invalid' });
		await expect(saving).rejects.not.toHaveProperty('cause');
	});
});

describe('IdbProgressStore reading records it did not write', () => {
	let skipped: SkippedRecord[];

	it('replays the schedule of a question whose statistics lag its answers, and only those', async () => {
		const store = await makeStore();
		const answers = [
			answer({ attemptId: 'a1', score: 1, answeredAt: 1_000 }),
			answer({ attemptId: 'a2', score: 0, answeredAt: 90_000_000 }),
			answer({ attemptId: 'a3', score: 0.5, answeredAt: 200_000_000 })
		];
		for (const a of answers) await putRaw('answers', a);
		// As a version without study wrote it, or an answer recorded without the scheduler.
		await putRaw('questionStats', { ...stat('q-a'), seen: 3, right: 1, scoreSum: 1.5 });
		const fresh = {
			...stat('q-b'),
			seen: 1,
			card: review(undefined, 1, 5_000),
			cardBefore: null
		};
		await putRaw('questionStats', fresh);

		expect(await store.ensureSchedules()).toBe(1);
		const history = answers.map((a) => ({ score: a.score, at: a.answeredAt }));
		const byId = new Map((await store.questionStats()).map((s) => [s.questionId, s]));
		expect(byId.get('q-a')).toMatchObject({
			seen: 3,
			card: replay(history),
			cardBefore: replay(history.slice(0, 2))
		});
		expect(byId.get('q-b')).toEqual(fresh);
		expect(await store.ensureSchedules()).toBe(0);
		expect(skipped).toEqual([]);
	});

	it('reads junk study settings as the defaults, and says so', async () => {
		const store = await makeStore();
		await putRaw('settings', { id: 'study', dayStartHour: 'dawn', newPerDay: 10 });
		expect(await store.studyPrefs()).toEqual(DEFAULT_STUDY_PREFS);
		expect(skipped.map((s) => s.store)).toEqual(['settings']);
	});

	async function makeStore(): Promise<IdbProgressStore> {
		skipped = [];
		return new IdbProgressStore(await openDb(), (s) => skipped.push(s));
	}

	/** An attempt as version 1 wrote it, which reading must not take for a current one. */
	function v1Attempt(id: string, updatedAt: number) {
		const { questions, ...rest } = attempt({ id, updatedAt });
		return { ...rest, storyId: STORY, questionIds: questions.map((q) => q.questionId) };
	}

	function stat(questionId: string) {
		return {
			questionId,
			storyId: STORY,
			category: 'dates',
			seen: 1,
			right: 1,
			scoreSum: 1,
			lastScore: 1,
			lastAnsweredAt: 2_000
		};
	}

	it('cannot hold a bare object or a string at all: every store keys its records by a field', async () => {
		await makeStore();
		for (const storeName of ['attempts', 'answers', 'questionStats'])
			for (const junk of [{}, 'a string'])
				await expect(
					putRaw(storeName, junk),
					`${storeName} ← ${JSON.stringify(junk)}`
				).rejects.toMatchObject({ name: 'DataError' });
	});

	it('skips attempts that fail validation, says so, and lists the rest', async () => {
		const store = await makeStore();
		await store.saveAttempt(attempt({ id: 'good-1', updatedAt: 10 }));
		await store.saveAttempt(attempt({ id: 'good-2', updatedAt: 30 }));
		await putRaw('attempts', { id: 'junk-bare', updatedAt: 20 });
		await putRaw('attempts', { ...v1Attempt('junk-null-ids', 21), questionIds: null });
		await putRaw('attempts', v1Attempt('junk-v1', 22));
		await putRaw('attempts', attempt({ id: 'junk-position', position: 3, updatedAt: 23 }));
		await putRaw('attempts', attempt({ id: 'junk-empty', questions: [], updatedAt: 24 }));

		expect((await store.listAttempts()).map((a) => a.id)).toEqual(['good-1', 'good-2']);
		// One report per bad record, in the store's key order.
		expect(skipped).toHaveLength(5);
		expect(skipped.every((s) => s.store === 'attempts')).toBe(true);
		expect(skipped.map((s) => s.reason)).toEqual(
			expect.arrayContaining([
				expect.stringMatching(/^questions: /),
				expect.stringContaining('position is past the last question'),
				expect.stringContaining('an attempt has questions')
			])
		);
		expect(skipped.every((s) => s.reason.length > 0)).toBe(true);
	});

	it('gives undefined for an attempt that fails validation, and says so', async () => {
		const store = await makeStore();
		await putRaw('attempts', { ...v1Attempt('junk', 20), questionIds: null });
		await putRaw('attempts', attempt({ id: 'past-the-end', position: 3 }));
		expect(await store.getAttempt('junk')).toBeUndefined();
		expect(await store.getAttempt('past-the-end')).toBeUndefined();
		expect(skipped.map((s) => s.store)).toEqual(['attempts', 'attempts']);
		// Nothing is reported for an id that simply is not there.
		expect(await store.getAttempt('absent')).toBeUndefined();
		expect(skipped).toHaveLength(2);
	});

	it('reports an attempt with no usable time stamp, though the byUpdated index leaves it out', async () => {
		// Lists read the whole store, not the index, so such a record is reported, not just missing.
		const store = await makeStore();
		await store.saveAttempt(attempt({ id: 'good' }));
		await putRaw('attempts', { id: 'untimed' });
		await putRaw('attempts', { ...attempt({ id: 'null-time' }), updatedAt: null });
		expect((await store.listAttempts()).map((a) => a.id)).toEqual(['good']);
		expect(skipped.map((s) => s.store)).toEqual(['attempts', 'attempts']);
		expect(await store.getAttempt('untimed')).toBeUndefined();
		expect(await store.getAttempt('null-time')).toBeUndefined();
		expect(skipped).toHaveLength(4);
	});

	it('pages through the byUpdated index: an attempt with no usable time stamp is not on any page, nor in the total', async () => {
		const store = await makeStore();
		await store.saveAttempt(attempt({ id: 'good' }));
		await putRaw('attempts', { id: 'untimed' });
		await putRaw('attempts', { ...attempt({ id: 'null-time' }), updatedAt: null });
		expect(await store.attemptPage(0, 10)).toEqual({
			attempts: [attempt({ id: 'good' })],
			total: 1
		});
		// Never read, so never reported either: listAttempts is what reports it.
		expect(skipped).toEqual([]);
	});

	it('skips answers that fail validation, says so, and returns the rest', async () => {
		const store = await makeStore();
		const good = [answer({ questionId: 'q-a' }), answer({ questionId: 'q-b', score: 0 })];
		for (const a of good) await store.recordAnswer(a);
		await putRaw('answers', answer({ questionId: 'junk-score', score: 7 }));
		await putRaw('answers', { attemptId: 'attempt-1', questionId: 'junk-bare' });
		const unfingerprinted: Record<string, unknown> = answer({ questionId: 'junk-v1' });
		delete unfingerprinted.fingerprint;
		await putRaw('answers', unfingerprinted);
		await putRaw('answers', answer({ questionId: 'junk-category', category: 'gossip' as never }));

		const got = await store.answersFor('attempt-1');
		expect([...got].sort((a, b) => a.questionId.localeCompare(b.questionId))).toEqual(good);
		expect(skipped).toHaveLength(4);
		expect(skipped.every((s) => s.store === 'answers')).toBe(true);
		expect(skipped.map((s) => s.reason)).toContainEqual(expect.stringMatching(/^score: /));
		expect(skipped.map((s) => s.reason)).toContainEqual(expect.stringMatching(/^fingerprint: /));
		expect(skipped.map((s) => s.reason)).toContainEqual(expect.stringMatching(/^category: /));
	});

	it('skips statistics that fail validation, says so, and returns the rest', async () => {
		const store = await makeStore();
		await store.recordAnswer(answer({ questionId: 'q-a' }));
		await putRaw('questionStats', { questionId: 'junk-bare' });
		await putRaw('questionStats', { ...stat('junk-seen'), seen: -1 });
		await putRaw('questionStats', { ...stat('junk-sum'), scoreSum: Infinity });

		expect((await store.questionStats()).map((s) => s.questionId)).toEqual(['q-a']);
		expect(skipped).toHaveLength(3);
		expect(skipped.every((s) => s.store === 'questionStats')).toBe(true);
	});

	it('skips and reports junk on a page, which comes back shorter; the total still counts it', async () => {
		const store = await makeStore();
		await store.saveAttempt(attempt({ id: 'good-10', updatedAt: 10 }));
		await store.saveAttempt(attempt({ id: 'good-30', updatedAt: 30 }));
		await store.saveAttempt(attempt({ id: 'good-50', updatedAt: 50 }));
		await putRaw('attempts', attempt({ id: 'junk-40', position: -1, updatedAt: 40 }));
		await putRaw('attempts', { ...v1Attempt('junk-20', 20), questionIds: null });

		const first = await store.attemptPage(0, 3);
		expect(first).toEqual({
			attempts: [
				attempt({ id: 'good-50', updatedAt: 50 }),
				attempt({ id: 'good-30', updatedAt: 30 })
			],
			total: 5
		});
		expect(skipped).toHaveLength(1);
		expect(skipped[0]).toMatchObject({ store: 'attempts' });

		// The next page starts after the junk: nothing is read twice, nothing passed over.
		const second = await store.attemptPage(3, 3);
		expect(second).toEqual({ attempts: [attempt({ id: 'good-10', updatedAt: 10 })], total: 5 });
		expect(skipped).toHaveLength(2);
		expect(skipped.every((s) => s.store === 'attempts' && s.reason.length > 0)).toBe(true);

		// A page of nothing but junk is empty, not an error.
		expect(await store.attemptPage(1, 1)).toEqual({ attempts: [], total: 5 });
		expect(skipped).toHaveLength(3);
	});

	it('skips and reports junk answers among those of several attempts', async () => {
		const store = await makeStore();
		const good = [
			answer({ attemptId: 'attempt-1', questionId: 'q-a' }),
			answer({ attemptId: 'attempt-2', questionId: 'q-b', score: 0 })
		];
		for (const a of good) await store.recordAnswer(a);
		await putRaw('answers', answer({ attemptId: 'attempt-1', questionId: 'junk', score: 7 }));
		await putRaw('answers', { attemptId: 'attempt-2', questionId: 'junk-bare' });
		await putRaw('answers', answer({ attemptId: 'attempt-3', questionId: 'junk', score: 7 }));

		const got = await store.answersForAttempts(['attempt-1', 'attempt-2']);
		expect([...got].sort((a, b) => a.attemptId.localeCompare(b.attemptId))).toEqual(good);
		// Only the asked-for attempts' junk is read, so only theirs is reported.
		expect(skipped).toHaveLength(2);
		expect(skipped.every((s) => s.store === 'answers')).toBe(true);
		expect(skipped.map((s) => s.reason)).toContainEqual(expect.stringMatching(/^score: /));
	});

	it('reads a page in one read-only transaction, by a descending cursor on byUpdated', async () => {
		const store = await makeStore();
		for (let i = 1; i <= 20; i++) await store.saveAttempt(attempt({ id: `a-${i}`, updatedAt: i }));
		const transaction = vi.spyOn(FakeIDBDatabase.prototype, 'transaction');
		const index = vi.spyOn(FakeIDBObjectStore.prototype, 'index');
		const openCursor = vi.spyOn(FakeIDBIndex.prototype, 'openCursor');
		const getAll = vi.spyOn(FakeIDBObjectStore.prototype, 'getAll');

		const page = await store.attemptPage(5, 3);
		expect(page.attempts.map((a) => a.id)).toEqual(['a-15', 'a-14', 'a-13']);
		expect(page.total).toBe(20);
		expect(transaction).toHaveBeenCalledTimes(1);
		expect(transaction.mock.calls[0]![0]).toBe('attempts');
		expect(transaction.mock.calls[0]![1]).toBe('readonly');
		expect(index).toHaveBeenCalledWith('byUpdated');
		expect(openCursor).toHaveBeenCalledTimes(1);
		expect(openCursor.mock.calls[0]![1]).toBe('prev');
		expect(getAll).not.toHaveBeenCalled();
	});

	it('reads only the records on the page: junk before or after it is not read, so not reported', async () => {
		const store = await makeStore();
		await putRaw('attempts', attempt({ id: 'junk-60', position: -1, updatedAt: 60 }));
		for (const t of [50, 40, 30])
			await store.saveAttempt(attempt({ id: `good-${t}`, updatedAt: t }));
		await putRaw('attempts', attempt({ id: 'junk-20', position: -1, updatedAt: 20 }));

		expect(await store.attemptPage(1, 3)).toEqual({
			attempts: [50, 40, 30].map((t) => attempt({ id: `good-${t}`, updatedAt: t })),
			total: 5
		});
		expect(skipped).toEqual([]);
	});

	it('reads the answers of several attempts in one read-only transaction', async () => {
		const store = await makeStore();
		await store.recordAnswer(answer({ attemptId: 'attempt-1' }));
		await store.recordAnswer(answer({ attemptId: 'attempt-2' }));
		await store.recordAnswer(answer({ attemptId: 'attempt-3' }));
		const transaction = vi.spyOn(FakeIDBDatabase.prototype, 'transaction');
		const got = await store.answersForAttempts(['attempt-1', 'attempt-2', 'attempt-3']);
		expect(got).toHaveLength(3);
		expect(transaction).toHaveBeenCalledTimes(1);
		expect(transaction.mock.calls[0]![0]).toBe('answers');
		expect(transaction.mock.calls[0]![1]).toBe('readonly');
	});

	it('warns on the console by default', async () => {
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		const store = new IdbProgressStore(await openDb());
		await putRaw('attempts', { id: 'junk', updatedAt: 1 });
		expect(await store.listAttempts()).toEqual([]);
		expect(warn).toHaveBeenCalledTimes(1);
		expect(warn.mock.calls[0]![0]).toContain('attempts');
	});

	it('records an answer in one read-write transaction over the three stores', async () => {
		const store = await makeStore();
		await store.saveAttempt(attempt());
		const transaction = vi.spyOn(FakeIDBDatabase.prototype, 'transaction');
		await store.recordAnswer(answer());
		expect(transaction).toHaveBeenCalledTimes(1);
		expect(transaction.mock.calls[0]![0]).toEqual(['answers', 'questionStats', 'attempts']);
		expect(transaction.mock.calls[0]![1]).toBe('readwrite');
	});

	it('overrides an answer in one read-write transaction over the three stores', async () => {
		const store = await makeStore();
		await store.saveAttempt(attempt());
		await store.recordAnswer(answer({ score: 0 }));
		const transaction = vi.spyOn(FakeIDBDatabase.prototype, 'transaction');
		await store.overrideAnswer('attempt-1', 'q-a', 3_000);
		expect(transaction).toHaveBeenCalledTimes(1);
		expect(transaction.mock.calls[0]![0]).toEqual(['answers', 'questionStats', 'attempts']);
		expect(transaction.mock.calls[0]![1]).toBe('readwrite');
	});

	it('refuses to override an answer that no longer reads, says so, and leaves it as it is', async () => {
		const store = await makeStore();
		await store.saveAttempt(attempt());
		const junk = answer({ score: 7 });
		await putRaw('answers', junk);
		await expect(store.overrideAnswer('attempt-1', 'q-a', 3_000)).rejects.toMatchObject({
			failure: 'invalid'
		});
		expect(await getRaw('answers', ['attempt-1', 'q-a'])).toEqual(junk);
		expect(skipped.map((s) => s.store)).toEqual(['answers']);
	});

	it('refuses to override an answer of an attempt that no longer reads, and says so', async () => {
		const store = await makeStore();
		await putRaw('attempts', attempt({ position: 99 }));
		await store.recordAnswer(answer({ score: 0 }));
		skipped.length = 0;
		await expect(store.overrideAnswer('attempt-1', 'q-a', 3_000)).rejects.toMatchObject({
			failure: 'invalid'
		});
		expect(await getRaw('answers', ['attempt-1', 'q-a'])).toEqual(answer({ score: 0 }));
		expect(skipped.map((s) => s.store)).toEqual(['attempts']);
	});

	it('reads an attempt stored before modes as practice, so its answers may be overridden', async () => {
		const store = await makeStore();
		const older: Partial<Attempt> = attempt();
		delete older.mode;
		await putRaw('attempts', older);
		expect(await store.getAttempt('attempt-1')).toEqual(attempt());
		await store.recordAnswer(answer({ score: 0 }));
		expect(await store.overrideAnswer('attempt-1', 'q-a', 3_000)).toMatchObject({ score: 1 });
		expect(skipped).toEqual([]);
	});

	it('keeps no draft for an attempt that no longer reads, and says so', async () => {
		const store = await makeStore();
		const junk = attempt({ position: 99 });
		await putRaw('attempts', junk);
		await store.saveDraft('attempt-1', { questionId: 'q-a', response: null });
		expect(await getRaw('attempts', 'attempt-1')).toEqual(junk);
		expect(skipped.map((s) => s.store)).toEqual(['attempts']);
	});

	it('skips a stored attempt whose draft is junk, and says so', async () => {
		const store = await makeStore();
		await putRaw('attempts', { ...attempt(), draft: { questionId: '', response: 1 } });
		expect(await store.getAttempt('attempt-1')).toBeUndefined();
		expect(skipped).toEqual([expect.objectContaining({ store: 'attempts' })]);
		expect(skipped[0]!.reason).toMatch(/^draft\./);
	});

	it('replaces a stored answer that no longer reads, and says so: junk is not an answer', async () => {
		const store = await makeStore();
		await store.saveAttempt(attempt());
		await putRaw('answers', answer({ score: 7 }));

		const given = answer({ score: 1, answeredAt: 2_500 });
		expect(await store.recordAnswer(given)).toEqual(given);
		expect(skipped.map((s) => s.store)).toEqual(['answers']);
		expect(await getRaw('answers', ['attempt-1', 'q-a'])).toEqual(given);
		expect(await store.answersFor('attempt-1')).toEqual([given]);
		expect(await store.questionStats()).toEqual([
			expect.objectContaining({ questionId: 'q-a', seen: 1, right: 1, lastAnsweredAt: 2_500 })
		]);
		expect((await store.getAttempt('attempt-1'))?.updatedAt).toBe(2_500);
		// Final from then on.
		await store.recordAnswer(answer({ score: 0, answeredAt: 3_000 }));
		expect(await store.answersFor('attempt-1')).toEqual([given]);
		expect(skipped).toHaveLength(1);
	});

	it('starts a statistic again when the stored one no longer reads, and says so', async () => {
		const store = await makeStore();
		await putRaw('questionStats', { ...stat('q-a'), seen: 'many' });
		await store.recordAnswer(answer({ score: 0.5, answeredAt: 3_000 }));
		expect(skipped.map((s) => s.store)).toEqual(['questionStats']);
		expect(await store.questionStats()).toEqual([
			{
				questionId: 'q-a',
				storyId: STORY,
				category: 'dates',
				seen: 1,
				right: 0,
				scoreSum: 0.5,
				lastScore: 0.5,
				lastAnsweredAt: 3_000,
				card: review(undefined, 0.5, 3_000),
				cardBefore: null
			}
		]);
	});

	it('leaves an attempt that no longer reads as it is when recording an answer to it', async () => {
		const store = await makeStore();
		const junk = attempt({ position: 99 });
		await putRaw('attempts', junk);
		await store.recordAnswer(answer({ answeredAt: 5_000 }));
		expect(await getRaw('attempts', 'attempt-1')).toEqual(junk);
		expect(await store.answersFor('attempt-1')).toEqual([answer({ answeredAt: 5_000 })]);
		expect(skipped.map((s) => s.store)).toEqual(['attempts']);
	});
});

describe('a byline database that another app made', () => {
	/**
	 * idb gives the upgrade transaction a `done` promise, and nothing in db.ts handles it: when
	 * openBylineDB aborts a failed upgrade, it rejects unhandled (in a browser, an "Uncaught (in
	 * promise) AbortError"). Handled here so the run reports only what the tests assert.
	 */
	function handleAbortedUpgrades() {
		const factory = globalThis.indexedDB;
		const open = factory.open.bind(factory);
		vi.spyOn(factory, 'open').mockImplementation((name, version) => {
			const request = open(name, version);
			request.addEventListener('upgradeneeded', () => {
				wrap(request.transaction!).done.catch(() => {});
			});
			return request;
		});
	}

	/** Version 1 of a database named like Byline's, with only the other app's `notes` store. */
	async function makeForeign(): Promise<void> {
		await new Promise<void>((resolve, reject) => {
			const request = globalThis.indexedDB.open(DB_NAME, 1);
			request.onupgradeneeded = () =>
				request.result.createObjectStore('notes', { keyPath: 'id' }).put({ id: 'n1', text: 'hi' });
			request.onsuccess = () => {
				request.result.close();
				resolve();
			};
			request.onerror = () => reject(request.error);
		});
	}

	it('cannot be upgraded: the step that rewrites attempts finds no store, and the upgrade is undone', async () => {
		await makeForeign();
		handleAbortedUpgrades();
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		await expect(openBylineDB()).rejects.toMatchObject({ name: 'AbortError' });
		expect(warn).toHaveBeenCalledWith('Byline could not upgrade its database:', expect.anything());

		// The other app's database is as it was: version 1, its store and its record.
		const db = await openRaw();
		expect(db.version).toBe(1);
		expect([...db.objectStoreNames]).toEqual(['notes']);
		db.close();
		expect(await getRaw('notes', 'n1')).toEqual({ id: 'n1', text: 'hi' });
	});

	it('makes openProgressStore resolve to memory, saying opening failed, without throwing or hanging', async () => {
		await makeForeign();
		handleAbortedUpgrades();
		vi.spyOn(console, 'warn').mockImplementation(() => {});
		const { store, problem } = await openProgressStore();
		expect(problem).toBe('failed');
		expect(store).toBeInstanceOf(MemoryProgressStore);
		await store.saveAttempt(attempt());
		expect(await store.getAttempt('attempt-1')).toEqual(attempt());
	});
});
