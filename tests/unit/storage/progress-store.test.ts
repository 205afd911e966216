import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import type { IDBPDatabase } from 'idb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Answer, Attempt } from '$lib/quiz/attempt';
import { DB_NAME, DB_VERSION, openBylineDB, type BylineDB } from '$lib/storage/db';
import {
	IdbProgressStore,
	MemoryProgressStore,
	openProgressStore,
	type ProgressStore
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

function attempt(overrides: Partial<Attempt> = {}): Attempt {
	return {
		id: 'attempt-1',
		storyId: 'albania-iran-2022',
		seed: 42,
		categories: ['dates', 'sources'],
		questionIds: ['q-a', 'q-b', 'q-c'],
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
		storyId: 'albania-iran-2022',
		category: 'dates',
		response: { choice: '2013' },
		score: 1,
		answeredAt: 2_000,
		...overrides
	};
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
				storyId: 'albania-iran-2022',
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

	it('returns copies: changing what it returns does not change the store', async () => {
		const store = await makeStore();
		await store.saveAttempt(attempt());
		await store.recordAnswer(answer({ response: { choices: ['a'] } }));

		const got = (await store.getAttempt('attempt-1'))!;
		got.position = 99;
		got.questionIds.push('q-z');
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
		saved.questionIds.push('q-z');
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
