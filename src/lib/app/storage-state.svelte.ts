import type { StorageFailure } from '$lib/storage/errors';
import { StorageError } from '$lib/storage/errors';
import type { StorageProblem } from '$lib/storage/progress-store';

/*
 * What the app knows about where progress is kept, apart from the store itself, so every page
 * can show it without loading the storage layer (progress.svelte.ts opens the store).
 */

/** Why progress is not being kept: the store could not open, or its connection was lost since. */
export type StorageNotice = StorageProblem | 'upgraded-elsewhere' | 'cleared';

/**
 * What the layout tells the student about storage. `skipped` counts stored records that could
 * not be read (another version's, or junk).
 */
export const storageState = $state<{ problem: StorageNotice | null; skipped: number }>({
	problem: null,
	skipped: 0
});

export const PROBLEM_MESSAGES: Record<StorageNotice, string> = {
	unsupported:
		'This browser does not let Byline save progress (private browsing can do this). You can still take quizzes, but your answers will be gone when you close the tab.',
	failed:
		'Byline could not open its storage on this device. You can still take quizzes, but your answers will be gone when you close the tab.',
	blocked:
		'Byline is open in another tab with an older version. Close the other tabs to keep saving progress; until then, answers here last only until this tab closes.',
	'upgraded-elsewhere':
		'A newer Byline opened in another tab. Reload this tab to keep saving progress; answers saved so far are kept.',
	cleared:
		'This browser closed Byline’s storage (its data may have been cleared). Reload this tab; if the data was cleared, answers from before are gone from this device.'
};

/** The failure behind an error from the progress store. */
export function failureOf(error: unknown): StorageFailure {
	return error instanceof StorageError ? error.failure : 'unknown';
}

/** What went wrong and what to do, when saving an answer or a move fails. */
export const SAVE_FAILURE_MESSAGES: Record<StorageFailure, string> = {
	quota:
		'Not saved: this device is out of space. Free some space (delete photos, files or apps), then press Try again.',
	'upgraded-elsewhere':
		'Not saved: a newer Byline opened in another tab and closed this tab’s storage. Reload this page; answers saved before are kept.',
	cleared:
		'Not saved: this browser closed Byline’s storage (its data may have been cleared). Reload this page; if the data was cleared, start the quiz again.',
	timeout: 'Not saved: this device’s storage did not answer in time. Press Try again.',
	invalid: 'Not saved: this quiz has no questions to save. Start a new quiz from a story.',
	unknown:
		'Not saved: this device’s storage failed. Press Try again; if it keeps failing, reload this page.'
};

/** What went wrong and what to do, when reading progress fails. */
export const READ_FAILURE_MESSAGES: Record<StorageFailure, string> = {
	quota:
		'Your progress could not be read: this device is out of space. Free some space, then reload.',
	'upgraded-elsewhere':
		'Your progress could not be read: a newer Byline opened in another tab. Reload this page.',
	cleared:
		'Your progress could not be read: this browser closed Byline’s storage (its data may have been cleared). Reload this page.',
	timeout:
		'Your progress could not be read: this device’s storage did not answer in time. Reload this page.',
	invalid: 'Your progress could not be read. Reload this page.',
	unknown:
		'Your progress could not be read: this device’s storage failed. Reload this page; if it keeps failing, restart the browser.'
};
