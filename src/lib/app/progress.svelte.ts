import { openProgressStore, type ProgressStore } from '$lib/storage/progress-store';
import { storageState } from './storage-state.svelte';

let opening: Promise<ProgressStore> | null = null;

/** The one progress store for this tab, opened on first use (in the browser only). */
export function progressStore(): Promise<ProgressStore> {
	opening ??= openProgressStore({
		onVersionChange: () => (storageState.problem = 'upgrade-elsewhere'),
		onSkipped: (s) => {
			console.warn(`Byline skipped a stored record in ${s.store}:`, s.reason);
			storageState.skipped++;
		}
	}).then(({ store, problem }) => {
		storageState.problem = problem;
		return guardWrites(store, () => (storageState.problem = 'write-failed'));
	});
	return opening;
}

/** A failed write (quota, eviction) is reported, not thrown: the quiz goes on. */
export function guardWrites(
	store: ProgressStore,
	onFailure: (error: unknown) => void
): ProgressStore {
	const guard =
		<A extends unknown[]>(write: (...args: A) => Promise<void>) =>
		async (...args: A) => {
			try {
				await write(...args);
			} catch (e) {
				console.warn('Byline could not save progress:', e);
				onFailure(e);
			}
		};
	return {
		kind: store.kind,
		saveAttempt: guard(store.saveAttempt.bind(store)),
		recordAnswer: guard(store.recordAnswer.bind(store)),
		getAttempt: store.getAttempt.bind(store),
		listAttempts: store.listAttempts.bind(store),
		answersFor: store.answersFor.bind(store),
		readAll: store.readAll.bind(store),
		questionStats: store.questionStats.bind(store)
	};
}
