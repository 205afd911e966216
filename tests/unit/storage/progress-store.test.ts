import 'fake-indexeddb/auto';
import { IDBDatabase as FakeIDBDatabase, IDBFactory } from 'fake-indexeddb';
import { wrap, type IDBPDatabase } from 'idb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Answer, Attempt } from '$lib/quiz/attempt';
import { DB_NAME, DB_VERSION, openBylineDB, type BylineDB } from '$lib/storage/db';
import {
	IdbProgressStore,
	MemoryProgressStore,
	openProgressStore,
	type ProgressStore,
	type SkippedRecord
} from '$lib/storage/progress-store';

/** Connections a test opened, closed after it so a fresh factory never waits on them. */
let open: IDBPDatabase<BylineDB>[] = [];

beforeEach(() => {
	globalThis.indexedDB = new IDBFactory();
	open = [];
});

afterEach(() => {
	for (const db of open) db.close();
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
				lastAnsweredAt: 2_500
			}
		]);
		expect(await store.getAttempt('attempt-1')).toEqual(attempt({ updatedAt: 2_500 }));
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

	it('reads every attempt (oldest update first) and every answer together', async () => {
		const store = await makeStore();
		expect(await store.readAll()).toEqual({ attempts: [], answers: [] });
		await store.saveAttempt(attempt({ id: 'attempt-1', updatedAt: 50 }));
		await store.saveAttempt(attempt({ id: 'attempt-2', updatedAt: 10 }));
		const given = [
			answer({ attemptId: 'attempt-1', questionId: 'q-a', answeredAt: 20 }),
			answer({ attemptId: 'attempt-2', questionId: 'q-b', score: 0, answeredAt: 30 }),
			answer({ attemptId: 'attempt-2', questionId: 'q-a', score: 0.5, answeredAt: 40 })
		];
		for (const a of given) await store.recordAnswer(a);

		const { attempts, answers } = await store.readAll();
		// Recording moved attempt-2's time stamp on to 40, still before attempt-1's 50.
		expect(attempts).toEqual([
			attempt({ id: 'attempt-2', updatedAt: 40 }),
			attempt({ id: 'attempt-1', updatedAt: 50 })
		]);
		const byKey = (a: Answer) => `${a.attemptId}/${a.questionId}`;
		expect([...answers].sort((a, b) => byKey(a).localeCompare(byKey(b)))).toEqual(
			[...given].sort((a, b) => byKey(a).localeCompare(byKey(b)))
		);
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

		expect(await store.getAttempt('attempt-1')).toEqual(attempt({ updatedAt: 2_000 }));
		expect(await store.answersFor('attempt-1')).toEqual([answer({ response: { choices: ['a'] } })]);
		expect((await store.questionStats())[0]!.seen).toBe(1);
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
	it('opens under its name and version with the three stores', async () => {
		const db = await openDb();
		expect(db.name).toBe(DB_NAME);
		expect(db.version).toBe(DB_VERSION);
		expect([...db.objectStoreNames].sort()).toEqual(['answers', 'attempts', 'questionStats']);
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

describe('IdbProgressStore reading records it did not write', () => {
	let skipped: SkippedRecord[];

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
		expect((await store.readAll()).attempts.map((a) => a.id)).toEqual(['good']);
		expect(skipped).toHaveLength(4);
		expect(await store.getAttempt('untimed')).toBeUndefined();
		expect(await store.getAttempt('null-time')).toBeUndefined();
		expect(skipped).toHaveLength(6);
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

	it('skips junk in both stores when reading everything together', async () => {
		const store = await makeStore();
		await store.saveAttempt(attempt({ id: 'attempt-1' }));
		await store.recordAnswer(answer());
		await putRaw('attempts', attempt({ id: 'junk', position: -1 }));
		await putRaw('answers', answer({ questionId: 'junk', score: 7 }));

		const { attempts, answers } = await store.readAll();
		expect(attempts.map((a) => a.id)).toEqual(['attempt-1']);
		expect(answers.map((a) => a.questionId)).toEqual(['q-a']);
		expect(skipped.map((s) => s.store).sort()).toEqual(['answers', 'attempts']);
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

	it('keeps an answer final even when the stored one no longer reads', async () => {
		const store = await makeStore();
		await store.saveAttempt(attempt());
		const junk = answer({ score: 7 });
		await putRaw('answers', junk);

		await store.recordAnswer(answer({ score: 1 }));
		expect(await getRaw('answers', ['attempt-1', 'q-a'])).toEqual(junk);
		expect(await store.questionStats()).toEqual([]);
		expect((await store.getAttempt('attempt-1'))?.updatedAt).toBe(1_000);
		expect(await store.answersFor('attempt-1')).toEqual([]);
		expect(skipped.map((s) => s.store)).toEqual(['answers']);
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
				lastAnsweredAt: 3_000
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
