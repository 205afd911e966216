import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { guardWrites } from '$lib/app/progress.svelte';
import type { Answer, Attempt } from '$lib/quiz/attempt';
import { MemoryProgressStore, type ProgressStore } from '$lib/storage/progress-store';

const attempt: Attempt = {
	id: 'attempt-1',
	seed: 1,
	categories: ['dates'],
	questions: [{ storyId: 'story-a', questionId: 'q-a' }],
	position: 0,
	startedAt: 1_000,
	updatedAt: 1_000,
	finishedAt: null
};

const answer: Answer = {
	attemptId: 'attempt-1',
	questionId: 'q-a',
	storyId: 'story-a',
	category: 'dates',
	fingerprint: 'fp-q-a',
	response: { value: true },
	score: 1,
	answeredAt: 2_000
};

/** A store whose writes fail the way a full device fails them. */
function failing(error: unknown): ProgressStore {
	const store = new MemoryProgressStore();
	return Object.assign(store, {
		saveAttempt: vi.fn(async () => {
			throw error;
		}),
		recordAnswer: vi.fn(async () => {
			throw error;
		})
	});
}

let warn: ReturnType<typeof vi.spyOn>;

beforeEach(() => {
	warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
});

afterEach(() => {
	vi.restoreAllMocks();
});

describe('guardWrites', () => {
	it.each(['saveAttempt', 'recordAnswer'] as const)(
		'reports a %s that fails and resolves instead of throwing',
		async (method) => {
			const error = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
			const onFailure = vi.fn();
			const guarded = guardWrites(failing(error), onFailure);
			const write =
				method === 'saveAttempt' ? guarded.saveAttempt(attempt) : guarded.recordAnswer(answer);
			await expect(write).resolves.toBeUndefined();
			expect(onFailure).toHaveBeenCalledTimes(1);
			expect(onFailure).toHaveBeenCalledWith(error);
			expect(warn).toHaveBeenCalledTimes(1);
		}
	);

	it('reports a write that throws before it returns a promise', async () => {
		const error = new Error('gone');
		const store = Object.assign(new MemoryProgressStore(), {
			saveAttempt: () => {
				throw error;
			}
		});
		const onFailure = vi.fn();
		await expect(guardWrites(store, onFailure).saveAttempt(attempt)).resolves.toBeUndefined();
		expect(onFailure).toHaveBeenCalledWith(error);
	});

	it('passes writes that succeed through, without a report', async () => {
		const inner = new MemoryProgressStore();
		const onFailure = vi.fn();
		const guarded = guardWrites(inner, onFailure);
		await guarded.saveAttempt(attempt);
		await guarded.recordAnswer(answer);
		expect(onFailure).not.toHaveBeenCalled();
		expect(warn).not.toHaveBeenCalled();
		expect(await inner.getAttempt('attempt-1')).toEqual({ ...attempt, updatedAt: 2_000 });
		expect(await inner.answersFor('attempt-1')).toEqual([answer]);
	});

	it('passes reads through unchanged, and keeps the store’s kind', async () => {
		const inner = new MemoryProgressStore();
		await inner.saveAttempt(attempt);
		await inner.recordAnswer(answer);
		const guarded = guardWrites(inner, vi.fn());

		expect(guarded.kind).toBe('memory');
		expect(await guarded.getAttempt('attempt-1')).toEqual(await inner.getAttempt('attempt-1'));
		expect(await guarded.getAttempt('absent')).toBeUndefined();
		expect(await guarded.listAttempts()).toEqual(await inner.listAttempts());
		expect(await guarded.answersFor('attempt-1')).toEqual(await inner.answersFor('attempt-1'));
		expect(await guarded.readAll()).toEqual(await inner.readAll());
		expect(await guarded.questionStats()).toEqual(await inner.questionStats());
		expect((await guarded.readAll()).answers).toEqual([answer]);
	});

	it('lets a failing read fail: only writes are guarded', async () => {
		const error = new Error('unreadable');
		const store = Object.assign(new MemoryProgressStore(), {
			listAttempts: async () => {
				throw error;
			}
		});
		const onFailure = vi.fn();
		await expect(guardWrites(store, onFailure).listAttempts()).rejects.toBe(error);
		expect(onFailure).not.toHaveBeenCalled();
	});

	it('keeps a device store’s kind', () => {
		const device = Object.assign(new MemoryProgressStore(), { kind: 'device' as const });
		expect(guardWrites(device, vi.fn()).kind).toBe('device');
	});
});
