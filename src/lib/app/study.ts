import type { StorySummary } from '$lib/content/model';
import { planStudy } from '$lib/quiz/attempt';
import type { ProgressStore } from '$lib/storage/progress-store';
import { dueQueue, type DueQueue, type StudyItem, type StudyScope } from '$lib/study/queue';
import { studySettings, type StudyPrefs } from '$lib/study/settings';
import { fetchQuestions } from './data';
import type { NewAttemptDeps } from './quiz-session.svelte';

type Fetch = typeof fetch;

/** Everything study can ask, with each question's schedule, and the student's settings. */
export interface StudyState {
	items: StudyItem[];
	prefs: StudyPrefs;
	/** The titles of stories whose questions could not be loaded: left out of the queue. */
	missing: string[];
}

/**
 * Reads what study needs: schedules brought up to date (`ensureSchedules`), every story's
 * questions, and the settings. A story whose bank cannot be loaded is left out and named.
 */
export async function loadStudy(
	store: ProgressStore,
	stories: readonly StorySummary[],
	fetch: Fetch
): Promise<StudyState> {
	await store.ensureSchedules();
	const [stats, prefs, banks] = await Promise.all([
		store.questionStats(),
		store.studyPrefs(),
		// A story whose bank cannot be loaded (offline, never stored) is left out, and said.
		Promise.all(
			stories.map((s) =>
				fetchQuestions(fetch, s.id).then(
					(questions) => ({ storyId: s.id, questions }),
					() => ({ storyId: s.id, questions: null })
				)
			)
		)
	]);
	const cards = new Map(stats.map((s) => [s.questionId, s.card]));
	const missing = stories.filter((s) => banks.some((b) => b.storyId === s.id && !b.questions));
	const items = banks.flatMap(({ storyId, questions }) =>
		(questions ?? []).map((q) => {
			const card = cards.get(q.id);
			return {
				ref: { storyId, questionId: q.id },
				category: q.category,
				actors: q.actors,
				outlets: q.outlets,
				...(card ? { card } : {})
			};
		})
	);
	return { items, prefs, missing: missing.map((s) => s.title) };
}

/** Today's queue for a scope, in the device's time zone now. */
export function queueOf(state: StudyState, scope: StudyScope, now: number): DueQueue {
	return dueQueue(state.items, scope, studySettings(state.prefs), now);
}

/** Starts a study session of the queue (due first, then new) and saves it; its id, or null when empty. */
export async function startStudy(
	store: ProgressStore,
	queue: DueQueue,
	deps: NewAttemptDeps
): Promise<string | null> {
	const attempt = planStudy([...queue.due, ...queue.fresh], {
		id: deps.newId(),
		seed: deps.newSeed(),
		now: deps.now()
	});
	if (!attempt) return null;
	await store.saveAttempt(attempt);
	return attempt.id;
}
