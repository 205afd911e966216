import type { AssignmentStore } from '$lib/storage/assignment-store';
import {
	openProgressStore,
	type OpenedStore,
	type ProgressStore
} from '$lib/storage/progress-store';
import { storageState } from './storage-state.svelte';

let opening: Promise<OpenedStore> | null = null;

function open(): Promise<OpenedStore> {
	opening ??= openProgressStore({
		onVersionChange: () => (storageState.problem = 'upgraded-elsewhere'),
		onTerminated: () => (storageState.problem = 'cleared'),
		onSkipped: (s) => {
			console.warn(`Byline skipped a stored record in ${s.store}:`, s.reason);
			storageState.skipped++;
		}
	}).then((opened) => {
		storageState.problem = opened.problem;
		return opened;
	});
	return opening;
}

/**
 * The one progress store for this tab, opened on first use (in the browser only). Its calls
 * throw a StorageError naming the cause; callers turn that into a message with a way forward.
 */
export async function progressStore(): Promise<ProgressStore> {
	return (await open()).store;
}

/** The assignments kept in the same database, opened with it. */
export async function assignmentStore(): Promise<AssignmentStore> {
	return (await open()).assignments;
}
