import { describe, expect, it } from 'vitest';
import {
	classifyStorageError,
	StorageError,
	type ConnectionLoss,
	type StorageFailure
} from '$lib/storage/errors';

const dom = (name: string) => new DOMException(`a ${name}`, name);

describe('classifyStorageError', () => {
	const table: [string, unknown, ConnectionLoss, StorageFailure][] = [
		// A full device is named as such whatever else is known: freeing space is the way forward.
		['QuotaExceededError', dom('QuotaExceededError'), null, 'quota'],
		[
			'QuotaExceededError after an upgrade elsewhere',
			dom('QuotaExceededError'),
			'upgraded-elsewhere',
			'quota'
		],
		[
			'QuotaExceededError after the browser closed it',
			dom('QuotaExceededError'),
			'cleared',
			'quota'
		],
		['a plain object named QuotaExceededError', { name: 'QuotaExceededError' }, null, 'quota'],
		// A closed connection throws InvalidStateError; why it closed is what the student needs.
		['InvalidStateError, cause unknown', dom('InvalidStateError'), null, 'cleared'],
		[
			'InvalidStateError after an upgrade elsewhere',
			dom('InvalidStateError'),
			'upgraded-elsewhere',
			'upgraded-elsewhere'
		],
		[
			'InvalidStateError after the browser closed it',
			dom('InvalidStateError'),
			'cleared',
			'cleared'
		],
		[
			'AbortError after an upgrade elsewhere',
			dom('AbortError'),
			'upgraded-elsewhere',
			'upgraded-elsewhere'
		],
		['an Error after the browser closed it', new Error('closed'), 'cleared', 'cleared'],
		['TimeoutError', dom('TimeoutError'), null, 'timeout'],
		['AbortError', dom('AbortError'), null, 'unknown'],
		['UnknownError', dom('UnknownError'), null, 'unknown'],
		['DataCloneError', dom('DataCloneError'), null, 'unknown'],
		['an Error', new Error('boom'), null, 'unknown'],
		['a TypeError', new TypeError('x is not a function'), null, 'unknown'],
		['a string', 'QuotaExceededError', null, 'unknown'],
		['null', null, null, 'unknown'],
		['undefined', undefined, null, 'unknown'],
		['a number', 42, null, 'unknown'],
		['an object with a non-string name', { name: 7 }, null, 'unknown'],
		['an object with no name', {}, null, 'unknown']
	];

	it.each(table)('names %s', (_what, error, lost, failure) => {
		expect(classifyStorageError(error, lost)).toBe(failure);
	});

	it('takes the connection as not lost when not told', () => {
		expect(classifyStorageError(dom('InvalidStateError'))).toBe('cleared');
		expect(classifyStorageError(new Error('boom'))).toBe('unknown');
	});

	it.each<StorageFailure>([
		'quota',
		'upgraded-elsewhere',
		'cleared',
		'timeout',
		'invalid',
		'unknown'
	])('keeps the failure a StorageError already names (%s), whatever the connection', (failure) => {
		const error = new StorageError(failure);
		expect(classifyStorageError(error)).toBe(failure);
		expect(classifyStorageError(error, 'upgraded-elsewhere')).toBe(failure);
		expect(classifyStorageError(error, 'cleared')).toBe(failure);
	});
});

describe('StorageError', () => {
	it('is an Error that names its failure, and keeps its cause', () => {
		const cause = dom('QuotaExceededError');
		const error = new StorageError('quota', { cause });
		expect(error).toBeInstanceOf(Error);
		expect(error.name).toBe('StorageError');
		expect(error.failure).toBe('quota');
		expect(error.message).toContain('quota');
		expect(error.cause).toBe(cause);
	});

	it('has no cause unless given one', () => {
		expect(new StorageError('invalid')).not.toHaveProperty('cause');
	});
});
