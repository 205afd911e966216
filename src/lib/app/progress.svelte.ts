import { openProgressStore, type ProgressStore } from '$lib/storage/progress-store';
import { storageState } from './storage-state.svelte';

let opening: Promise<ProgressStore> | null = null;

/**
 * The one progress store for this tab, opened on first use (in the browser only). Its calls
 * throw a StorageError naming the cause; callers turn that into a message with a way forward.
 */
export function progressStore(): Promise<ProgressStore> {
	opening ??= openProgressStore({
		onVersionChange: () => (storageState.problem = 'upgraded-elsewhere'),
		onTerminated: () => (storageState.problem = 'cleared'),
		onSkipped: (s) => {
			console.warn(`Byline skipped a stored record in ${s.store}:`, s.reason);
			storageState.skipped++;
		}
	}).then(({ store, problem }) => {
		storageState.problem = problem;
		return store;
	});
	return opening;
}
