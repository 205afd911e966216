import { error } from '@sveltejs/kit';
import { base } from '$app/paths';
import type { StoryBundle, StorySummary } from '$lib/content/model';

type Fetch = typeof fetch;

/** The list of stories, from the prebuilt JSON. */
export async function fetchStories(fetch: Fetch): Promise<StorySummary[]> {
	const res = await fetch(`${base}/data/stories.json`);
	if (!res.ok) error(res.status, 'The list of stories could not be loaded.');
	return res.json();
}

/** One story's sources and questions, from the prebuilt JSON, loaded only by pages that need them. */
export async function fetchStory(fetch: Fetch, id: string): Promise<StoryBundle> {
	const res = await fetch(`${base}/data/stories/${encodeURIComponent(id)}.json`);
	if (res.status === 404) error(404, 'There is no such story.');
	if (!res.ok) error(res.status, 'This story could not be loaded.');
	return res.json();
}
