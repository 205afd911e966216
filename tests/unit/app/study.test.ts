import { describe, expect, it } from 'vitest';
import { loadStudy, queueOf, startStudy } from '$lib/app/study';
import type { StorySummary } from '$lib/content/model';
import { MemoryProgressStore } from '$lib/storage/progress-store';
import { answer, attempt, bank, NOW, OUTLETS } from '../quiz/factory';

const summary = (id: string): StorySummary => ({
	id,
	title: `Story ${id}`,
	summary: '',
	date: '2022-09-07',
	outlets: OUTLETS,
	actors: [],
	counts: { dates: 0, actors: 0, quotes: 0, sources: 0 },
	differing: []
});

/** The built JSON, served from memory: banks for the stories named, nothing for the rest. */
function fakeFetch(banks: Record<string, unknown>): typeof fetch {
	return (async (input: RequestInfo | URL) => {
		const id = /\/data\/questions\/(.+)\.json$/.exec(String(input))?.[1];
		return id && id in banks
			? new Response(JSON.stringify(banks[id]), { status: 200 })
			: new Response('Not found', { status: 404 });
	}) as typeof fetch;
}

const deps = { now: () => NOW, newId: () => 'study-1', newSeed: () => 7 };

describe('loadStudy', () => {
	it('lists every story’s questions with their schedules, and names a story it could not load', async () => {
		const store = new MemoryProgressStore();
		const a = bank({ dates: 2, quotes: 1 }, 'a-');
		await store.saveAttempt(attempt('quiz-1', ['a-dates-1']));
		await store.recordAnswer(answer('a-dates-1', 0, NOW - 60_000, { attemptId: 'quiz-1' }));

		const study = await loadStudy(
			store,
			[summary('story-a'), summary('story-b')],
			fakeFetch({ 'story-a': a })
		);
		expect(study.missing).toEqual(['Story story-b']);
		expect(study.items.map((i) => i.ref.questionId)).toEqual(a.map((q) => q.id));
		expect(study.items.filter((i) => i.card).map((i) => i.ref.questionId)).toEqual(['a-dates-1']);

		const queue = queueOf(study, {}, NOW);
		expect(queue.due.map((i) => i.ref.questionId)).toEqual(['a-dates-1']);
		expect(queue.fresh.map((i) => i.ref.questionId)).toEqual(['a-dates-2', 'a-quotes-1']);

		const id = await startStudy(store, queue, deps);
		expect(id).toBe('study-1');
		expect(await store.getAttempt('study-1')).toMatchObject({
			mode: 'study',
			questions: [
				{ storyId: 'story-a', questionId: 'a-dates-1' },
				{ storyId: 'story-a', questionId: 'a-dates-2' },
				{ storyId: 'story-a', questionId: 'a-quotes-1' }
			]
		});
	});

	it('starts nothing when nothing is due and no new question is left', async () => {
		const store = new MemoryProgressStore();
		await store.saveStudyPrefs({ dayStartHour: 4, newPerDay: 0 });
		const study = await loadStudy(
			store,
			[summary('story-a')],
			fakeFetch({ 'story-a': bank({ dates: 2 }, 'a-') })
		);
		expect(await startStudy(store, queueOf(study, {}, NOW), deps)).toBeNull();
		expect(await store.listAttempts()).toEqual([]);
	});
});
