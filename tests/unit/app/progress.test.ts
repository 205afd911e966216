import 'fake-indexeddb/auto';
import { forceCloseDatabase, IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Attempt } from '$lib/quiz/attempt';
import { DB_NAME, DB_VERSION } from '$lib/storage/db';

/** Closes a connection as the browser does when site data is cleared (fake-indexeddb's types want the class). */
const closeAsTheBrowserWould = (db: IDBDatabase) =>
	forceCloseDatabase(db as unknown as Parameters<typeof forceCloseDatabase>[0]);

/*
 * progressStore() opens one store per tab and keeps it in module state, so each test imports the
 * module afresh (with its storageState) against a fresh fake IndexedDB.
 */

const attempt: Attempt = {
	id: 'attempt-1',
	seed: 1,
	categories: ['dates'],
	questions: [{ storyId: 'story-a', questionId: 'q-a' }],
	position: 0,
	startedAt: 1_000,
	updatedAt: 1_000,
	finishedAt: null,
	mode: 'practice'
};

/** The app modules as a newly loaded tab has them. */
async function freshTab() {
	vi.resetModules();
	const { progressStore, assignmentStore } = await import('$lib/app/progress.svelte');
	const { storageState } = await import('$lib/app/storage-state.svelte');
	const { StorageError } = await import('$lib/storage/errors');
	return { progressStore, assignmentStore, storageState, StorageError };
}

/** Every connection the app opens, so a test can act on it as the browser would. */
let opened: IDBOpenDBRequest[];

beforeEach(() => {
	const factory = new IDBFactory();
	globalThis.indexedDB = factory;
	opened = [];
	const realOpen = factory.open.bind(factory);
	vi.spyOn(factory, 'open').mockImplementation((name, version) => {
		const request = realOpen(name, version);
		opened.push(request);
		return request;
	});
});

afterEach(() => {
	for (const request of opened) request.result?.close();
	vi.restoreAllMocks();
	vi.unstubAllGlobals();
});

describe('progressStore', () => {
	it('opens the device’s store once per tab, and reports no problem', async () => {
		const { progressStore, assignmentStore, storageState } = await freshTab();
		const [store, assignments] = await Promise.all([progressStore(), assignmentStore()]);
		expect(store.kind).toBe('device');
		expect(assignments.kind).toBe('device');
		expect(await progressStore()).toBe(store);
		expect(await assignmentStore()).toBe(assignments);
		// Both on one connection.
		expect(opened).toHaveLength(1);
		expect(storageState).toEqual({ problem: null, skipped: 0 });

		expect(await store.saveAttempt(attempt)).toEqual({ attempt, behind: false });
		expect(await store.getAttempt('attempt-1')).toEqual(attempt);
	});

	it('keeps progress in memory, and says why, when the browser has no IndexedDB', async () => {
		vi.stubGlobal('indexedDB', undefined);
		const { progressStore, storageState } = await freshTab();
		const store = await progressStore();
		expect(store.kind).toBe('memory');
		expect(storageState.problem).toBe('unsupported');
	});

	it('says so when another tab upgrades the database, and throws later writes, not swallows them', async () => {
		const { progressStore, storageState, StorageError } = await freshTab();
		const store = await progressStore();
		const newer = await new Promise<IDBDatabase>((resolve, reject) => {
			const request = globalThis.indexedDB.open(DB_NAME, DB_VERSION + 1);
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(request.error);
		});
		newer.close();
		expect(storageState.problem).toBe('upgraded-elsewhere');

		const saving = store.saveAttempt(attempt);
		await expect(saving).rejects.toBeInstanceOf(StorageError);
		await expect(saving).rejects.toMatchObject({ failure: 'upgraded-elsewhere' });
	});

	it('says so when the browser closes the database', async () => {
		const { progressStore, storageState } = await freshTab();
		const store = await progressStore();
		closeAsTheBrowserWould(opened[0]!.result);
		await vi.waitFor(() => expect(storageState.problem).toBe('cleared'));
		await expect(store.listAttempts()).rejects.toMatchObject({ failure: 'cleared' });
	});

	it('counts the stored records it had to skip, and warns of each', async () => {
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		const { progressStore, storageState } = await freshTab();
		const store = await progressStore();
		const db = opened[0]!.result;
		await new Promise<void>((resolve, reject) => {
			const tx = db.transaction('attempts', 'readwrite');
			tx.objectStore('attempts').put({ id: 'junk', updatedAt: 1 });
			tx.objectStore('attempts').put({ ...attempt, id: 'past-the-end', position: 5 });
			tx.oncomplete = () => resolve();
			tx.onabort = () => reject(tx.error);
		});
		expect(await store.listAttempts()).toEqual([]);
		expect(storageState.skipped).toBe(2);
		expect(warn).toHaveBeenCalledTimes(2);
		expect(warn.mock.calls[0]![0]).toContain('attempts');
	});
});
