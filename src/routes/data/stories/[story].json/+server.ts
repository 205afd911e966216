import { error, json } from '@sveltejs/kit';
import type { StoryText } from '$lib/content/model';
import { checkedBundles, storyEntries } from '$lib/server/content-files';
import type { EntryGenerator, RequestHandler } from './$types';

export const prerender = true;

export const entries: EntryGenerator = storyEntries;

/** A story and its articles, without the questions. */
export const GET: RequestHandler = ({ params }) => {
	const bundle = checkedBundles().find((b) => b.story.id === params.story);
	if (!bundle) error(404, `No story "${params.story}"`);
	return json({ story: bundle.story, sources: bundle.sources } satisfies StoryText);
};
