import { error } from '@sveltejs/kit';
import { base } from '$app/paths';
import type { Question, StorySummary, StoryText } from '$lib/content/model';
import type { Banks } from '$lib/quiz/attempt';

type Fetch = typeof fetch;

async function getJson<T>(fetch: Fetch, path: string, what: string): Promise<T> {
	let res: Response;
	try {
		res = await fetch(`${base}${path}`);
	} catch {
		// Offline, and not stored on this device (the service worker stores everything it ships).
		error(503, `The ${what} could not be loaded: this device is offline and has not stored it.`);
	}
	if (res.status === 404) error(404, `There is no such ${what}.`);
	if (!res.ok) error(res.status, `The ${what} could not be loaded.`);
	return res.json();
}

/** The list of stories, from the prebuilt JSON. */
export function fetchStories(fetch: Fetch): Promise<StorySummary[]> {
	return getJson(fetch, '/data/stories.json', 'list of stories');
}

/** A story and its articles. */
export function fetchStory(fetch: Fetch, id: string): Promise<StoryText> {
	return getJson(fetch, `/data/stories/${encodeURIComponent(id)}.json`, 'story');
}

/** A story's questions: only pages that run or report on quizzes load them, and only when they do. */
export function fetchQuestions(fetch: Fetch, id: string): Promise<Question[]> {
	return getJson(fetch, `/data/questions/${encodeURIComponent(id)}.json`, 'question bank');
}

/**
 * The banks a quiz draws on: each named story's questions and outlets. A story the app no longer
 * lists is left out (its questions count as missing); a bank that cannot be fetched throws.
 */
export async function fetchBanks(
	fetch: Fetch,
	stories: readonly StorySummary[],
	ids: readonly string[]
): Promise<Banks> {
	const listed = stories.filter((s) => ids.includes(s.id));
	const banks = await Promise.all(
		listed.map(
			async (s) =>
				[s.id, { questions: await fetchQuestions(fetch, s.id), outlets: s.outlets }] as const
		)
	);
	return new Map(banks);
}
