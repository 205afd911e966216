import type { StorageProblem } from '$lib/storage/progress-store';

/*
 * What the app knows about where progress is kept, apart from the store itself, so every page
 * can show it without loading the storage layer (progress.svelte.ts opens the store).
 */

export type SaveProblem = StorageProblem | 'write-failed' | 'upgrade-elsewhere';

/**
 * What the app knows about where progress is kept; the layout shows it to the student.
 * `skipped` counts stored records that could not be read (another version's, or junk).
 */
export const storageState = $state<{ problem: SaveProblem | null; skipped: number }>({
	problem: null,
	skipped: 0
});

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
