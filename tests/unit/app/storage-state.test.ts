import { describe, expect, it } from 'vitest';
import {
	failureOf,
	READ_FAILURE_MESSAGES,
	SAVE_FAILURE_MESSAGES
} from '$lib/app/storage-state.svelte';
import { StorageError, type StorageFailure } from '$lib/storage/errors';

const failures: StorageFailure[] = [
	'quota',
	'upgraded-elsewhere',
	'cleared',
	'timeout',
	'invalid',
	'unknown'
];

describe('failureOf', () => {
	it.each(failures)('reads the failure a StorageError names (%s)', (failure) => {
		expect(failureOf(new StorageError(failure))).toBe(failure);
	});

	it.each([
		[
			'a QuotaExceededError not classified by a store',
			new DOMException('full', 'QuotaExceededError')
		],
		['an Error', new Error('boom')],
		['a thing that looks like a StorageError', { name: 'StorageError', failure: 'quota' }],
		['undefined', undefined]
	])('calls %s unknown', (_what, error) => {
		expect(failureOf(error)).toBe('unknown');
	});
});

describe('the failure messages', () => {
	it.each(failures)('say a save failed, and why (%s)', (failure) => {
		expect(SAVE_FAILURE_MESSAGES[failure]).toMatch(/^Not saved: \w/);
	});

	it.each(failures.filter((f) => f !== 'invalid'))(
		'give a way forward when a save failed (%s)',
		(failure) => {
			expect(SAVE_FAILURE_MESSAGES[failure]).toMatch(/Reload|Try again/);
		}
	);

	it.each(failures)('say what went wrong with a read (%s)', (failure) => {
		expect(READ_FAILURE_MESSAGES[failure]).toMatch(/^Your progress could not be read/);
		expect(READ_FAILURE_MESSAGES[failure]).toMatch(/reload/i);
	});
});
