/**
 * Why a storage read or write failed, in the terms a student can act on. Every failure of the
 * progress store is thrown as a `StorageError` carrying one of these.
 */
export type StorageFailure =
	/** The device (or the browser's share of it) is full. */
	| 'quota'
	/** Another tab opened a newer Byline, which closed this tab's connection. */
	| 'upgraded-elsewhere'
	/** The browser closed the connection: site data cleared, or storage failed underneath. */
	| 'cleared'
	/** The storage did not answer in time. */
	| 'timeout'
	/** A record that must never be stored (an attempt with no questions). */
	| 'invalid'
	| 'unknown';

export class StorageError extends Error {
	constructor(
		readonly failure: StorageFailure,
		options?: { cause?: unknown }
	) {
		super(`Byline storage: ${failure}`, options);
		this.name = 'StorageError';
	}
}

/** How the connection was lost, when it was: the store learns it from the database's events. */
export type ConnectionLoss = 'upgraded-elsewhere' | 'cleared' | null;

/** Names the failure behind an error IndexedDB threw or a transaction aborted with. */
export function classifyStorageError(error: unknown, lost: ConnectionLoss = null): StorageFailure {
	if (error instanceof StorageError) return error.failure;
	const name =
		typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
	if (name === 'QuotaExceededError') return 'quota';
	// Using a closed connection throws InvalidStateError; why it closed is what the student needs.
	if (lost) return lost;
	if (name === 'InvalidStateError') return 'cleared';
	if (name === 'TimeoutError') return 'timeout';
	return 'unknown';
}
