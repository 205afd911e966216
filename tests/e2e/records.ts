import type { Page } from 'playwright-core';

/*
 * Raw IndexedDB access for end-to-end tests: reading what the app stored, and writing records
 * past the app's validation (to seed an attempt, or plant junk).
 */

/** Every record in one of the app's stores, read with raw IndexedDB (the database must exist). */
export function readStore<T>(page: Page, store: string): Promise<T[]> {
	return page.evaluate(
		(store) =>
			new Promise<T[]>((resolve, reject) => {
				const open = indexedDB.open('byline');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const request = db.transaction(store).objectStore(store).getAll();
					request.onerror = () => reject(request.error);
					request.onsuccess = () => {
						db.close();
						resolve(request.result as T[]);
					};
				};
			}),
		store
	);
}

/** Writes records as they are, with raw IndexedDB, past the app's validation. */
export function putRecords(page: Page, store: string, records: unknown[]): Promise<void> {
	return page.evaluate(
		([store, records]) =>
			new Promise<void>((resolve, reject) => {
				const open = indexedDB.open('byline');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const tx = db.transaction(store, 'readwrite');
					for (const record of records) tx.objectStore(store).put(record);
					tx.oncomplete = () => {
						db.close();
						resolve();
					};
					tx.onerror = () => reject(tx.error);
				};
			}),
		[store, records] as const
	);
}

/**
 * Waits until the app has created its database, upgrade finished: only then can records be
 * written into its stores. (Opening it here first would create an empty database of its own.)
 */
export async function databaseReady(page: Page, timeout = 10_000): Promise<void> {
	const until = Date.now() + timeout;
	while (Date.now() < until) {
		const ready = await page.evaluate(async () => {
			const byline = (await indexedDB.databases()).find((d) => d.name === 'byline');
			if (!byline?.version) return false;
			return new Promise<boolean>((resolve) => {
				const open = indexedDB.open('byline');
				open.onerror = () => resolve(false);
				open.onsuccess = () => {
					const ready = open.result.objectStoreNames.contains('attempts');
					open.result.close();
					resolve(ready);
				};
			});
		});
		if (ready) return;
		await page.waitForTimeout(100);
	}
	throw new Error('The app did not create its database in time');
}
