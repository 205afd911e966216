import {
	openProgressStore,
	type ProgressStore,
	type StorageProblem
} from '$lib/storage/progress-store';

export type SaveProblem = StorageProblem | 'write-failed' | 'upgrade-elsewhere';

/**
 * What the app knows about where progress is kept; the layout shows it to the student.
 * `skipped` counts stored records that could not be read (another version's, or junk).
 */
export const storageState = $state<{ problem: SaveProblem | null; skipped: number }>({
	problem: null,
	skipped: 0
});

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

export const PROBLEM_MESSAGES: Record<SaveProblem, string> = {
	unsupported:
		'This browser does not let Byline save progress (private browsing can do this). You can still take quizzes, but your answers will be gone when you close the tab.',
	failed:
		'Byline could not open its storage on this device. You can still take quizzes, but your answers will be gone when you close the tab.',
	blocked:
		'Byline is open in another tab with an older version. Close the other tabs to keep saving progress; until then, answers here last only until this tab closes.',
	'write-failed':
		'Your last answer could not be saved on this device (it may be full). The quiz goes on; free up space to keep your progress.',
	'upgrade-elsewhere':
		'A newer Byline opened in another tab. Reload this tab to keep saving progress.'
};
